#!/usr/bin/env bash
# Make sure the cross-engine tests (tests/engines/) can run Firefox and WebKit:
# Debian's Firefox ESR, WebKitGTK's WebKitWebDriver (which brings its MiniBrowser), and
# Xvfb, the virtual display WebKitGTK needs. Installs what is missing with apt.
set -eu
. "$(dirname "$0")/apt-install.sh"
firefox="${FIREFOX:-/usr/bin/firefox-esr}"
driver="${WEBKIT_DRIVER:-/usr/bin/WebKitWebDriver}"
minibrowser="${MINIBROWSER:-/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser}"
missing=()
[ -x "$firefox" ] || missing+=(firefox-esr)
[ -x "$driver" ] || missing+=(webkit2gtk-driver)
[ -x "$minibrowser" ] || missing+=(libwebkit2gtk-4.1-0)
command -v Xvfb >/dev/null 2>&1 || missing+=(xvfb)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
apt_install "the cross-engine tests (Firefox and WebKit)" "${missing[@]}" && exit 0
cat >&2 <<MSG
error: the cross-engine tests need ${missing[*]} and apt is not available here.
Install Firefox ESR, WebKitGTK's WebKitWebDriver and MiniBrowser, and Xvfb with your
system's package manager, and set FIREFOX, WEBKIT_DRIVER and MINIBROWSER to their paths.
Without them the cross-engine tests are skipped on a developer's machine (and fail in CI).
MSG
exit 1
