# One image for every kubesim service; the command picks the app.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY scripts scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/dist dist
COPY bin bin
# A numeric non-root user: works whether or not the base image defines one.
# The pki volume's mount point, owned by the user so that the apiserver can generate its credentials there.
RUN mkdir -p /var/lib/kubesim/pki && chown -R 10001:10001 /var/lib/kubesim
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["dist/apps/apiserver/src/main.js"]
