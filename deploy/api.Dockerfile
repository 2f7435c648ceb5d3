# EventVault API (NestJS), also used by the compose `migrate` job. Build context: the repository root.
#   docker build -f deploy/api.Dockerfile .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# --- build: every workspace's dependencies, then compile activities (with its Prisma client) and the API ---
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
COPY api/ api/
RUN npm run build --workspace activities && npm run build --workspace api

# --- production dependencies of the API and the workspaces it imports, nothing else ---
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY domain/package.json domain/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY worker/package.json worker/
COPY api/package.json api/
COPY web/package.json web/
RUN npm ci --omit=dev --workspace api --ignore-scripts --no-audit --no-fund && npm cache clean --force

# --- runtime ---
FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/domain/package.json domain/
COPY --from=build /app/domain/dist domain/dist
# The API imports the workflows' message definitions (update and query names), not their code paths.
COPY --from=build /app/workflows/package.json workflows/
COPY --from=build /app/workflows/dist workflows/dist
COPY --from=build /app/activities/package.json activities/
COPY --from=build /app/activities/dist activities/dist
COPY --from=build /app/activities/migrations activities/migrations
# schema.graphq[l]: copied when the build wrote it, skipped when it did not.
COPY --from=build --chown=node:node /app/api/package.json /app/api/schema.graphq[l] api/
COPY --from=build --chown=node:node /app/api/dist api/dist
COPY deploy/migrate.cjs deploy/
USER node
EXPOSE 3000
CMD ["node", "api/dist/main.js"]
