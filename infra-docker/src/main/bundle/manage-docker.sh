#!/usr/bin/env bash
#
# Operates the todolist Compose stack that sits next to this script: start, stop, restart,
# status, logs, backup, restore, cleanup. Works with `docker compose`, `docker-compose` or podman
# (`podman compose` / podman-compose, or docker-compose over podman's Docker-API socket).
# Run `./manage-docker.sh help` for the commands and exit codes; README.md is the runbook.
# The parts live in lib/ (one concern each); the secret and retention rules in rules/.

# shellcheck source-path=SCRIPTDIR
set -euo pipefail

BUNDLE_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
readonly BUNDLE_DIR
SCRIPT_PATH="${BUNDLE_DIR}/$(basename "${BASH_SOURCE[0]}")"
readonly SCRIPT_PATH

# shellcheck source=lib/common.sh
source "${BUNDLE_DIR}/lib/common.sh"
# shellcheck source=lib/env-checks.sh
source "${BUNDLE_DIR}/lib/env-checks.sh"
# shellcheck source=lib/compose.sh
source "${BUNDLE_DIR}/lib/compose.sh"
# shellcheck source=lib/host-files.sh
source "${BUNDLE_DIR}/lib/host-files.sh"
# shellcheck source=lib/backup.sh
source "${BUNDLE_DIR}/lib/backup.sh"
# shellcheck source=lib/images.sh
source "${BUNDLE_DIR}/lib/images.sh"
# shellcheck source=lib/maintenance.sh
source "${BUNDLE_DIR}/lib/maintenance.sh"
# shellcheck source=lib/systemd.sh
source "${BUNDLE_DIR}/lib/systemd.sh"
# shellcheck source=lib/instances.sh
source "${BUNDLE_DIR}/lib/instances.sh"
# shellcheck source=lib/upgrade.sh
source "${BUNDLE_DIR}/lib/upgrade.sh"
# shellcheck source=lib/database.sh
source "${BUNDLE_DIR}/lib/database.sh"

