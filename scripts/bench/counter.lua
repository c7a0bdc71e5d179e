-- wrk: the counter form posted by signed-in agents (BENCH_SESSIONS: "cookie csrf" lines, one per
-- agent, taken in turn), each post a new request with its own entry id.
local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local sessions, counter = {}, 0
refused = 0  -- global: done() reads it from each thread
function init(args)
  for line in io.lines(os.getenv("BENCH_SESSIONS")) do
    local cookie, csrf = line:match("^(%S+)%s+(%S+)$")
    table.insert(sessions, {cookie = cookie, csrf = csrf})
  end
end

function request()
  counter = counter + 1
  local s = sessions[(counter % #sessions) + 1]
  local body = "_csrf=" .. s.csrf .. "&entryId=bench-" .. os.getenv("BENCH_RUN") .. "-" .. id .. "-" .. counter ..
               "&contactMode=guichet&country=BE&theme=activites&partySize=4&nights=3"
  return wrk.format("POST", "/requests", {["Cookie"] = "guichet_session=" .. s.cookie,
                                          ["Content-Type"] = "application/x-www-form-urlencoded"}, body)
end

function response(status, headers, body)
  if status ~= 303 then refused = refused + 1 end
end

function done(summary, latency, requests)
  local refusals = 0
  for _, thread in ipairs(threads) do refusals = refusals + (thread:get("refused") or 0) end
  io.write(string.format("answers %d, not 303: %d, p50 %.1f ms, p99 %.1f ms, %.0f req/s\n", summary.requests, refusals,
                         latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / (summary.duration / 1e6)))
end
