#!/usr/bin/env bash
# Benchmark of the API, on the embedded default or against a separate store (not a test; CI does not run it).
#
# Builds the -all jar if missing or stale and starts it on a fresh data directory with the JVM flags
# of the way the mode is deployed: on the embedded default none, as the quick start runs it; on an
# external store the image's JVM flags (read from todo-api/pom.xml) under -XX:MaxRAM and
# -XX:ActiveProcessorCount standing in for the container's limits (the JVM sizes its heap and
# thread pools from them; the process may still run on every core). Records the time from launch to the first healthy /health, signs a
# benchmark user up and in (every todo call carries its bearer token), loads 10 000 todos, runs a
# mixed workload (list pages, get, create, patch, delete) with wrk at 64 connections, first unmeasured
# (JIT warm-up) then measured, and writes req/s, p50/p95/p99, errors, CPU per request, peak RSS
# (VmHWM) and MongoDB connections in use (sampled from /metrics on the management port) to
# benchmarks/results/<timestamp>.md. BENCH_STORE=external runs the API against a MongoDB-wire server
# in its own JVM (the embedded store's server, external-store.sh) or against MONGODB_URI when set,
# and reports the API's CPU per request apart from the store's.
#
# Usage: todo-api/src/bench/run-benchmark.sh
# Environment: BENCH_JAR (a jar to run instead of building this checkout's: an A/B run of two commits),
#              BENCH_STORE (embedded | external), BENCH_WARMUP (60s), BENCH_DURATION (60s),
#              BENCH_CONNECTIONS (64), BENCH_THREADS (2), BENCH_TODOS (10000: in all), BENCH_USERS (1:
#              the todos are split between them), BENCH_LOADER (api: every todo created through the API;
#              copy: one per user, copied in the store: the only way for 100 000; the default above one user),
#              BENCH_PORT (3900),
#              BENCH_MANAGEMENT_PORT (3901), BENCH_STORE_PORT (3902), BENCH_MAX_RAM (512m) and
#              BENCH_CPUS (1): the Compose file's limits (external only); BENCH_JAVA_OPTS (embedded: none;
#              external: -XX:MaxRAM=$BENCH_MAX_RAM -XX:ActiveProcessorCount=$BENCH_CPUS and the image's
#              JVM flags), BENCH_EXTRA_JAVA_OPTS (appended: a profiler, a JIT setting),
#              BENCH_STORE_JAVA_OPTS, MONGODB_URI (external only).
# Needs: java 17, wrk, curl, jq.
set -euo pipefail

# shellcheck source=todo-api/src/bench/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
# shellcheck source=todo-api/src/bench/external-store.sh
source "${ROOT}/todo-api/src/bench/external-store.sh"
# shellcheck source=todo-api/src/bench/bench-data.sh
source "${ROOT}/todo-api/src/bench/bench-data.sh"
readonly BENCH_DIR="${ROOT}/todo-api/src/bench"
readonly STORE="${BENCH_STORE:-embedded}"
api_settings 3900 "$(deployed_java_opts "${STORE}")"
readonly WARMUP="${BENCH_WARMUP:-60s}"
readonly DURATION="${BENCH_DURATION:-60s}"
readonly CONNECTIONS="${BENCH_CONNECTIONS:-64}"
readonly THREADS="${BENCH_THREADS:-2}"
readonly TODOS="${BENCH_TODOS:-10000}"
readonly USERS="${BENCH_USERS:-1}"
readonly LOADER="${BENCH_LOADER:-$( ((USERS > 1)) && echo copy || echo api)}"
readonly MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-3901}"
readonly API="${BASE_URL}/api/v1/todos"
readonly MANAGEMENT_URL="http://127.0.0.1:${MANAGEMENT_PORT}"
readonly BENCH_EMAIL="bench@example.org"
readonly BENCH_PASSWORD="benchmark passphrase 2026"

