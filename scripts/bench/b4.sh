#!/usr/bin/env bash
# B4, claims with group commit vs one transaction per claim (docs/benchmarks.md): two hosts side by
# side on their own data directories (one key ring, copied, so one set of buyer tokens), the default
# Emporium:FlashSales:ClaimBatchSize and ClaimBatchSize=1, both with rate limits off; B1 (a)'s load on
# each in interleaved rounds. Checkouts under group commit are not part of it.
#
#   scripts/bench/b4.sh [small|full]     (or scripts/bench.sh b4 [small|full])
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) buyers=2000 ;;
  full) buyers=20000 ;;
esac
bench_build
bench_wrk
trap stop_hosts EXIT INT TERM

config=(Emporium__DemoData=true Emporium__FlashSales__ClaimDeadlineMinutes=600 Emporium__RateLimits__Enabled=false)
grouped="$cache/b4-grouped"
single="$cache/b4-single"
fresh_data "$grouped"
fresh_data "$single"
issue_tokens "$grouped" "$buyers"
cp -r "$grouped/keys" "$single/keys"
setup_commands+=("cp -r $grouped/keys $single/keys   # the same key ring, so the same tokens")

start_host "b4-grouped-$mode" "$grouped" "${config[@]}"
grouped_url=$host_url
start_host "b4-single-$mode" "$single" "${config[@]}" Emporium__FlashSales__ClaimBatchSize=1
single_url=$host_url
"${bench[@]}" group-commit --url "$grouped_url" --single-url "$single_url" \
  --tokens "$grouped/buyers.tsv" --admin "$grouped/admin.tsv" --db "$grouped/emporium.db" --single-db "$single/emporium.db" \
  --scale "$mode" --out "$results/b4-$mode.json" "${wrk_options[@]}" \
  --host-config "${config[*]/%/;} the baseline host: Emporium__FlashSales__ClaimBatchSize=1; the subject host: the default batch size" \
  --setup "$(setup_text)" --script "scripts/bench.sh b4 $mode"
stop_hosts
bench_report
