# shellcheck shell=bash
# The Compose profile `replicaset`: MongoDB as a three-member replica set. The profile's services
# are in docker-compose.yml; docker-compose.replicaset.yml, which completes them, is added to every
# Compose call while the profile is on, with the shared keyfile and the members' data directories.

readonly REPLICASET_PROFILE=replicaset
readonly REPLICASET_FILE=docker-compose.replicaset.yml
readonly KEYFILE="${BUNDLE_DIR}/secrets/mongodb_keyfile"

# True when COMPOSE_PROFILES (the shell's, else .env's) names the profile.
replica_set_enabled() {
  local profiles="${COMPOSE_PROFILES:-$(env_value COMPOSE_PROFILES)}"
  [[ ",${profiles// /}," == *",${REPLICASET_PROFILE},"* ]]
}

#######################################
# With the profile on and no COMPOSE_FILE chosen by the operator, Compose reads
# docker-compose.yml, then docker-compose.replicaset.yml, then docker-compose.override.yml when
# there is one (naming files turns off Compose's own reading of the override).
#######################################
export_compose_files() {
  replica_set_enabled || return 0
  [[ -z "${COMPOSE_FILE:-}" && -z "$(env_value COMPOSE_FILE)" ]] || return 0
  local files="docker-compose.yml:${REPLICASET_FILE}"
  [[ ! -f "${BUNDLE_DIR}/docker-compose.override.yml" ]] || files+=":docker-compose.override.yml"
  export COMPOSE_FILE="${files}"
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
