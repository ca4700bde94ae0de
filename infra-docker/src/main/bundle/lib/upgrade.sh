# shellcheck shell=bash
# upgrade VERSION and rollback: a backup, then the app's instances replaced one at a time
# (lib/instances.sh), the versions remembered in state/app-versions.env for the next rollback and
# for every later start.

# The version the app runs now: the recorded one, else the tag of a running instance (the
# bundle's release until a first upgrade).
running_app_version() {
  local current id
  current="$(recorded_app_version CURRENT)"
  if [[ -z "${current}" ]]; then
    id="$(app_instances | head -n 1)"
    [[ -z "${id}" ]] || current="$(instance_image "${id}")"
    current="${current##*:}"
  fi
  printf '%s' "${current}"
}

# Dies unless the engine has the app's image of VERSION (no registry is assumed: images load).
require_app_image() {
  local image="${APP_IMAGE_REPOSITORY}:$1"
  "$(engine_cli)" image inspect "${image}" >/dev/null 2>&1 \
    || die "${EXIT_CONFIG}" "no image ${image} in the engine: ./manage-docker.sh images load PATH (the release's image tarballs) first"
}

# A backup by the stack's job; an app-only host has none: the replica set's own backups apply.
backup_before_rolling() {
  if external_database; then
    info "app-only host (MONGODB_URI): no backup job here, take the replica set's backup yourself before an upgrade"
    return 0
  fi
  cmd_backup
}

# cmd_upgrade VERSION
cmd_upgrade() {
  local version="$1" from
  require_app_image "${version}"
  [[ -n "$(app_instances)" ]] || die "${EXIT_ENGINE}" "no ${APP_SERVICE} instance runs: ./manage-docker.sh start first"
  from="$(running_app_version)"
  info "upgrading ${APP_SERVICE} from ${from:-?} to ${version}, one instance at a time; a backup first"
  local backup_started="${SECONDS}"
  backup_before_rolling
  info "backup taken in $((SECONDS - backup_started)) s"
  # Recorded before the first instance is replaced: a run stopped half-way is finished by the
  # next upgrade, or undone by rollback, and start never mixes versions back in.
  [[ "${from}" == "${version}" ]] || record_app_versions "${version}" "${from}"
  local started="${SECONDS}"
  roll_app_instances "${version}"
  info "upgraded to ${version} in $((SECONDS - started)) s (after the backup); back to ${from:-?}: ./manage-docker.sh rollback"
}

cmd_rollback() {
  local current previous
  current="$(recorded_app_version CURRENT)"
  previous="$(recorded_app_version PREVIOUS)"
  [[ -n "${previous}" ]] \
    || die "${EXIT_CONFIG}" "no previous version recorded (state/app-versions.env): rollback follows an upgrade"
  require_app_image "${previous}"
  info "rolling ${APP_SERVICE} back from ${current} to ${previous}, one instance at a time; a backup first"
  # What the newer version wrote is kept: the backup is the way back to the data as it was.
  backup_before_rolling
  record_app_versions "${previous}" "${current}"
  local started="${SECONDS}"
  roll_app_instances "${previous}"
  info "rolled back to ${previous} in $((SECONDS - started)) s (after the backup)"
}
