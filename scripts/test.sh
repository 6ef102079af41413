#!/usr/bin/env bash
# The whole test suite: unit, integration (real nats-server) and end-to-end (kubesim up, kubectl).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm run --silent lint:deps
# docs/events.md is generated from the event union: fail when someone changed the union without it.
node dist/scripts/gen-events-doc.js --check
# The OpenAPI schemas kubectl explain reads are generated from npm packages: fail when they drift.
node dist/scripts/gen-openapi-schemas.js --check
npx vitest run "$@"
