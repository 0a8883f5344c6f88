# syntax=docker/dockerfile:1
# lkj: Node 20 (Debian bookworm) with the built CLI. Every native piece comes prebuilt from npm
# (sharp + libvips, @napi-rs/canvas, msgpackr-extract; tesseract.js and PGlite are WebAssembly),
# so no compiler or apt package is needed. OCR models (@tesseract.js-data, and the vendored fast
# Indonesian model in models/) and pdfjs data ship with it: nothing is downloaded when it runs.
#
# One image, every role: `lkj worker`, `lkj serve`, `lkj schedule`, `lkj ingest|status|extract…`.

# ---- build: install with dev dependencies, compile (npm ci runs `prepare` = `npm run build`:
# tsc → dist/, and the review app, vite → dist/web) -----------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
COPY web ./web
RUN npm ci && npm prune --omit=dev

# ---- runtime: production dependencies, dist (with dist/web), the fixtures corpus: `lkj serve`
# loads its sample reports into an empty database on first start (LKJ_SAMPLES=0: not) ---------
FROM node:20-bookworm-slim
# two malloc arenas: threads' own arenas only grew RSS (bin/lkj sets the same for `npx lkj`)
ENV NODE_ENV=production MALLOC_ARENA_MAX=2
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY models ./models
COPY workers ./workers
COPY fixtures/corpus ./fixtures/corpus
# embedded mode (no DATABASE_URL) keeps PGlite and originals in ./data; OCR model links go to $TMPDIR
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# `lkj worker` on SIGTERM stops taking jobs and finishes the active ones (give it the grace period
# of a page of OCR: stop_grace_period in docker-compose.yml); `serve` and `schedule` close cleanly
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "/app/bin/lkj.js"]
CMD ["--help"]
