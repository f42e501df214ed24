# giftbot in a container: `docker build -t giftbot .`, then see the README ("Docker").
# Three stages: build compiles TypeScript with every dev dependency; deps installs only the
# production dependencies (better-sqlite3's native part included); the runtime gets those, dist/
# and the data files the server reads, and nothing else.
# BASE_IMAGE: Node 22 LTS on Debian slim; any Debian-based image with node and npm works.
ARG BASE_IMAGE=node:22-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the sources are not here yet (prepare would build), and compiling needs no native module.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

FROM ${BASE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prepare-build.mjs ./scripts/
# prepare finds no TypeScript here and skips the build; better-sqlite3 fetches its prebuilt binary.
RUN npm ci --omit=dev --no-audit --no-fund

FROM ${BASE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=3978 \
    DATA_DIR=/app/data \
    KNOWLEDGE_DIR=/app/knowledge \
    DIALOGS_DIR=/app/dialogs \
    MACROS_DIR=/app/macros
WORKDIR /app
# Its own unprivileged user; the code stays root-owned (read-only to it), only DATA_DIR is its.
RUN groupadd --system giftbot \
 && useradd --system --gid giftbot --home-dir /app --no-create-home --shell /usr/sbin/nologin giftbot \
 && mkdir -p /app/data && chown giftbot:giftbot /app/data
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY bin ./bin
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/bundles ./dist/bundles
COPY knowledge ./knowledge
COPY dialogs ./dialogs
COPY macros ./macros
COPY public ./public
COPY manifest ./manifest
USER giftbot
# SQLite, transcripts and the handoff queue live here: keep it on a volume.
VOLUME ["/app/data"]
EXPOSE 3978
# Liveness only (/healthz); slim images have no curl, so node asks.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=32", "bin/giftbot.js", "serve"]
