# One image for every cex-gateway process (the six services, the simulated venues, the CLI);
# the command picks which. Health: grpc.health.v1 of the process itself (scripts/healthcheck.js).
FROM node:20-bookworm-slim AS build
# better-sqlite3 (the fill journal) compiles from source when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
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
# libs/mexc-proto generates its code from protos/ when installed.
COPY protos protos
COPY libs/mexc-proto libs/mexc-proto
RUN npm ci --no-audit --no-fund
COPY libs libs
COPY services services
COPY clients clients
COPY cli cli
COPY soak soak
COPY scripts scripts
# --ignore-scripts: pruning would re-run libs/mexc-proto's prepare script, whose generator
# (protobufjs-cli) is one of the dev dependencies being removed; its output is already built.
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# A 1 MB young generation: ~20 MB less memory per service (see the README's benchmarks).
ENV NODE_OPTIONS=--max-semi-space-size=1
COPY --from=build /app /app
# The journal lives on a volume mounted here (CEXGW_JOURNAL_PATH=/data/<venue>-journal.sqlite).
RUN mkdir -p /data && chown node:node /data
USER node
# Simulated venues have no gRPC server: their compose entries replace this check.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 CMD ["node", "scripts/healthcheck.js"]
CMD ["node", "services/market-data/dist/main.js"]
