#!/usr/bin/env bash
# The data-size curve of the benchmark (not a test; CI does not run it): the same mixed workload
# (run-benchmark.sh) with 1 000, 10 000 and 100 000 todos of one user, then 1 000 users of 100 todos
# each (every request acting as one of them at random), one run after the other, each loaded by
# copying in the store (BENCH_LOADER=copy) so that every point is filled the same way. Prints the
# CPU per request of each point (the API's, and the store's when it runs apart) and how far each
# is from the 1 000-todo point, and writes that table to benchmarks/results/curve-<timestamp>.md.
#
# Usage: todo-api/src/bench/run-data-curve.sh
# Environment: every knob of run-benchmark.sh (BENCH_STORE defaults to external here: the API's CPU
#              apart from the store's); BENCH_CURVE ("1000x1 10000x1 100000x1 100000x1000": todos x
#              users per point).
# Needs: what run-benchmark.sh needs.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
readonly ROOT
readonly POINTS="${BENCH_CURVE:-1000x1 10000x1 100000x1 100000x1000}"

usage() {
  sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# The number in the report's row $2 (e.g. "API process CPU time") before " ms per request".
per_request_of() {
  sed -n "s/^| $2[^|]*| [0-9]* ms, \([0-9.]*\) ms per request.*/\1/p" "$1"
}

load_of() {
  sed -n 's/.*load average before the run \([0-9.]*\).*/\1/p' "$1"
}

main() {
  if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
    usage
    exit 0
  fi
  local point todos users log report rows="" first_api="" first_store="" api store stamp out
  export BENCH_STORE="${BENCH_STORE:-external}"
  for point in ${POINTS}; do
    todos="${point%x*}"
    users="${point#*x}"
    echo "== ${todos} todos, ${users} user(s)"
    log="$(mktemp)"
    BENCH_TODOS="${todos}" BENCH_USERS="${users}" BENCH_LOADER=copy "${ROOT}/todo-api/src/bench/run-benchmark.sh" | tee "${log}"
    report="$(sed -n 's/^report: //p' "${log}")"
    rm -f "${log}"
    api="$(per_request_of "${report}" "API process CPU time")"
    store="$(per_request_of "${report}" "store process CPU time")"
    first_api="${first_api:-${api}}"
    first_store="${first_store:-${store}}"
    rows+="| ${todos} | ${users} | $(load_of "${report}") | ${api} ms | $(change "${api}" "${first_api}") | ${store:+${store} ms} | $(change "${store}" "${first_store}") | \`$(basename "${report}")\` |"$'\n'
  done
  stamp="$(date -u +%Y%m%dT%H%M%SZ)"
  out="${ROOT}/benchmarks/results/curve-${stamp}.md"
  {
    echo "# Data-size curve ${stamp} (BENCH_STORE=${BENCH_STORE})"
    echo
    echo "| todos | users | load avg (1 min, before) | API CPU per request | vs first | store CPU per request | vs first | report |"
    echo "|---|---|---|---|---|---|---|---|"
    printf '%s' "${rows}"
  } >"${out}"
  echo
  cat "${out}"
  echo "curve: ${out}"
}

# Relative change of $1 against $2, e.g. "+12%"; empty when either is missing.
change() {
  [[ -n "$1" && -n "$2" ]] || return 0
  awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%+.0f%%", (a - b) * 100 / b}'
}

main "$@"
