#!/usr/bin/env bash
#
# Initiates the stack's MongoDB replica set, once: the one-shot service mongodb-init (Compose
# profile replicaset) runs it in the mongo:7 image after every member answers a ping. A set that
# is already initiated is left as it is (a restart, an added profile on a running stack), so the
# script can run on every start. It then waits until the set has a primary and exits 0; the app
# and the backup job start only after that (service_completed_successfully).
#   replicaset-init.sh      (settings from the environment)
# Environment: MONGODB_REPLICA_SET (the set's name), MONGODB_MEMBERS (host:port,... the first one
# preferred as primary), MONGO_INITDB_ROOT_USERNAME; the root password is read from
# /run/secrets/mongodb_root_password by mongosh itself, so it never appears on a command line.
# Exit codes: 0 initiated (or already), 1 bad settings, 2 a member or the primary did not come.

set -euo pipefail

readonly PASSWORD_FILE=/run/secrets/mongodb_root_password

log() {
  echo "replicaset-init: $*" >&2
}

# mongosh_on HOST:PORT SCRIPT: runs SCRIPT on that member alone (no discovery of the others).
mongosh_on() {
  mongosh --quiet "mongodb://$1/admin?directConnection=true&serverSelectionTimeoutMS=5000" --eval "$2"
}

# The same, authenticated as the root user (the keyfile enforces authentication once users exist).
mongosh_as_root_on() {
  mongosh_on "$1" "db.auth(process.env.MONGO_INITDB_ROOT_USERNAME, require('fs').readFileSync('${PASSWORD_FILE}', 'utf8').trim()); $2"
}

# wait_for TRIES WHAT COMMAND...: runs COMMAND every 2 s until it succeeds, at most TRIES times.
wait_for() {
  local tries="$1" what="$2" attempt
  shift 2
  for ((attempt = 1; attempt <= tries; attempt++)); do
    if "$@" >/dev/null 2>&1; then
      return 0
    fi
    sleep 2
  done
  log "${what}: not after $((tries * 2)) s"
  exit 2
}

# The set's configuration document: members in order, the first one with the highest priority.
replica_set_config() {
  local name="$1" index=0 host members=""
  shift
  for host in "$@"; do
    members+="${members:+,}{_id:${index},host:'${host}',priority:$((index == 0 ? 2 : 1))}"
    index=$((index + 1))
  done
  printf "{_id:'%s',members:[%s]}" "${name}" "${members}"
}

main() {
  local name="${MONGODB_REPLICA_SET:-}" member state
  local -a members
  [[ "${name}" =~ ^[A-Za-z0-9_-]+$ ]] || { log "MONGODB_REPLICA_SET must be letters, digits, - or _: '${name}'"; exit 1; }
  IFS=, read -r -a members <<< "${MONGODB_MEMBERS:-}"
  ((${#members[@]} >= 3 && ${#members[@]} % 2 == 1)) \
    || { log "MONGODB_MEMBERS must name an odd number of members, at least 3: '${MONGODB_MEMBERS:-}'"; exit 1; }
  [[ -n "${MONGO_INITDB_ROOT_USERNAME:-}" && -r "${PASSWORD_FILE}" ]] \
    || { log "MONGO_INITDB_ROOT_USERNAME and ${PASSWORD_FILE} are needed"; exit 1; }

  for member in "${members[@]}"; do
    wait_for 60 "${member} answering a ping" mongosh_on "${member}" "quit(db.adminCommand('ping').ok === 1 ? 0 : 1)"
  done

  state="$(mongosh_as_root_on "${members[0]}" \
    "try { print(rs.status().ok === 1 ? 'initiated' : 'unknown') } catch (e) { print(e.codeName || e.message) }")" \
    || state="no answer (is the root password right?)"
  case "${state}" in
    initiated) log "replica set ${name} is already initiated: nothing to do" ;;
    NotYetInitialized)
      log "initiating replica set ${name}: ${members[*]}"
      mongosh_as_root_on "${members[0]}" "rs.initiate($(replica_set_config "${name}" "${members[@]}"))" >/dev/null
      ;;
    *) log "cannot read the replica set's state on ${members[0]}: ${state}"; exit 2 ;;
  esac

  wait_for 60 "a primary in ${name}" mongosh_as_root_on "${members[0]}" \
    "quit(rs.status().members.some(m => m.stateStr === 'PRIMARY') ? 0 : 1)"
  log "replica set ${name} has a primary"
}

main "$@"
