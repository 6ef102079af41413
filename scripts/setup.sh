#!/usr/bin/env bash
# Everything kubesim needs on a fresh clone: Node.js 20+, nats-server (JetStream), npm packages, a build.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1mkubesim setup:\033[0m %s\n' "$*" >&2; }

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ]; then
  say "Node.js 20 or newer is required (found: $(node --version 2>/dev/null || echo none))."
  exit 1
fi

if ! command -v "${KUBESIM_NATS_SERVER:-nats-server}" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing nats-server (Debian package)…"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y nats-server >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y nats-server >/dev/null; }
  else
    say "nats-server is required: 'sudo apt-get install -y nats-server' on Debian/Ubuntu,"
    say "or see https://docs.nats.io/running-a-nats-service/introduction/installation"
    exit 1
  fi
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages…"
  npm ci --no-audit --no-fund >/dev/null
fi

say "building…"
npm run --silent build
