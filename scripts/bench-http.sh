#!/usr/bin/env bash
# `/api/suggest` under load: a release build of `guichet serve --demo` (20,000 demo records by
# default) on loopback, driven by wrk for 20 s with 50 connections, through an office API token.
# Prints wrk's figures and the targets (≥ 5,000 req/s, p99 ≤ 20 ms on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh wrk
swift build -c release --product guichet
work=$(mktemp -d)
port=${GUICHET_BENCH_PORT:-8094}
.build/release/guichet serve --db "$work/bench.sqlite" --demo --demo-records "${GUICHET_BENCH_RECORDS:-20000}" --port "$port" --photo-cache none > "$work/serve.log" 2>&1 &
server=$!
trap 'status=$?; kill -9 $server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$work"; exit $status' EXIT
for _ in $(seq 1 300); do grep -q "listening" "$work/serve.log" && break; sleep 1; done
token=$(.build/release/guichet office token --db "$work/bench.sqlite" --office 1 --name bench)
wrk -t2 -c50 -d"${GUICHET_BENCH_SECONDS:-20}"s --latency -H "Authorization: Bearer $token" -s scripts/bench/suggest.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt"
echo
echo "targets: ≥ 5,000 req/s and p99 ≤ 20 ms on 2 cores (wrk shares those 2 cores with the server)"
grep -E "Requests/sec|99%" "$work/wrk.txt"
