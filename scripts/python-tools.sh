#!/usr/bin/env bash
# Python tools the tests drive, in .venv-tools (git-ignored): a real SMTP server (aiosmtpd), the
# browser driver (selenium) and the API contract checker (schemathesis).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv-tools/bin/python ]; then
  python3 -m venv .venv-tools
fi
.venv-tools/bin/pip install --quiet --disable-pip-version-check "aiosmtpd==1.4.6" "selenium==4.51.0" "schemathesis==4.32.5" "axe-selenium-python==2.1.6"
