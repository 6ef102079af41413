#!/usr/bin/env bash
# The whole test suite: unit, integration (real nats-server) and end-to-end (kubesim up, kubectl).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent lint:deps
npx vitest run "$@"
