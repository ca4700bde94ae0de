#!/usr/bin/env bash
#
# Loads the image tarballs of this build (-Pimages: todo-api, todo-backup, infra-docker's monitor)
# into podman before the stack proofs, with the bundle's own `manage-docker.sh images load`, then
# removes the images the new ones replaced. Run by the build (infra-docker's images profile):
#   infra-docker/src/test/stack/load-images.sh BUNDLE_DIR IMAGE_TAR...
# Without podman it loads nothing and says so: the stack proofs are then skipped (and fail under
# CI=true).

set -euo pipefail

# The images the new ones replaced keep no tag (about 400 MB each, every run): remove those of ours
# (by their OCI title label, set by the parent's Jib configuration) that no container uses.
prune_replaced_images() {
  local title
  for title in todolist-api todolist-backup todolist-monitor; do
    podman image prune -f --filter "label=org.opencontainers.image.title=${title}" >/dev/null \
      || echo "load-images: could not prune the replaced ${title} images (ignored)" >&2
  done
}

main() {
  local bundle="${1:?usage: load-images.sh BUNDLE_DIR IMAGE_TAR...}"
  shift
  if ! command -v podman >/dev/null 2>&1 || ! podman info >/dev/null 2>&1; then
    echo "load-images: ******** NO CONTAINER ENGINE (podman): images NOT loaded; the stack proofs will be"
    echo "load-images: ******** SKIPPED (and FAIL under CI=true). Install: .ci/install.d/20-podman.sh"
    return 0
  fi
  local started="${SECONDS}"
  bash "${bundle}/manage-docker.sh" images load "$@"
  prune_replaced_images
  echo "load-images: images loaded in $((SECONDS - started)) s"
}

main "$@"
