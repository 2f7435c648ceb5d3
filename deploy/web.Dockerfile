# EventVault web app: an Angular production build served by nginx; /config.json is written from the
# environment when the container starts, so one image runs everywhere. Build context: the repository root.
#   docker build -f deploy/web.Dockerfile .
ARG NODE_IMAGE=node:20.20.2-bookworm-slim
ARG NGINX_IMAGE=nginx:1.28.0-alpine

FROM ${NODE_IMAGE} AS build
ENV NG_CLI_ANALYTICS=false
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY domain/package.json domain/
COPY workflows/package.json workflows/
COPY activities/package.json activities/
COPY worker/package.json worker/
COPY api/package.json api/
COPY web/package.json web/
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY domain/ domain/
COPY web/ web/
COPY deploy/web/inline-script-hashes.cjs deploy/web/
# The shared domain package is compiled first: the web app imports it by package name.
RUN npm run build --workspace domain && npm run build --workspace web \
  && test -f web/dist/web/browser/index.html \
  && node deploy/web/inline-script-hashes.cjs web/dist/web/browser > inline-script-hashes.txt

FROM ${NGINX_IMAGE}
RUN rm -f /etc/nginx/conf.d/default.conf && mkdir -p /etc/nginx/eventvault
COPY deploy/web/nginx.conf /etc/nginx/conf.d/eventvault.conf
COPY deploy/web/40-eventvault-runtime-config.sh /docker-entrypoint.d/
RUN chmod 755 /docker-entrypoint.d/40-eventvault-runtime-config.sh
COPY --from=build /app/web/dist/web/browser /usr/share/nginx/html
COPY --from=build /app/inline-script-hashes.txt /etc/nginx/eventvault/
EXPOSE 8080
