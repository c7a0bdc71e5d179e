#!/usr/bin/env bash
# Installs what the tests need and runs them: the Swift suites (swift test), then the browser tests
# of the web app in headless Chromium. Tests on ../shared/data (or $GUICHET_TESTDATA) skip, saying
# so, when it is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh chromium chromium-driver
bash scripts/python-tools.sh
# The command-line and browser tests drive the built executable.
swift build --product guichet
swift test --disable-xctest "$@"
.venv-tools/bin/python Tests/Browser/desk_test.py
.venv-tools/bin/python Tests/Browser/tablet_test.py
bash scripts/api-contract.sh
