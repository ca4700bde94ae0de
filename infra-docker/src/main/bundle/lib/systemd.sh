# shellcheck shell=bash
# systemd units for a host without Docker's daemon (podman): the stack at boot, the containers'
# healthchecks and a nightly backup on timers, instead of the background loop `start` runs when
# no systemd does. Names follow the Compose project: <project>.service, <project>-backup.timer, ...

readonly SYSTEMD_SYSTEM_DIR=/etc/systemd/system

# The units' directory: TODOLIST_SYSTEMD_DIR (a test, or a staged root), else the system's.
systemd_dir() {
  printf '%s' "${TODOLIST_SYSTEMD_DIR:-${SYSTEMD_SYSTEM_DIR}}"
}

# The engine's unit the stack needs: podman's API socket, or Docker's daemon.
engine_unit() {
  if uses_podman; then echo podman.socket; else echo docker.service; fi
}

# The unit files' names, one a line; the healthchecks timer only where podman runs them.
systemd_unit_names() {
  echo "${PROJECT}.service"
  echo "${PROJECT}-backup.service"
  echo "${PROJECT}-backup.timer"
  if uses_podman; then
    echo "${PROJECT}-healthchecks.service"
    echo "${PROJECT}-healthchecks.timer"
  fi
}

# systemd_unit NAME: the text of one unit.
systemd_unit() {
  local engine wait
  engine="$(engine_unit)"
  wait=$((${TODOLIST_START_WAIT_SECONDS:-300} + 120))
  case "$1" in
    "${PROJECT}.service")
      cat <<UNIT
[Unit]
Description=todolist stack ${PROJECT} (${BUNDLE_DIR})
Documentation=file://${BUNDLE_DIR}/README.md
Wants=network-online.target
After=network-online.target ${engine}
Requires=${engine}

[Service]
Type=oneshot
RemainAfterExit=yes
WorkingDirectory=${BUNDLE_DIR}
Environment=${COMPOSE_ENVIRONMENT}
ExecStart=${SCRIPT_PATH} start
ExecStop=${SCRIPT_PATH} stop
TimeoutStartSec=${wait}
TimeoutStopSec=120

[Install]
WantedBy=multi-user.target
UNIT
      ;;
    "${PROJECT}-backup.service")
      cat <<UNIT
[Unit]
Description=todolist stack ${PROJECT}: a backup now (./backups)
Requisite=${PROJECT}.service
After=${PROJECT}.service

[Service]
Type=oneshot
WorkingDirectory=${BUNDLE_DIR}
Environment=${COMPOSE_ENVIRONMENT}
SyslogIdentifier=todolist-backup
ExecStart=${SCRIPT_PATH} backup
UNIT
      ;;
    "${PROJECT}-backup.timer")
      cat <<UNIT
[Unit]
Description=todolist stack ${PROJECT}: nightly backup (a second schedule beside the backup service's own)

[Timer]
OnCalendar=${TODOLIST_BACKUP_CALENDAR:-*-*-* 02:30:00 UTC}
Persistent=true

[Install]
WantedBy=timers.target
UNIT
      ;;
    "${PROJECT}-healthchecks.service")
      cat <<UNIT
[Unit]
Description=todolist stack ${PROJECT}: run every container's healthcheck once
# Not ordered after the stack's unit: its start waits for healthy services, which needs these.

[Service]
Type=oneshot
WorkingDirectory=${BUNDLE_DIR}
Environment=${COMPOSE_ENVIRONMENT}
ExecStart=${SCRIPT_PATH} __healthchecks
UNIT
      ;;
    "${PROJECT}-healthchecks.timer")
      cat <<UNIT
[Unit]
Description=todolist stack ${PROJECT}: the containers' healthchecks every ${TODOLIST_HEALTH_TICK_SECONDS:-5} s (podman)

[Timer]
OnActiveSec=${TODOLIST_HEALTH_TICK_SECONDS:-5}
OnUnitActiveSec=${TODOLIST_HEALTH_TICK_SECONDS:-5}
AccuracySec=1s

[Install]
WantedBy=timers.target
UNIT
      ;;
  esac
}

# What `manage-docker.sh` found now is what the units use: the Compose CLI and the engine's socket.
compose_environment() {
  COMPOSE_ENVIRONMENT="\"TODOLIST_COMPOSE=${COMPOSE[*]}\""
  [[ -z "${DOCKER_HOST:-}" ]] || COMPOSE_ENVIRONMENT+=" \"DOCKER_HOST=${DOCKER_HOST}\""
}

# cmd_systemd print|install
cmd_systemd() {
  local action="$1" name dir
  compose_environment
  case "${action}" in
    print)
      while IFS= read -r name; do
        echo "# ---- $(systemd_dir)/${name}"
        systemd_unit "${name}"
        echo
      done < <(systemd_unit_names)
      ;;
    install)
      dir="$(systemd_dir)"
      mkdir -p "${dir}"
      while IFS= read -r name; do
        systemd_unit "${name}" > "${dir}/${name}"
        chmod 0644 "${dir}/${name}"
        info "wrote ${dir}/${name}"
      done < <(systemd_unit_names)
      if [[ "${dir}" == "${SYSTEMD_SYSTEM_DIR}" ]] && command -v systemctl >/dev/null 2>&1; then
        systemctl daemon-reload || die "${EXIT_ENGINE}" "systemctl daemon-reload failed"
      fi
      local timers=("${PROJECT}-backup.timer")
      ! uses_podman || timers+=("${PROJECT}-healthchecks.timer")
      info "enable them (the stack at boot, and the timers): systemctl enable --now $(engine_unit) ${PROJECT}.service ${timers[*]}"
      ;;
  esac
}
