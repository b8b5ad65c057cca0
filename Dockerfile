# khuyenhoc-bot — multi-stage build; runs as the unprivileged `node` user.
# Build:  docker build -t khuyenhoc-bot .
# Run:    docker run -e BOT_TOKEN=… -v khuyenhoc-data:/app/data khuyenhoc-bot
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/build.ts ./scripts/
COPY src ./src
# `npm run build`: the Prisma client is generated (WebAssembly engine, no native binary), then
# src/ (the client included) is compiled to plain JavaScript in dist/src (scripts/build.ts;
# dist/ holds relative links to ../node_modules, ../prisma, ../criteria, ../locales and
# ../package.json, which COPY keeps). Then the dev dependencies go, and tsx (with esbuild):
# only the build used it, the image runs plain node.
RUN npm run build \
 && npm prune --omit=dev \
 && npm uninstall --no-save --omit=dev tsx

FROM node:20-bookworm-slim
# Idle memory (issue 9, measured by `npm run bench:memory`): glibc gives a process up to 8 malloc
# arenas per core and Node's threads (libuv pool, V8's helpers) each take one, keeping freed
# memory in each — MALLOC_ARENA_MAX=2 shares two; V8 lets the young generation grow to 16 MB
# semi-spaces (×3 reserved), which a bot handling small updates never needs — 2 MB costs a few
# more (sub-millisecond) scavenges. Together 167 → 130 MB RSS at idle (10,000 members,
# PostgreSQL). NODE_OPTIONS applies to every node process here (bot, health check, migrations).
ENV NODE_ENV=production \
    HEARTBEAT_FILE=/tmp/khuyenhoc-bot.heartbeat \
    MALLOC_ARENA_MAX=2 \
    NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY locales ./locales
COPY criteria ./criteria
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# Webhook mode (BOT_MODE=webhook, WEBHOOK_URL, WEBHOOK_SECRET) listens on PORT (8080 by default):
# the Telegram webhook (POST, secret header checked) and GET /healthz.
EXPOSE 8080
# Webhook mode: /healthz (database answering, not stopping); polling: the heartbeat file.
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
# SIGTERM: stop taking updates, finish those in flight (up to 10 s), then close the database;
# give the container that long (`docker stop -t 30`, compose: stop_grace_period: 30s).
STOPSIGNAL SIGTERM
# Database migrations are an explicit step on a PostgreSQL server:
#   docker run … khuyenhoc-bot node dist/src/db/migrate-cli.js
# The compiled build (`npm run start:prod`), no TypeScript compiler at start.
CMD ["node", "dist/src/main.js"]
