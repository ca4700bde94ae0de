#!/usr/bin/env bash
#
# Writes what nginx can only learn when its container starts, as an http-level file that
# nginx.conf includes:
# - the resolver: the engine's DNS (Docker's 127.0.0.11, podman's aardvark-dns on the network's
#   gateway) as /etc/resolv.conf names it, so that nginx resolves the app's service name at
#   request time and follows a recreated app container to its new address;
# - the public HTTPS port (NGINX_PUBLIC_HTTPS_PORT, the host's published port), so that the
#   HTTP -> HTTPS redirect keeps a non-default one.
#   runtime-conf.sh OUTPUT_FILE
# Run by the nginx service's command before nginx starts (docker-compose.yml).

set -euo pipefail

main() {
  local output="${1:?usage: runtime-conf.sh OUTPUT_FILE}"
  local resolv_conf="${TODOLIST_RESOLV_CONF:-/etc/resolv.conf}"
  local port="${NGINX_PUBLIC_HTTPS_PORT:-443}"
  [[ "${port}" =~ ^[0-9]+$ ]] || { echo "runtime-conf: NGINX_PUBLIC_HTTPS_PORT is not a port: ${port}" >&2; exit 1; }

  local key value nameserver=""
  while read -r key value _; do
    if [[ "${key}" == nameserver && -n "${value}" ]]; then
      nameserver="${value}"
      break
    fi
  done < "${resolv_conf}"
  [[ -n "${nameserver}" ]] || { echo "runtime-conf: no nameserver in ${resolv_conf}" >&2; exit 1; }
  [[ "${nameserver}" != *:* ]] || nameserver="[${nameserver}]"

  local suffix=""
  [[ "${port}" == 443 ]] || suffix=":${port}"
  cat > "${output}" <<CONF
# Written by runtime-conf.sh when the container started; never edited by hand.
# Answers are trusted for 5 s: a recreated app container is found again within seconds. A query
# that gets no answer fails the request after 2 s with a 502, which users and the monitor (whose
# probes give up after 5 s) read as "the app is down"; nginx itself would send it again only after 5 s.
resolver ${nameserver} valid=5s ipv6=off;
resolver_timeout 2s;
map \$host \$todolist_https_port_suffix {
  default "${suffix}";
}
CONF
}

main "$@"
