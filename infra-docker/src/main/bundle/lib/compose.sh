# shellcheck shell=bash
# Finding the Compose CLI and running it on this bundle's project; podman's healthchecks where no
# systemd runs them.

readonly PODMAN_SOCKET=/run/podman/podman.sock
readonly TICKER_PID_FILE="${RUN_DIR}/health-ticker.pid"

COMPOSE=()
COMPOSE_FILES=()
PROJECT=todolist-prod
ENGINE=""

#######################################
# Finds the Compose CLI: TODOLIST_COMPOSE, else `docker compose`, `docker-compose`,
# `podman compose`, `podman-compose`, in that order. Sets COMPOSE, PROJECT and ENGINE (empty when
# no engine answers: engine_cli then says so where one is needed), and exports the rule defaults
# that .env does not override.
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
  ENGINE="$(engine_cli 2>/dev/null)" || ENGINE=""
  local project
  project="$(env_value COMPOSE_PROJECT_NAME)"
  PROJECT="${project:-todolist-prod}"
  export_retention_defaults
  export_app_version
  choose_compose_files
}

#######################################
# Compose reads .env for the file's ${...} but knows nothing of rules/: the retention defaults
# reach the backup job from here, each unless .env sets it (a variable of the shell would win
# over .env, so only the unset ones are exported).
#######################################
export_retention_defaults() {
  local line name
  while IFS= read -r line || [[ -n "${line}" ]]; do
    [[ "${line}" =~ ^([A-Z_]+)= ]] || continue
    name="${BASH_REMATCH[1]}"
    if [[ -z "$(env_value "${name}")" && -z "${!name:-}" ]]; then
      export "${name}=$(rule_value retention.env "${name}")"
    fi
  done < "${RULES_DIR}/retention.env"
}

#######################################
# The engine's own CLI: docker when it answers, else podman; ENGINE once find_compose has asked.
# Asked once a run: on podman's socket, `docker info` costs half a second of package queries
# (dpkg-query, rpm), and the waits ask at every round.
#######################################
engine_cli() {
  if [[ -n "${ENGINE}" ]]; then
    echo "${ENGINE}"
  elif command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
    echo docker
  elif command -v podman >/dev/null 2>&1; then
    echo podman
  else
    die "${EXIT_ENGINE}" "neither docker nor podman answers: install an engine first"
  fi
}

#######################################
# The Compose files of every call (COMPOSE_FILES, each after -f), in order: COMPOSE_FILE's list when
# the operator sets one (the shell's, else .env's; e.g. the healing overlay), else
# docker-compose.yml, the database mode's file and docker-compose.override.yml when there is one;
# the database mode's file (lib/database.sh) is added to a listed set that lacks it, and on podman
# docker-compose.podman.yml to every set (why: that file's header). Naming files turns off Compose's
# own reading of COMPOSE_FILE and of the override: this is the one place that chooses.
#######################################
choose_compose_files() {
  local listed="${COMPOSE_FILE:-$(env_value COMPOSE_FILE)}" mode file
  local -a files=()
  mode="$(database_compose_file)"
  if [[ -n "${listed}" ]]; then
    IFS="${COMPOSE_PATH_SEPARATOR:-:}" read -r -a files <<< "${listed}"
    [[ -z "${mode}" || " ${files[*]} " == *" ${mode} "* ]] || files+=("${mode}")
  else
    files=(docker-compose.yml ${mode:+"${mode}"})
    [[ ! -f "${BUNDLE_DIR}/docker-compose.override.yml" ]] || files+=(docker-compose.override.yml)
  fi
  ! uses_podman || files+=(docker-compose.podman.yml)
  COMPOSE_FILES=()
  for file in "${files[@]}"; do
    COMPOSE_FILES+=(-f "${file}")
  done
}

# Runs Compose on this bundle's project and files (choose_compose_files).
compose() {
  (cd "${BUNDLE_DIR}" && "${COMPOSE[@]}" "${COMPOSE_FILES[@]}" -p "${PROJECT}" "$@")
}

#######################################
# The ids of the project's service containers, running or not (SERVICE's only, when given), from
# the labels Compose puts on them, in one call of the engine's CLI: `compose ps -q` starts the
# Compose CLI and reads every file, about 2 s on a busy host at each round of a wait.
#######################################
# shellcheck disable=SC2120 # SERVICE is optional: wait_until_healthy passes none, app_instances one
project_containers() {
  local -a filters=(--filter "label=com.docker.compose.project=${PROJECT}" --filter "label=com.docker.compose.oneoff=False")
  [[ -z "${1:-}" ]] || filters+=(--filter "label=com.docker.compose.service=$1")
  "$(engine_cli)" ps -aq "${filters[@]}" 2>/dev/null
}

# podman's Compose, podman's socket, or a Docker socket that is podman's (podman-docker links it).
uses_podman() {
  [[ "${COMPOSE[0]}" == podman* || "${DOCKER_HOST:-}" == *podman* ]] \
    || [[ -z "${DOCKER_HOST:-}" && "$(readlink -f /var/run/docker.sock 2>/dev/null)" == *podman* ]]
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
  local tick="${TODOLIST_HEALTH_TICK_SECONDS:-5}" idle_ticks=0
  local max_idle_ticks=$((60 / tick + 1))
  while ((idle_ticks < max_idle_ticks)); do
    if run_healthchecks_once; then
      idle_ticks=0
    else
      idle_ticks=$((idle_ticks + 1))
    fi
    sleep "${tick}"
  done
}

