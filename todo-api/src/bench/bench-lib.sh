# shellcheck shell=bash
# What the benchmark scripts beside this file share; sourced, never run. Expects ROOT (the checkout).

# The API's -all jar, (re)built first if there is none or if a source or build file of the API or
# the domain or the web app is newer than it: a stale jar once made a benchmark measure code that was long gone.
jar_path() {
  local jar
  jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' 2>/dev/null | head -n 1)"
  if [[ -z "${jar}" ]] || [[ -n "$(find "${ROOT}/pom.xml" "${ROOT}/todo-domain/pom.xml" "${ROOT}/todo-domain/src/main" \
      "${ROOT}/todo-embedded-store/pom.xml" "${ROOT}/todo-embedded-store/src/main" \
      "${ROOT}/todo-web/pom.xml" "${ROOT}/todo-web/src/main" "${ROOT}/todo-api/pom.xml" "${ROOT}/todo-api/src/main" -newer "${jar}" -print -quit)" ]]; then
    echo "building the API jar" >&2
    (cd "${ROOT}" && ./mvnw -B -q -DskipTests -pl todo-api -am package) >&2
    jar="$(find "${ROOT}/todo-api/target" -maxdepth 1 -name 'todo-api-*-all.jar' | head -n 1)"
  fi
  echo "${jar}"
}

# The JVM flags of the API image (the <jvmFlag> elements of todo-api/pom.xml), on one line.
# Fails when there are none: a benchmark without them would measure another JVM than the image's.
image_jvm_flags() {
  local flags
  flags="$(sed -n 's:^ *<jvmFlag>\(.*\)</jvmFlag> *$:\1:p' "${ROOT}/todo-api/pom.xml" | paste -sd ' ')"
  [[ -n "${flags}" ]] || { echo "no <jvmFlag> lines found in todo-api/pom.xml" >&2; return 1; }
  echo "${flags}"
}
