# shellcheck shell=bash
# What the benchmark scripts beside this file share; sourced, never run. Sets ROOT (the checkout).
# The scripts that start the API call api_settings first and keep their files in WORK.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
readonly ROOT
WORK=""
APP_PID=""

# The API a script starts: PORT is BENCH_PORT (else $1), JAVA_OPTS is BENCH_JAVA_OPTS (else $2)
# followed by BENCH_EXTRA_JAVA_OPTS (a profiler, a JIT setting), BASE_URL is where it answers.
api_settings() {
  PORT="${BENCH_PORT:-$1}"
  JAVA_OPTS="${BENCH_JAVA_OPTS:-$2}${BENCH_EXTRA_JAVA_OPTS:+ ${BENCH_EXTRA_JAVA_OPTS}}"
  BASE_URL="http://127.0.0.1:${PORT}"
  # shellcheck disable=SC2034 # BASE_URL is read by the scripts that source this
  readonly PORT JAVA_OPTS BASE_URL
}

# Prints the script's header comment and exits when its arguments ask for help.
usage_if_asked() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0"
    exit 0
  fi
}

# The API's -all jar, (re)built first if there is none or if a source or build file of the API or
# the domain or the web app is newer than it: a stale jar once made a benchmark measure code that was long gone.
jar_path() {
  local jar
  jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' 2>/dev/null | head -n 1)"
  if [[ -z "${jar}" ]] || [[ -n "$(find "${ROOT}/pom.xml" "${ROOT}/todo-domain/pom.xml" "${ROOT}/todo-domain/src/main" \
      "${ROOT}/todo-embedded-store/pom.xml" "${ROOT}/todo-embedded-store/src/main" \
      "${ROOT}/todo-web/pom.xml" "${ROOT}/todo-web/src/main" "${ROOT}/todo-api/pom.xml" "${ROOT}/todo-api/src/main" -newer "${jar}" -print -quit)" ]]; then
    echo "building the API jar" >&2
    (cd "${ROOT}" && ./mvnw -B -q -DskipTests -pl todo-api -am package) >&2
    jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' | head -n 1)"
  fi
  echo "${jar}"
}

# The API image's JVM as the Compose file limits it, on one line: -XX:MaxRAM=BENCH_MAX_RAM (512m)
# and -XX:ActiveProcessorCount=BENCH_CPUS (1) stand in for the container's limits (the JVM sizes its
# heap and thread pools from them), then the image's flags (the <jvmFlag> elements of
# todo-api/pom.xml). Fails when there are none: a benchmark without them would measure another JVM.
image_java_opts() {
  local flags
  flags="$(sed -n 's:^ *<jvmFlag>\(.*\)</jvmFlag> *$:\1:p' "${ROOT}/todo-api/pom.xml" | paste -sd ' ')"
  [[ -n "${flags}" ]] || { echo "no <jvmFlag> lines found in todo-api/pom.xml" >&2; return 1; }
  echo "-XX:MaxRAM=${BENCH_MAX_RAM:-512m} -XX:ActiveProcessorCount=${BENCH_CPUS:-1} ${flags}"
}

# The JVM flags of the way STORE ($1) is deployed: the API on an external store as the image runs it
# (image_java_opts); the embedded default as the quick start runs it, `java -jar` with the JVM's own
# choices, so none. The image has no embedded store: its flags never run one.
deployed_java_opts() {
  [[ "$1" != external ]] || image_java_opts
}

# JAVA_OPTS as a report names them.
java_opts_described() {
  if [[ -n "${JAVA_OPTS// /}" ]]; then
    echo "\`${JAVA_OPTS}\`"
  else
    echo "no JVM flags (as the quick start runs it)"
  fi
}

# Starts the API jar ($1) on the embedded default in a fresh WORK/data, on PORT (management port
# MANAGEMENT_PORT, else PORT + 1) with JAVA_OPTS and the extra environment NAME=value ($2...), and
# returns at its first 200 on /health. APP_PID is its process, WORK/api.log its output.
start_api_jar() {
  local jar="$1" base_url="http://127.0.0.1:${PORT}"
  shift
  if curl -s -o /dev/null "${base_url}/health"; then
    echo "something already answers on port ${PORT}; choose another with BENCH_PORT" >&2
    exit 1
  fi
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  (cd "${WORK}" && exec env -u MONGODB_URI APP_ENV=development APP_PORT="${PORT}" \
    MANAGEMENT_PORT="${MANAGEMENT_PORT:-$((PORT + 1))}" TODO_DATA_DIR="${WORK}/data" "$@" \
    java ${JAVA_OPTS} -jar "${jar}") >"${WORK}/api.log" 2>&1 &
  APP_PID=$!
  until [[ "$(curl -s -o /dev/null -w '%{http_code}' "${base_url}/health" || true)" == "200" ]]; do
    kill -0 "${APP_PID}" 2>/dev/null || { echo "the API exited; see its log:" >&2; cat "${WORK}/api.log" >&2; exit 1; }
    sleep 0.05
  done
}

# Stops the API if it runs (for an EXIT trap).
stop_api() {
  if [[ -n "${APP_PID}" ]] && kill -0 "${APP_PID}" 2>/dev/null; then
    kill "${APP_PID}"
    wait "${APP_PID}" 2>/dev/null || true
  fi
}

# The JSON body of a sign-up or sign-in.
credentials_json() {
  jq -cn --arg email "$1" --arg password "$2" '{email: $email, password: $password}'
}

# Signs a user ($1, $2) up on the API at $3, then in; prints the session token.
signed_in_token() {
  local credentials token
  credentials="$(credentials_json "$1" "$2")"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d "${credentials}" "$3/api/v1/users" \
    || { echo "sign-up failed" >&2; exit 1; }
  token="$(curl -sf -H 'Content-Type: application/json' -d "${credentials}" "$3/api/v1/sessions" | jq -r .token)"
  [[ -n "${token}" && "${token}" != "null" ]] || { echo "sign-in failed" >&2; exit 1; }
  echo "${token}"
}

# The checked-out commit, and whether the tree the jar was built from differs from it.
commit_described() {
  local commit
  commit="$(git -C "${ROOT}" rev-parse --short HEAD 2>/dev/null)" || { echo unknown; return; }
  if [[ -n "$(git -C "${ROOT}" status --porcelain 2>/dev/null)" ]]; then
    commit="${commit} with uncommitted changes"
  fi
  echo "${commit}"
}

# Writes a report, its body on stdin, to benchmarks/results/<$1><timestamp>.md under the heading
# "$2 <timestamp>", and prints it.
write_report() {
  local stamp report
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "${ROOT}/benchmarks/results"
  report="${ROOT}/benchmarks/results/$1${stamp}.md"
  { echo "# $2 ${stamp}"; echo; cat; } >"${report}"
  echo "report: ${report}"
  cat "${report}"
}
