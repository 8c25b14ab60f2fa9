# Wheelhouse as a container: Next.js standalone output on a slim Node, as a non-root user, with a
# read-only root filesystem (writable paths are volumes, see deploy/30-deployment.yaml).
# Build: docker build -t wheelhouse .   (or podman build; BASE_IMAGE names an equivalent Node 20 on
# Debian bookworm where node:20-bookworm-slim cannot be pulled, as e2e/image/run.sh does)
ARG BASE_IMAGE=node:20-bookworm-slim
FROM ${BASE_IMAGE} AS build
WORKDIR /src
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# next build, then server.ts (Next through its custom-server API plus the terminal WebSocket)
# bundled into dist/server.mjs.
RUN WHEELHOUSE_STANDALONE=1 npm run build

FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOSTNAME=0.0.0.0 \
    WHEELHOUSE_AUTH_MODE=token \
    WHEELHOUSE_AUDIT_FILE=/var/lib/wheelhouse/audit.jsonl
WORKDIR /app
RUN groupadd --system --gid 10001 wheelhouse \
 && useradd --system --uid 10001 --gid wheelhouse --no-create-home --shell /usr/sbin/nologin wheelhouse \
 && mkdir -p /var/lib/wheelhouse /app/.next/cache \
 && chown wheelhouse:wheelhouse /var/lib/wheelhouse /app/.next/cache
# root-owned and not writable by the app: only the volumes above are.
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
COPY --from=build /src/public ./public
COPY --from=build /src/dist/server.mjs ./server.mjs
USER 10001:10001
EXPOSE 3000
# Not the standalone server.js (it cannot upgrade the terminal WebSocket): server.mjs runs the same
# Next server with the config the build recorded, and listens on $HOSTNAME:$PORT like server.js;
# instrumentation.ts refuses a non-loopback address unless token mode is on.
CMD ["node", "server.mjs"]
