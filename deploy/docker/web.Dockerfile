# syntax=docker/dockerfile:1
# The presentation tier (apps/web):
#   docker build -f deploy/docker/web.Dockerfile -t cartograph-web .      (context: the repository root)
#   docker run -e API_URL=http://api:4000 ... cartograph-web               -> node dist/server.js in apps/web
#
# `npm run build -w @cartograph/web` runs `next build` and bundles the custom server to
# apps/web/dist/server.js; at run time it needs the built .next folder, next.config.ts and the
# web's production dependencies (next, react, ...).

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

# --- build: every dependency (the root postinstall generates the Prisma client, which the web
# never uses, but `npm ci` runs it), then the Next build and the server bundle.
FROM manifests AS build
ENV PRISMA_SCHEMA_ENGINE_BINARY=/bin/false \
    PRISMA_QUERY_ENGINE_LIBRARY=/bin/false \
    PRISMA_HIDE_UPDATE_MESSAGE=1 \
    CHECKPOINT_DISABLE=1 \
    NEXT_TELEMETRY_DISABLED=1
COPY prisma/schema.prisma prisma/
COPY packages/db/scripts packages/db/scripts
COPY packages/db/prisma.config.ts packages/db/
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages/contracts packages/contracts
COPY apps/web apps/web
RUN npm run build -w @cartograph/web \
 && rm -rf apps/web/.next/cache

# --- runtime: production dependencies of the web workspace only, without install scripts.
# Optional packages stay: Next loads its SWC binary (an optional package) to read next.config.ts.
FROM base AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOST=0.0.0.0 \
    PORT=3000
COPY --from=manifests /app/ ./
RUN npm ci --omit=dev --ignore-scripts --workspace @cartograph/web --no-audit --no-fund \
 && npm cache clean --force
# @cartograph/contracts is compiled into the .next chunks (transpilePackages); its own
# dependencies (zod, @backstage/catalog-model, ...) come with the install above.
COPY --from=build /app/apps/web/.next apps/web/.next
COPY --from=build /app/apps/web/dist apps/web/dist
COPY apps/web/next.config.ts apps/web/
# Next writes its cache (fetch and image caches) under .next/cache: the only writable place.
RUN mkdir -p apps/web/.next/cache && chown 1000:1000 apps/web/.next/cache
WORKDIR /app/apps/web
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/server.js"]
