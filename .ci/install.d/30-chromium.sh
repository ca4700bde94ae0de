# shellcheck shell=bash
# The web app's browser tests (todo-api's *BrowserIT, todo-web's benchmark): Debian's Chromium and
# the chromedriver of the same version, at /usr/bin/chromium and /usr/bin/chromedriver where the
# tests look for them. Selenium Manager cannot download a browser here, so the Debian ones are used.
# Sourced by .ci/run as root; idempotent, and nothing to do when both are installed.

# apt_install_missing comes from 00-apt-update.sh, which .ci/run sources first; run on its own,
# this step sources it itself.
# shellcheck disable=SC1091 # (00-apt-update.sh is linted on its own; this path is only known at run time)
declare -F apt_install_missing >/dev/null || source "$(dirname "${BASH_SOURCE[0]}")/00-apt-update.sh"
export DEBIAN_FRONTEND=noninteractive

chromium_install_packages() {
  # fonts-dejavu-core: readable screenshots; the browser itself only recommends a font.
  local wanted=(chromium chromium-driver fonts-dejavu-core)
  apt_install_missing 30-chromium -- "${wanted[@]}"
}

chromium_install_packages