HEALTHY_MS=""
HEALTHY_CPU_MS=""
SAMPLER_PID=""
TOKEN=""

cleanup() {
  if [[ -n "${SAMPLER_PID}" ]]; then
    kill "${SAMPLER_PID}" 2>/dev/null || true
  fi
  stop_api
  stop_store
  [[ -n "${WORK}" ]] && rm -rf "${WORK}"
}

require_tools() {
  local tool
  for tool in java wrk curl jq; do
    command -v "${tool}" >/dev/null || { echo "missing ${tool} (Debian: apt-get install ${tool})" >&2; exit 1; }
  done
}


now_ms() {
  date +%s%3N
}

# Starts the API; HEALTHY_MS is the time from launch to the first 200 on /health, HEALTHY_CPU_MS
# the CPU time the process had used by then (a figure that depends less on what else the machine runs).
start_api() {
  local jar="$1" started
  started="$(now_ms)"
  # MALLOC_ARENA_MAX as in the image (todo-api/pom.xml), so that the RSS measured here is the image's
  # (in both modes: the embedded rows of benchmarks/README.md were measured with it).
  # The benchmark creates todos without end: the per-account limit is raised unless the caller sets it.
  start_api_jar "${jar}" ${STORE_URI:+MONGODB_URI="${STORE_URI}"} MALLOC_ARENA_MAX=2 \
    TODOLIST_TODOS_MAX_PER_ACCOUNT="${TODOLIST_TODOS_MAX_PER_ACCOUNT:-1000000}"
  HEALTHY_MS=$(($(now_ms) - started))
  HEALTHY_CPU_MS="$(process_cpu_ms)"
}

load_todos() {
  local config="${WORK}/load.curl" i created
  : >"${config}"
  for ((i = 1; i <= TODOS; i++)); do
    ((i == 1)) || echo "next" >>"${config}"
    printf 'url = "%s"\nheader = "Content-Type: application/json"\nheader = "Authorization: Bearer %s"\ndata = "{\\"title\\":\\"preloaded %d\\",\\"tags\\":[\\"bench\\"]}"\noutput = "/dev/null"\nwrite-out = "%%{http_code}\\n"\n' \
      "${API}" "${TOKEN}" "${i}" >>"${config}"
  done
  curl --silent --show-error --parallel --parallel-max 16 -K "${config}" >"${WORK}/load.codes" 2>"${WORK}/load.err" || true
  created="$(grep -c '^201$' "${WORK}/load.codes" || true)"
  if ((created != TODOS)); then
    echo "only ${created} of ${TODOS} todos were created; answers:" >&2
    sort "${WORK}/load.codes" | uniq -c >&2
    head -n 5 "${WORK}/load.err" >&2
    exit 1
  fi
}

# Writes users.txt (write_users_file): the benchmark user and the ids of its todos, read page by page.
collect_ids() {
  local page first_page=0 ids_file="${WORK}/ids.txt" count
  : >"${ids_file}"
  if [[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer ${TOKEN}" "${API}?page=0&size=100")" != "200" ]]; then
    first_page=1
  fi
  for ((page = first_page; ; page++)); do
    count="$(curl -sf -H "Authorization: Bearer ${TOKEN}" "${API}?page=${page}&size=100" | jq -r '.[].id' | tee -a "${ids_file}" | wc -l)"
    ((count > 0)) || break
    (($(wc -l <"${ids_file}") < TODOS)) || break
  done
  sort -u "${ids_file}" >"${WORK}/ids-sorted.txt"
  : >"${WORK}/users.txt"
  write_users_file "${TOKEN}" "${TODOS}" "${WORK}/ids-sorted.txt"
  wc -l <"${WORK}/ids-sorted.txt"
}

