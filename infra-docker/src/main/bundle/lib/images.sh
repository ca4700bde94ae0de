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
  info "loaded ${#files[@]} image(s); the tags docker-compose.yml names: grep image: docker-compose.yml"
}
