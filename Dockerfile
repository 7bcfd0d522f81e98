# The claimgraph API. It talks to the Neo4j named by NEO4J_URI (see docker-compose.yml), so the
# image needs neither Java nor Maven.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY . .
# the playground/explorer bundle cache and the data folder must be writable by the node user
RUN mkdir -p node_modules/.cache/claimgraph-web .claimgraph && chown -R node:node node_modules/.cache .claimgraph
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000 CLAIMGRAPH_DATA_DIR=/app/.claimgraph
EXPOSE 4000
USER node
# The same Node flags as `npm start` (package.json): a young generation of 64 MB per semi-space, so
# the short-lived objects of each request die young (tests/server/startFlags.test.ts checks they agree).
CMD ["node", "--max-semi-space-size=64", "src/bin/claimgraph.mjs", "serve"]
