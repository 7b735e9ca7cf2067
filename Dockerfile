# syntax=docker/dockerfile:1
# One image per app, all from this file:
#   docker build --build-arg APP=account-service -t atrest/account-service .
# (docker compose up builds all six, see docker-compose.yml.)

ARG NODE_IMAGE=node:22-bookworm-slim

# Every dependency (dev included: swc builds the code).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Fixes to dependencies (patch-package, run by npm ci's postinstall): see patches/README.md.
COPY patches patches
RUN npm ci --no-audit --no-fund --loglevel=error

# dist/ for every app and lib, exactly as `npm run build` makes it.
FROM deps AS build
ARG APP
RUN test -n "${APP}" || { echo "build with --build-arg APP=<one of apps/>" >&2; exit 1; }
COPY .swcrc tsconfig.base.json tsconfig.json ./
COPY scripts/build.sh scripts/build.sh
COPY libs libs
COPY apps apps
RUN bash scripts/build.sh
RUN test -f "dist/apps/${APP}/src/main.js" || { echo "no app named ${APP} under apps/" >&2; exit 1; }
# The app's default port, read from its config schema: the HEALTHCHECK uses it when PORT is unset.
RUN node -e "const { configSchema } = require('./dist/apps/${APP}/src/config.js'); \
  process.stdout.write(String(configSchema.shape.PORT.parse(undefined)))" > dist/default-port

# Runtime dependencies only.
FROM deps AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund --loglevel=error

FROM ${NODE_IMAGE} AS runtime
ARG APP
# ATREST_DEV_DIR: the gateway's dev CA and token key, in the writable home of the "node" user.
ENV NODE_ENV=production \
    APP=${APP} \
    HOST=0.0.0.0 \
    ATREST_DEV_DIR=/home/node/.atrest/dev-ca
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY package.json ./
COPY --from=build /app/dist/libs dist/libs
COPY --from=build /app/dist/apps/${APP} dist/apps/${APP}
COPY --from=build /app/dist/default-port dist/default-port
# Files stay root-owned (read-only to the app); the app runs as the image's unprivileged "node" user.
# Its one writable data folder (blob-data-service's extent files): a volume mounted there starts owned by "node".
RUN mkdir -p /var/lib/atrest/extents && chown node:node /var/lib/atrest/extents
USER node
# Liveness: GET /health on PORT (or the app's default port).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const port = process.env.PORT || require('fs').readFileSync('/app/dist/default-port', 'utf8'); fetch('http://127.0.0.1:' + port + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is PID 1 and gets SIGTERM from `docker stop` (graceful shutdown).
# V8's heap settings are scripts/run-system.js's NODE_FLAGS (it says why); on the command line, since
# NODE_OPTIONS refuses --heap-growing-percent.
CMD exec node --enable-source-maps --max-old-space-size=384 --heap-growing-percent=100 dist/apps/${APP}/src/main.js
