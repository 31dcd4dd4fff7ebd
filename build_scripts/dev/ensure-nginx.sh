#!/usr/bin/env bash
# Make sure nginx, with Debian's brotli_static module, is available for the hosting tests
# (tests/hosting/ start it with the shipped configuration on a loopback port).
# Uses $NGINX if set, else nginx on PATH or /usr/sbin/nginx, installing Debian's packages
# with apt when missing. Installing does not start a system nginx: the tests run their own.
set -eu
. "$(dirname "$0")/apt-install.sh"
packages=(nginx libnginx-mod-http-brotli-static)
brotli_module=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
found="${NGINX:-}"
if [ -n "$found" ]; then
  if [ -x "$found" ]; then
    exit 0
  fi
  echo "error: NGINX is set to $found but nothing executable is there." >&2
  exit 1
fi
found="$(command -v nginx || true)"
if [ -z "$found" ] && [ -x /usr/sbin/nginx ]; then
  found=/usr/sbin/nginx
fi
if [ -n "$found" ] && { [ -e "$brotli_module" ] || ! command -v apt-get >/dev/null 2>&1; }; then
  exit 0
fi
apt_install "the hosting tests (nginx)" "${packages[@]}" && exit 0
cat >&2 <<'MSG'
error: nginx is needed for the hosting tests and apt is not available here.
Install nginx (with the brotli_static module if you can) with your system's package manager and run:
  NGINX=/path/to/nginx make test
MSG
exit 1
