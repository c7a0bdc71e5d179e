#!/usr/bin/env bash
# Builds Guichet and runs the web app on http://localhost:8080 with an embedded SQLite database
# (./guichet.sqlite) filled, the first time, with 5,000 generated demo records, two offices and
# their demo accounts (printed below, password guichet-demo). Stop it with Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
swift build -c release --product guichet
export GUICHET_DB="${GUICHET_DB:-guichet.sqlite}"
exec .build/release/guichet serve --demo --demo-records "${DEMO_RECORDS:-5000}" --port "${PORT:-8080}" --host "${HOST:-127.0.0.1}"
