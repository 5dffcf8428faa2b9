# ofsted-monitor: the daemon image (API + scheduler + workers, or workers only with `daemon --no-api --no-scheduler`).
FROM node:20-bookworm-slim

# poppler-utils: pdftotext, the default PDF text extractor. chromium: the page fallback for script-only
# pages. python3/make/g++: better-sqlite3 builds from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends poppler-utils chromium fonts-liberation python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
# npm ci fails on bullmq's optional platform packages on some mirrors; install honours the lock file.
RUN npm install --no-audit --no-fund --ignore-scripts=false
COPY . .
RUN npm run build && npm prune --omit=dev

# NODE_OPTIONS: the heap settings of workers/service-node-options.ts (keep the two equal; a test checks).
ENV NODE_ENV=production \
    NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=8" \
    CHROMIUM_PATH=/usr/bin/chromium \
    DATABASE_URL=sqlite:/data/ofsted-monitor.db
VOLUME ["/data"]
USER node
EXPOSE 3000
ENTRYPOINT ["node", "bin/ofsted-monitor.js"]
CMD ["daemon"]
