#!/usr/bin/env bash
# B4, group commit on SQLite vs one transaction per request (docs/benchmarks.md): two hosts side by side
# on their own data directories (one key ring, copied, so one set of buyer tokens), both with rate limits
# off. The subject host has the defaults: claims committed in batches (Emporium:FlashSales:ClaimBatchSize)
# and each module's write queue committing its waiting transactions together (Emporium:SqliteWriteBatchSize).
# The baseline host has both at 1: a transaction per claim, each module write committed on its own. On each,
# B1 (a)'s claims and B3's checkouts (buyers with filled carts, a second set of tokens), four samples per
# round in interleaved rounds; the claims, the checkouts and the stock ledger are checked on both files.
#
#   scripts/bench/b4.sh [small|full]     (or scripts/bench.sh b4 [small|full])
#   small: 2,000 claim buyers, 20,000 checkout buyers; full: 20,000 and 80,000 (each checks out once per host)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) buyers=2000 checkout_buyers=20000 ;;
  full) buyers=20000 checkout_buyers=80000 ;;
esac
bench_build
bench_wrk
trap stop_hosts EXIT INT TERM

config=(Emporium__DemoData=true Emporium__FlashSales__ClaimDeadlineMinutes=600 Emporium__RateLimits__Enabled=false)
batch_one=(Emporium__FlashSales__ClaimBatchSize=1 Emporium__SqliteWriteBatchSize=1)
grouped="$cache/b4-grouped"
single="$cache/b4-single"
fresh_data "$grouped"
fresh_data "$single"
issue_tokens "$grouped" "$buyers"
issue_more_buyers "$grouped" "$checkout_buyers" bench-checkout "$grouped/checkout-buyers.tsv"
cp -r "$grouped/keys" "$single/keys"
setup_commands+=("cp -r $grouped/keys $single/keys   # the same key ring, so the same tokens")

start_host "b4-grouped-$mode" "$grouped" "${config[@]}"
grouped_url=$host_url
start_host "b4-single-$mode" "$single" "${config[@]}" "${batch_one[@]}"
single_url=$host_url
"${bench[@]}" group-commit --url "$grouped_url" --single-url "$single_url" \
  --tokens "$grouped/buyers.tsv" --checkout-tokens "$grouped/checkout-buyers.tsv" --admin "$grouped/admin.tsv" \
  --db "$grouped/emporium.db" --single-db "$single/emporium.db" \
  --scale "$mode" --out "$results/b4-$mode.json" "${wrk_options[@]}" \
  --host-config "${config[*]/%/;} the baseline host: ${batch_one[0]} and ${batch_one[1]}; the subject host: the default batch sizes" \
  --setup "$(setup_text)" --script "scripts/bench.sh b4 $mode"
stop_hosts
bench_report
