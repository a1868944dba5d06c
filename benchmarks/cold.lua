-- Each request asks for another address from a list (one per line, file given as the
-- first script argument), so every page is rendered cold once; the two wrk threads
-- take alternate lines. Prints how many requests were sent: more than the list holds
-- means some were warm, and the run is reported as such.
local paths = {}
local threads = {}
local counter = 0
local step = 1

function setup(thread)
  thread:set("first", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  counter = first
  step = 2
end

function request()
  local path = paths[(counter % #paths) + 1]
  counter = counter + step
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  io.write(string.format("P50=%d P95=%d\n", latency:percentile(50), latency:percentile(95)))
end
