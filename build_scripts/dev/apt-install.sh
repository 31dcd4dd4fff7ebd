#!/usr/bin/env bash
# apt_install WHAT PACKAGE...: install Debian packages for the tests, as root or through
# sudo. Sourced by ensure-chromium.sh and ensure-nginx.sh. Returns 2 when apt is not
# available here (the caller says what to do instead); exits with a message when
# installing needs root and neither root nor sudo is available.
apt_install() {
  local what="$1"
  shift
  command -v apt-get >/dev/null 2>&1 || return 2
  local as_root=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      as_root=(sudo)
    else
      echo "error: $what is missing and installing it needs root: run" >&2
      echo "  apt-get install -y $*" >&2
      echo "as root." >&2
      exit 1
    fi
  fi
  echo "Installing Debian's $* for $what..."
  # Checked one by one: a caller's "apt_install ... && exit 0" turns off set -e in here.
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q \
    || { echo "error: apt-get update failed" >&2; exit 1; }
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" \
    || { echo "error: apt-get could not install $*" >&2; exit 1; }
}
