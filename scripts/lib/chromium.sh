# Debian's Chromium for the browser tests (Playwright launches it by path; no browser is ever downloaded).
# Sourced by scripts/test.sh. Exports EMPORIUM_CHROMIUM. Chromium is started and stopped by the tests
# themselves, so there is nothing to stop here.

ensure_chromium_installed() {
  if [ ! -x /usr/bin/chromium ]; then
    echo "test: installing Chromium (Debian package chromium)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
  export EMPORIUM_CHROMIUM=/usr/bin/chromium
}
