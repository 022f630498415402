#!/usr/bin/env bash
# B2, flash sale on Redis (docs/benchmarks.md): the host in scale-out mode on a throw-away PostgreSQL and
# Redis; (a) claims while stock lasts and (b) attempts refused at the per-user limit (both run the gate's
# Lua script once per attempt), each against redis-benchmark running that script by EVALSHA with the same
# connections, in interleaved rounds; then a sell-out that must leave exactly its units claimed.
#
#   scripts/bench/b2.sh [small|full]     (or scripts/bench.sh b2 [small|full])
#   small: 2,000 buyers, a sell-out of 100 units; full: 20,000 buyers, 1,000 units
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) buyers=2000; units=100 ;;
  full) buyers=20000; units=1000 ;;
esac
bench_build
bench_wrk
bench_engine_tool redis-benchmark redis-tools
trap stop_engines EXIT INT TERM
start_engines emporium_b2 redis

prefix=b2:
config=(Emporium__DemoData=true Emporium__FlashSales__ClaimDeadlineMinutes=600 Emporium__RateLimits__Enabled=false "Emporium__Redis__KeyPrefix=$prefix")
data="$cache/b2"
fresh_data "$data"
issue_tokens "$data" "$buyers" "ConnectionStrings__Postgres=$pg_connection"
start_host "b2-$mode" "$data" "ConnectionStrings__Postgres=$pg_connection" "ConnectionStrings__Redis=$redis_address" "${config[@]}"
"${bench[@]}" flash-sale-redis --url "$host_url" --tokens "$data/buyers.tsv" --admin "$data/admin.tsv" \
  --pg "$pg_connection" --redis "$redis_address" --key-prefix "$prefix" --units "$units" \
  --scale "$mode" --out "$results/b2-$mode.json" "${wrk_options[@]}" \
  --host-config "${config[*]/%/;} ConnectionStrings__Postgres and ConnectionStrings__Redis: the throw-away servers above" \
  --setup "$(setup_text)" --script "scripts/bench.sh b2 $mode"
stop_engines
bench_report
