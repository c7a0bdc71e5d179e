#!/usr/bin/env bash
# Installs the font packages named in Fonts/fonts.manifest and copies their files into
# Fonts/files/ (ignored by git), where the brochure renderer's fontconfig looks — and only there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p Fonts/files
grep -v '^#' Fonts/fonts.manifest | while IFS=$'\t' read -r family package licence files; do
  [ -n "$family" ] || continue
  missing=0
  for f in $files; do [ -f "$f" ] || missing=1; done
  if [ "$missing" = 1 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package"
  fi
  for f in $files; do cp -f "$f" Fonts/files/; done
done
