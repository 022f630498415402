#!/usr/bin/env bash
# B6, cart view and cart add vs GET /health/live (docs/benchmarks.md): a fresh data directory with the
# demo catalog, the Release host, Emporium.Bench cart (wrk), then the report.
#
#   scripts/bench/b6.sh [small|full]     (or scripts/bench.sh b6 [small|full])
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
bench_build
bench_wrk
trap stop_hosts EXIT INT TERM

data="$cache/b6"
fresh_data "$data"
start_host "b6-$mode" "$data" Emporium__DemoData=true
"${bench[@]}" cart --url "$host_url" --scale "$mode" --carts $((connections * 8)) --out "$results/b6-$mode.json" \
  "${wrk_options[@]}" --host-config "Emporium__DemoData=true" --setup "$(setup_text)" --script "scripts/bench.sh b6 $mode"
stop_hosts
bench_report
