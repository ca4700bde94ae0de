#!/usr/bin/env bash
#
# Operates the todolist Compose stack that sits next to this script: start, stop, restart,
# status, logs, backup, restore, cleanup. Works with `docker compose`, `docker-compose` or podman
# (`podman compose` / podman-compose, or docker-compose over podman's Docker-API socket).
# Run `./manage-docker.sh help` for the commands and exit codes; README.md is the runbook.

set -euo pipefail

readonly EXIT_USAGE=1
readonly EXIT_CONFIG=2
readonly EXIT_ENGINE=3
readonly EXIT_DECLINED=4
readonly EXIT_BACKUP=5

readonly SESSION_SECRET_MIN_LENGTH=32
readonly MONGO_PASSWORD_MIN_LENGTH=12
# Owners inside the images: the backup job (10001, group 0) and nginx (101).
readonly BACKUP_UID=10001
readonly NGINX_UID=101
readonly PROMETHEUS_UID=65534
readonly PODMAN_SOCKET=/run/podman/podman.sock

BUNDLE_DIR="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
readonly BUNDLE_DIR
SCRIPT_PATH="${BUNDLE_DIR}/$(basename "${BASH_SOURCE[0]}")"
readonly SCRIPT_PATH
readonly ENV_FILE="${BUNDLE_DIR}/.env"
readonly RUN_DIR="${BUNDLE_DIR}/run"
readonly TICKER_PID_FILE="${RUN_DIR}/health-ticker.pid"

COMPOSE=()
PROJECT=todolist-prod

usage() {
  cat <<EOF
Usage: $(basename "$0") COMMAND [ARGS]

Commands:
  start                 check .env, prepare ./data ./backups ./secrets ./certs, start the stack
                        and wait until every service is healthy
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
  help                  this text

Exit codes: 0 success, ${EXIT_USAGE} usage, ${EXIT_CONFIG} refused configuration (.env), ${EXIT_ENGINE} engine or
Compose failure, ${EXIT_DECLINED} confirmation declined, ${EXIT_BACKUP} backup or restore failed.

Environment: TODOLIST_COMPOSE overrides the Compose command (e.g. "docker-compose");
DOCKER_HOST is used as is, else podman's socket (${PODMAN_SOCKET}) when there is no Docker one.
EOF
}

err() {
  echo "manage-docker: $*" >&2
}

info() {
  echo "manage-docker: $*"
}

die() {
  local code="$1"
  shift
  err "$*"
  exit "${code}"
}

