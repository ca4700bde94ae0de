#!/usr/bin/env bash
#
# CPU per request of the Compose stack with 1, 2 and 3 app instances behind nginx: a benchmark,
# not a test (CI does not run it). On a bundle whose stack runs (its .env, its manage-docker.sh),
# for each count it sets APP_REPLICAS, applies it with `manage-docker.sh start` (which waits until
# every service is healthy), warms up, then runs wrk through nginx (HTTPS) and reads the CPU time
# of every app instance's JVM and of nginx (master and workers) from /proc before and after (the
# engine's processes are the host's: root, podman or Docker on this host). On 2 cores this shows
# what balancing costs, not a gain in throughput.
#
# The request is GET /health, not a signed-in mix of todo reads and writes: nginx limits /api/ to
# 20 requests/s per client address (conf.d/rate-limit.conf), so a benchmark from one address either
# gets nginx's 429s or, paced under the limit, measures mostly what idle JVMs spend anyway (timers,
# GC, healthchecks) spread over few requests. /health is not rate-limited and goes the same way as
# an API call (TLS at nginx, a new connection to an instance picked from the service name's DNS
# answer, Micronaut's routing and blocking executor, a MongoDB ping), so wrk can keep the cores busy
# and the figure is the cost of a request. It is cheaper than a todo call (no token, no document):
# compare the counts with each other, not with a todo call's cost. The MongoDB service's CPU is
# left out (the same per request whatever the count; on a proof machine it is the wire stand-in).
#
# nginx opens a new connection to an instance for every request (no upstream keepalive: it finds
# the instances by DNS, conf.d/upstream.conf), and each closed one holds its source port in
# TIME_WAIT for 60 s: to ONE instance that is about 470 requests/s at most (28 000 ports / 60 s),
# beyond which connect() fails (502, "Cannot assign requested address") and, before that, the
# kernel's search for a free port shows as nginx CPU. So the run waits SCALE_BENCH_SETTLE after the
# warm-up, for the warm-up's ports to come free, and measures for 20 s only; a run with failed
# requests stops with an error rather than print a wrong figure.
#   infra-docker/src/bench/scale-cpu.sh BUNDLE_DIR [COUNTS...]     (COUNTS: 1 2 3 by default)
# Knobs: SCALE_BENCH_WARMUP (20s), SCALE_BENCH_SETTLE (60s), SCALE_BENCH_DURATION (20s),
# SCALE_BENCH_CONNECTIONS (8). On a machine shared with the stack proofs, run it under their lock
# with flock's -o, so that manage-docker.sh's background health ticker does not inherit (and keep)
# the lock: flock -o /tmp/todolist-stack.lock infra-docker/src/bench/scale-cpu.sh BUNDLE_DIR
# Needs wrk, podman's CLI and root to read the containers' /proc. Prints one line per count (with
# the load average, since the machine may be shared) and leaves APP_REPLICAS at the last count.

set -euo pipefail

