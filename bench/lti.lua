-- LTI 1.3 launches under load: each connection goes round
--
--   GET  /lti/login/UUID/?iss=…        302 to the demo platform's auth URL, with
--                                        the state cookie (login initiation)
--   GET  /lti/demo/platform/auth/?…    200, a form with the signed id_token
--                                        (the platform's part, served by Campus)
--   POST /lti/launch/ id_token, state  200, the landing page (validation, the
--                                        nonce spent, the user linked, enrolled)
--
-- Run with one connection per thread (the state below is per thread).
-- A launch counts when the landing page carries <meta name="lti-launch"
-- content="ok">. Prints the BENCH_RESULT line of latency.lua plus the launches
-- ("submissions") and the refused ones. The path wrk is given is the login URL.

local threads = {}
local counter = 0

setup = function(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
  table.insert(threads, thread)
end

submitted = 0
refused = 0
local login_path
local step = "login"
local auth_path, cookie, form

init = function(args)
  login_path = wrk.path
end

local function strip_host(url)
  return (url:gsub("^https?://[^/]+", ""))
end

request = function()
  local headers = {}
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
  if step == "auth" then
    return wrk.format("GET", auth_path, headers)
  elseif step == "launch" then
    headers["Cookie"] = cookie
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/lti/launch/", headers, form)
  end
  return wrk.format("GET", login_path, headers)
end

response = function(status, headers, body)
  if step == "login" then
    local location = headers["Location"] or headers["location"]
    local set_cookie = headers["Set-Cookie"] or headers["set-cookie"] or ""
    if status == 302 and location then
      auth_path = strip_host(location)
      cookie = set_cookie:match("^([^;]+)")
      step = "auth"
    else
      refused = refused + 1
    end
  elseif step == "auth" then
    local token = body:match('name="id_token" value="([^"]+)"')
    local state = body:match('name="state" value="([^"]+)"')
    if status == 200 and token and state then
      form = "id_token=" .. token .. "&state=" .. state
      step = "launch"
    else
      refused = refused + 1
      step = "login"
    end
  else
    if status == 200 and body:find('name="lti-launch" content="ok"', 1, true) then
      submitted = submitted + 1
    else
      refused = refused + 1
    end
    step = "login"
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
