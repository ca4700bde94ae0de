#!/usr/bin/env bash
#
# CPU per request of the Compose stack with 1, 2 and 3 app instances behind nginx: a benchmark,
# not a test (CI does not run it). On a bundle whose stack runs (its .env, its manage-docker.sh),
# for each count it sets APP_REPLICAS, applies it with `manage-docker.sh start`, warms up, then runs
# wrk on GET /health through nginx (HTTPS; not rate-limited, and each answer pings MongoDB) and
# reads the CPU time of every app instance's JVM and of nginx from /proc (the engine's processes
# are the host's: root, podman or Docker on this host). On 2 cores this shows what balancing
# costs, not a gain in throughput.
#   infra-docker/src/bench/scale-cpu.sh BUNDLE_DIR [COUNTS...]     (COUNTS: 1 2 3 by default)
# Knobs: SCALE_BENCH_WARMUP (10s), SCALE_BENCH_DURATION (30s), SCALE_BENCH_CONNECTIONS (8).
# Needs wrk, and root to read the containers' /proc. Prints one line per count and leaves
# APP_REPLICAS at the last count.

set -euo pipefail

# The CPU time (ms) of PID and its children (nginx's workers), from /proc/PID/stat.
cpu_ms() {
  local pid ticks=0 fields
  for pid in "$@" $(ps -o pid= --ppid "$1" 2>/dev/null); do
    read -r -a fields < <(sed 's/^.*) //' "/proc/${pid}/stat")
    ticks=$((ticks + fields[11] + fields[12]))
  done
  echo $((ticks * 1000 / $(getconf CLK_TCK)))
}

# The host pids of the project's SERVICE containers.
pids_of() {
  local id
  for id in $(podman ps -q --filter "label=com.docker.compose.project=$1" --filter "label=com.docker.compose.service=$2"); do
    podman inspect --format '{{.State.Pid}}' "${id}"
  done
}

main() {
  local bundle="${1:?usage: scale-cpu.sh BUNDLE_DIR [COUNTS...]}"
  shift
  local -a counts=("$@")
  ((${#counts[@]} > 0)) || counts=(1 2 3)
  command -v wrk >/dev/null || { echo "scale-cpu: wrk is needed (apt-get install wrk)" >&2; exit 1; }
  local project port url
  project="$(sed -n 's/^COMPOSE_PROJECT_NAME=//p' "${bundle}/.env")"
  port="$(sed -n 's/^NGINX_HTTPS_PORT=//p' "${bundle}/.env")"
  url="https://127.0.0.1:${port}/health"
  local duration="${SCALE_BENCH_DURATION:-30s}" warmup="${SCALE_BENCH_WARMUP:-10s}" connections="${SCALE_BENCH_CONNECTIONS:-8}"
  echo "scale-cpu: ${url}, wrk -c ${connections} -d ${duration} after ${warmup}; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  local count before after requests pid
  local -a pids
  for count in "${counts[@]}"; do
    sed -i "s/^APP_REPLICAS=.*/APP_REPLICAS=${count}/" "${bundle}/.env"
    "${bundle}/manage-docker.sh" start >/dev/null
    wrk -c "${connections}" -t 2 -d "${warmup}" "${url}" >/dev/null
    mapfile -t pids < <(pids_of "${project}" todolist-app; pids_of "${project}" nginx)
    before=0
    for pid in "${pids[@]}"; do before=$((before + $(cpu_ms "${pid}"))); done
    requests="$(wrk -c "${connections}" -t 2 -d "${duration}" "${url}" | awk '/requests in/ {print $1}')"
    after=0
    for pid in "${pids[@]}"; do after=$((after + $(cpu_ms "${pid}"))); done
    awk -v n="${count}" -v r="${requests}" -v ms="$((after - before))" -v d="${duration}" \
      'BEGIN { printf "scale-cpu: %d instance(s): %d requests in %s, %.2f ms CPU per request (app JVMs + nginx)\n", n, r, d, ms / r }'
  done
}

main "$@"
