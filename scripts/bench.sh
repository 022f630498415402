#!/usr/bin/env bash
# B5, search over a large catalog (docs/benchmarks.md): builds Release, seeds the deterministic catalog
# once into a cached data directory, starts the host on a free loopback port, runs Emporium.Bench
# (endpoint vs the raw engine, then the in-process profile), stops the host and writes the report.
#
#   scripts/bench.sh [small|full]   small: 50,000 products, a quick check (default)
#                                   full: 1,000,000 products, the size the goal is stated for
#
# Environment: EMPORIUM_BENCH_DIR  where seeded catalogs are kept (default /tmp/emporium-bench)
#              BENCH_ROUNDS (3), BENCH_REPEAT (5: passes over the query list per round)
#              BENCH_REPORT        default docs/benchmarks.md for full; bench-results/benchmarks-small.md
#                                  for small, so a quick check never replaces the committed 1M report
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-small}
case "$mode" in
  small) products=50000; report=${BENCH_REPORT:-bench-results/benchmarks-small.md} ;;
  full) products=1000000; report=${BENCH_REPORT:-docs/benchmarks.md} ;;
  *) echo "usage: scripts/bench.sh [small|full]" >&2; exit 2 ;;
esac
rounds=${BENCH_ROUNDS:-3}
repeat=${BENCH_REPEAT:-5}
cache=$(realpath -m "${EMPORIUM_BENCH_DIR:-/tmp/emporium-bench}")
data="$cache/catalog-$products"
results=bench-results
host_dir=src/Emporium.Host/bin/Release/net10.0
bench=(dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll)
mkdir -p "$results"

echo "bench: building Release"
dotnet build src/Emporium.Host -c Release -nologo -v quiet
dotnet build tools/Emporium.Bench -c Release -nologo -v quiet

# Seeding a million products takes minutes: do it once per size. The marker is written last and holds
# the seconds seeding took, so a half-seeded directory (interrupted run) is wiped and seeded again.
if [ ! -f "$data/seeded" ]; then
  rm -rf "$data"
  mkdir -p "$data"
  echo "bench: seeding $products products into $data"
  started=$SECONDS
  Emporium__DataDirectory="$data" dotnet "$host_dir/Emporium.Host.dll" seed-catalog --products "$products"
  echo $((SECONDS - started)) >"$data/seeded"
fi
seed_seconds=$(cat "$data/seeded")
echo "bench: catalog $data (seeded in ${seed_seconds} s)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

host_pid=
stop_host() {
  [ -n "$host_pid" ] || return 0
  kill "$host_pid" 2>/dev/null || true
  wait "$host_pid" 2>/dev/null || true
  host_pid=
}
trap stop_host EXIT INT TERM

url="http://127.0.0.1:$(free_port)"
host_log="$results/host-$mode.log"
# The host runs from its output directory so its appsettings.json applies (request logging at
# Warning), as when deployed; from the repository root every request would be logged at Information.
(cd "$host_dir" && Emporium__DataDirectory="$data" Emporium__DemoData=false exec dotnet Emporium.Host.dll --urls "$url") >"$host_log" 2>&1 &
host_pid=$!

echo "bench: waiting for $url/health/ready"
for _ in $(seq 1 120); do
  if curl -fsS "$url/health/ready" >/dev/null 2>&1; then
    break
  fi
  if ! kill -0 "$host_pid" 2>/dev/null; then
    echo "bench: the host exited; its log:" >&2
    cat "$host_log" >&2
    exit 1
  fi
  sleep 1
done
curl -fsS "$url/health/ready" >/dev/null

"${bench[@]}" search --url "$url" --db "$data/emporium.db" --rounds "$rounds" --repeat "$repeat" \
  --out "$results/b5-$mode.json" --seed-seconds "$seed_seconds" --script "scripts/bench.sh $mode"

# The profile runs the search in the bench process: stop the host first so it competes for nothing.
stop_host
"${bench[@]}" profile --db "$data/emporium.db" --repeat "$repeat" --out "$results/b5-$mode-profile.json"
"${bench[@]}" report --in "$results/b5-$mode.json" --profile "$results/b5-$mode-profile.json" --out "$report"
