#!/usr/bin/env bash
# The web app's benchmark: starts the API jar on the embedded store (a fresh data directory, a free
# port), runs WebBenchmark.java in Debian's headless Chromium, and writes its figures to
# benchmarks/results/web-<UTC time>.md. Needs /usr/bin/chromium and /usr/bin/chromedriver.
# Usage: todo-web/src/bench/run-benchmark.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
# shellcheck source=todo-api/src/bench/bench-lib.sh
source "${ROOT}/todo-api/src/bench/bench-lib.sh"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

main() {
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] \
    || { echo "run-benchmark.sh: needs Debian's chromium and chromium-driver (.ci/install.d/30-chromium.sh)" >&2; exit 2; }
  local jar classpath port report
  # Globals: the EXIT trap uses them after main has returned.
  server="" data=""
  jar="$(jar_path)"
  classpath="${ROOT}/todo-api/target/web-bench.classpath"
  # Selenium's jars, from todo-api's test class path (built through the reactor: nothing is installed).
  # Each module of the reactor writes the file; todo-api, the last, wins.
  (cd "${ROOT}" && ./mvnw -B -q -o -pl todo-api -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="${classpath}") >&2
  port="$(free_port)"
  data="$(mktemp -d)"
  APP_PORT="${port}" MANAGEMENT_PORT="$(free_port)" TODO_DATA_DIR="${data}" TODOLIST_THROTTLE_ADDRESS_SIGN_UPS=1000 \
    java -jar "${jar}" >"${data}/server.log" 2>&1 &
  server=$!
  trap 'kill "${server}" 2>/dev/null || true; wait "${server}" 2>/dev/null || true; rm -rf "${data}"' EXIT
  local _
  for _ in $(seq 1 300); do
    curl -fsS "http://localhost:${port}/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  report="${ROOT}/benchmarks/results/web-$(date -u +%Y%m%dT%H%M%SZ).md"
  {
    echo "# Web app benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo
    echo "Commit $(git -C "${ROOT}" rev-parse --short HEAD); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);"
    echo "$(/usr/bin/chromium --version 2>/dev/null) headless; API jar on the embedded store, loopback."
    echo
    java -cp "$(cat "${classpath}")" "${ROOT}/todo-web/src/bench/WebBenchmark.java" "http://localhost:${port}"
  } | tee "${report}"
  echo "written to ${report}" >&2
}

main "$@"
