#!/usr/bin/env bash
# Installs what the tests need and runs them: the Swift suites (swift test), then the browser tests
# of the web app in headless Chromium. Tests on ../shared/data (or $GUICHET_TESTDATA) skip, saying
# so, when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh chromium chromium-driver postgresql-15 haproxy curl
bash scripts/python-tools.sh
# The store suites run on PostgreSQL too: a throwaway cluster of our own, stopped on exit.
pgdir=$(mktemp -d /tmp/guichet-pg.XXXXXX)
trap 'bash scripts/postgres.sh stop "$pgdir"; rm -rf "$pgdir"' EXIT
export GUICHET_TEST_POSTGRES=$(bash scripts/postgres.sh start "$pgdir" "${GUICHET_TEST_POSTGRES_PORT:-55439}")
# The command-line and browser tests drive the built executable.
swift build --product guichet
swift test --disable-xctest "$@"
.venv-tools/bin/python Tests/Browser/desk_test.py
.venv-tools/bin/python Tests/Browser/tablet_test.py
# Three nodes behind HAProxy on one PostgreSQL database, real processes (scripts/cluster-demo.sh).
.venv-tools/bin/python Tests/Cluster/cluster_test.py
bash scripts/api-contract.sh
