#!/usr/bin/env bash
# B3, checkout on PostgreSQL (docs/benchmarks.md): the host on a throw-away PostgreSQL (no Redis);
# POST /api/checkout by buyers with filled carts against pgbench running the same checkout as one SQL
# transaction (tools/Emporium.Bench/Load/checkout.pgbench.sql) on the same database with the same client
# count, in interleaved rounds; then the stock ledger and the orders are checked.
#
#   scripts/bench/b3.sh [small|full]     (or scripts/bench.sh b3 [small|full])
#   small: 5,000 buyers; full: 30,000 buyers (each checks out once)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) buyers=5000 ;;
  full) buyers=30000 ;;
esac
bench_build
bench_wrk
bench_engine_tool pgbench postgresql-contrib
trap stop_engines EXIT INT TERM
start_engines emporium_b3

config=(Emporium__DemoData=true Emporium__RateLimits__Enabled=false)
data="$cache/b3"
fresh_data "$data"
issue_tokens "$data" "$buyers" "ConnectionStrings__Postgres=$pg_connection"
start_host "b3-$mode" "$data" "ConnectionStrings__Postgres=$pg_connection" "${config[@]}"
"${bench[@]}" checkout --url "$host_url" --tokens "$data/buyers.tsv" --admin "$data/admin.tsv" --pg "$pg_connection" \
  --scale "$mode" --out "$results/b3-$mode.json" "${wrk_options[@]}" \
  --host-config "${config[*]/%/;} ConnectionStrings__Postgres: the throw-away server above" \
  --setup "$(setup_text)" --script "scripts/bench.sh b3 $mode"
stop_engines
bench_report
