#!/usr/bin/env bash
# Builds Guichet, generates demo records, imports them into ./guichet.sqlite and answers searches.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
swift build -c release --product guichet
guichet=".build/release/guichet"
export GUICHET_DB="${GUICHET_DB:-guichet.sqlite}"
if [ ! -f demo-data/communes.json ]; then
  "$guichet" demo-data --records "${DEMO_RECORDS:-5000}" --out demo-data
fi
"$guichet" import demo-data
echo; echo '$ guichet search --q "gite" --near Annecy --radius 15 --limit 5'
"$guichet" search --q "gite" --near Annecy --radius 15 --limit 5
echo; echo '$ guichet search --category manifestations --from 2026-07-01 --to 2026-07-31 --limit 5'
"$guichet" search --category manifestations --from 2026-07-01 --to 2026-07-31 --limit 5
echo; echo '$ guichet communes --q "st etienne"'
"$guichet" communes --q "st etienne"
echo; echo "Try: $guichet search --q TEXT [--type T] [--near PLACE --radius KM] [--json]   (database: $GUICHET_DB)"
