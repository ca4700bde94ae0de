# shellcheck shell=bash
# Where the app's database is: the stack's own MongoDB (the default), a three-member replica set on
# this host (Compose profile `replicaset`, completed by docker-compose.replicaset.yml), or an
# existing replica set elsewhere (MONGODB_URI in .env: an app-only host,
# docker-compose.external-mongodb.yml).

readonly REPLICASET_PROFILE=replicaset
readonly REPLICASET_FILE=docker-compose.replicaset.yml
readonly EXTERNAL_MONGODB_FILE=docker-compose.external-mongodb.yml
readonly KEYFILE="${BUNDLE_DIR}/secrets/mongodb_keyfile"

# True when COMPOSE_PROFILES (the shell's, else .env's) names the profile.
replica_set_enabled() {
  local profiles="${COMPOSE_PROFILES:-$(env_value COMPOSE_PROFILES)}"
  [[ ",${profiles// /}," == *",${REPLICASET_PROFILE},"* ]]
}

# True on an app-only host: .env names an existing replica set.
external_database() {
  [[ -n "$(env_value MONGODB_URI)" ]]
}

#######################################
# The services `start` runs: all of them, or on an app-only host only the app and nginx (which
# are started with --no-deps, so that no local MongoDB comes up). Printed one per line.
#######################################
started_services() {
  if external_database; then
    printf '%s\n' todolist-app nginx
  fi
}

# The Compose file of the database mode, printed: docker-compose.external-mongodb.yml on an
# app-only host, docker-compose.replicaset.yml with the profile on, nothing for the stack's own
# MongoDB (lib/compose.sh adds it to every call). Dies when .env asks for both.
database_compose_file() {
  if external_database; then
    ! replica_set_enabled || die "${EXIT_CONFIG}" "MONGODB_URI (an existing replica set) and the replicaset profile exclude each other: choose one in .env"
    printf '%s' "${EXTERNAL_MONGODB_FILE}"
  elif replica_set_enabled; then
    printf '%s' "${REPLICASET_FILE}"
  fi
}

# The members' data directories and, once, the keyfile they authenticate each other with.
prepare_replica_set_files() {
  replica_set_enabled || return 0
  mkdir -p "${BUNDLE_DIR}/data/mongodb-2" "${BUNDLE_DIR}/data/mongodb-3"
  if [[ ! -s "${KEYFILE}" ]]; then
    command -v openssl >/dev/null 2>&1 \
      || die "${EXIT_CONFIG}" "the replicaset profile needs a keyfile and there is no openssl to make one: install openssl"
    info "replicaset profile: generating the members' keyfile (secrets/mongodb_keyfile)"
    (umask 077 && openssl rand -base64 756 > "${KEYFILE}") || die "${EXIT_CONFIG}" "could not write ${KEYFILE}"
  fi
  chmod 0400 "${KEYFILE}"
}
