#!/usr/bin/env bash
# Measures what a kill -9 of the embedded default database loses: a writer inserts todos at a
# steady rate with acknowledged writes, the store's JVM is killed with SIGKILL mid-stream, the
# store is restarted on the same data directory, and the acknowledged-but-missing todos are counted.
#
# This works at the driver level against EmbeddedMongoServer in its own JVM (the same store the
# API starts when MONGODB_URI is unset), so it needs only the API's -all jar.
#
# Usage: todo-api/src/bench/measure-kill9.sh [TRIALS] [WRITES_PER_SECOND] [SECONDS_BEFORE_KILL]
set -euo pipefail

# shellcheck source=todo-api/src/bench/bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
readonly PROBE="${ROOT}/todo-api/src/bench/EmbeddedKillProbe.java"
readonly TRIALS="${1:-5}"
readonly RATE="${2:-200}"
readonly RUN_SECONDS="${3:-5}"
readonly PORT="${KILL9_PORT:-27991}"

# Compiled once: a single-file launch would compile on every start and eat into the measured window.
compile_probe() {
  local jar="$1"
  mkdir -p "${WORK}/classes"
  javac -d "${WORK}/classes" -cp "${jar}" "${PROBE}"
}

wait_for_ack() {
  for _ in $(seq 1 240); do
    [[ -s "$1" ]] && return 0
    sleep 0.25
  done
  echo "the writer never got an acknowledged insert" >&2
  return 1
}

wait_for_port() {
  for _ in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; then
      return 0
    fi
    sleep 0.25
  done
  echo "the store did not open port ${PORT}" >&2
  return 1
}

# Prints "acknowledged present lost lost_ms": lost_ms is the span between the last acknowledged
# insert that survived and the last acknowledged insert, i.e. how much recent history vanished.
one_trial() {
  local cp="$1" work="$2" server_pid writer_pid acknowledged present last_present lost lost_ms
  rm -rf "${work}" && mkdir -p "${work}"
  java -Xmx128m -cp "${cp}" EmbeddedKillProbe serve "${work}/data" "${PORT}" >"${work}/serve.log" 2>&1 &
  server_pid=$!
  wait_for_port
  java -cp "${cp}" EmbeddedKillProbe write "mongodb://127.0.0.1:${PORT}/?serverSelectionTimeoutMS=2000" \
    "${RATE}" "${work}/acks" >"${work}/writer.log" 2>&1 &
  writer_pid=$!
  wait_for_ack "${work}/acks"
  sleep "${RUN_SECONDS}"
  kill -9 "${server_pid}"
  wait "${server_pid}" 2>/dev/null || true
  wait "${writer_pid}" 2>/dev/null || true
  acknowledged="$(tail -n 1 "${work}/acks" | cut -d' ' -f1)"

  java -Xmx128m -cp "${cp}" EmbeddedKillProbe serve "${work}/data" "${PORT}" >"${work}/serve2.log" 2>&1 &
  server_pid=$!
  wait_for_port
  read -r present last_present < <(java -cp "${cp}" EmbeddedKillProbe count "mongodb://127.0.0.1:${PORT}/" 2>/dev/null | tail -n 1)
  kill "${server_pid}"
  wait "${server_pid}" 2>/dev/null || true
  lost=$((acknowledged - present))
  lost_ms=0
  if ((lost > 0)); then
    lost_ms=$(awk -v kept="${last_present}" 'NR == 1 {first = $2} $1 == kept {kept_at = $2} {last = $2}
      END {if (kept_at == "") kept_at = first; print last - kept_at}' "${work}/acks")
  fi
  echo "${acknowledged} ${present} ${lost} ${lost_ms}"
}

main() {
  usage_if_asked "$@"
  local jar trial total_lost=0 max_lost_ms=0 acknowledged present lost lost_ms
  jar="$(jar_path)"
  WORK="$(mktemp -d)"
  trap 'rm -rf "${WORK}"' EXIT
  compile_probe "${jar}"
  echo "kill -9 of the embedded store: ${TRIALS} trials, ${RATE} acknowledged inserts/s, kill after ${RUN_SECONDS}s"
  echo "| trial | acknowledged inserts | present after restart | lost | lost span (ms) |"
  echo "|---|---|---|---|---|"
  for trial in $(seq 1 "${TRIALS}"); do
    read -r acknowledged present lost lost_ms < <(one_trial "${jar}:${WORK}/classes" "${WORK}/trial-${trial}")
    echo "| ${trial} | ${acknowledged} | ${present} | ${lost} | ${lost_ms} |"
    total_lost=$((total_lost + lost))
    if ((lost_ms > max_lost_ms)); then max_lost_ms=${lost_ms}; fi
  done
  echo
  echo "mean lost: $((total_lost / TRIALS)) acknowledged inserts per kill; worst span of acknowledged writes lost: ${max_lost_ms} ms"
}

main "$@"
