#!/usr/bin/env bash
# Installs what the tests need and runs them. Tests on ../shared/data (or $GUICHET_TESTDATA) skip,
# saying so, when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
bash scripts/python-tools.sh
swift test --disable-xctest "$@"
