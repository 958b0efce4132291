-- Quiz submissions under load: each wrk thread is one learner with one
-- connection, and goes round start → submit → start → …
--
--   POST /learn/quizzes/ID/start/      302 to /learn/attempts/N/ (a new attempt)
--   POST /learn/attempts/N/ answers    302 to /learn/attempts/N/result/ (graded)
--
-- Arguments (after `--`): start=PATH answers=URLENCODED cookies=C1|C2|… where
-- the cookies are the `Cookie` headers of the learners, one per thread (the
-- same number as wrk's -t and -c). Prints the BENCH_RESULT line of latency.lua
-- plus the submissions made, counted from the answers to the submit requests.

local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

local start_path, answers, cookie
local attempt_path = nil
submitted = 0
refused = 0

init = function(args)
  local cookies = {}
  for _, arg in ipairs(args) do
    local key, value = arg:match("^(%w+)=(.*)$")
    if key == "start" then
      start_path = value
    elseif key == "answers" then
      answers = value
    elseif key == "cookies" then
      for one in value:gmatch("[^|]+") do
        table.insert(cookies, one)
      end
    end
  end
  cookie = cookies[thread_id]
end

request = function()
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  headers["Cookie"] = cookie
  if attempt_path then
    return wrk.format("POST", attempt_path, headers, answers .. "&action=submit")
  end
  return wrk.format("POST", start_path, headers, "")
end

response = function(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if attempt_path then
    if status == 302 and location:find("/result/", 1, true) then
      submitted = submitted + 1
    else
      refused = refused + 1
    end
    attempt_path = nil
  elseif status == 302 and location:find("/learn/attempts/", 1, true) then
    attempt_path = location:gsub("^https?://[^/]+", "")
  else
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  local made, lost = 0, 0
  for _, thread in ipairs(threads) do
    made = made + thread:get("submitted")
    lost = lost + thread:get("refused")
  end
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "seconds": %.3f, "rps": %.2f, '
      .. '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, '
      .. '"max_ms": %.3f, "errors": {"connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d}, "submissions": %d, "refused": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    made, lost
  ))
end