#######################################
# One tick (the loop above, or a systemd timer: lib/systemd.sh): runs the healthcheck of each
# running container of the project that is due (healthcheck_due); false when the project has no
# running container. Each `podman healthcheck run` costs about 0.1 s of CPU: checking every
# container at every tick took a quarter of a two-core host.
#######################################
run_healthchecks_once() {
  local id health interval checks now
  local -a ids
  mapfile -t ids < <(podman ps -q --filter "label=com.docker.compose.project=${PROJECT}" 2>/dev/null)
  ((${#ids[@]} > 0)) || return 1
  now="$(date +%s)"
  # ID|STATUS|INTERVAL (s; empty without a healthcheck)|the end times of the last checks, oldest first
  while IFS='|' read -r id health interval checks; do
    healthcheck_due "${now}" "${health}" "${interval%.*}" "${checks}" || continue
    podman healthcheck run "${id}" >/dev/null 2>&1 || true
  done < <(podman inspect --format '{{.Id}}|{{.State.Health.Status}}|{{with .Config.Healthcheck}}{{.Interval.Seconds}}{{end}}|{{range .State.Health.Log}}{{.End}} {{end}}' \
    "${ids[@]}" 2>/dev/null)
}

#######################################
# healthcheck_due NOW STATUS INTERVAL CHECKS: whether a container's healthcheck runs at this tick.
# As an engine schedules them (with Docker's start_interval): at every tick while the container
# is starting or unhealthy, so that it is seen healthy within a tick; once healthy, when its own
# interval has passed since its last check. A container without a healthcheck never.
#######################################
healthcheck_due() {
  local now="$1" health="$2" interval="$3" last
  [[ -n "${interval}" ]] || return 1
  [[ "${health}" == healthy ]] || return 0
  last="${4% }"
  last="${last##* }"
  [[ -n "${last}" ]] || return 0
  last="$(date -d "${last}" +%s 2>/dev/null)" || return 0
  ((now - last >= interval))
}

#######################################
# Waits until every container of the project is healthy (running, for one without a healthcheck),
# then until the API answers on the path a user takes (wait_until_served_through_nginx), in all at
# most TODOLIST_START_WAIT_SECONDS (300); then dies naming what is late and how.
#######################################
wait_until_healthy() {
  local deadline=$((SECONDS + ${TODOLIST_START_WAIT_SECONDS:-300})) engine state service status health
  local -a ids late
  engine="$(engine_cli)"
  while true; do
    late=()
    # shellcheck disable=SC2119 # every service's containers
    mapfile -t ids < <(project_containers)
    ((${#ids[@]} > 0)) || die "${EXIT_ENGINE}" "no container of ${PROJECT} is running: ./manage-docker.sh logs"
    # SERVICE|STATUS|HEALTH a container, one inspect for all; HEALTH is empty without a healthcheck
    # (Docker has no Health then, podman an empty one). One removed meanwhile is not listed.
    while IFS='|' read -r service status health; do
      state="${health:-${status}}"
      [[ "${status}" == running && ("${health}" == healthy || -z "${health}") ]] || late+=("${service} (${state})")
    done < <("${engine}" inspect --format \
      '{{index .Config.Labels "com.docker.compose.service"}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}' \
      "${ids[@]}" 2>/dev/null)
    ((${#late[@]} > 0)) || break
    ((SECONDS < deadline)) \
      || die "${EXIT_ENGINE}" "not healthy after ${TODOLIST_START_WAIT_SECONDS:-300} s: ${late[*]}; see ./manage-docker.sh logs SERVICE"
    sleep 2
  done
  wait_until_served_through_nginx "${deadline}"
}

#######################################
# The URL of the API's /health through nginx's published HTTPS port, as this host reaches it.
#######################################
health_url_through_nginx() {
  local port address
  port="$(env_value NGINX_HTTPS_PORT)"
  address="$(env_value NGINX_BIND_ADDRESS)"
  [[ -n "${address}" && "${address}" != 0.0.0.0 ]] || address=127.0.0.1
  printf 'https://%s:%s/health' "${address}" "${port:-443}"
}

#######################################
# Every container can be healthy while nginx still cannot reach the app (no answer yet from the
# engine's DNS for the app's name, say): until DEADLINE (bash's SECONDS), waits for /health through
# nginx to answer 200, so that `start` never says healthy while users get 502. Needs curl; without
# it, says so and checks nothing.
#######################################
wait_until_served_through_nginx() {
  local deadline="$1" url status
  if ! command -v curl >/dev/null 2>&1; then
    info "curl is not installed: the API through nginx is not checked"
    return 0
  fi
  url="$(health_url_through_nginx)"
  while true; do
    # -k: this checks the path, not the certificate (a real one names the host, not this address).
    status="$(curl -ks -o /dev/null -w '%{http_code}' --max-time 5 "${url}" || true)"
    [[ "${status}" != 200 ]] || return 0
    [[ "${status}" != 000 ]] || status="no HTTP answer"
    ((SECONDS < deadline)) \
      || die "${EXIT_ENGINE}" "every container is healthy, but ${url} gives ${status}: see ./manage-docker.sh logs nginx"
    sleep 1
  done
}
