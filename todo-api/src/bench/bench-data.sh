# shellcheck shell=bash
# The data of run-benchmark.sh's data-size runs (BENCH_LOADER=copy, or BENCH_USERS above 1); sourced,
# never run. Expects WORK, BASE_URL, API, BENCH_DIR, BENCH_PASSWORD, TODOS, USERS, STORE_URI, APP_PID.
#
# Signs USERS users up and in, has the API create one todo for each (its template), then copies
# each template in the store (BenchTodoLoader) until every user holds TODOS / USERS todos: creating
# 100 000 todos through the API would take longer than the benchmark. Writes users.txt as
# write_users_file does.

# users.txt, read by mixed-workload.lua: per user a line "U <token> <pages of 20>", then its todo ids, one a line.
write_users_file() {
  local token="$1" count="$2" ids_file="$3"
  {
    echo "U ${token} $(((count + 19) / 20))"
    cat "${ids_file}"
  } >>"${WORK}/users.txt"
}

# Signs user $1 up and in, creates its template todo; writes "<token> <template id>" to users/$1.
sign_up_with_template() {
  local i="$1" credentials token template
  credentials="$(jq -cn --arg email "bench-${i}@example.org" --arg password "${BENCH_PASSWORD}" \
    '{email: $email, password: $password}')"
  curl -sf -o /dev/null -H 'Content-Type: application/json' -d "${credentials}" "${BASE_URL}/api/v1/users" \
    || { echo "sign-up of user ${i} failed" >&2; return 1; }
  token="$(curl -sf -H 'Content-Type: application/json' -d "${credentials}" "${BASE_URL}/api/v1/sessions" | jq -r .token)"
  template="$(curl -sf -H 'Content-Type: application/json' -H "Authorization: Bearer ${token}" \
    -d '{"title":"preloaded 1","tags":["bench"]}' "${API}" | jq -r .id)"
  [[ -n "${template}" && "${template}" != "null" ]] || { echo "user ${i} could not create its todo" >&2; return 1; }
  echo "${token} ${template}" >"${WORK}/users/${i}"
}

# The MongoDB-wire address the API's store answers on: STORE_URI, or the embedded store's loopback
# port in the API process (the one port it listens on besides the API's and the management port).
store_uri_for_loading() {
  local port
  if [[ -n "${STORE_URI}" ]]; then
    echo "${STORE_URI}"
    return
  fi
  # shellcheck disable=SC2153 # PORT and MANAGEMENT_PORT are run-benchmark.sh's
  port="$(ss -Hltnp | awk -v pid="pid=${APP_PID}," -v a=":${PORT}" -v m=":${MANAGEMENT_PORT}" \
    'index($0, pid) && $4 !~ (a "$") && $4 !~ (m "$") {sub(/.*:/, "", $4); print $4; exit}')"
  [[ -n "${port}" ]] || { echo "cannot find the embedded store's port of process ${APP_PID}" >&2; exit 1; }
  echo "mongodb://127.0.0.1:${port}/todolist"
}

load_users_by_copy() {
  local jar="$1" per_user i
  per_user=$((TODOS / USERS))
  ((per_user >= 1)) || { echo "BENCH_TODOS (${TODOS}) must be at least BENCH_USERS (${USERS})" >&2; exit 2; }
  mkdir -p "${WORK}/users"
  local jobs=()
  for ((i = 1; i <= USERS; i++)); do
    sign_up_with_template "${i}" &
    jobs+=("$!")
    # Eight at a time; only these jobs are waited for (the API and the store run in the background too).
    if ((${#jobs[@]} == 8 || i == USERS)); then
      wait "${jobs[@]}" || true
      jobs=()
    fi
  done
  # A user's file exists once it signed up, signed in and created its todo.
  (($(cat "${WORK}/users/"* 2>/dev/null | wc -l) == USERS)) || { echo "not every user could sign up" >&2; exit 1; }
  for ((i = 1; i <= USERS; i++)); do cut -d' ' -f2 "${WORK}/users/${i}"; done >"${WORK}/templates.txt"
  : >"${WORK}/copies.txt"
  if ((per_user > 1)); then
    java -cp "${jar}" "${BENCH_DIR}/BenchTodoLoader.java" copy "$(store_uri_for_loading)" "${WORK}/templates.txt" \
      "$((per_user - 1))" "${WORK}/copies.txt"
  fi
  # The loader writes each template's copies together, in the order of templates.txt: one pass.
  for ((i = 1; i <= USERS; i++)); do cat "${WORK}/users/${i}"; done >"${WORK}/tokens.txt"
  awk -v pages="$(((per_user + 19) / 20))" '
    NR == FNR {token[$2] = $1; order[++n] = $2; next}
    $1 != current {current = $1; print "U " token[current] " " pages; print current; seen[current] = 1}
    {print $2}
    END {for (i = 1; i <= n; i++) if (!(order[i] in seen)) {print "U " token[order[i]] " " pages; print order[i]}}
  ' "${WORK}/tokens.txt" "${WORK}/copies.txt" >"${WORK}/users.txt"
}