usage() {
  cat <<USAGE
Usage: $(basename "$0") COMMAND [ARGS]

Commands:
  start                 check .env, prepare ./data ./backups ./secrets ./certs, start the stack
                        with APP_REPLICAS app instances and wait until every service is healthy
                        (on a running stack: applies a changed APP_REPLICAS)
  stop                  stop the stack cleanly and remove its containers (data stays)
  restart               stop, then start
  status                containers and health, the API's /health through nginx, latest backups
  logs [SERVICE] [--no-follow]
                        follow the logs of every service, or of one
  backup                take a backup now (archive in ./backups)
  restore FILE [--yes]  verify FILE, ask for confirmation (unless --yes), stop the API, restore
                        FILE (the job first takes a safety backup, todolist-pre-restore-*),
                        start the API again and wait until it is healthy
  cleanup [--yes]       remove containers and networks, then (after confirmation) ./data and
                        ./secrets; ./backups is always kept
  backups list          the archives in ./backups, oldest first (the job's own listing)
  backups verify FILE   check FILE (checksum, every CRC, the archive's structure); changes nothing
  backups prune [--dry-run]
                        apply the retention (rules/retention.env, .env) now; --dry-run only says
                        what would be deleted
  upgrade VERSION       take a backup, then replace the app instances one at a time by ones on
                        image tag VERSION, each old one stopped only once its successor is ready
  rollback              the same, back to the version before the last upgrade
  images load PATH...   load image tarballs (files, or directories of *.tar) into the engine:
                        the release's images on a host without a registry; prints their digests
  images digests        the .env lines that pin every image of the stack the engine has by
                        digest (TODOLIST_API_IMAGE=localhost/todolist-api@sha256:...)
  systemd print|install the systemd units that start the stack at boot, back it up nightly and
                        (podman) run its healthchecks; install writes them to /etc/systemd/system
  help                  this text

Exit codes: 0 success, ${EXIT_USAGE} usage, ${EXIT_CONFIG} refused configuration (.env), ${EXIT_ENGINE} engine or
Compose failure, ${EXIT_DECLINED} confirmation declined, ${EXIT_BACKUP} backup or restore failed.

Environment: TODOLIST_COMPOSE overrides the Compose command (e.g. "docker-compose");
DOCKER_HOST is used as is, else podman's socket (${PODMAN_SOCKET}) when there is no Docker one.
USAGE
}

# Arguments of each command, set by parse_args before the environment is looked at.
ARG_FILE=""
ARG_VERSION=""
ARG_ACTION=""
ARG_DRY_RUN=false
ARG_PATHS=()
ARG_SERVICE=""
ARG_YES=false
ARG_FOLLOW=true

#######################################
# Parses COMMAND's arguments into the ARG_* globals, so that a usage error is reported as one
# whatever the machine has (no .env, no engine).
#######################################
parse_args() {
  local command="$1"
  shift
  if [[ "${command}" == images ]]; then
    ARG_ACTION="${1:-}"
    case "${ARG_ACTION}" in
      load)
        shift
        (($# > 0)) || die "${EXIT_USAGE}" "images load needs a PATH (an image tarball or a directory of them)"
        ARG_PATHS=("$@")
        ;;
      digests) (($# == 1)) || die "${EXIT_USAGE}" "images digests takes no argument" ;;
      *) die "${EXIT_USAGE}" "images needs a subcommand: images load PATH... or images digests" ;;
    esac
    return 0
  fi
  if [[ "${command}" == systemd ]]; then
    ARG_ACTION="${1:-}"
    [[ $# == 1 && ("${ARG_ACTION}" == print || "${ARG_ACTION}" == install) ]] \
      || die "${EXIT_USAGE}" "systemd needs print or install (and nothing else)"
    return 0
  fi
  if [[ "${command}" == upgrade ]]; then
    [[ $# == 1 && "$1" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] \
      || die "${EXIT_USAGE}" "upgrade takes one VERSION, an image tag of ${APP_IMAGE_REPOSITORY} (e.g. 1.4.0)"
    ARG_VERSION="$1"
    return 0
  fi
  if [[ "${command}" == backups ]]; then
    ARG_ACTION="${1:-}"
    (($# == 0)) || shift
    case "${ARG_ACTION}" in
      list) (($# == 0)) || die "${EXIT_USAGE}" "backups list takes no argument: $1" ;;
      verify)
        [[ $# == 1 && "$1" != -* ]] || die "${EXIT_USAGE}" "backups verify takes one FILE"
        ARG_FILE="$1"
        ;;
      prune)
        (($# == 0)) || [[ $# == 1 && "$1" == --dry-run ]] || die "${EXIT_USAGE}" "backups prune takes only --dry-run"
        (($# == 0)) || ARG_DRY_RUN=true
        ;;
      *) die "${EXIT_USAGE}" "backups needs list, verify FILE or prune [--dry-run]" ;;
    esac
    return 0
  fi
  while (($# > 0)); do
    case "${command}:$1" in
      restore:--yes | cleanup:--yes) ARG_YES=true ;;
      logs:--no-follow) ARG_FOLLOW=false ;;
      *:-*) die "${EXIT_USAGE}" "${command}: unknown option $1" ;;
      restore:*) [[ -z "${ARG_FILE}" ]] || die "${EXIT_USAGE}" "restore takes one FILE"; ARG_FILE="$1" ;;
      logs:*) [[ -z "${ARG_SERVICE}" ]] || die "${EXIT_USAGE}" "logs takes one SERVICE"; ARG_SERVICE="$1" ;;
      *) die "${EXIT_USAGE}" "${command} takes no argument: $1" ;;
    esac
    shift
  done
  [[ "${command}" != restore || -n "${ARG_FILE}" ]] \
    || die "${EXIT_USAGE}" "restore needs a FILE (an archive in ./backups: ls backups/)"
}

cmd_start() {
  prepare_host_files
  prepare_replica_set_files
  start_health_ticker_if_needed
  local replicas
  local -a services
  replicas="$(app_replicas)"
  mapfile -t services < <(started_services)
  # An app-only host starts the app and nginx alone: --no-deps, or Compose would start MongoDB.
  ((${#services[@]} == 0)) || services=(--no-deps "${services[@]}")
  info "starting ${PROJECT} with ${COMPOSE[*]}, ${replicas} app instance(s) (waits until the services are healthy)"
  if ! compose up -d --remove-orphans --scale "${APP_SERVICE}=${replicas}" "${services[@]}"; then
    compose ps >&2 || true
    die "${EXIT_ENGINE}" "the stack did not start: see ./manage-docker.sh logs SERVICE, and README.md, Troubleshooting"
  fi
  wait_until_healthy
  compose ps
  info "every service of ${PROJECT} is healthy"
}

cmd_stop() {
  info "stopping ${PROJECT} (containers and networks removed; ./data and ./backups stay)"
  compose down --remove-orphans --timeout 20 || die "${EXIT_ENGINE}" "the stack did not stop cleanly"
  stop_health_ticker
}

cmd_status() {
  local failed=0 url
  compose ps || failed=1
  url="$(health_url_through_nginx)"
  echo
  echo "API health through nginx (${url}):"
  if command -v curl >/dev/null 2>&1; then
    curl -ksS --max-time 10 "${url}" || failed=1
    echo
  else
    echo "  (curl is not installed)"
  fi
  echo
  echo "Latest backups (./backups):"
  # Archive names carry their UTC time, so a name sort is a time sort.
  find "${BUNDLE_DIR}/backups" -maxdepth 1 -name '*.archive.gz' -printf '  %f  %s bytes\n' 2>/dev/null \
    | sort | tail -n 5
  ((failed == 0)) || die "${EXIT_ENGINE}" "the stack is not fully up"
}

cmd_logs() {
  local follow=()
  [[ "${ARG_FOLLOW}" != true ]] || follow=(--follow)
  compose logs "${follow[@]}" --tail=200 ${ARG_SERVICE:+"${ARG_SERVICE}"}
}

cmd_cleanup() {
  info "removing the containers and networks of ${PROJECT}"
  compose down --remove-orphans --timeout 20 || die "${EXIT_ENGINE}" "could not remove the stack"
  stop_health_ticker
  if [[ "${ARG_YES}" != true ]]; then
    if [[ ! -t 0 ]]; then
      info "data kept (no terminal to confirm; pass --yes to delete ./data and ./secrets)"
      return 0
    fi
    local answer
    read -r -p "Delete ./data (the MongoDB files) and ./secrets? ./backups is kept. Type yes: " answer
    if [[ "${answer}" != yes ]]; then
      info "data kept"
      return 0
    fi
  fi
  rm -rf -- "${BUNDLE_DIR}/data" "${BUNDLE_DIR}/secrets" "${RUN_DIR}"
  info "deleted ./data and ./secrets; ./backups kept"
}

main() {
  local command="${1:-help}"
  (($# == 0)) || shift
  case "${command}" in
    help | -h | --help) usage; return 0 ;;
    start | stop | restart | status | logs | backup | backups | restore | cleanup | images | systemd | upgrade | rollback) ;;
    __health-ticker | __healthchecks) ;;
    *) usage >&2; die "${EXIT_USAGE}" "unknown command: ${command}" ;;
  esac
  parse_args "${command}" "$@"
  case "${command}" in
    # Checked before the engine is asked anything, so that a bad .env never stops a running
    # stack (restart).
    start | restart | backup | restore | upgrade | rollback) check_env_file ;;
  esac
  [[ "${command}" != start && "${command}" != restart ]] || app_replicas >/dev/null
  if [[ "${command}" == images ]]; then
    case "${ARG_ACTION}" in
      load) cmd_images_load "${ARG_PATHS[@]}" ;;
      digests) cmd_images_digests ;;
    esac
    return 0
  fi
  find_compose
  case "${command}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    logs) cmd_logs ;;
    backup) cmd_backup ;;
    backups) cmd_backups "${ARG_ACTION}" "${ARG_FILE}" "${ARG_DRY_RUN}" ;;
    restore) cmd_restore "${ARG_FILE}" "${ARG_YES}" ;;
    cleanup) cmd_cleanup ;;
    systemd) cmd_systemd "${ARG_ACTION}" ;;
    upgrade) cmd_upgrade "${ARG_VERSION}" ;;
    rollback) cmd_rollback ;;
    __health-ticker) run_health_ticker ;;
    __healthchecks) run_healthchecks_once || true ;;
  esac
}

main "$@"
