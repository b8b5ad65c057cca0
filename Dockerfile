# khuyenhoc-bot — multi-stage build; runs as the unprivileged `node` user.
# Build:  docker build -t khuyenhoc-bot .
# Run:    docker run -e BOT_TOKEN=… -v khuyenhoc-data:/app/data khuyenhoc-bot
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY src ./src
# The Prisma client is generated here (WebAssembly engine, no native binary)
# and copied into the final stage with the sources.
RUN npx prisma generate --no-hints && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HEARTBEAT_FILE=/tmp/khuyenhoc-bot.heartbeat
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/prisma ./prisma
COPY locales ./locales
COPY criteria ./criteria
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# Webhook mode listens on PORT (8080 by default).
EXPOSE 8080
HEALTHCHECK --interval=60s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "--import", "tsx", "src/healthcheck.ts"]
# Database migrations are an explicit step on a PostgreSQL server:
#   docker run … khuyenhoc-bot node --import tsx src/db/migrate-cli.ts
CMD ["node", "--import", "tsx", "src/main.ts"]
