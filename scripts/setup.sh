#!/usr/bin/env bash
# Installs what Storyprint needs on a Debian bookworm machine: apt packages (sudo when not root)
# and npm packages. Idempotent and quick when everything is there already.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(cmake ninja-build g++ clang llvm pkg-config libicu-dev icu-devtools libxxhash-dev catch2 libsodium-dev libstemmer-dev
              nlohmann-json3-dev emscripten binaryen dpkg-dev nodejs npm chromium firefox-esr python3)
SUDO=()
[[ $(id -u) == 0 ]] || SUDO=(sudo)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  # nodejs/npm may come from another source than Debian: a working command is enough.
  case $p in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[setup] installing: ${missing[*]}" >&2
  "${SUDO[@]}" apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# npm: reinstall only when package.json / package-lock.json changed since the last install.
stamp=node_modules/.storyprint-stamp
want=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
if [[ ! -f $stamp || $(cat "$stamp") != "$want" ]]; then
  echo "[setup] npm install" >&2
  if [[ -f package-lock.json ]]; then npm ci --no-audit --no-fund --loglevel=error >&2
  else npm install --no-audit --no-fund --loglevel=error >&2; fi
  want=$(cat package.json package-lock.json 2>/dev/null | sha256sum | cut -c1-16)
  echo "$want" > "$stamp"
fi
