# ofsted-monitor: the daemon image (API + scheduler + workers, or workers only with `daemon --no-api --no-scheduler`).
# Node 24 is the Active LTS (20 reached end of life in April 2026, and some dependencies, e.g. cookie 2, already
# ask for Node >= 22); bookworm-slim because poppler-utils and chromium come from Debian 12's archive.
# tests/deploy/dockerfile-replay.test.ts replays these steps (RUN, COPY, ENV) outside Docker: keep one
# instruction per line of this plain form.

# build: compilers, every dependency, the TypeScript build. Also the dev compose profile's local Ofsted site.
FROM node:24-bookworm-slim AS build
# python3/make/g++: better-sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: our own `prepare` (tsc) would run here, before the sources exist (TS5058). Of the
# dependencies only better-sqlite3 needs its install script (prebuilt binary, or compile): run just that.
# npm ci works against the public registry; only this project's development mirror breaks it.
RUN npm ci --ignore-scripts --no-audit --no-fund
RUN npm rebuild better-sqlite3
COPY . .
RUN npm run build

# prod-deps: the same node_modules without devDependencies (typescript, tsx, pdfkit...). npm keeps typescript
# as "devOptional" because valibot (under @bull-board/api) names it an optional peer; nothing runs it: remove it.
FROM build AS prod-deps
RUN npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver

# runtime: what the daemon runs on; no compilers, no dev dependencies, not root.
FROM node:24-bookworm-slim AS runtime
# poppler-utils: pdftotext, the default PDF text extractor. chromium + fonts: the page fallback for script-only pages.
RUN apt-get update && apt-get install -y --no-install-recommends poppler-utils chromium fonts-liberation ca-certificates && rm -rf /var/lib/apt/lists/*
# Its own user, owning /data before VOLUME so a fresh named volume starts writable by it.
RUN groupadd --system ofsted && useradd --system --gid ofsted --home-dir /data --shell /usr/sbin/nologin ofsted && mkdir -p /data && chown ofsted:ofsted /data
WORKDIR /app
COPY --from=prod-deps /app/package.json ./package.json
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/bin ./bin

# NODE_OPTIONS: the heap settings of workers/service-node-options.ts (keep the two equal; a test checks).
# HOST: listen on every interface inside the container (outside it the default is loopback).
ENV NODE_ENV=production NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=8" CHROMIUM_PATH=/usr/bin/chromium DATABASE_URL=sqlite:/data/ofsted-monitor.db HOST=0.0.0.0 PORT=3000
VOLUME ["/data"]
USER ofsted
EXPOSE 3000
# For the default command (the daemon with its API). A container started with --no-api has nothing to
# answer here: give it `--no-healthcheck` (compose: `healthcheck: { disable: true }`).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "bin/ofsted-monitor.js"]
CMD ["daemon"]
