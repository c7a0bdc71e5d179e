#!/usr/bin/env bash
# The counter under write load: 25 signed-in agents (wrk, 25 connections) posting the counter form
# (a new request each, thousands in all) for GUICHET_BENCH_SECONDS against one node on SQLite, one
# node on PostgreSQL, then two nodes on PostgreSQL behind HAProxy — the same run, one after the
# other, each on a fresh demo database. Prints each run's figures and the goal: two PostgreSQL
# nodes ≥ 1.6× one.
#   GUICHET_BENCH_SECONDS (15), GUICHET_BENCH_RECORDS (5000), GUICHET_BENCH_PORT (8180)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh wrk postgresql-15 haproxy curl
swift build -c release --product guichet
bin=$(realpath .build/release/guichet)
work=$(mktemp -d); chmod 755 "$work"
port=${GUICHET_BENCH_PORT:-8180}; pg_port=$((port + 50))
seconds=${GUICHET_BENCH_SECONDS:-15}; records=${GUICHET_BENCH_RECORDS:-5000}
nodes=()
stop_nodes() { for pid in "${nodes[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; nodes=(); }
trap 'stop_nodes; bash scripts/postgres.sh stop "$work/pg"; rm -rf "$work"' EXIT
bash scripts/postgres.sh start "$work/pg" "$pg_port" >/dev/null
postgres="postgres://postgres@127.0.0.1:$pg_port"

node() {  # name port database-options…
  local name=$1 at=$2; shift 2
  mkdir -p "$work/$name"
  GUICHET_NODE_DIR="$work/$name" "$bin" serve "$@" --demo --demo-records "$records" --port "$at" --photo-cache none \
    --trusted-proxy 127.0.0.1 >"$work/$name.log" 2>&1 &
  nodes+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$at/health" >/dev/null && return; sleep 0.5; done
  echo "$name did not start:"; tail "$work/$name.log"; exit 1
}

ticks() {  # CPU time (1/100 s) used so far by the processes named $1
  awk -v name="($1)" '$2 == name { sum += $14 + $15 } END { print sum + 0 }' /proc/[0-9]*/stat 2>/dev/null
}

run() {  # label base-url
  python3 scripts/bench/sign-in.py "$2" 25 >"$work/sessions"
  echo "== $1"
  local before_node before_pg
  before_node=$(ticks guichet); before_pg=$(ticks postgres)
  BENCH_SESSIONS="$work/sessions" BENCH_RUN="$1" wrk -t2 -c25 -d"${seconds}s" --latency -s scripts/bench/counter.lua "$2" | tee "$work/$1.txt"
  local answers node pg
  answers=$(grep '^answers' "$work/$1.txt" | sed -E 's/^answers ([0-9]+),.*/\1/')
  node=$(( $(ticks guichet) - before_node )); pg=$(( $(ticks postgres) - before_pg ))
  python3 -c "print(f'CPU per request: Guichet {$node * 10 / $answers:.2f} ms, PostgreSQL {$pg * 10 / $answers:.2f} ms')" | tee -a "$work/$1.txt"
}

node sqlite "$((port + 1))" --db "$work/bench.sqlite"
run sqlite-1-node "http://127.0.0.1:$((port + 1))"
stop_nodes

psql -h 127.0.0.1 -p "$pg_port" -U postgres -qc "CREATE DATABASE one" -c "CREATE DATABASE two"
node pg "$((port + 2))" --database "$postgres/one"
run postgres-1-node "http://127.0.0.1:$((port + 2))"
stop_nodes

node pg-a "$((port + 3))" --database "$postgres/two"
node pg-b "$((port + 4))" --database "$postgres/two"
cat >"$work/haproxy.cfg" <<CFG
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
frontend bench
    bind 127.0.0.1:$port
    default_backend nodes
backend nodes
    balance roundrobin
    server a 127.0.0.1:$((port + 3))
    server b 127.0.0.1:$((port + 4))
CFG
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
nodes+=($!)
sleep 0.5
run postgres-2-nodes "http://127.0.0.1:$port"
stop_nodes

echo
echo "25 agents posting counter forms for $seconds s, $(nproc) cores shared by the nodes, PostgreSQL, HAProxy and wrk:"
for label in sqlite-1-node postgres-1-node postgres-2-nodes; do
  printf '  %-17s %s; %s\n' "$label" "$(grep '^answers' "$work/$label.txt")" "$(grep '^CPU' "$work/$label.txt")"
done
rate() { grep '^answers' "$work/$1.txt" | sed -E 's/.* ([0-9]+) req\/s/\1/'; }
echo "  two PostgreSQL nodes / one: $(python3 -c "print(f'{$(rate postgres-2-nodes) / $(rate postgres-1-node):.2f}')")× (goal ≥ 1.6×)"
