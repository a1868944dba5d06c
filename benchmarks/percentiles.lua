-- wrk prints p50/p75/p90/p99; Hausportal's targets speak of p50 and p95.
done = function(summary, latency, requests)
  io.write(string.format("P50=%d P95=%d\n", latency:percentile(50), latency:percentile(95)))
end
