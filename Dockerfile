# syntax=docker/dockerfile:1
# Vouch: one stateless server process. See docs/deployment.md.
#
#   docker build -t vouch .
#   docker run --rm -p 8080:8080 -v vouch-data:/var/lib/vouch vouch      (embedded store, one instance)

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies: production packages only, installed from the lock file
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
ENV SCARF_ANALYTICS=false
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# ---- runtime
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=8080 \
    HOST=0.0.0.0 \
    DATA_DIR=/var/lib/vouch
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY bin ./bin
COPY migrations ./migrations
COPY src ./src
# Compile the TypeScript sources once, at build time, into node_modules/.cache/vouch (bin/vouch.js does
# this on first start otherwise; the image's files are read-only to the server's user).
RUN node bin/vouch.js --version \
 && mkdir -p /var/lib/vouch \
 && chown node:node /var/lib/vouch
USER node
VOLUME ["/var/lib/vouch"]
EXPOSE 8080
# Ready: the database takes a write, the jobs' tables answer, the key matches, the blob store answers.
HEALTHCHECK --interval=15s --timeout=6s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/vouch.js"]
CMD ["serve"]
