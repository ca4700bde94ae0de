# shellcheck shell=bash
# The maintenance flag: while run/maintenance/restore exists, nginx answers every proxied request
# with 503 problem+json and Retry-After at once (nginx/snippets/maintenance.conf) and the monitor
# restarts nothing (healing). Both see the directory through a read-only bind mount.

readonly MAINTENANCE_DIR="${RUN_DIR}/maintenance"
readonly MAINTENANCE_FLAG="${MAINTENANCE_DIR}/restore"

# Before `up`: the directory must exist to be mounted. A flag left by an interrupted restore is
# removed: a start means the stack is to serve.
prepare_maintenance_dir() {
  mkdir -p "${MAINTENANCE_DIR}"
  chmod 0755 "${MAINTENANCE_DIR}"
  if [[ -e "${MAINTENANCE_FLAG}" ]]; then
    info "removing the maintenance flag an interrupted restore left (nginx answered 503 while it was there)"
    rm -f -- "${MAINTENANCE_FLAG}"
  fi
}

# Raises the flag until maintenance_end, or until the script exits, however it exits.
maintenance_begin() {
  mkdir -p "${MAINTENANCE_DIR}"
  trap maintenance_end EXIT
  : > "${MAINTENANCE_FLAG}"
  chmod 0644 "${MAINTENANCE_FLAG}"
}

maintenance_end() {
  rm -f -- "${MAINTENANCE_FLAG}"
}
