#!/usr/bin/env bash
# Measures the API's start-up on the embedded default (not a test; CI does not run it).
#
# Starts the -all jar RUNS times, each on a fresh data directory and as the quick start runs it (no
# JVM flags, as run-benchmark.sh does on the embedded default), and records for each start the
# time from launch to the first 200 on /health and the CPU time the process had used by then; then
# prints the median of each and where the time went in the median run: the first log line (the JVM
# and the classes up to the first logger), the embedded store's open, the "listening on" line (the
# Micronaut context and the HTTP server), the first healthy /health (its first request: routing,
# the controller, the MongoDB client's connection). Writes benchmarks/results/startup-<timestamp>.md.
#
# Usage: todo-api/src/bench/measure-startup.sh [RUNS]   (default 5)
# Environment: BENCH_JAR (a jar to run instead of building this checkout's), BENCH_PORT (3920),
#              BENCH_JAVA_OPTS (none), BENCH_EXTRA_JAVA_OPTS (appended, e.g. -XX:SharedArchiveFile=...).
# Needs: java 17, curl.
set -euo pipefail

# shellcheck source=todo-api/src/bench/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
usage_if_asked "$@"
readonly RUNS="${1:-5}"
api_settings 3920 "$(deployed_java_opts embedded)"

cleanup() {
  stop_api
  [[ -n "${WORK}" ]] && rm -rf "${WORK}"
}

now_ms() {
  date +%s%3N
}

# Milliseconds from $1 (epoch ms) to the first line of WORK/api.log matching $2 (its ISO timestamp).
log_line_ms() {
  local stamp
  stamp="$(grep -m 1 -E "$2" "${WORK}/api.log" | cut -d' ' -f1)"
  [[ -n "${stamp}" ]] || { echo "-"; return; }
  echo $(($(date -d "${stamp}" +%s%3N) - $1))
}

main() {
  local jar run started healthy cpu rows="" load_before
  jar="${BENCH_JAR:-$(jar_path)}"
  WORK="$(mktemp -d)"
  trap cleanup EXIT
  load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
  : >"${WORK}/runs.txt"
  for ((run = 1; run <= RUNS; run++)); do
    rm -rf "${WORK}/data"
    started="$(now_ms)"
    start_api_jar "${jar}" MALLOC_ARENA_MAX=2
    healthy=$(($(now_ms) - started))
    cpu="$(awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/${APP_PID}/stat")"
    echo "${healthy} ${cpu} $(log_line_ms "${started}" '^[0-9]{4}-') $(log_line_ms "${started}" 'embedded evaluation database') $(log_line_ms "${started}" 'listening on')" \
      | tee -a "${WORK}/runs.txt"
    stop_api
  done
  rows="$(sort -n "${WORK}/runs.txt" | awk '{printf "| %d | %d | %s | %s | %s |\n", $1, $2, $3, $4, $5}')"
  write_report "startup-" "Start-up" <<REPORT
API on the embedded default (fresh data directory each start), $(java_opts_described), commit \`$(commit_described)\`$([[ -n "${BENCH_JAR:-}" ]] && echo ", jar \`${BENCH_JAR}\`").
Machine: $(nproc) cores, load average before the runs ${load_before}, after them $(cut -d' ' -f1-3 /proc/loadavg).

**Median of ${RUNS} starts: $(median 1 "${WORK}/runs.txt") ms to the first healthy /health, $(median 2 "${WORK}/runs.txt") ms of CPU by then.**

| launch to healthy (ms) | CPU by then (ms) | first log line (ms) | store opened (ms) | "listening on" (ms) |
|---|---|---|---|---|
${rows}
REPORT
}

# The median of column $1 of file $2.
median() {
  awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

main "$@"
