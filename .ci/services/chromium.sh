# shellcheck shell=bash
# Sourced by scripts/run-tests (make test; as root in CI): Debian's Chromium for the browser tests in
# tests/browser, which Playwright drives with executable_path=/usr/bin/chromium
# (never a browser download), plus a small CJK font so the screenshots saved
# to test-artifacts/ show the Chinese text. Nothing to start, nothing exported.

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium || return 1
fi
if ! fc-list :lang=zh 2>/dev/null | grep -q .; then
  apt_install fonts-wqy-microhei || echo "ci: no CJK font; screenshots will show boxes" >&2
fi
