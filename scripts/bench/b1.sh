#!/usr/bin/env bash
# B1, flash sale, embedded (docs/benchmarks.md):
#   1. throughput: (a) claims while stock lasts and (b) sold-out answers, each vs GET /health/live, on a
#      host with rate limits off (one client address sends everything; limits are measured apart);
#   2. acceptance (issue 6): one sale, many buyers, every answer counted, on a host with rate limits on
#      (per buyer as configured; the per-address limit raised, since every synthetic buyer is 127.0.0.1).
# Buyers are synthetic: `Emporium.Host issue-tokens` mints their bearer tokens with the data directory's
# key ring (no registrations, no password hashing); both hosts share that key ring.
#
#   scripts/bench/b1.sh [small|full]     (or scripts/bench.sh b1 [small|full])
#   small: 2,000 buyers; acceptance 100 units, 2,000 buyers, 10,000 attempts
#   full: 20,000 buyers; acceptance 1,000 units, 20,000 buyers, 100,000 attempts (issue 6's load test)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) buyers=2000; units=100; attempts=10000 ;;
  full) buyers=20000; units=1000; attempts=100000 ;;
esac
bench_build
bench_wrk
trap stop_hosts EXIT INT TERM

# Claims are left unpaid: a long deadline keeps the sweep from expiring them mid-run.
flash_config=(Emporium__DemoData=true Emporium__FlashSales__ClaimDeadlineMinutes=600)
data="$cache/b1"
fresh_data "$data"
issue_tokens "$data" "$buyers"

start_host "b1-$mode" "$data" "${flash_config[@]}" Emporium__RateLimits__Enabled=false
"${bench[@]}" flash-sale --url "$host_url" --tokens "$data/buyers.tsv" --admin "$data/admin.tsv" --db "$data/emporium.db" \
  --scale "$mode" --out "$results/b1-$mode.json" "${wrk_options[@]}" \
  --host-config "${flash_config[*]/%/;} Emporium__RateLimits__Enabled=false" --setup "$(setup_text)" --script "scripts/bench.sh b1 $mode"
stop_hosts

# The acceptance run's own setup: a fresh data directory with the first one's key ring, so the same tokens.
setup_commands=("${setup_commands[@]:1:2}")
acceptance="$cache/b1-acceptance"
fresh_data "$acceptance"
cp -r "$data/keys" "$acceptance/keys"
setup_commands+=("cp -r $data/keys $acceptance/keys   # the same key ring, so the same tokens")
per_address=Emporium__RateLimits__FlashSalePurchasesPerAddressPerSecond=1000000
start_host "b1-acceptance-$mode" "$acceptance" "${flash_config[@]}" "$per_address"
"${bench[@]}" acceptance --url "$host_url" --tokens "$data/buyers.tsv" --admin "$data/admin.tsv" --db "$acceptance/emporium.db" \
  --scale "$mode" --units "$units" --users "$buyers" --attempts "$attempts" --out "$results/b1-acceptance-$mode.json" \
  --host-config "${flash_config[*]/%/;} $per_address; rate limits otherwise as configured (per buyer: Emporium:RateLimits:FlashSalePurchasesPerUserPerSecond)" \
  --setup "$(setup_text)" --script "scripts/bench.sh b1 $mode"
stop_hosts
bench_report
