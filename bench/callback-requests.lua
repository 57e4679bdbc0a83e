-- wrk script for bench/callbacks.sh: replays pre-signed, pre-encrypted callbacks (one "path<TAB>body" line each,
-- written by CallbackLoadMain --dump). Every request is a distinct event; each wrk thread takes every n-th line.
-- wrk -s bench/callback-requests.lua URL -- FILE THREADS [DELAY_MS | rRATE]
--   DELAY_MS: each connection waits that long after each response (closed loop with think time);
--   rRATE (e.g. r5000): requests start on a fixed schedule of RATE per second over all threads, whatever the
--   response times (open loop, as long as enough connections are free: connections > RATE x latency).
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local reqs, n, i, pause = {}, 0, 0, 0
local period, start, slot = nil, nil, 0
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clk_id, bench_timespec *tp);
]]
local ts = ffi.new("bench_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
end

function init(args)
  local nthreads = tonumber(args[2])
  local a3 = args[3] or "0"
  if a3:sub(1, 1) == "r" then
    period = nthreads * 1000 / tonumber(a3:sub(2)) -- ms between request starts on this thread
  else
    pause = tonumber(a3)
  end
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
  if period == nil then
    return pause
  end
  local now = now_ms()
  if start == nil then
    start = now
  end
  slot = slot + 1
  local wait = start + slot * period - now
  if wait < 0 then
    return 0
  end
  return math.floor(wait)
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format("wrk: requests=%d seconds=%.2f rate=%.0f/s non2xx_or_errors=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
