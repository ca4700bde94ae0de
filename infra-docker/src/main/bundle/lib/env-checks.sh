# shellcheck shell=bash
# Refuses a .env that would start an unsafe stack, by the rules in rules/secret-rules.env (the
# same file the Ansible role reads and the API's own check is tested against).

#######################################
# Dies with EXIT_CONFIG when .env is missing, readable by group or others, or holds a short,
# example or non-URL-safe secret.
#######################################
check_env_file() {
  [[ -f "${ENV_FILE}" ]] \
    || die "${EXIT_CONFIG}" "no .env in ${BUNDLE_DIR}: cp .env.example .env, set every change-me value, chmod 600 .env"
  local mode
  mode="$(stat -c '%a' "${ENV_FILE}")"
  [[ "${mode}" == 600 || "${mode}" == 400 ]] \
    || die "${EXIT_CONFIG}" ".env is mode ${mode}: it holds secrets, run chmod 600 ${ENV_FILE}"
  check_session_secret SESSION_SECRET required
  check_session_secret SESSION_SECRET_PREVIOUS optional
  check_mongodb_credentials
}

# check_session_secret NAME required|optional
check_session_secret() {
  local name="$1" secret min_length
  secret="$(env_value "${name}")"
  min_length="$(rule_value secret-rules.env SECRET_MIN_LENGTH)"
  if [[ -z "${secret}" ]]; then
    [[ "$2" == optional ]] || die "${EXIT_CONFIG}" "${name} is not set in .env"
    return 0
  fi
  ((${#secret} >= min_length)) \
    || die "${EXIT_CONFIG}" "${name} has ${#secret} characters, at least ${min_length} are needed (openssl rand -base64 48)"
  if is_example_value "${secret}"; then
    die "${EXIT_CONFIG}" "${name} is still an example value: set a random one (openssl rand -base64 48)"
  fi
}

check_mongodb_credentials() {
  local user password characters min_length
  user="$(env_value MONGO_INITDB_ROOT_USERNAME)"
  password="$(env_value MONGO_INITDB_ROOT_PASSWORD)"
  characters="$(rule_value secret-rules.env MONGO_CREDENTIAL_CHARACTERS)"
  min_length="$(rule_value secret-rules.env MONGO_PASSWORD_MIN_LENGTH)"
  [[ "${user}" =~ ^[${characters}]+$ ]] \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_USERNAME must be set and use only letters, digits and - . _ ~"
  [[ "${password}" =~ ^[${characters}]+$ ]] \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD must be set and use only letters, digits and - . _ ~ (it goes into the connection URI; openssl rand -hex 24)"
  ((${#password} >= min_length)) \
    || die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD has ${#password} characters, at least ${min_length} are needed"
  if is_example_value "${password}"; then
    die "${EXIT_CONFIG}" "MONGO_INITDB_ROOT_PASSWORD is still an example value"
  fi
}

# True when VALUE holds an example word in its letters and digits, or too few distinct characters.
is_example_value() {
  local letters word words min_distinct
  letters="$(tr -cd '[:alnum:]' <<< "${1,,}")"
  IFS=, read -r -a words <<< "$(rule_value secret-rules.env SECRET_EXAMPLE_WORDS)"
  for word in "${words[@]}"; do
    [[ "${letters}" != *"${word}"* ]] || return 0
  done
  min_distinct="$(rule_value secret-rules.env SECRET_MIN_DISTINCT_CHARACTERS)"
  (($(fold -w1 <<< "$1" | sort -u | wc -l) < min_distinct))
}
