# shellcheck shell=bash
# The app's instances: how many (APP_REPLICAS), which version runs (state/app-versions.env, written
# by upgrade and rollback), and how one is added, proved ready and retired without dropping a
# request (nginx retries what a stopping instance refuses: nginx/conf.d/upstream.conf).

readonly APP_SERVICE=todolist-app
readonly APP_IMAGE_REPOSITORY=localhost/todolist-api
readonly MAX_APP_REPLICAS=16
readonly VERSIONS_FILE="${BUNDLE_DIR}/state/app-versions.env"
# The app's readiness probe on its management port (false while it starts or stops).
readonly READINESS_PORT=9464
readonly READINESS_PATH=/management/health/readiness

#######################################
# APP_REPLICAS from .env (1 when unset); dies with EXIT_CONFIG on anything but 1..MAX_APP_REPLICAS.
#######################################
app_replicas() {
  local replicas
  replicas="$(env_value APP_REPLICAS)"
  replicas="${replicas:-1}"
  if [[ ! "${replicas}" =~ ^[1-9][0-9]{0,2}$ ]] || ((replicas > MAX_APP_REPLICAS)); then
    die "${EXIT_CONFIG}" "APP_REPLICAS must be a number from 1 to ${MAX_APP_REPLICAS}, not '${replicas}'"
  fi
  printf '%s' "${replicas}"
}

# The app version recorded by the last upgrade or rollback (CURRENT or PREVIOUS), empty if none.
recorded_app_version() {
  file_value "${VERSIONS_FILE}" "$1"
}

# record_app_versions CURRENT PREVIOUS
record_app_versions() {
  mkdir -p "$(dirname "${VERSIONS_FILE}")"
  printf '# Written by manage-docker.sh upgrade/rollback: the app image tag that runs, and the one before.\nCURRENT=%s\nPREVIOUS=%s\n' \
    "$1" "$2" > "${VERSIONS_FILE}.tmp"
  mv -f "${VERSIONS_FILE}.tmp" "${VERSIONS_FILE}"
}

#######################################
# Compose's image of the app (TODOLIST_API_IMAGE): the recorded version's tag, so that start and
# restart keep what an upgrade chose, over a digest pinned in .env; unset, .env's pin or the file's
# default (the bundle's release) applies. A variable of the caller's shell wins, as for every
# Compose variable.
#######################################
export_app_version() {
  local current
  current="$(recorded_app_version CURRENT)"
  if [[ -n "${current}" && -z "${TODOLIST_API_IMAGE:-}" ]]; then
    export TODOLIST_API_IMAGE="${APP_IMAGE_REPOSITORY}:${current}"
  fi
}

# The ids of the app's containers, running or not.
app_instances() {
  project_containers "${APP_SERVICE}"
}

# The image a container was created from (repository:tag).
instance_image() {
  "$(engine_cli)" inspect --format '{{.Config.Image}}' "$1" 2>/dev/null
}

#######################################
# Waits until the instance ID answers its readiness probe with 200, from inside its container
# (bash's /dev/tcp, as the healthchecks do), at most TODOLIST_READY_WAIT_SECONDS (180); returns
# non-zero when it is not ready by then or stopped.
#######################################
wait_until_instance_ready() {
  local id="$1" engine deadline=$((SECONDS + ${TODOLIST_READY_WAIT_SECONDS:-180}))
  local probe="exec 3<>/dev/tcp/127.0.0.1/${READINESS_PORT} && printf 'GET ${READINESS_PATH} HTTP/1.0\r\n\r\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"
  engine="$(engine_cli)"
  until "${engine}" exec "${id}" bash -c "${probe}" >/dev/null 2>&1; do
    [[ "$("${engine}" inspect --format '{{.State.Status}}' "${id}" 2>/dev/null)" == running ]] || return 1
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

#######################################
# Starts one more app instance (the image TODOLIST_API_IMAGE names) next to the running ones,
# without touching them or any other service; prints the new container's id.
#######################################
add_app_instance() {
  local -a before after
  local id old known
  mapfile -t before < <(app_instances)
  compose up -d --no-deps --no-recreate --scale "${APP_SERVICE}=$((${#before[@]} + 1))" "${APP_SERVICE}" >&2 \
    || die "${EXIT_ENGINE}" "Compose could not start a new ${APP_SERVICE} instance"
  mapfile -t after < <(app_instances)
  for id in "${after[@]}"; do
    known=false
    for old in "${before[@]}"; do
      [[ "${id}" != "${old}" ]] || known=true
    done
    if [[ "${known}" == false ]]; then
      printf '%s' "${id}"
      return 0
    fi
  done
  die "${EXIT_ENGINE}" "Compose started no new ${APP_SERVICE} instance"
}

#######################################
# Stops the instance ID gracefully (SIGTERM: readiness turns false, it refuses new connections,
# which nginx retries on another instance, and finishes those in flight), then removes it.
#######################################
retire_app_instance() {
  local engine
  engine="$(engine_cli)"
  "${engine}" stop -t 20 "$1" >/dev/null || die "${EXIT_ENGINE}" "could not stop the app instance $1"
  "${engine}" rm "$1" >/dev/null || die "${EXIT_ENGINE}" "could not remove the app instance $1"
}

#######################################
# Replaces the app instances that do not run VERSION, one at a time: a new instance on VERSION,
# ready, given the time nginx needs to resolve it (its resolver keeps answers 5 s), and only then
# one old instance stopped. A new instance that does not become ready is removed and the run
# stops there: the old ones left still serve.
#######################################
roll_app_instances() {
  local version="$1" image="${APP_IMAGE_REPOSITORY}:$1" id new total=0 replaced=0 started
  local -a instances
  mapfile -t instances < <(app_instances)
  ((${#instances[@]} > 0)) || die "${EXIT_ENGINE}" "no ${APP_SERVICE} instance runs: ./manage-docker.sh start first"
  export TODOLIST_API_IMAGE="${image}"
  for id in "${instances[@]}"; do
    [[ "$(instance_image "${id}")" == "${image}" ]] || total=$((total + 1))
  done
  for id in "${instances[@]}"; do
    [[ "$(instance_image "${id}")" != "${image}" ]] || continue
    info "instance $((replaced + 1)) of ${total}: starting one on ${version}"
    started="${SECONDS}"
    new="$(add_app_instance)"
    if ! wait_until_instance_ready "${new}"; then
      "$(engine_cli)" logs --tail 50 "${new}" >&2 || true
      retire_app_instance "${new}"
      die "${EXIT_ENGINE}" "the new instance on ${version} did not become ready (its last log lines above); ${replaced} of ${total} replaced, the others still run the old version: ./manage-docker.sh rollback"
    fi
    sleep "${TODOLIST_RESOLVE_WAIT_SECONDS:-6}"
    info "instance $((replaced + 1)) of ${total}: ready in $((SECONDS - started)) s; stopping an old one (${id:0:12})"
    retire_app_instance "${id}"
    replaced=$((replaced + 1))
  done
  info "${APP_SERVICE}: ${#instances[@]} instance(s) on ${version} (${replaced} replaced)"
}
