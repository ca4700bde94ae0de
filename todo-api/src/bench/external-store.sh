# shellcheck shell=bash
# shellcheck disable=SC2034 # STORE_URI and STORE_PID are read by run-benchmark.sh, which sources this
# The store of run-benchmark.sh's external mode; sourced, never run. Expects WORK, STORE, JAVA_OPTS.
#
# With MONGODB_URI set, the API uses it (it should name an empty database: the run signs up its user
# and fills it); otherwise the embedded store's MongoDB-wire server (EmbeddedKillProbe serve: the
# same server class and H2 file the API runs in-process by default) starts in a JVM of its own on a
# fresh data directory, so its CPU is measured apart from the API's.

STORE_PID=""
STORE_URI=""
readonly STORE_PORT="${BENCH_STORE_PORT:-3902}"
readonly STORE_JAVA_OPTS="${BENCH_STORE_JAVA_OPTS:--XX:+UseSerialGC -Xmx384m -XX:ActiveProcessorCount=1}"

start_store() {
  local jar="$1" tries
  if [[ -n "${MONGODB_URI:-}" ]]; then
    STORE_URI="${MONGODB_URI}"
    return
  fi
  # shellcheck disable=SC2086 # STORE_JAVA_OPTS is a list of flags
  java ${STORE_JAVA_OPTS} -cp "${jar}" "${BENCH_DIR}/EmbeddedKillProbe.java" serve "${WORK}/store" "${STORE_PORT}" \
    >"${WORK}/store.log" 2>&1 &
  STORE_PID=$!
  for ((tries = 0; tries < 600; tries++)); do
    grep -q '^serving ' "${WORK}/store.log" && break
    kill -0 "${STORE_PID}" 2>/dev/null || { echo "the store exited; see its log:" >&2; cat "${WORK}/store.log" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^serving ' "${WORK}/store.log" || { echo "the store did not start in 60 s" >&2; exit 1; }
  STORE_URI="mongodb://127.0.0.1:${STORE_PORT}/todolist"
}

stop_store() {
  if [[ -n "${STORE_PID}" ]] && kill -0 "${STORE_PID}" 2>/dev/null; then
    kill "${STORE_PID}"
    wait "${STORE_PID}" 2>/dev/null || true
  fi
}

# CPU ms of the store process so far (0 when it is not a local process of this run).
store_cpu_ms() {
  if [[ -n "${STORE_PID}" ]]; then process_cpu_ms "${STORE_PID}"; else echo 0; fi
}

store_peak_rss_mb() {
  awk '/^VmHWM:/ {print int($2 / 1024)}' "/proc/${STORE_PID}/status"
}

store_described() {
  case "${STORE}" in
    embedded) echo "on the embedded default (store in the API process)" ;;
    *) if [[ -n "${STORE_PID}" ]]; then
         echo "against the embedded store's wire server in its own JVM (\`${STORE_JAVA_OPTS}\`)"
       else
         echo "against MONGODB_URI (an external MongoDB)"
       fi ;;
  esac
}
