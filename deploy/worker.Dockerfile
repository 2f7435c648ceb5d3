# EventVault Temporal worker: workflows (pre-bundled) and activities. Build context: the repository root.
#   docker build -f deploy/worker.Dockerfile .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: compile activities (with its Prisma client), workflows and the worker, and bundle the workflows ---
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
# tsconfig.json as well: `prisma generate` chooses the generated client's import extensions from it.
COPY tsconfig.base.json tsconfig.json ./
COPY domain/ domain/
COPY workflows/ workflows/
COPY activities/ activities/
COPY worker/ worker/
# The worker's build also bundles the workflow code; the worker refuses to start without that bundle.
RUN npm run build --workspace activities \
  && npm run build --workspace worker \
  && node -e "require('node:fs').accessSync(require('./worker/dist/workflow-bundle').workflowBundlePath)"

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
