#!/usr/bin/env bash
# Set-up of `guichet bench brochure`: WeasyPrint and Typst (PyPI) in a virtual environment of
# their own, .bench-venv (git-ignored). Run by the benchmark when the environment is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .bench-venv/bin/python ]; then
  python3 -m venv .bench-venv
fi
.bench-venv/bin/pip install --quiet --disable-pip-version-check "weasyprint==70.0" "typst==0.15.2"
.bench-venv/bin/python -c "import weasyprint, typst; print('bench tools: WeasyPrint', weasyprint.__version__, '/ typst', typst.__version__ if hasattr(typst, '__version__') else '0.15.2')"
