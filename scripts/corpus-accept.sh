#!/usr/bin/env bash
# Which example manifests a running kubesim accepts: each file created with kubectl into a namespace
# of its own (so names never collide); prints one line per file and the totals.
#   scripts/corpus-accept.sh [SERVER] [CORPUS_DIR]
set -uo pipefail
SERVER=${1:-http://127.0.0.1:8080}
CORPUS=${2:-$(dirname "$0")/../../shared/corpus/k8s-docs-examples}
ok=0; refused=0; i=0
while IFS= read -r f; do
  i=$((i + 1)); ns="corpus-$i"
  # A file that names its namespace goes there (created first); the others into a namespace of their own.
  own=""
  if grep -qE '^[[:space:]]*"?namespace"?:' "$f"; then
    own=$(kubectl -s "$SERVER" create --dry-run=client --validate=false -o jsonpath='{.metadata.namespace}' -f "$f" 2>/dev/null | head -c 63)
  fi
  if [ -n "$own" ]; then ns=$own; fi
  kubectl -s "$SERVER" create namespace "$ns" >/dev/null 2>&1
  if out=$(kubectl -s "$SERVER" create -n "$ns" -f "$f" 2>&1); then
    ok=$((ok + 1)); echo "accepted  ${f#$CORPUS/}"
  else
    refused=$((refused + 1)); echo "REFUSED   ${f#$CORPUS/}: $(echo "$out" | grep -v ' created$' | tr '\n' ' ' | cut -c1-300)"
  fi
done < <(find "$CORPUS" -name '*.yaml' | sort)
echo "accepted $ok of $((ok + refused)) files, refused $refused"
