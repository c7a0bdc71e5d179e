#!/usr/bin/env bash
# Installs the Debian packages Guichet builds with, plus any named as arguments (skips what is
# already there).
set -euo pipefail
packages=(libsqlite3-dev pkg-config sqlite3 python3-venv libcairo2-dev libpango1.0-dev librsvg2-dev libpoppler-glib-dev libqrencode-dev libcurl4-openssl-dev zlib1g-dev poppler-utils libjpeg-turbo-progs fonts-lato "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
bash "$(dirname "$0")/fonts.sh"
