#!/usr/bin/env bash
# The test command (README): installs and starts what the suite needs, runs every test project,
# stops what it started. Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Search").
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/postgres.sh
source scripts/lib/redis.sh
source scripts/lib/rabbitmq.sh
source scripts/lib/chromium.sh

ensure_postgres_installed
ensure_redis_installed
ensure_rabbitmq_installed
ensure_chromium_installed
# One trap for every server: a second `trap … EXIT` would replace the first.
trap 'stop_rabbitmq; stop_redis; stop_postgres' EXIT
start_postgres
start_redis
start_rabbitmq

results=$(mktemp -d /tmp/emporium-test-results.XXXXXX)
status=0
dotnet build Emporium.slnx -c Release -nologo -v quiet || exit 1
dotnet test Emporium.slnx -c Release --no-build -nologo \
  --logger "trx" --results-directory "$results" "$@" || status=$?

# One plain closing line over every test project: "N passed, N failed, N skipped".
python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0))
    skipped += int(counters.get("notExecuted", 0))
print(f"tests: {passed} passed, {failed} failed, {skipped} skipped")
PY
rm -rf "$results"
exit $status
