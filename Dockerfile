# syntax=docker/dockerfile:1
#
# One image for both production processes:
#   API    (default)  node dist/src/api/main.js
#   worker            node dist/src/worker/main.js   (docker-compose.yml overrides the command)
# The worker bundles the workflow code from dist/workflows at start, so the
# compiled workflows/ folder ships in the image next to src/ and activities/.

# ---- build: all dependencies, compile, then drop the dev dependencies ----------
FROM node:20.19.5-bookworm-slim AS build
WORKDIR /app

COPY package.json package-lock.json .npmrc ./
RUN npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
RUN npm run build \
  && npm prune --omit=dev \
  && npm cache clean --force

# ---- runtime: production dependencies and compiled code, non-root -------------
FROM node:20.19.5-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app

# Owned by root and read-only for the process: the app writes nothing to its own folder.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# `node` (uid 1000) comes with the official image.
USER node
EXPOSE 3000
CMD ["node", "dist/src/api/main.js"]
