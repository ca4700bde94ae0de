#!/usr/bin/env bash
# Measures what the shared sign-in throttle adds to one sign-in attempt: the MongoDB round trips of
# its look-ups and writes (ThrottleCostProbe), on the embedded store in process, or on the MongoDB
# of MONGODB_URI when set. Compare with a sign-in's password hash (tens of milliseconds).
#
# Usage: todo-api/src/bench/measure-throttle-cost.sh [ATTEMPTS]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=todo-api/src/bench/bench-lib.sh
source "${ROOT}/todo-api/src/bench/bench-lib.sh"
readonly ROOT
readonly PROBE="${ROOT}/todo-api/src/bench/ThrottleCostProbe.java"
readonly ATTEMPTS="${1:-5000}"
WORK=""

main() {
  if [[ "${ATTEMPTS}" == "-h" || "${ATTEMPTS}" == "--help" ]]; then
    sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit 0
  fi
  local jar
  jar="$(jar_path)"
  WORK="$(mktemp -d)"
  trap 'rm -rf "${WORK}"' EXIT
  javac -d "${WORK}" -cp "${jar}" "${PROBE}"
  echo "Sign-in throttle cost, $(date -u +%FT%TZ), commit $(git -C "${ROOT}" rev-parse --short HEAD), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  java -Xmx256m -cp "${jar}:${WORK}" ThrottleCostProbe "${MONGODB_URI:-}" "${ATTEMPTS}"
}

main "$@"
