-- Mixed Todo-Backend workload for wrk (run by run-benchmark.sh).
-- Per request: 40% list a page, 30% get one todo, 12% create, 13% patch, 5% delete.
-- Each request picks one of the signed-in users at random and acts as that user (its session token,
-- its todos). Gets and patches use the user's ids preloaded before the run; deletes only remove
-- todos this thread created during the run (as the user that created them), so no request targets a
-- deleted todo and every non-2xx answer is a real error. The users come from BENCH_USERS_FILE
-- (written by the script): per user a line "U <token> <pages of 20>", then its todo ids, one a line
-- (a plain file: a Lua table of 100 000 literals is more constants than LuaJIT allows).

local base = os.getenv("BENCH_BASE_PATH") or "/api/v1/todos"
local users_file = os.getenv("BENCH_USERS_FILE") or error("BENCH_USERS_FILE is not set: run this through run-benchmark.sh")
local users = {}
for line in io.lines(users_file) do
  local token, pages = string.match(line, "^U (%S+) (%d+)$")
  if token then
    table.insert(users, { index = #users + 1, pages = tonumber(pages), ids = {}, headers = { ["Content-Type"] = "application/json",
      ["Accept"] = "application/json", ["Authorization"] = "Bearer " .. token } })
  elseif line ~= "" then
    table.insert(users[#users].ids, line)
  end
end
if #users == 0 then
  error("no users in " .. users_file)
end
local threads = {}
local thread_id = 0

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
  table.insert(threads, thread)
end

-- Globals of each thread's Lua state; done() reads them with thread:get().
local created = {}
local counter = 0
non_2xx = 0
ops_list, ops_get, ops_create, ops_patch, ops_delete = 0, 0, 0, 0, 0

function init(args)
  math.randomseed(os.time() + (tid or 0) * 7919)
end

local function random_id(user)
  return user.ids[math.random(#user.ids)]
end

-- The title names the creating user, so that its answer (the todo, title included) says whose it is.
local function create(user)
  counter = counter + 1
  ops_create = ops_create + 1
  return wrk.format("POST", base, user.headers,
    string.format('{"title":"bench %d-%d u%d","priority":"normal"}', tid or 0, counter, user.index))
end

function request()
  local user = users[math.random(#users)]
  local r = math.random(100)
  if r <= 40 then
    ops_list = ops_list + 1
    return wrk.format("GET", string.format("%s?page=%d&size=20", base, math.random(user.pages)), user.headers)
  elseif r <= 70 then
    ops_get = ops_get + 1
    return wrk.format("GET", base .. "/" .. random_id(user), user.headers)
  elseif r <= 82 then
    return create(user)
  elseif r <= 95 then
    ops_patch = ops_patch + 1
    local completed = (math.random(2) == 1) and "true" or "false"
    return wrk.format("PATCH", base .. "/" .. random_id(user), user.headers,
      string.format('{"completed":%s}', completed))
  else
    local todo = table.remove(created)
    if todo == nil then
      return create(user)
    end
    ops_delete = ops_delete + 1
    return wrk.format("DELETE", base .. "/" .. todo.id, todo.user.headers)
  end
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non_2xx = non_2xx + 1
  end
  -- Responses of a thread's connections interleave, so a creation is recognised by its 201.
  if status == 201 and body then
    local id = string.match(body, '"id"%s*:%s*"([^"]+)"')
    local user = tonumber(string.match(body, '"title"%s*:%s*"bench [%d-]+ u(%d+)"') or "")
    if id and user and users[user] then
      table.insert(created, { id = id, user = users[user] })
    end
  end
end

function done(summary, latency, requests)
  local non2xx, opsline = 0, ""
  for _, t in ipairs(threads) do
    non2xx = non2xx + (t:get("non_2xx") or 0)
    opsline = opsline .. string.format(" [list=%d get=%d create=%d patch=%d delete=%d]",
      t:get("ops_list"), t:get("ops_get"), t:get("ops_create"), t:get("ops_patch"), t:get("ops_delete"))
  end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d\n", summary.requests))
  io.write(string.format("BENCH duration_s=%.2f\n", summary.duration / 1e6))
  io.write(string.format("BENCH rps=%.1f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("BENCH p50_ms=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("BENCH p95_ms=%.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("BENCH p99_ms=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("BENCH max_ms=%.2f\n", latency.max / 1000))
  io.write(string.format("BENCH socket_errors=%d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("BENCH non_2xx=%d\n", non2xx))
  io.write(string.format("BENCH ops=%s\n", opsline))
end
