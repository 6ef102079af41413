#!/usr/bin/env bash
# Quickstart: set everything up, then run a 3-node cluster in the foreground (Ctrl-C stops it).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec node bin/kubesim up "$@"
