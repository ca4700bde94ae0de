#!/usr/bin/env bash
# Measures whether a sign-in's answer time tells a registered email from an unknown one (not a
# test; CI does not run it).
#
# Starts the -all jar on the embedded default with the production password-hash cost, signs one
# user up, then times ROUNDS sign-ins of each kind, interleaved: a wrong password for the
# registered email, any password for an unknown email, and the right password. Throttling is
# raised for the run so that every attempt reaches the password check. Writes the median, mean,
# p10 and p90 of each kind to benchmarks/results/sign-in-timing-<timestamp>.md.
#
# Usage: todo-api/src/bench/measure-sign-in-timing.sh [ROUNDS]   (default 40)
# Environment: BENCH_PORT (3910), BENCH_JAVA_OPTS (-Xms64m -Xmx128m -XX:+UseSerialGC).
# Needs: java 17, curl, jq.
set -euo pipefail

# shellcheck source=todo-api/src/bench/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
readonly ROUNDS="${1:-40}"
api_settings 3910 "-Xms64m -Xmx128m -XX:+UseSerialGC"
readonly EMAIL="timing@example.org"
readonly PASSWORD="the right passphrase 2026"

cleanup() {
  stop_api
  [[ -n "${WORK}" ]] && rm -rf "${WORK}"
}

# Prints the seconds one sign-in took, and fails unless it answered the expected status.
time_sign_in() {
  local email="$1" password="$2" expected="$3" out
  out="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H 'Content-Type: application/json' \
    -d "$(credentials_json "${email}" "${password}")" "${BASE_URL}/api/v1/sessions")"
  [[ "${out%% *}" == "${expected}" ]] || { echo "sign-in answered ${out%% *}, expected ${expected}" >&2; exit 1; }
  echo "${out#* }"
}

# Median, mean, p10, p90 in milliseconds of the numbers (seconds) in a file.
summary() {
  sort -n "$1" | awk '{ v[NR] = $1 * 1000; s += v[NR] } END {
    printf "%.1f | %.1f | %.1f | %.1f", v[int((NR + 1) / 2)], s / NR, v[int(NR * 0.1) + 1], v[int(NR * 0.9)] }'
}

main() {
  usage_if_asked "$@"
  local jar i
  jar="$(jar_path)"
  WORK="$(mktemp -d)"
  trap cleanup EXIT
  start_api_jar "${jar}" TODOLIST_THROTTLE_ACCOUNT_FAILURES=100000 TODOLIST_THROTTLE_ADDRESS_FAILURES=100000
  signed_in_token "${EMAIL}" "${PASSWORD}" "${BASE_URL}" >/dev/null
  # Warm-up: the first calls pay for class loading and JIT.
  for ((i = 0; i < 5; i++)); do
    time_sign_in "${EMAIL}" "wrong passphrase ${i}" 401 >/dev/null
    time_sign_in "unknown${i}@example.org" "wrong passphrase ${i}" 401 >/dev/null
  done
  for ((i = 0; i < ROUNDS; i++)); do
    time_sign_in "${EMAIL}" "wrong passphrase ${i}" 401 >>"${WORK}/wrong-password.txt"
    time_sign_in "nobody${i}@example.org" "wrong passphrase ${i}" 401 >>"${WORK}/unknown-email.txt"
    time_sign_in "${EMAIL}" "${PASSWORD}" 201 >>"${WORK}/right-password.txt"
  done

  write_report "sign-in-timing-" "Sign-in timing" <<REPORT
API on the embedded default, production Argon2id cost (19 MiB, t=2, p=1), \`${JAVA_OPTS}\`,
commit \`$(commit_described)\`; $(nproc) cores, load average
before the run $(cut -d' ' -f1-3 /proc/loadavg). ${ROUNDS} sign-ins of each kind, interleaved, answer time as curl saw it.

| sign-in | answer | median ms | mean ms | p10 ms | p90 ms |
|---|---|---|---|---|---|
| registered email, wrong password | 401 | $(summary "${WORK}/wrong-password.txt") |
| unknown email | 401 | $(summary "${WORK}/unknown-email.txt") |
| registered email, right password | 201 | $(summary "${WORK}/right-password.txt") |
REPORT
}

main "$@"
