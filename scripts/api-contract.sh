#!/usr/bin/env bash
# The JSON API against its OpenAPI document: a demo server on loopback, an office API token, and
# schemathesis generating requests from Sources/WebApp/Public/openapi.yaml. Fails on any server
# error (5xx) or any response that breaks the document.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
port=${GUICHET_CONTRACT_PORT:-8093}
guichet=${GUICHET_BINARY:-.build/debug/guichet}
"$guichet" serve --db "$work/contract.sqlite" --demo --demo-records 800 --port "$port" --photo-cache none > "$work/serve.log" 2>&1 &
server=$!
trap 'status=$?; kill -9 $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"; exit $status' EXIT
for _ in $(seq 1 120); do
  grep -q "listening" "$work/serve.log" && break
  sleep 1
done
grep -q "listening" "$work/serve.log" || { cat "$work/serve.log"; exit 1; }
token=$("$guichet" office token --db "$work/contract.sqlite" --office 1 --name schemathesis)
.venv-tools/bin/schemathesis run "http://127.0.0.1:$port/openapi.yaml" --url "http://127.0.0.1:$port" \
  -H "Authorization: Bearer $token" --checks all \
  --max-examples "${GUICHET_CONTRACT_EXAMPLES:-150}" --generation-deterministic
