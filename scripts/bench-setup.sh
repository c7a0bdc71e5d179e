#!/usr/bin/env bash
# Set-up of `guichet bench brochure`: WeasyPrint and Typst (PyPI) in a virtual environment of
# their own, .bench-venv in the checkout (git-ignored) or the folder named as first argument. Run
# by the benchmark when the environment is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.bench-venv}
# A dangling link or a half-made environment: start again.
if [ ! -x "$venv/bin/python" ] && { [ -L "$venv" ] || [ -e "$venv" ]; }; then
  rm -rf "$venv"
fi
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check "weasyprint==70.0" "typst==0.15.2"
"$venv/bin/python" -c "import weasyprint, typst; print('bench tools: WeasyPrint', weasyprint.__version__, '/ typst', typst.__version__ if hasattr(typst, '__version__') else '0.15.2')"
