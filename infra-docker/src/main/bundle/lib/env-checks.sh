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
  check_external_subnet
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

#######################################
# TODOLIST_EXTERNAL_SUBNET, when set, must be an IPv4 network with room for the stack's containers
# (/8 to /28): the engine gives it to nginx's network and the app trusts X-Forwarded-For from it.
#######################################
check_external_subnet() {
  local subnet octet
  subnet="$(env_value TODOLIST_EXTERNAL_SUBNET)"
  [[ -n "${subnet}" ]] || return 0
  local refusal="TODOLIST_EXTERNAL_SUBNET=${subnet} is not an IPv4 network from /8 to /28 (e.g. 172.31.240.0/24)"
  # No leading zeros: the engines read 010 as an error, not as 10 (nor as octal).
  local number='(0|[1-9][0-9]{0,2})'
  [[ "${subnet}" =~ ^${number}\.${number}\.${number}\.${number}/([1-9][0-9]?)$ ]] || die "${EXIT_CONFIG}" "${refusal}"
  for octet in "${BASH_REMATCH[@]:1:4}"; do
    ((octet <= 255)) || die "${EXIT_CONFIG}" "${refusal}"
  done
  ((BASH_REMATCH[5] >= 8 && BASH_REMATCH[5] <= 28)) || die "${EXIT_CONFIG}" "${refusal}"
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
