#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster for tests, benchmarks and the cluster demo, on loopback.
#   scripts/postgres.sh start DIR PORT   initdb (once) and start; prints the admin URL
#   scripts/postgres.sh stop DIR         stop (fast)
# As root (CI) the cluster runs as the postgres user, which PostgreSQL requires; fsync is off
# (a test cluster is thrown away, never recovered).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
action=${1:?start|stop}; dir=${2:?folder}; port=${3:-55432}
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$action" in
  start)
    if [ ! -x "$bin/initdb" ]; then bash "$(dirname "$0")/system-packages.sh" postgresql-15 >&2; fi
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w -s start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=256MB"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w -s stop || true
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
