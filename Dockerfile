# liveblog-relay: multi-stage image. The build stage compiles sqlite3 (native) and bundles the
# TypeScript with esbuild (scripts/build.mjs); the runtime stage has node, the bundle in dist/ and
# production dependencies only (the bundle needs just sqlite3 from them): no compiler, no esbuild, no tsx. Build: docker build -t liveblog-relay .   (see README "Docker").

FROM node:20-bookworm-slim AS build
# sqlite3 (under @keyv/sqlite) is compiled from source here, so the binary matches this image's libc.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV npm_config_build_from_source=true
COPY package.json package-lock.json ./
# Scripts off for the install (prepare would build before the sources are copied); sqlite3's own
# build is run explicitly right after, from source.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild sqlite3 --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs ./scripts/build.mjs
COPY src ./src
COPY adapters ./adapters
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    STORE_URL=sqlite:///data/liveblog-relay.sqlite \
    HEALTH_PORT=8080 \
    HEALTH_HOST=127.0.0.1 \
    SHUTDOWN_GRACE_MS=10000
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# The image's code is root-owned and read-only to the bot; only /data is writable by it.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# /healthz answers within a second; a store or platform failing turns it 503 (unhealthy).
# The probe runs inside the container, so the endpoint stays on loopback and needs no token.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.HEALTH_PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM is the graceful stop (in-flight sends finish within SHUTDOWN_GRACE_MS). Give
# `docker stop` a longer timeout than that: docker stop -t 15, or stop_grace_period in compose.yaml.
STOPSIGNAL SIGTERM
# node as PID 1 handles SIGTERM itself (the CLI installs its handlers at start); no shell in between.
ENTRYPOINT ["node", "dist/cli.js"]