# The CPU time (ms) of PID and its children (nginx's workers), from /proc/PID/stat (utime + stime).
cpu_ms() {
  local pid ticks=0 fields
  for pid in "$1" $(ps -o pid= --ppid "$1" 2>/dev/null); do
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

# The CPU time (ms) of each pid given, space-separated.
cpu_each() {
  local pid
  local -a figures=()
  for pid in "$@"; do figures+=("$(cpu_ms "${pid}")"); done
  echo "${figures[*]}"
}

load_average() {
  cut -d' ' -f1-3 /proc/loadavg
}

# Applies APP_REPLICAS=COUNT through manage-docker.sh start; its output only when it fails.
apply_count() {
  local bundle="$1" count="$2" log
  log="$(mktemp)"
  sed -i "s/^APP_REPLICAS=.*/APP_REPLICAS=${count}/" "${bundle}/.env"
  if ! "${bundle}/manage-docker.sh" start >"${log}" 2>&1; then
    cat "${log}" >&2
    rm -f "${log}"
    echo "scale-cpu: manage-docker.sh start with APP_REPLICAS=${count} failed" >&2
    exit 1
  fi
  rm -f "${log}"
}

# One count: warm-up, then the measured run; prints its line.
measure() {
  local project="$1" url="$2" count="$3" warmup="$4" duration="$5" connections="$6" settle="$7"
  wrk -c "${connections}" -t 2 -d "${warmup}" "${url}" >/dev/null
  sleep "${settle}"
  local -a apps nginx
  mapfile -t apps < <(pids_of "${project}" todolist-app)
  mapfile -t nginx < <(pids_of "${project}" nginx)
  ((${#apps[@]} == count)) || { echo "scale-cpu: ${#apps[@]} app instances running, not ${count}" >&2; exit 1; }
  local -a apps_before apps_after
  local nginx_before nginx_after report load_before
  read -r -a apps_before < <(cpu_each "${apps[@]}")
  nginx_before="$(cpu_ms "${nginx[0]}")"
  load_before="$(load_average)"
  report="$(wrk -c "${connections}" -t 2 -d "${duration}" "${url}")"
  read -r -a apps_after < <(cpu_each "${apps[@]}")
  nginx_after="$(cpu_ms "${nginx[0]}")"
  if grep -qE 'Non-2xx|Socket errors' <<<"${report}"; then
    echo "${report}" >&2
    echo "scale-cpu: failed requests with ${count} instance(s): the figure would be wrong" >&2
    exit 1
  fi
  local requests app_ms=0 i
  local -a per_instance=()
  requests="$(awk '/requests in/ {print $1}' <<<"${report}")"
  for i in "${!apps[@]}"; do
    per_instance+=("$((apps_after[i] - apps_before[i]))")
    app_ms=$((app_ms + apps_after[i] - apps_before[i]))
  done
  awk -v n="${count}" -v r="${requests}" -v d="${duration}" -v app="${app_ms}" -v ngx="$((nginx_after - nginx_before))" \
    -v each="${per_instance[*]}" -v before="${load_before}" -v after="$(load_average)" 'BEGIN {
      secs = d; sub(/s$/, "", secs)
      printf "scale-cpu: %d instance(s): %d requests in %s (%.0f/s), %.3f ms CPU per request: app JVMs %.3f + nginx %.3f;", \
        n, r, d, r / secs, (app + ngx) / r, app / r, ngx / r
      printf " app CPU per instance (ms): %s; load average %s before, %s after\n", each, before, after
    }'
}

main() {
  local bundle="${1:?usage: scale-cpu.sh BUNDLE_DIR [COUNTS...]}"
  shift
  local -a counts=("$@")
  ((${#counts[@]} > 0)) || counts=(1 2 3)
  command -v wrk >/dev/null || { echo "scale-cpu: wrk is needed (apt-get install wrk)" >&2; exit 1; }
  [[ -f "${bundle}/.env" ]] || { echo "scale-cpu: no .env in ${bundle}: a bundle whose stack runs is needed" >&2; exit 1; }
  local project port url
  project="$(sed -n 's/^COMPOSE_PROJECT_NAME=//p' "${bundle}/.env")"
  port="$(sed -n 's/^NGINX_HTTPS_PORT=//p' "${bundle}/.env")"
  url="https://127.0.0.1:${port}/health"
  local duration="${SCALE_BENCH_DURATION:-20s}" warmup="${SCALE_BENCH_WARMUP:-20s}" settle="${SCALE_BENCH_SETTLE:-60s}"
  local connections="${SCALE_BENCH_CONNECTIONS:-8}"
  [[ "${duration}" =~ ^[0-9]+s$ && "${warmup}" =~ ^[0-9]+s$ && "${settle}" =~ ^[0-9]+s$ ]] \
    || { echo "scale-cpu: SCALE_BENCH_DURATION, _WARMUP and _SETTLE are seconds, like 20s" >&2; exit 1; }
  echo "scale-cpu: GET ${url}, wrk -t 2 -c ${connections} -d ${duration} after a ${warmup} warm-up and ${settle} of rest, on $(nproc) cores"
  local count
  for count in "${counts[@]}"; do
    apply_count "${bundle}" "${count}"
    measure "${project}" "${url}" "${count}" "${warmup}" "${duration}" "${connections}" "${settle}"
  done
}

main "$@"
