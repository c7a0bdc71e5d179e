#!/usr/bin/env bash
# A region's set-up on one machine, all on loopback: PostgreSQL 15, three Guichet nodes sharing it,
# HAProxy in front of them; demo data and accounts the first time. Prints the address to open;
# Ctrl-C stops everything (the folder stays: the next run starts on the same data; delete it to
# start afresh).
#   CLUSTER_DIR   where the database, the nodes' folders and the logs go (default ./cluster-demo)
#   PORT          HAProxy's port, the address people use (default 8080); nodes on PORT+1..PORT+3
#   PG_PORT       PostgreSQL's port (default 55433)
#   DEMO_RECORDS  demo records the first time (default 5000)
#   GUICHET_BIN   a guichet binary already built (default: builds the release one)
#   GUICHET_SERVE_ARGS  more options for every node's `guichet serve` (e.g. "--outbox-retry 10")
# Every node gets the environment, GUICHET_SMTP_URL and the other GUICHET_* settings included.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(realpath -m "${CLUSTER_DIR:-cluster-demo}")
port=${PORT:-8080}; pg_port=${PG_PORT:-55433}; records=${DEMO_RECORDS:-5000}
bash scripts/system-packages.sh postgresql-15 haproxy curl
if [ -z "${GUICHET_BIN:-}" ]; then
  swift build -c release --product guichet
  GUICHET_BIN=.build/release/guichet
fi
bin=$(realpath "$GUICHET_BIN")
mkdir -p "$dir"

stop() {
  trap "" EXIT INT TERM  # a second Ctrl-C does not cut the stop short
  for pidfile in "$dir"/*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
  done
  sleep 1
  bash scripts/postgres.sh stop "$dir/postgres"
  rm -f "$dir"/*.pid
  echo "cluster stopped (its data stays in $dir)"
}
trap stop EXIT INT TERM

bash scripts/postgres.sh start "$dir/postgres" "$pg_port" >/dev/null
psql -h 127.0.0.1 -p "$pg_port" -U postgres -qtAc "SELECT 1 FROM pg_database WHERE datname = 'guichet'" | grep -q 1 \
  || psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE guichet"
database="postgres://postgres@127.0.0.1:$pg_port/guichet"

# Started together: one node migrates and fills the empty database, the others wait for it.
for i in 1 2 3; do
  mkdir -p "$dir/node-$i"
  GUICHET_NODE_DIR="$dir/node-$i" "$bin" serve --database "$database" --demo --demo-records "$records" \
    --port $((port + i)) --trusted-proxy 127.0.0.1 --public-url "http://localhost:$port" \
    --photo-cache "$dir/node-$i/photos" ${GUICHET_SERVE_ARGS:-} >"$dir/node-$i.log" 2>&1 &
  echo $! >"$dir/node-$i.pid"
done
for i in 1 2 3; do
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$((port + i))/health" >/dev/null && break
    kill -0 "$(cat "$dir/node-$i.pid")" 2>/dev/null || { echo "node $i stopped: see $dir/node-$i.log" >&2; tail -5 "$dir/node-$i.log" >&2; exit 1; }
    sleep 1
  done
done

GUICHET_PORT=$port NODE1_PORT=$((port + 1)) NODE2_PORT=$((port + 2)) NODE3_PORT=$((port + 3)) \
  haproxy -db -f scripts/cluster/haproxy.cfg >"$dir/haproxy.log" 2>&1 &
echo $! >"$dir/haproxy.pid"
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done

grep -h -A5 "^Demo accounts" "$dir"/node-*.log | head -7 || true
echo
echo "Guichet, 3 nodes behind HAProxy on one PostgreSQL database: http://localhost:$port/login"
echo "  nodes: http://127.0.0.1:$((port + 1)) $((port + 2)) $((port + 3)); logs and pids in $dir; Ctrl-C stops everything"
wait
