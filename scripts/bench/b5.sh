#!/usr/bin/env bash
# B5, search over a large catalog (docs/benchmarks.md): builds Release, seeds the deterministic catalog
# once into a cached data directory, starts the host on a free loopback port, runs Emporium.Bench
# (endpoint vs the raw engine, then the in-process profile), stops the host and writes the report.
#
#   scripts/bench/b5.sh [small|full]   (or scripts/bench.sh [b5] [small|full])
#                                      small: 50,000 products, a quick check (default)
#                                      full: 1,000,000 products, the size the goal is stated for
#
# Environment: EMPORIUM_BENCH_DIR  where seeded catalogs are kept (default /tmp/emporium-bench)
#              BENCH_ROUNDS (3), BENCH_REPEAT (5: passes over the query list per round)
#              BENCH_REPORT (see scripts/bench/lib.sh)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/bench/lib.sh
bench_scale "${1:-small}"
case "$mode" in
  small) products=50000 ;;
  full) products=1000000 ;;
esac
rounds=${BENCH_ROUNDS:-3}
repeat=${BENCH_REPEAT:-5}
# One request at a time against the engine in the bench process: nothing to pin.
host_cpus=
data="$cache/catalog-$products"
bench_build
trap stop_hosts EXIT INT TERM

# Seeding a million products takes minutes: do it once per size. The marker is written last and holds
# the seconds seeding took, so a half-seeded directory (interrupted run) is wiped and seeded again.
if [ ! -f "$data/seeded" ]; then
  fresh_data "$data"
  echo "bench: seeding $products products into $data"
  started=$SECONDS
  Emporium__DataDirectory="$data" dotnet "$host_dir/Emporium.Host.dll" seed-catalog --products "$products"
  echo $((SECONDS - started)) >"$data/seeded"
fi
seed_seconds=$(cat "$data/seeded")
echo "bench: catalog $data (seeded in ${seed_seconds} s)"

start_host "b5-$mode" "$data" Emporium__DemoData=false
"${bench[@]}" search --url "$host_url" --db "$data/emporium.db" --rounds "$rounds" --repeat "$repeat" \
  --out "$results/b5-$mode.json" --seed-seconds "$seed_seconds" --script "scripts/bench.sh b5 $mode"

# The profile runs the search in the bench process: stop the host first so it competes for nothing.
stop_hosts
"${bench[@]}" profile --db "$data/emporium.db" --repeat "$repeat" --out "$results/b5-$mode-profile.json"
bench_report
