# syntax=docker/dockerfile:1
#
# One image for both production processes:
#   API    (default)  node dist/src/api/main.js
#   worker            node --max-semi-space-size=4 dist/src/worker/main.js   (docker-compose.yml overrides the command)
# The worker bundles the workflow code from dist/workflows at start, so the
# compiled workflows/ folder ships in the image next to src/ and activities/.
# The image holds the product and nothing else: the development harness (dev/:
# launchers, the partner simulator, tools, benchmarks) is never copied in, and
# its packages (embedded-postgres, ...) are dev dependencies, pruned below
# (test/unit/deploy/production-image.test.ts checks both). The partner simulator has
# an image of its own for docker-compose.yml (dev/sandboxes/Dockerfile).
#
# Base image: Node.js 24 LTS (supported until 2028-04-30) on Debian 13 "trixie", the
# current Debian stable (bookworm is oldstable). Pinned to the exact release CI also
# runs the suite on (dev/tools/node24.ts; a unit test keeps the two equal). Both
# stages use the same image, so what `npm ci` installs in one runs in the other.

# ---- build: all dependencies, compile the product, then drop the dev dependencies
FROM node:24.19.0-trixie-slim AS build
WORKDIR /app

COPY package.json package-lock.json .npmrc ./
RUN npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY activities ./activities
RUN npm run build:product \
  && npm prune --omit=dev \
  && npm cache clean --force

# ---- runtime: production dependencies and compiled code, non-root -------------
FROM node:24.19.0-trixie-slim AS runtime
# The build this image is, which its workers serve as their version of the deployment (Worker Versioning): the
# commit, given by whoever builds it (docker-compose.yml passes TEMPORAL_BUILD_ID). A production worker refuses to
# start without one.
ARG TEMPORAL_BUILD_ID=
ENV NODE_ENV=production \
    PORT=3000 \
    TEMPORAL_BUILD_ID=${TEMPORAL_BUILD_ID}
WORKDIR /app

# Owned by root and read-only for the process: the app writes nothing to its own folder.
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist

# `node` (uid 1000) comes with the official image.
USER node
# 3000: the API. 9465: its admin listener (/metrics, /docs, /openapi.json; production's default ADMIN_PORT), bound
# to 127.0.0.1 unless ADMIN_HOST names the private address a scraper reaches: never publish it.
EXPOSE 3000 9465
CMD ["node", "dist/src/api/main.js"]
