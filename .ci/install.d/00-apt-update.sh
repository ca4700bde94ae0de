# shellcheck shell=bash
# Refresh the package lists once; the later steps install by name with apt_install_missing.
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq

# apt_install_missing STEP [APT-OPTION...] -- PACKAGE...
# Installs those PACKAGEs that are not installed yet, saying which under STEP's name; nothing (and
# no apt lock taken) when all of them are.
apt_install_missing() {
  local step="$1" options=() missing=() package
  shift
  while (($# > 0)) && [[ "$1" != "--" ]]; do
    options+=("$1")
    shift
  done
  (($# > 0)) || { echo "apt_install_missing: no -- before the packages" >&2; return 2; }
  shift
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "${package}" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("${package}")
  done
  if ((${#missing[@]} > 0)); then
    echo "${step}: installing ${missing[*]}"
    apt-get install -y -qq "${options[@]}" "${missing[@]}" >/dev/null
  fi
}
