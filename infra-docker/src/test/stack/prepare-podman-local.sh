#!/usr/bin/env bash
#
# Adapts an unpacked bundle to a machine of this kind (podman, no registry) for a proof run:
# copies docker-compose.podman-local.yml next to its docker-compose.yml as
# docker-compose.override.yml (Compose reads it by default) and the MongoDB-wire stand-in's
# classpath into its standin/ directory. NEVER for a real deployment: the stand-in is not MongoDB.
#   infra-docker/src/test/stack/prepare-podman-local.sh BUNDLE_DIR
# Needs a build of infra-docker up to pre-integration-test (./mvnw -pl infra-docker -am verify
# or package + dependency:copy-dependencies@stand-in-classpath), which fills target/stack-standin.

set -euo pipefail

STACK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly STACK_DIR
readonly MODULE_DIR="${STACK_DIR}/../../.."

main() {
  local bundle="${1:?usage: prepare-podman-local.sh BUNDLE_DIR}"
  [[ -f "${bundle}/docker-compose.yml" ]] || { echo "prepare-podman-local: no docker-compose.yml in ${bundle}" >&2; exit 1; }
  local lib="${MODULE_DIR}/target/stack-standin/lib"
  local classes="${MODULE_DIR}/target/test-classes/dev/todolist/infra/stack"
  [[ -d "${lib}" && -d "${classes}" ]] \
    || { echo "prepare-podman-local: build infra-docker first (no ${lib} or ${classes})" >&2; exit 1; }
  cp "${STACK_DIR}/docker-compose.podman-local.yml" "${bundle}/docker-compose.override.yml"
  rm -rf "${bundle}/standin"
  mkdir -p "${bundle}/standin/classes/dev/todolist/infra"
  cp -r "${lib}" "${bundle}/standin/lib"
  cp -r "${classes}" "${bundle}/standin/classes/dev/todolist/infra/stack"
  echo "prepare-podman-local: ${bundle} now runs a MongoDB-wire stand-in in place of mongo:7 (docker-compose.override.yml)"
}

main "$@"
