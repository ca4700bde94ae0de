# shellcheck shell=bash
# images load: the release's image tarballs (./mvnw -Pimages package, or `docker save`) into the
# engine, on a host without a registry.

# cmd_images_load PATH...: each PATH an image tarball, or a directory whose *.tar are loaded.
cmd_images_load() {
  local engine path file
  local -a files=()
  for path in "$@"; do
    if [[ -d "${path}" ]]; then
      local -a found=("${path}"/*.tar)
      [[ -e "${found[0]}" ]] || die "${EXIT_USAGE}" "images load: no *.tar in ${path}"
      files+=("${found[@]}")
    elif [[ -f "${path}" ]]; then
      files+=("${path}")
    else
      die "${EXIT_USAGE}" "images load: no such file or directory: ${path}"
    fi
  done
  engine="$(engine_cli)"
  for file in "${files[@]}"; do
    info "loading $(basename "${file}") into ${engine}"
    "${engine}" load -i "${file}" || die "${EXIT_ENGINE}" "${engine} could not load ${file}"
  done
  info "loaded ${#files[@]} image(s); to pin the stack's images by digest, put these lines in .env:"
  cmd_images_digests
}

#######################################
# The stack's images, one "VARIABLE REFERENCE" a line: each `image: ${VARIABLE:-default}` of
# docker-compose.yml, with .env's value of VARIABLE when it sets one.
#######################################
stack_images() {
  local line variable reference
  while IFS= read -r line; do
    [[ "${line}" =~ ^[[:space:]]+image:[[:space:]]+\$\{([A-Z_]+):-([^}]+)\}[[:space:]]*$ ]] || continue
    variable="${BASH_REMATCH[1]}"
    reference="$(env_value "${variable}")"
    printf '%s %s\n' "${variable}" "${reference:-${BASH_REMATCH[2]}}"
  done < "${BUNDLE_DIR}/docker-compose.yml"
}

#######################################
# Prints, for every image of the stack the engine has, the .env line that pins it by digest
# (repository@sha256:...: the engine runs exactly that image whatever a tag later points to).
# An image without a digest, or not in the engine, gets a comment line saying why.
#######################################
cmd_images_digests() {
  local engine variable reference repository digest
  engine="$(engine_cli)"
  while read -r variable reference; do
    if [[ "${reference}" == *@sha256:* ]]; then
      echo "${variable}=${reference}"
      continue
    fi
    # The tag, if any, is after the last ':' of the last path part (a registry's port is not a tag).
    repository="${reference}"
    [[ "${reference##*/}" != *:* ]] || repository="${reference%:*}"
    if ! "${engine}" image inspect "${reference}" >/dev/null 2>&1; then
      echo "# ${variable}: ${reference} is not in ${engine} (images load, or pull it, first)"
      continue
    fi
    digest="$("${engine}" image inspect --format '{{range .RepoDigests}}{{println .}}{{end}}' "${reference}" \
      | grep -m 1 -F "${repository}@sha256:" || true)"
    if [[ -z "${digest}" ]]; then
      echo "# ${variable}: ${reference} has no digest in ${engine} (Docker records one only for an image pulled from or pushed to a registry)"
    else
      echo "${variable}=${digest}"
    fi
  done < <(stack_images)
}
