# One image for every cex-gateway process (the six services, the simulated venues, the CLI);
# the command picks which. Health: grpc.health.v1 of the process itself (scripts/healthcheck.js).
#
# NODE_IMAGE: the Node.js 20 base. Where no container registry is reachable, a local stand-in
# built by scripts/docker/base-image.sh (docker build --build-arg NODE_IMAGE=...).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# better-sqlite3 (the fill journal) compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# The dependency layer: only what `npm ci` reads, so that source changes reuse it.
COPY package.json package-lock.json ./
# Every workspace's package.json, so that `npm ci` can resolve the workspace graph.
COPY libs/adapters/package.json libs/adapters/
COPY libs/grpc/package.json libs/grpc/
COPY libs/mexc-proto/package.json libs/mexc-proto/
COPY libs/venue-sim/package.json libs/venue-sim/
COPY libs/wire-contracts/package.json libs/wire-contracts/
COPY services/market-data/package.json services/market-data/
COPY services/trading/package.json services/trading/
COPY clients/typescript/package.json clients/typescript/
COPY cli/package.json cli/
COPY cli/bin cli/bin
COPY soak/package.json soak/
COPY live-smoke/package.json live-smoke/
# libs/mexc-proto generates its code from the vendored MEXC schema when installed.
COPY protos/mexc protos/mexc
COPY libs/mexc-proto/scripts libs/mexc-proto/scripts
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json ./
COPY protos protos
COPY libs libs
COPY services services
COPY clients clients
COPY cli cli
COPY soak soak
COPY live-smoke live-smoke
COPY scripts scripts
# --ignore-scripts: pruning would re-run libs/mexc-proto's prepare script, whose generator
# (protobufjs-cli) is one of the dev dependencies being removed; its output is already built.
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
# A 1 MB young generation: ~20 MB less memory per service. docker-compose.yml gives the
# market-data services 8 MB (the README's "Memory and GC").
ENV NODE_OPTIONS=--max-semi-space-size=1
COPY --from=build /app /app
# The journal lives on a volume mounted here (CEXGW_JOURNAL_PATH=/data/<venue>-journal.sqlite).
RUN mkdir -p /data && chown node:node /data
USER node
# Simulated venues have no gRPC server: their compose entries replace this check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "scripts/healthcheck.js"]
CMD ["node", "services/market-data/dist/main.js"]
