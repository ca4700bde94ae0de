#!/usr/bin/env bash
# Measures what a burst of sign-ins does to everybody else (not a test; CI does not run it).
#
# Starts the -all jar on the embedded default with the production password-hash cost, signs one
# user up and in, then keeps CLIENTS sign-ins in flight for DURATION seconds while timing an
# unrelated authenticated GET /api/v1/todos once every 100 ms. Prints, and writes to
# benchmarks/results/hash-saturation-<timestamp>.md, the GET's latency with and without the burst
# and the sign-ins' answers (201, or 503 with Retry-After when the hashing pool is full).
#
# Usage: todo-api/src/bench/measure-hash-saturation.sh [CLIENTS] [DURATION]   (default 30 10)
# Environment: BENCH_PORT (3920), BENCH_JAVA_OPTS (-Xms64m -Xmx256m -XX:+UseSerialGC).
# Needs: java 17, curl, jq.
set -euo pipefail

# shellcheck source=todo-api/src/bench/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
readonly CLIENTS="${1:-30}"
readonly DURATION="${2:-10}"
api_settings 3920 "-Xms64m -Xmx256m -XX:+UseSerialGC"
readonly EMAIL="burst@example.org"
readonly PASSWORD="the right passphrase 2026"

cleanup() {
  stop_api
  if [[ -n "${WORK}" ]]; then
    cp "${WORK}/api.log" "${ROOT}/todo-api/target/hash-saturation-api.log" 2>/dev/null || true
    rm -rf "${WORK}"
  fi
}

# One client: signs in again and again until the deadline; one "status seconds" line per sign-in.
sign_in_loop() {
  local deadline="$1" body
  body="$(credentials_json "${EMAIL}" "${PASSWORD}")"
  while (($(date +%s) < deadline)); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' -d "${body}" \
      "${BASE_URL}/api/v1/sessions"
  done
}

# Times GET /api/v1/todos every 100 ms for $1 seconds; one "seconds" line per request.
probe() {
  local token="$1" until=$(($(date +%s) + $2))
  while (($(date +%s) < until)); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer ${token}" "${BASE_URL}/api/v1/todos"
    sleep 0.1
  done
}

# Median, p95 and max in milliseconds of the numbers (seconds) in a file, and their count.
summary() {
  sort -n "$1" | awk '{ v[NR] = $1 * 1000 } END {
    p95 = int(NR * 0.95); if (p95 < 1) p95 = 1
    printf "%d | %.1f | %.1f | %.1f", NR, v[int((NR + 1) / 2)], v[p95], v[NR] }'
}

main() {
  usage_if_asked "$@"
  local jar token deadline i
  jar="$(jar_path)"
  WORK="$(mktemp -d)"
  trap cleanup EXIT
  start_api_jar "${jar}" TODOLIST_THROTTLE_ACCOUNT_FAILURES=100000 TODOLIST_THROTTLE_ADDRESS_FAILURES=100000
  token="$(signed_in_token "${EMAIL}" "${PASSWORD}" "${BASE_URL}")"

  probe "${token}" 3 >"${WORK}/quiet.txt"
  deadline=$(($(date +%s) + DURATION))
  for ((i = 0; i < CLIENTS; i++)); do
    sign_in_loop "${deadline}" >"${WORK}/sign-ins-${i}.txt" &
  done
  sleep 1
  probe "${token}" $((DURATION - 2)) >"${WORK}/burst.txt"
  wait $(jobs -p | grep -v "^${APP_PID}$") 2>/dev/null || true
  cat "${WORK}"/sign-ins-*.txt >"${WORK}/sign-ins.txt"
  awk '$1 == 201 { print $2 }' "${WORK}/sign-ins.txt" >"${WORK}/accepted.txt"
  awk '$1 == 503 { print $2 }' "${WORK}/sign-ins.txt" >"${WORK}/busy.txt"

  write_report "hash-saturation-" "Password hashing under a sign-in burst" <<REPORT
API on the embedded default, production Argon2id cost (19 MiB, t=2, p=1), \`${JAVA_OPTS}\`,
commit \`$(commit_described)\`; $(nproc) cores, load average
before the run $(cut -d' ' -f1-3 /proc/loadavg). ${CLIENTS} clients signing in for ${DURATION} s.

| what | count | median ms | p95 ms | max ms |
|---|---|---|---|---|
| GET /api/v1/todos, no burst | $(summary "${WORK}/quiet.txt") |
| GET /api/v1/todos, during the burst | $(summary "${WORK}/burst.txt") |
| sign-ins answered 201 | $(summary "${WORK}/accepted.txt") |
| sign-ins answered 503 (pool full) | $( [[ -s "${WORK}/busy.txt" ]] && summary "${WORK}/busy.txt" || echo "0 | - | - | -") |

Other answers: $(awk '$1 != 201 && $1 != 503 { print $1 }' "${WORK}/sign-ins.txt" | sort | uniq -c | tr '\n' ' ')
REPORT
}

main "$@"
