# EventVault Temporal worker: workflows (pre-bundled) and activities. Build context: the repository root.
#   docker build -f deploy/worker.Dockerfile .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: compile activities (with its Prisma client), workflows and the worker; bundle the workflow code ---
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY domain/package.json domain/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY worker/package.json worker/
COPY api/package.json api/
COPY web/package.json web/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json ./
COPY domain/ domain/
COPY workflows/ workflows/
COPY activities/ activities/
COPY worker/ worker/
# The worker refuses to start without dist/workflow-bundle.js; write it here if the build script did not.
RUN npm run build --workspace activities \
  && npm run build --workspace worker \
  && (test -f worker/dist/workflow-bundle.js || node worker/dist/workflow-bundle.js) \
  && test -f worker/dist/workflow-bundle.js

# --- production dependencies of the worker and the workspaces it imports ---
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY domain/package.json domain/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY worker/package.json worker/
COPY api/package.json api/
COPY web/package.json web/
RUN npm ci --omit=dev --workspace worker --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM ${NODE_IMAGE}
# pdftoppm renders scanned PDF pages for OCR (see docs: PLATFORM.md, poppler-utils).
RUN apt-get update \
  && apt-get install -y --no-install-recommends poppler-utils \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/domain/package.json domain/
COPY --from=build /app/domain/dist domain/dist
COPY --from=build /app/workflows/package.json workflows/
COPY --from=build /app/workflows/dist workflows/dist
COPY --from=build /app/activities/package.json activities/
COPY --from=build /app/activities/dist activities/dist
COPY --from=build /app/worker/package.json worker/
COPY --from=build /app/worker/dist worker/dist
USER node
EXPOSE 9464
CMD ["node", "worker/dist/main.js"]
