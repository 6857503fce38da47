# syntax=docker/dockerfile:1
# The logic tier (apps/api). One image runs both the server and the migration job:
#   docker build -f deploy/docker/api.Dockerfile -t cartograph-api .      (context: the repository root)
#   docker run ... cartograph-api                                          -> node apps/api/dist/server.js
#   docker run ... cartograph-api node apps/api/dist/cli.js migrate        -> applies pending migrations
#
# apps/api/build.mjs bundles our own code (apps/api, packages/db with its generated Prisma client,
# packages/contracts) into dist/; npm packages stay external, so the runtime stage installs the
# API's production dependencies, and copies the few files the bundle reads from disk.

ARG NODE_VERSION=20.20.2

# --- base: Node plus the npm our lockfile and root package.json `allowScripts` are written for.
FROM node:${NODE_VERSION}-bookworm-slim AS base
ARG NPM_VERSION=11.19.1
# Node 20 ships npm 10, which ignores `allowScripts` and would run @prisma/engines' download.
RUN npm install --global "npm@${NPM_VERSION}" && npm cache clean --force
WORKDIR /app

# --- manifests: just what `npm ci` reads, so the dependency layers are cached until they change.
FROM base AS manifests
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/db/package.json packages/db/
COPY packages/contracts/package.json packages/contracts/
COPY e2e/package.json e2e/

# --- build: every dependency (dev included), `prisma generate` (the root postinstall), the bundle.
FROM manifests AS build
# `prisma generate` never runs the schema engine but insists that one exists; never download it.
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
    PRISMA_QUERY_ENGINE_LIBRARY=/bin/false \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1
COPY prisma/schema.prisma prisma/
COPY packages/db/scripts packages/db/scripts
COPY packages/db/prisma.config.ts packages/db/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY packages/db packages/db
COPY apps/api apps/api
RUN npm run build -w @cartograph/api

# --- runtime: production dependencies of the API workspace only, no install scripts (nothing to
# generate: the Prisma client is inside the bundle), no optional packages (embedded-postgres'
# PostgreSQL binaries are for local runs, never needed here).
FROM base AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    MIGRATIONS_DIR=/app/prisma/migrations
COPY --from=manifests /app/ ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --workspace @cartograph/api --no-audit --no-fund \
 && npm cache clean --force
COPY --from=build /app/apps/api/dist apps/api/dist
# Read at run time, beside the bundle: the migrations (server readiness and `cli.js migrate`),
# the common-password list of the password policy, the demo catalog of `cli.js seed`.
COPY prisma/migrations prisma/migrations
COPY apps/api/src/modules/auth/common-passwords.txt apps/api/src/modules/auth/
COPY packages/db/seed packages/db/seed
# The image's own `node` user; files stay root-owned, so the process cannot change its code.
USER 1000:1000
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "apps/api/dist/server.js"]
