#!/usr/bin/env bash
# Make sure a Chromium is available for the browser tests.
# Uses $CHROMIUM if set, else Debian's /usr/bin/chromium, installing it with apt when missing.
set -eu
. "$(dirname "$0")/apt-install.sh"
target="${CHROMIUM:-/usr/bin/chromium}"
if [ -x "$target" ]; then
  exit 0
fi
if [ -n "${CHROMIUM:-}" ]; then
  echo "error: CHROMIUM is set to $CHROMIUM but nothing executable is there." >&2
  exit 1
fi
apt_install "the browser tests (Chromium)" chromium && exit 0
cat >&2 <<'MSG'
error: Chromium is needed for the browser tests and apt is not available here.
Install Chromium (or Google Chrome) with your system's package manager and run:
  CHROMIUM=/path/to/chromium make test
MSG
exit 1
