# lkj: Node 20 with the built CLI. Models and pdfjs data ship inside node_modules: nothing is
# downloaded when it runs.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY bin ./bin
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev
ENTRYPOINT ["node", "/app/bin/lkj.js"]
CMD ["--help"]