# Samples the driver pool (connections in use, pool size) every half second into pool.txt.
sample_pool() {
  while true; do
    curl -s "${MANAGEMENT_URL}/metrics" \
      | awk '/^mongodb_driver_pool_checkedout\{/ {inuse += $NF} /^mongodb_driver_pool_size\{/ {size += $NF}
             END {printf "%d %d\n", inuse, size}' >>"${WORK}/pool.txt" || true
    sleep 0.5
  done
}

# CPU time (user + system) process $1 (the API by default) has used so far, in milliseconds.
process_cpu_ms() {
  awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/${1:-${APP_PID}}/stat"
}

# $1 ms of CPU over $2 requests, as milliseconds per request.
per_request() {
  awk -v c="$1" -v r="$2" 'BEGIN {printf "%.2f", (r > 0 ? c / r : 0)}'
}

# Committed heap of the API process in MB, from /metrics: what of the RSS the heap accounts for.
heap_committed_mb() {
  curl -s "${MANAGEMENT_URL}/metrics" \
    | awk '/^jvm_memory_committed_bytes\{.*area="heap"/ {sum += $NF} END {printf "%d\n", sum / 1048576}'
}

# Runs the mixed workload for $1, writing wrk's output to $2.
run_wrk() {
  BENCH_USERS_FILE="${WORK}/users.txt" \
    wrk -t "${THREADS}" -c "${CONNECTIONS}" -d "$1" --timeout 10s --latency \
    -s "${BENCH_DIR}/mixed-workload.lua" "${BASE_URL}" >"$2"
}

bench_value() {
  sed -n "s/^BENCH $1=//p" "${WORK}/wrk.txt"
}

