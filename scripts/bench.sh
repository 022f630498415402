#!/usr/bin/env bash
# Benchmarks (docs/benchmarks.md, ../shared/design/benchmarks.md): each scenario against its baseline in
# the same run; results as JSON in bench-results/ and the report regenerated from every scenario found.
#
#   scripts/bench.sh [small|full]          B5 (search), as before
#   scripts/bench.sh SCENARIO [small|full] one of b1 (flash sale + acceptance), b2 (flash sale on Redis),
#                                          b3 (checkout on PostgreSQL), b4 (claims and checkouts,
#                                          group commit vs batch 1, SQLite), b5, b6 (cart)
#   scripts/bench.sh all [small|full]      every scenario: b6, b1, b2, b3, b4, b5
#
# small is a quick look (bench-results/benchmarks-small.md); full is the report (docs/benchmarks.md).
# The per-scenario scripts live in scripts/bench/; their environment variables in scripts/bench/lib.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-small}" in
  small | full) exec scripts/bench/b5.sh "${1:-small}" ;;
  b1 | b2 | b3 | b4 | b5 | b6) exec "scripts/bench/$1.sh" "${2:-small}" ;;
  all)
    # A scenario that fails (a broken invariant) does not stop the others; the exit code says it failed.
    failed=()
    for scenario in b6 b1 b2 b3 b4 b5; do
      echo "bench: ===== $scenario ${2:-small} ====="
      "scripts/bench/$scenario.sh" "${2:-small}" || failed+=("$scenario")
      export BENCH_BUILT=1
    done
    if [ "${#failed[@]}" -gt 0 ]; then
      echo "bench: FAILED: ${failed[*]}" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: scripts/bench.sh [small|full] | {b1|b2|b3|b4|b5|b6|all} [small|full]" >&2
    exit 2
    ;;
esac
