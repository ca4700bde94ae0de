# shellcheck shell=bash
# The host side of the stack: directories, the MongoDB password file and the TLS certificate,
# owned so that the non-root users inside the images can use them.

# Owners inside the images: the backup job (10001, group 0), nginx (101) and Prometheus (65534).
readonly BACKUP_UID=10001
readonly NGINX_UID=101
readonly PROMETHEUS_UID=65534

prepare_host_files() {
  mkdir -p "${BUNDLE_DIR}/data/mongodb" "${BUNDLE_DIR}/backups" "${BUNDLE_DIR}/certs" "${RUN_DIR}"
  prepare_maintenance_dir
  install -d -m 0700 "${BUNDLE_DIR}/secrets"
  local password_file="${BUNDLE_DIR}/secrets/mongodb_root_password"
  (umask 022 && printf '%s' "$(env_value MONGO_INITDB_ROOT_PASSWORD)" > "${password_file}")
  chmod 0444 "${password_file}"
  chmod 0770 "${BUNDLE_DIR}/backups"
  if [[ "$(env_value COMPOSE_PROFILES)" == *monitoring* || "${COMPOSE_PROFILES:-}" == *monitoring* ]]; then
    mkdir -p "${BUNDLE_DIR}/data/prometheus"
    ((EUID != 0)) || chown "${PROMETHEUS_UID}:${PROMETHEUS_UID}" "${BUNDLE_DIR}/data/prometheus"
  fi
  if ((EUID == 0)); then
    chown "${BACKUP_UID}:0" "${BUNDLE_DIR}/backups"
  elif [[ ! -O "${BUNDLE_DIR}/backups" || "$(stat -c '%u' "${BUNDLE_DIR}/backups")" != "${BACKUP_UID}" ]]; then
    info "warning: not root, so ./backups keeps its owner; the backup job (uid ${BACKUP_UID}, group 0) must be able to write it"
  fi
  ensure_tls_certificate
}

# A self-signed pair in certs/ when the operator has not put one there.
ensure_tls_certificate() {
  local crt="${BUNDLE_DIR}/certs/tls.crt" key="${BUNDLE_DIR}/certs/tls.key"
  if [[ ! -f "${crt}" || ! -f "${key}" ]]; then
    command -v openssl >/dev/null 2>&1 \
      || die "${EXIT_CONFIG}" "no certs/tls.crt and certs/tls.key, and no openssl to make a self-signed pair: install openssl or copy your certificate there"
    local name
    name="$(env_value TLS_SELF_SIGNED_NAME)"
    name="${name:-localhost}"
    info "no certificate in certs/: generating a self-signed one for ${name} (replace it with yours: README.md, TLS)"
    (umask 077 && openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${name}" \
      -addext "subjectAltName=DNS:${name},DNS:localhost,IP:127.0.0.1" \
      -keyout "${key}" -out "${crt}" 2>/dev/null) \
      || die "${EXIT_CONFIG}" "openssl could not generate the self-signed certificate"
    chmod 0644 "${crt}"
  fi
  chmod 0600 "${key}"
  ((EUID != 0)) || chown "${NGINX_UID}:${NGINX_UID}" "${key}"
}
