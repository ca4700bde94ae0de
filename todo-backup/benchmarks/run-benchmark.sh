#!/usr/bin/env bash
# Dumps and restores DOCUMENTS small todos (default 1,000,000) with the backup job in a JVM capped
# at -Xmx64m; writes MB/s and peak RSS to todo-backup/benchmarks/results/. Uses MONGODB_URI when
# set, else an in-process mongo-java-server in a separate JVM. Not run by CI.
set -euo pipefail

main() {
  local documents="${1:-1000000}"
  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  cd "${root}"
  ./mvnw -B -q -pl todo-backup -am verify -Pbenchmark -DskipTests -Dbenchmark.documents="${documents}"
}

main "$@"
