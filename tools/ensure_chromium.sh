#!/usr/bin/env bash
# The browser tests (tests/test_browser.py) drive Debian's Chromium; no browser is ever downloaded.
# Install it where this machine allows (root, or password-less sudo, with apt-get); otherwise say in
# one line that those tests will be skipped. Never fails: CI=true makes the tests themselves fail.
[ -x /usr/bin/chromium ] && exit 0
if command -v apt-get >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else SUDO=none; fi
  if [ "$SUDO" != none ]; then
    echo "== Installing Debian's chromium for the browser tests (apt-get)"
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null && exit 0
  fi
fi
echo "== Browser tests will be skipped: /usr/bin/chromium is missing and cannot be installed here (Debian/Ubuntu: sudo apt-get install chromium)"
exit 0