#######################################
# The value of NAME in .env (the last assignment wins, optional quotes removed), without sourcing
# the file: values such as BACKUP_CRON=0 2 * * * are not shell.
#######################################
env_value() {
  local name="$1" line value=""
  [[ -f "${ENV_FILE}" ]] || return 0
  while IFS= read -r line || [[ -n "${line}" ]]; do
    if [[ "${line}" == "${name}="* ]]; then
      value="${line#"${name}="}"
    fi
  done < "${ENV_FILE}"
  if [[ "${value}" =~ ^\"(.*)\"$ || "${value}" =~ ^\'(.*)\'$ ]]; then
    value="${BASH_REMATCH[1]}"
  fi
  printf '%s' "${value}"
}

#######################################
# Finds the Compose CLI: TODOLIST_COMPOSE, else `docker compose`, `docker-compose`,
# `podman compose`, `podman-compose`, in that order.
#######################################
find_compose() {
  if [[ -z "${DOCKER_HOST:-}" && ! -S /var/run/docker.sock && -S "${PODMAN_SOCKET}" ]]; then
    export DOCKER_HOST="unix://${PODMAN_SOCKET}"
  fi
  if [[ -n "${TODOLIST_COMPOSE:-}" ]]; then
    read -r -a COMPOSE <<< "${TODOLIST_COMPOSE}"
  elif command -v docker >/dev/null 2>&1 && docker compose version >/dev/null 2>&1; then
    COMPOSE=(docker compose)
  elif command -v docker-compose >/dev/null 2>&1; then
    COMPOSE=(docker-compose)
  elif command -v podman >/dev/null 2>&1 && podman compose version >/dev/null 2>&1; then
    COMPOSE=(podman compose)
  elif command -v podman-compose >/dev/null 2>&1; then
    COMPOSE=(podman-compose)
  else
    die "${EXIT_ENGINE}" "no Compose CLI found: install Docker with its compose plugin, docker-compose or podman"
  fi
  local project
  project="$(env_value COMPOSE_PROJECT_NAME)"
  PROJECT="${project:-todolist-prod}"
}

compose() {
  (cd "${BUNDLE_DIR}" && "${COMPOSE[@]}" -p "${PROJECT}" "$@")
}

uses_podman() {
  [[ "${COMPOSE[0]}" == podman* || "${DOCKER_HOST:-}" == *podman* ]]
}

#######################################
# Refuses a .env that would start an unsafe stack: missing, readable by group or others, or
# holding a short or example secret.
#######################################
check_env_file() {
  [[ -f "${ENV_FILE}" ]] \
    || die "${EXIT_CONFIG}" "no .env in ${BUNDLE_DIR}: cp .env.example .env, set every change-me value, chmod 600 .env"
  local mode
  mode="$(stat -c '%a' "${ENV_FILE}")"
  [[ "${mode}" == 600 || "${mode}" == 400 ]] \
    || die "${EXIT_CONFIG}" ".env is mode ${mode}: it holds secrets, run chmod 600 ${ENV_FILE}"

  local secret
  secret="$(env_value SESSION_SECRET)"
  [[ -n "${secret}" ]] || die "${EXIT_CONFIG}" "SESSION_SECRET is not set in .env"
  ((${#secret} >= SESSION_SECRET_MIN_LENGTH)) \
    || die "${EXIT_CONFIG}" "SESSION_SECRET has ${#secret} characters, at least ${SESSION_SECRET_MIN_LENGTH} are needed (openssl rand -base64 48)"
  if is_example_value "${secret}"; then
    die "${EXIT_CONFIG}" "SESSION_SECRET is still an example value: set a random one (openssl rand -base64 48)"
  fi

  local user password
  user="$(env_value MONGO_INITDB_ROOT_USERNAME)"
  password="$(env_value MONGO_INITDB_ROOT_PASSWORD)"
  [[ "${user}" =~ ^[A-Za-z0-9._~-]+$ ]] \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_USERNAME must be set and use only letters, digits and - . _ ~"
  [[ "${password}" =~ ^[A-Za-z0-9._~-]+$ ]] \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD must be set and use only letters, digits and - . _ ~ (it goes into the connection URI; openssl rand -hex 24)"
  ((${#password} >= MONGO_PASSWORD_MIN_LENGTH)) \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD has ${#password} characters, at least ${MONGO_PASSWORD_MIN_LENGTH} are needed"
  if is_example_value "${password}"; then
    die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD is still an example value"
  fi
}

# The API's own production check (todo-api SessionSecretRule): a template word in the letters and
# digits, or fewer than 8 distinct characters. Checked here too, so that start refuses before the
# app would exit.
is_example_value() {
  local letters word
  letters="$(tr -cd '[:alnum:]' <<< "${1,,}")"
  for word in change example placeholder replace secret password default sample dummy insecure \
    1234567 qwerty abcdefg; do
    [[ "${letters}" != *"${word}"* ]] || return 0
  done
  (($(fold -w1 <<< "$1" | sort -u | wc -l) < 8))
}

#######################################
# Directories, the MongoDB password file and the TLS certificate, owned so that the non-root
# users inside the images can use them.
#######################################
prepare_host_files() {
  mkdir -p "${BUNDLE_DIR}/data/mongodb" "${BUNDLE_DIR}/backups" "${BUNDLE_DIR}/certs" "${RUN_DIR}"
  install -d -m 0700 "${BUNDLE_DIR}/secrets"
  local password_file="${BUNDLE_DIR}/secrets/mongodb_root_password"
  (umask 022 && printf '%s' "$(env_value MONGO_INITDB_ROOT_PASSWORD)" > "${password_file}")
  chmod 0444 "${password_file}"
  chmod 0770 "${BUNDLE_DIR}/backups"
  if [[ "$(env_value COMPOSE_PROFILES)" == *monitoring* || "${COMPOSE_PROFILES:-}" == *monitoring* ]]; then
    mkdir -p "${BUNDLE_DIR}/data/prometheus"
    ((EUID != 0)) || chown "${PROMETHEUS_UID}:${PROMETHEUS_UID}" "${BUNDLE_DIR}/data/prometheus"
  fi
  if ((EUID == 0)); then
    chown "${BACKUP_UID}:0" "${BUNDLE_DIR}/backups"
  elif [[ ! -O "${BUNDLE_DIR}/backups" || "$(stat -c '%u' "${BUNDLE_DIR}/backups")" != "${BACKUP_UID}" ]]; then
    info "warning: not root, so ./backups keeps its owner; the backup job (uid ${BACKUP_UID}, group 0) must be able to write it"
  fi
  ensure_tls_certificate
}

ensure_tls_certificate() {
  local crt="${BUNDLE_DIR}/certs/tls.crt" key="${BUNDLE_DIR}/certs/tls.key"
  if [[ ! -f "${crt}" || ! -f "${key}" ]]; then
    command -v openssl >/dev/null 2>&1 \
      || die "${EXIT_CONFIG}" "no certs/tls.crt and certs/tls.key, and no openssl to make a self-signed pair: install openssl or copy your certificate there"
    local name
    name="$(env_value TLS_SELF_SIGNED_NAME)"
    name="${name:-localhost}"
    info "no certificate in certs/: generating a self-signed one for ${name} (replace it with yours: README.md, TLS)"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${name}" \
      -addext "subjectAltName=DNS:${name},DNS:localhost,IP:127.0.0.1" \
      -keyout "${key}" -out "${crt}" 2>/dev/null) \
      || die "${EXIT_CONFIG}" "openssl could not generate the self-signed certificate"
    chmod 0644 "${crt}"
  fi
  chmod 0600 "${key}"
  ((EUID != 0)) || chown "${NGINX_UID}:${NGINX_UID}" "${key}"
}

#######################################
# podman runs healthchecks from systemd timers; without systemd nothing runs them and every
# service would stay "starting" (depends_on: service_healthy would wait forever). Then a small
# background loop runs `podman healthcheck run` for the project's containers; it ends by itself a
# minute after the project has no running container, and `stop` ends it at once.
#######################################
start_health_ticker_if_needed() {
  uses_podman || return 0
  [[ "$(cat /proc/1/comm 2>/dev/null)" != systemd ]] || return 0
  command -v podman >/dev/null 2>&1 || return 0
  if [[ -f "${TICKER_PID_FILE}" ]] && kill -0 "$(cat "${TICKER_PID_FILE}")" 2>/dev/null; then
    return 0
  fi
  info "podman without systemd: running the healthchecks every ${TODOLIST_HEALTH_TICK_SECONDS:-5} s from a background loop (pid file run/health-ticker.pid)"
  setsid "${SCRIPT_PATH}" __health-ticker >/dev/null 2>&1 < /dev/null &
  echo "$!" > "${TICKER_PID_FILE}"
}

stop_health_ticker() {
  [[ -f "${TICKER_PID_FILE}" ]] || return 0
  local pid
  pid="$(cat "${TICKER_PID_FILE}")"
  if kill -0 "${pid}" 2>/dev/null; then
    kill "${pid}" 2>/dev/null || true
  fi
  rm -f "${TICKER_PID_FILE}"
}

run_health_ticker() {
  local tick="${TODOLIST_HEALTH_TICK_SECONDS:-5}" idle_ticks=0 id
  local max_idle_ticks=$((60 / tick + 1))
  local -a ids
  while ((idle_ticks < max_idle_ticks)); do
    mapfile -t ids < <(podman ps -q --filter "label=com.docker.compose.project=${PROJECT}" 2>/dev/null)
    if ((${#ids[@]} == 0)); then
      idle_ticks=$((idle_ticks + 1))
    else
      idle_ticks=0
      for id in "${ids[@]}"; do
        podman healthcheck run "${id}" >/dev/null 2>&1 || true
      done
    fi
    sleep "${tick}"
  done
}

cmd_start() {
  prepare_host_files
  start_health_ticker_if_needed
  info "starting ${PROJECT} with ${COMPOSE[*]} (waits until the services are healthy)"
  if ! compose up -d --remove-orphans; then
    compose ps >&2 || true
    die "${EXIT_ENGINE}" "the stack did not start: see ./manage-docker.sh logs SERVICE, and README.md, Troubleshooting"
  fi
  compose ps
}

cmd_stop() {
  info "stopping ${PROJECT} (containers and networks removed; ./data and ./backups stay)"
  compose down --remove-orphans --timeout 20 || die "${EXIT_ENGINE}" "the stack did not stop cleanly"
  stop_health_ticker
}

cmd_status() {
  local failed=0
  compose ps || failed=1
  local port
  port="$(env_value NGINX_HTTPS_PORT)"
  port="${port:-443}"
  local address
  address="$(env_value NGINX_BIND_ADDRESS)"
  [[ -n "${address}" && "${address}" != 0.0.0.0 ]] || address=127.0.0.1
  echo
  echo "API health through nginx (https://${address}:${port}/health):"
  if command -v curl >/dev/null 2>&1; then
    curl -ksS --max-time 10 "https://${address}:${port}/health" || failed=1
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

#######################################
# Runs the backup job's CLI inside the running backup container (same image, network, volume and
# settings as the scheduled job; the job's own lock keeps the two from colliding). `exec`, not a
# one-off `run`: docker-compose 1.29's `run` links containers, which podman refuses. The command
# line is the image's own (Jib writes its classpath and main class under /app).
#######################################
backup_cli() {
  # shellcheck disable=SC2016 # expanded inside the container, not here
  compose exec -T backup bash -c \
    'exec java -XX:MaxRAMPercentage=25 -cp @/app/jib-classpath-file "$(cat /app/jib-main-class-file)" "$@"' \
    todolist-backup "$@"
}

#######################################
# Waits until the backup container resolves and reaches MongoDB twice in a row, 2 s apart. A
# container that stops or starts makes the engine's DNS reload (podman's aardvark-dns), and a
# lookup that fails then is cached by the JVM for 10 s: longer than the job can afford.
#######################################
wait_for_database() {
  local deadline=$((SECONDS + ${TODOLIST_DATABASE_WAIT_SECONDS:-60})) successes=0
  local probe='getent hosts mongodb >/dev/null && exec 3<>/dev/tcp/mongodb/27017'
  while ((successes < 2)); do
    if compose exec -T backup bash -c "${probe}" >/dev/null 2>&1; then
      successes=$((successes + 1))
    else
      successes=0
    fi
    ((SECONDS < deadline)) || die "${EXIT_BACKUP}" "the backup job cannot reach MongoDB: ./manage-docker.sh status, logs mongodb"
    ((successes >= 2)) || sleep 2
  done
}

cmd_backup() {
  wait_for_database
  info "backing up"
  local output
  if ! output="$(backup_cli backup)"; then
    die "${EXIT_BACKUP}" "the backup failed (see the lines above)"
  fi
  local archive
  archive="$(grep -o '/backups/[^ ]*\.archive\.gz' <<< "${output}" | tail -n 1)"
  [[ -n "${archive}" ]] || die "${EXIT_BACKUP}" "the backup job did not name its archive: ${output}"
  info "backup written: ./backups/${archive#/backups/}"
}

# Arguments of each command, set by parse_args before the environment is looked at.
ARG_FILE=""
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

cmd_restore() {
  local file="${ARG_FILE}" assume_yes="${ARG_YES}"
  local name
  name="$(stage_archive "${file}")"
  info "verifying ${name}"
  backup_cli verify "/backups/${name}" || die "${EXIT_BACKUP}" "${name} is damaged or not an archive: nothing was changed"

  if [[ "${assume_yes}" != true ]]; then
    [[ -t 0 ]] || die "${EXIT_DECLINED}" "restore replaces every todo: confirm on a terminal, or pass --yes"
    local answer
    read -r -p "Replace ALL the data of ${PROJECT} with ${name}? (A safety backup is taken first.) Type yes: " answer
    [[ "${answer}" == yes ]] || die "${EXIT_DECLINED}" "restore cancelled: nothing was changed"
  fi

  info "stopping the API during the restore (nginx answers 502 meanwhile)"
  compose stop todolist-app || die "${EXIT_ENGINE}" "could not stop the API"
  wait_for_database
  # The job takes the safety backup itself (todolist-pre-restore-<time>.archive.gz) before it
  # touches anything, and puts it back if the restore fails half-way.
  local status=0
  backup_cli restore "/backups/${name}" || status=$?
  info "starting the API again"
  compose start todolist-app || die "${EXIT_ENGINE}" "the API did not start again: ./manage-docker.sh start"
  ((status == 0)) || die "${EXIT_BACKUP}" "the restore failed (job exit code ${status}); the job's lines above say what the live data is"
  wait_for_api
  # nginx resolved the app's address when it started, and a stopped and started container may get
  # a new one: restart nginx so that it proxies to the API again.
  compose restart nginx || die "${EXIT_ENGINE}" "nginx did not restart: ./manage-docker.sh restart"
  info "restored ${name}; the data it replaced is in the todolist-pre-restore-* archive named above"
}

#######################################
# Waits until the API answers its /health with 200, probing from inside its container like its
# healthcheck does (no engine-specific health query).
#######################################
wait_for_api() {
  local deadline=$((SECONDS + ${TODOLIST_API_WAIT_SECONDS:-120}))
  # shellcheck disable=SC2016 # expanded inside the container
  local probe='exec 3<>/dev/tcp/127.0.0.1/3000 && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'
  until compose exec -T todolist-app bash -c "${probe}" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || die "${EXIT_ENGINE}" "the API is not healthy after the restore: ./manage-docker.sh logs todolist-app"
    sleep 2
  done
}

# Puts FILE into ./backups (where the job sees it, with its .sha256 when there is one) and prints
# its name there.
stage_archive() {
  local file="$1"
  if [[ "${file}" != */* && -f "${BUNDLE_DIR}/backups/${file}" ]]; then
    file="${BUNDLE_DIR}/backups/${file}"
  fi
  [[ -f "${file}" ]] || die "${EXIT_USAGE}" "no such archive: $1 (ls backups/)"
  local name dir
  name="$(basename "${file}")"
  dir="$(cd "$(dirname "${file}")" && pwd)"
  if [[ "${dir}" != "${BUNDLE_DIR}/backups" ]]; then
    cp -- "${file}" "${BUNDLE_DIR}/backups/${name}"
    [[ ! -f "${file}.sha256" ]] || cp -- "${file}.sha256" "${BUNDLE_DIR}/backups/${name}.sha256"
    chmod 0644 "${BUNDLE_DIR}/backups/${name}"
  fi
  printf '%s' "${name}"
}

cmd_cleanup() {
  local assume_yes="${ARG_YES}"
  info "removing the containers and networks of ${PROJECT}"
  compose down --remove-orphans --timeout 20 || die "${EXIT_ENGINE}" "could not remove the stack"
  stop_health_ticker
  if [[ "${assume_yes}" != true ]]; then
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
    start | stop | restart | status | logs | backup | restore | cleanup | __health-ticker) ;;
    *) usage >&2; die "${EXIT_USAGE}" "unknown command: ${command}" ;;
  esac
  parse_args "${command}" "$@"
  case "${command}" in
    # Checked before anything else, so that a bad .env never stops a running stack (restart).
    start | restart | backup | restore) check_env_file ;;
  esac
  find_compose
  case "${command}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    restart) cmd_stop; cmd_start ;;
    status) cmd_status ;;
    logs) cmd_logs ;;
    backup) cmd_backup ;;
    restore) cmd_restore ;;
    cleanup) cmd_cleanup ;;
    __health-ticker) run_health_ticker ;;
  esac
}

main "$@"
