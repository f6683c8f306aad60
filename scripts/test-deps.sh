#!/bin/sh
# What the tests need beyond node_modules: Debian's Chromium (browser tests, driven by playwright-core;
# never `playwright install`) and python3-feedparser (feed tests). A no-op when both are present.
set -eu

missing=""
[ -x /usr/bin/chromium ] || missing="chromium"
/usr/bin/python3 -c 'import feedparser' >/dev/null 2>&1 || missing="$missing python3-feedparser"
[ -z "$missing" ] && exit 0

echo "test-deps: installing$missing (chromium python3-feedparser) with apt-get" >&2
if [ "$(id -u)" -eq 0 ]; then as_root=""; elif command -v sudo >/dev/null 2>&1; then as_root="sudo"; else
  echo "test-deps: not root and no sudo: install chromium and python3-feedparser by hand" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$as_root apt-get install -y chromium python3-feedparser || {
  $as_root apt-get update
  $as_root apt-get install -y chromium python3-feedparser
}
