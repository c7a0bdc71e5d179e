#!/usr/bin/env bash
# `/api/suggest` under load: a release build of `guichet serve --demo` (20,000 demo records by
# default) on loopback, driven by wrk for 20 s with 50 connections, through an office API token.
# Two runs: a quiet one, then one during which 4 replies go to a mail server that never answers
# and 20 sign-ins run in parallel (bcrypt) — searches must not wait for either.
# Prints wrk's figures and the targets (≥ 5,000 req/s, p99 ≤ 20 ms on 2 cores; loaded p99 within
# 2× the quiet one). GUICHET_BENCH_ENGINE=postgres runs the node on a throwaway PostgreSQL cluster
# (on this machine, sharing its cores) instead of SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh wrk
swift build -c release --product guichet
work=$(mktemp -d)
port=${GUICHET_BENCH_PORT:-8094}
smtp_port=${GUICHET_BENCH_SMTP_PORT:-8095}
seconds=${GUICHET_BENCH_SECONDS:-20}
database=(--db "$work/bench.sqlite")
if [ "${GUICHET_BENCH_ENGINE:-sqlite}" = postgres ]; then
  chmod 755 "$work"
  database=(--database "$(bash scripts/postgres.sh start "$work/pg" $((port + 2)))")
fi
python3 scripts/bench/black-hole-smtp.py "$smtp_port" &
hole=$!
GUICHET_SMTP_URL="smtp://127.0.0.1:$smtp_port?starttls=never" GUICHET_SMTP_FROM="accueil@ot-annecy.example" GUICHET_NODE_DIR="$work/node" \
  .build/release/guichet serve "${database[@]}" --demo --demo-records "${GUICHET_BENCH_RECORDS:-20000}" --port "$port" \
  --photo-cache none > "$work/serve.log" 2>&1 &
server=$!
trap 'status=$?; kill $server $hole 2>/dev/null; wait $server $hole 2>/dev/null || true; [ -d "$work/pg" ] && bash scripts/postgres.sh stop "$work/pg"; rm -rf "$work"; exit $status' EXIT
for _ in $(seq 1 300); do grep -q "listening" "$work/serve.log" && break; sleep 1; done
token=$(.build/release/guichet office token "${database[@]}" --office 1 --name bench)
load() {
  wrk -t2 -c50 -d"${seconds}"s --latency -H "Authorization: Bearer $token" -s scripts/bench/suggest.lua "http://127.0.0.1:$port" | tee "$work/$1.txt"
}
echo "== quiet"
load quiet
echo
echo "== loaded: 4 replies to a mail server that never answers, 20 sign-ins in parallel"
python3 scripts/bench/disturb.py "http://127.0.0.1:$port" "$token" 4 20 > "$work/disturb.txt" &
disturb=$!
sleep 1
load loaded
wait $disturb || true
cat "$work/disturb.txt"
echo
echo "targets: ≥ 5,000 req/s and p99 ≤ 20 ms on 2 cores (wrk shares those 2 cores with the server); loaded p99 ≤ 2× quiet p99"
for run in quiet loaded; do echo "$run: $(grep -E "Requests/sec" "$work/$run.txt" | tr -s ' ') | p99 $(grep -E " 99%" "$work/$run.txt" | tr -s ' ')"; done
