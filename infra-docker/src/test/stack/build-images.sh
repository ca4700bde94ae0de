#!/usr/bin/env bash
#
# Builds the stack's three images into podman with their own Jib configurations (todo-api,
# todo-backup, infra-docker's monitor), on the locally built JRE base, without a registry: the
# base is handed to Jib as a tarball (podman save) and each image comes back as one (jib:buildTar,
# podman load). Used by the stack proof (StackIT) and by hand:
#   infra-docker/src/test/stack/build-images.sh [BASE_IMAGE]
# The jars must have been packaged (./mvnw package) by the same build first.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
readonly ROOT
readonly BASE_IMAGE="${1:-localhost/todolist-jre:17}"
readonly WORK_DIR="${ROOT}/infra-docker/target/images"

# build_image MODULE GOALS...: one module's Jib configuration, everything it depends on taken from
# the reactor (-am), tests skipped (this build is their run).
build_image() {
  local module="$1"
  shift
  local started="${SECONDS}"
  local tar="${WORK_DIR}/${module}.tar"
  "${ROOT}/mvnw" -B -ntp -q -f "${ROOT}/pom.xml" -pl "${module}" -am -DskipTests \
    -Djib.containerize="dev.todolist:${module}" \
    -Djib.from.image="tar://${WORK_DIR}/base.tar" \
    -Djib.outputPaths.tar="${tar}" \
    "$@" jib:buildTar
  podman load -q -i "${tar}"
  rm -f "${tar}"
  echo "build-images: ${module} image built in $((SECONDS - started)) s"
}

# The images the new ones replaced keep no tag (about 400 MB each, every run): remove those of ours
# (by their OCI title label, set in each module's Jib configuration) that no container uses.
prune_replaced_images() {
  local title
  for title in todolist-api todolist-backup todolist-monitor; do
    podman image prune -f --filter "label=org.opencontainers.image.title=${title}" >/dev/null \
      || echo "build-images: could not prune the replaced ${title} images (ignored)" >&2
  done
}

main() {
  if ! command -v podman >/dev/null 2>&1 || ! podman info >/dev/null 2>&1; then
    echo "build-images: ******** NO CONTAINER ENGINE (podman): images NOT built; the stack proof will be"
    echo "build-images: ******** SKIPPED (and FAIL under CI=true). Install: .ci/install.d/20-podman.sh"
    return 0
  fi
  local started="${SECONDS}"
  mkdir -p "${WORK_DIR}"
  rm -f "${WORK_DIR}/base.tar"
  podman save -q --format docker-archive -o "${WORK_DIR}/base.tar" "${BASE_IMAGE}"
  build_image todo-api package
  build_image todo-backup package
  # The monitor has no reactor dependency at run time: compiled classes are enough.
  build_image infra-docker compile
  rm -f "${WORK_DIR}/base.tar"
  prune_replaced_images
  echo "build-images: all images built in $((SECONDS - started)) s"
}

main "$@"
