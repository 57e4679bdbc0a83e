-- wrk script for bench/callbacks.sh: replays pre-signed, pre-encrypted callbacks (one "path<TAB>body" line each,
-- written by CallbackLoadMain --dump). Every request is a distinct event; each wrk thread takes every n-th line.
-- wrk -s bench/callback-requests.lua URL -- FILE THREADS [DELAY_MS]   (DELAY_MS paces each connection)
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local reqs, n, i, pause = {}, 0, 0, 0

function init(args)
  local nthreads = tonumber(args[2])
  pause = tonumber(args[3] or "0")
  local k = 0
  for line in io.lines(args[1]) do
    if k % nthreads == tid then
      local tab = line:find("\t", 1, true)
      n = n + 1
      reqs[n] = wrk.format("POST", line:sub(1, tab - 1), {["Content-Type"] = "text/xml"}, line:sub(tab + 1))
    end
    k = k + 1
  end
end

function request()
  i = i + 1
  if i > n then i = 1 end -- wraps only if the run outlasts the prepared events (repeats are deduplicated)
  return reqs[i]
end

function delay()
  return pause
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format("wrk: requests=%d seconds=%.2f rate=%.0f/s non2xx_or_errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