main() {
  usage_if_asked "$@"
  require_tools
  local jar id_count peak_rss_kb pool_max_inuse pool_max_size load_before load_after
  local cpu_before cpu_run_ms heap_mb requests store_cpu_before store_cpu_run_ms
  [[ "${STORE}" == embedded || "${STORE}" == external ]] || { echo "BENCH_STORE must be embedded or external" >&2; exit 2; }
  jar="${BENCH_JAR:-$(jar_path)}"
  WORK="$(mktemp -d)"
  trap cleanup EXIT

  [[ "${LOADER}" == api || "${LOADER}" == copy ]] || { echo "BENCH_LOADER must be api or copy" >&2; exit 2; }
  ((USERS == 1)) || [[ "${LOADER}" == copy ]] || { echo "BENCH_USERS above 1 needs BENCH_LOADER=copy" >&2; exit 2; }
  if ((USERS > 1)); then
    # Signing a thousand users up at the production hash cost would take minutes of CPU: the
    # benchmark measures todo requests, so their sign-up hashes cheaply (unless the caller says otherwise).
    export TODOLIST_PASSWORD_HASH_MEMORY_KIB="${TODOLIST_PASSWORD_HASH_MEMORY_KIB:-1024}"
    export TODOLIST_PASSWORD_HASH_ITERATIONS="${TODOLIST_PASSWORD_HASH_ITERATIONS:-1}"
    # Every user signs up from this one address: the sign-up throttle (10 per address by default)
    # refused all but the first ten of the 1 000-user point.
    export TODOLIST_THROTTLE_ADDRESS_SIGN_UPS="${TODOLIST_THROTTLE_ADDRESS_SIGN_UPS:-$((USERS + 1))}"
  fi

  [[ "${STORE}" == embedded ]] || start_store "${jar}"
  start_api "${jar}"
  echo "healthy after ${HEALTHY_MS} ms (${HEALTHY_CPU_MS} ms CPU); loading ${TODOS} todos of ${USERS} user(s) (${LOADER})"
  if [[ "${LOADER}" == copy ]]; then
    load_users_by_copy "${jar}"
    id_count="$(grep -vc '^U ' "${WORK}/users.txt")"
  else
    TOKEN="$(signed_in_token "${BENCH_EMAIL}" "${BENCH_PASSWORD}" "${BASE_URL}")"
    load_todos
    id_count="$(collect_ids)"
  fi
  echo "collected ${id_count} ids; warming up for ${WARMUP}, then measuring ${DURATION} at ${CONNECTIONS} connections"

  run_wrk "${WARMUP}" "${WORK}/warmup.txt"
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  cpu_before="$(process_cpu_ms)"
  store_cpu_before="$(store_cpu_ms)"
  sample_pool &
  SAMPLER_PID=$!
  run_wrk "${DURATION}" "${WORK}/wrk.txt"
  kill "${SAMPLER_PID}" && SAMPLER_PID=""
  load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
  cpu_run_ms=$(($(process_cpu_ms) - cpu_before))
  store_cpu_run_ms=$(($(store_cpu_ms) - store_cpu_before))
  heap_mb="$(heap_committed_mb)"

  peak_rss_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/${APP_PID}/status")"
  pool_max_inuse="$(awk 'BEGIN {m = 0} $1 > m {m = $1} END {print m}' "${WORK}/pool.txt")"
  pool_max_size="$(awk 'BEGIN {m = 0} $2 > m {m = $2} END {print m}' "${WORK}/pool.txt")"

  requests="$(bench_value requests)"
  write_report "" "Benchmark" <<REPORT
API $(store_described) (fresh data), $(java_opts_described), commit \`$(commit_described)\`$([[ -n "${BENCH_JAR:-}" ]] && echo ", jar \`${BENCH_JAR}\`").
Machine: $(nproc) cores, load average before the run ${load_before}, after it ${load_after} (this run's own wrk, loading and API count in it, and anything else the machine runs); wrk ${THREADS} threads, ${CONNECTIONS} connections, ${DURATION} measured after ${WARMUP} of the same workload unmeasured (JIT warm-up).
Workload: ${USERS} signed-in user(s) (bearer session token on every call; each request picks a user at random), ${TODOS} preloaded todos in all ($([[ "${LOADER}" == copy ]] && echo "copied in the store from one created through the API per user" || echo "created through the API")); 40% list page (size 20), 30% get, 12% create, 13% patch, 5% delete.

| figure | value |
|---|---|
| start to healthy | ${HEALTHY_MS} ms (CPU time used by then: ${HEALTHY_CPU_MS} ms) |
| requests | $(bench_value requests) in $(bench_value duration_s) s |
| throughput | $(bench_value rps) req/s |
| latency p50 / p95 / p99 | $(bench_value p50_ms) / $(bench_value p95_ms) / $(bench_value p99_ms) ms |
| latency max | $(bench_value max_ms) ms |
| errors (non-2xx answers) | $(bench_value non_2xx) |
| errors (socket: connect/read/write/timeout) | $(bench_value socket_errors) |
| API process CPU time during the run | ${cpu_run_ms} ms, $(per_request "${cpu_run_ms}" "${requests}") ms per request (a figure the shared machine's load distorts less than latency)$([[ "${STORE}" == embedded ]] && echo "; the store runs in this process") |
| store process CPU time during the run | $(if [[ -n "${STORE_PID}" ]]; then echo "${store_cpu_run_ms} ms, $(per_request "${store_cpu_run_ms}" "${requests}") ms per request (peak RSS $(store_peak_rss_mb) MB)"; else echo "not measured ($([[ "${STORE}" == embedded ]] && echo "in the API process" || echo "MONGODB_URI: not a local process"))"; fi) |
| peak RSS of the API process (VmHWM) | $((peak_rss_kb / 1024)) MB (heap committed at the end: ${heap_mb} MB) |
| MongoDB connections in use (max sampled) | ${pool_max_inuse} (pool size max ${pool_max_size}) |

Operations per wrk thread: $(bench_value ops)

<details><summary>wrk output</summary>

\`\`\`
$(grep -v '^BENCH ' "${WORK}/wrk.txt")
\`\`\`
</details>
REPORT
}

main "$@"
