# shellcheck shell=bash
# backup and restore: the backup job's CLI run inside the running backup container.

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

# cmd_backups list|verify|prune FILE DRY_RUN: the job's own commands, in its running container.
cmd_backups() {
  case "$1" in
    list) backup_cli list || die "${EXIT_BACKUP}" "the backup job could not list ./backups" ;;
    verify)
      local name
      name="$(stage_archive "$2")"
      backup_cli verify "/backups/${name}" || die "${EXIT_BACKUP}" "${name} is damaged or not an archive"
      ;;
    prune)
      local -a options=()
      [[ "$3" != true ]] || options=(--dry-run)
      backup_cli prune "${options[@]}" || die "${EXIT_BACKUP}" "the retention could not be applied (see the lines above)"
      ;;
  esac
}

# cmd_restore FILE ASSUME_YES
cmd_restore() {
  local name
  name="$(stage_archive "$1")"
  info "verifying ${name}"
  backup_cli verify "/backups/${name}" || die "${EXIT_BACKUP}" "${name} is damaged or not an archive: nothing was changed"

  if [[ "$2" != true ]]; then
    [[ -t 0 ]] || die "${EXIT_DECLINED}" "restore replaces every todo: confirm on a terminal, or pass --yes"
    local answer
    read -r -p "Replace ALL the data of ${PROJECT} with ${name}? (A safety backup is taken first.) Type yes: " answer
    [[ "${answer}" == yes ]] || die "${EXIT_DECLINED}" "restore cancelled: nothing was changed"
  fi

  info "stopping the API during the restore (nginx answers 503 problem+json with Retry-After meanwhile)"
  maintenance_begin
  compose stop todolist-app || die "${EXIT_ENGINE}" "could not stop the API"
  wait_for_database
  # The job takes the safety backup itself (todolist-pre-restore-<time>.archive.gz) before it
  # touches anything, and puts it back if the restore fails half-way.
  local status=0
  backup_cli restore "/backups/${name}" || status=$?
  info "starting the API again"
  compose start todolist-app || die "${EXIT_ENGINE}" "the API did not start again: ./manage-docker.sh start"
  ((status == 0)) || die "${EXIT_BACKUP}" "the restore failed (job exit code ${status}); the job's lines above say what the live data is"
  # nginx resolves the app's name per request: it finds the API at its new address by itself.
  wait_for_api
  maintenance_end
  info "restored ${name}; the data it replaced is in the todolist-pre-restore-* archive named above"
}

#######################################
# Waits until every app instance is ready again, probing each from inside its container
# (lib/instances.sh). By container id, not `compose exec`: that one reaches instance 1, which an
# upgrade has replaced by others.
#######################################
wait_for_api() {
  local id
  for id in $(app_instances); do
    wait_until_instance_ready "${id}" \
      || die "${EXIT_ENGINE}" "the API is not ready after the restore: ./manage-docker.sh logs todolist-app"
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
