# shellcheck shell=bash
# What the benchmark scripts beside this file share; sourced, never run. Expects ROOT (the checkout).

# The API's -all jar, built first if there is none.
jar_path() {
  local jar
  jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' 2>/dev/null | head -n 1)"
  if [[ -z "${jar}" ]]; then
    echo "building the API jar" >&2
    (cd "${ROOT}" && ./mvnw -B -q -DskipTests package) >&2
    jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' | head -n 1)"
  fi
  echo "${jar}"
}
