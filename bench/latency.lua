-- The request wrk sends, and one parseable result line with p95 too (wrk's own
-- report prints p50/p75/p90/p99 only).
--
-- Arguments (after `--` on wrk's command line):
--   method=POST   send a POST with an empty body instead of a GET
--   unique=PREFIX give every request its own query parameter _=PREFIX-THREAD-N,
--                 so that no request is answered from the page cache
-- Latencies are in microseconds inside wrk and in milliseconds in the line.

local threads = 0
local unique = nil
local counter = 0
local static_request = nil

-- runs in the main state once per thread: number them, so that the threads'
-- unique queries differ
setup = function(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

init = function(args)
  for _, arg in ipairs(args) do
    local key, value = arg:match("^(%w+)=(.*)$")
    if key == "method" then
      wrk.method = value
      if value ~= "GET" then
        wrk.body = ""
      end
    elseif key == "unique" then
      unique = value
    end
  end
  static_request = wrk.format()
end

request = function()
  if not unique then
    return static_request
  end
  counter = counter + 1
  local separator = wrk.path:find("?", 1, true) and "&" or "?"
  return wrk.format(nil, string.format(
    "%s%s_=%s-%d-%d", wrk.path, separator, unique, thread_id, counter
  ))
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "seconds": %.3f, "rps": %.2f, '
      .. '"p50_ms": %.3f, "p95_ms": %.3f, "p99_ms": %.3f, "mean_ms": %.3f, '
      .. '"max_ms": %.3f, "errors": {"connect": %d, "read": %d, "write": %d, '
      .. '"status": %d, "timeout": %d}}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.mean / 1000, latency.max / 1000,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout
  ))
end
