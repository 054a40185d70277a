# syntax=docker/dockerfile:1
# The portal's production image: Next's standalone server, its static files and what `prisma migrate deploy`
# needs, run as a non-root user. Migrations are applied at start by scripts/docker-entrypoint.sh
# (SKIP_MIGRATIONS=1 skips them, e.g. when a release job runs them once for several replicas).
#   docker build -t payments-integration-portal .
#   docker compose up -d portal        (see docker-compose.yml and .env.example)

FROM node:20-slim AS base
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /app

# Every dependency from the lockfile; the postinstall runs `prisma generate`, which needs the schema.
FROM base AS deps
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci

FROM deps AS builder
COPY . .
RUN ./node_modules/.bin/prisma generate \
  && ./node_modules/.bin/next build \
  && node scripts/copy-migrator-deps.mjs /migrate \
  && cp -r prisma prisma.config.ts /migrate/ \
  && mkdir -p public

FROM base AS runner
# Docker sets HOSTNAME to the container id; the standalone server listens on HOSTNAME.
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0
# node:20-slim ships the unprivileged `node` user (uid 1000); it can write only to .next/cache.
COPY --from=builder /app/.next/standalone ./
COPY --from=builder /app/.next/static ./.next/static
COPY --from=builder /app/public ./public
COPY --from=builder /migrate ./migrate
COPY scripts/docker-entrypoint.sh ./docker-entrypoint.sh
# Next's cache is the one place the server writes.
RUN mkdir -p .next/cache && chown node:node .next/cache
USER node
EXPOSE 3000
ENTRYPOINT ["/bin/sh", "/app/docker-entrypoint.sh"]
