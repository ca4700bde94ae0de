# shellcheck shell=bash
# shellcheck disable=SC2034 # (file-wide: the constants are used by the other parts, linted with it)
# Exit codes, messages and .env reading shared by every part of manage-docker.sh. Sourced by it;
# BUNDLE_DIR is set before.

readonly EXIT_USAGE=1
readonly EXIT_CONFIG=2
readonly EXIT_ENGINE=3
readonly EXIT_DECLINED=4
readonly EXIT_BACKUP=5

readonly ENV_FILE="${BUNDLE_DIR}/.env"
readonly RUN_DIR="${BUNDLE_DIR}/run"
readonly RULES_DIR="${BUNDLE_DIR}/rules"

err() {
  echo "manage-docker: $*" >&2
}

info() {
  echo "manage-docker: $*"
}

die() {
  local code="$1"
  shift
  err "$*"
  exit "${code}"
}

#######################################
# The value of NAME in FILE, a KEY=VALUE file (the last assignment wins, optional quotes removed),
# without sourcing it: values such as BACKUP_CRON=0 2 * * * are not shell.
#######################################
file_value() {
  local file="$1" name="$2" line value=""
  [[ -f "${file}" ]] || return 0
  while IFS= read -r line || [[ -n "${line}" ]]; do
    if [[ "${line}" == "${name}="* ]]; then
      value="${line#"${name}="}"
    fi
  done < "${file}"
  if [[ "${value}" =~ ^\"(.*)\"$ || "${value}" =~ ^\'(.*)\'$ ]]; then
    value="${BASH_REMATCH[1]}"
  fi
  printf '%s' "${value}"
}

# The value of NAME in .env.
env_value() {
  file_value "${ENV_FILE}" "$1"
}

# The value of NAME in rules/FILE, which must set it (the bundle is incomplete otherwise).
rule_value() {
  local value
  value="$(file_value "${RULES_DIR}/$1" "$2")"
  [[ -n "${value}" ]] || die "${EXIT_CONFIG}" "rules/$1 does not set $2: unpack the bundle again"
  printf '%s' "${value}"
}
