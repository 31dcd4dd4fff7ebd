#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests.
# Uses $CHROMIUM if set, else Debian's /usr/bin/chromium, installing it with apt when missing.
set -eu
target="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$target" ]; then
  exit 0
fi
if [ -n "${CHROMIUM:-}" ]; then
  echo "error: CHROMIUM is set to $CHROMIUM but nothing executable is there." >&2
  exit 1
fi
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    as_root=()
  elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
  else
    echo "error: Chromium is missing and installing it needs root: run 'apt-get install -y chromium' as root." >&2
    exit 1
  fi
  echo "Installing Debian's chromium package for the browser tests..."
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
  exit 0
fi
cat >&2 <<'MSG'
error: Chromium is needed for the browser tests and apt is not available here.
Install Chromium (or Google Chrome) with your system's package manager and run:
  CHROMIUM=/path/to/chromium make test
MSG
exit 1
