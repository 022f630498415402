#!/usr/bin/env python3
"""Latency of misspelled searches against a running host (ADR 0012).

    scripts/bench/typo_latency.py URL QUERIES_FILE [REQUESTS]

QUERIES_FILE holds one query per line (misspelled words). Requests go one at a time over one
keep-alive connection, round-robin over the queries; each carries a unique extra parameter so the
output cache (which varies by query string) never answers. Prints p50, p95 and mean in milliseconds.
"""
import http.client
import statistics
import sys
import time
import urllib.parse


def main():
    url = urllib.parse.urlparse(sys.argv[1])
    queries = [line.strip() for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    requests = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
    connection = http.client.HTTPConnection(url.hostname, url.port)
    for i in range(min(len(queries), 50)):  # warm-up: connection pools, JIT, caches
        get(connection, queries[i], f"w{i}")
    latencies = []
    for i in range(requests):
        started = time.perf_counter()
        get(connection, queries[i % len(queries)], str(i))
        latencies.append((time.perf_counter() - started) * 1000)
    latencies.sort()
    p50 = latencies[len(latencies) // 2]
    p95 = latencies[int(len(latencies) * 0.95)]
    print(f"requests={requests} queries={len(queries)} p50={p50:.2f}ms p95={p95:.2f}ms mean={statistics.mean(latencies):.2f}ms")


def get(connection, query, nonce):
    connection.request("GET", "/api/search?" + urllib.parse.urlencode({"q": query, "pageSize": 20, "bench": nonce}))
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{query}: HTTP {response.status}")


if __name__ == "__main__":
    main()
