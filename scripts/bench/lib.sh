# Shared by scripts/bench/*.sh (sourced, not run): scale settings, the Release build, wrk, and hosts
# started on fresh data directories and stopped again. The working directory is the repository root.
#
# Environment (all optional):
#   EMPORIUM_BENCH_DIR  where data directories are kept (default /tmp/emporium-bench)
#   BENCH_ROUNDS        rounds per scenario (default 3 small, 5 full; B5: 3)
#   BENCH_DURATION      seconds per wrk sample (default 5 small, 15 full)
#   BENCH_CONNECTIONS   wrk connections (default 64), BENCH_THREADS wrk threads (default 2)
#   BENCH_PIN           shared (default): wrk and host share both cores as the scheduler decides;
#                       split: the host on CPU 1, wrk (one thread) on CPU 0, via taskset, for every sample
#   BENCH_REPORT        the report (default docs/benchmarks.md for full, bench-results/benchmarks-small.md
#                       for small, so a quick look never replaces the committed report)

bench_scale() {
  mode=$1
  case "$mode" in
    small) default_rounds=3; duration=${BENCH_DURATION:-5}; warm_up=2 ;;
    full) default_rounds=5; duration=${BENCH_DURATION:-15}; warm_up=5 ;;
    *) echo "bench: the scale is small or full, not '$mode'" >&2; exit 2 ;;
  esac
  rounds=${BENCH_ROUNDS:-$default_rounds}
  connections=${BENCH_CONNECTIONS:-64}
  threads=${BENCH_THREADS:-2}
  cache=$(realpath -m "${EMPORIUM_BENCH_DIR:-/tmp/emporium-bench}")
  results=bench-results
  host_dir=src/Emporium.Host/bin/Release/net10.0
  bench=(dotnet tools/Emporium.Bench/bin/Release/net10.0/Emporium.Bench.dll)
  if [ "$mode" = full ]; then
    report=${BENCH_REPORT:-docs/benchmarks.md}
  else
    report=${BENCH_REPORT:-bench-results/benchmarks-small.md}
  fi

  host_cpus=
  wrk_options=(--threads "$threads" --connections "$connections" --duration "$duration" --rounds "$rounds" --warm-up "$warm_up")
  case "${BENCH_PIN:-shared}" in
    shared) ;;
    split)
      host_cpus=1
      wrk_options=(--threads 1 --connections "$connections" --duration "$duration" --rounds "$rounds" --warm-up "$warm_up" --wrk-cpus 0 --host-cpus 1)
      ;;
    *) echo "bench: BENCH_PIN is shared or split" >&2; exit 2 ;;
  esac
  mkdir -p "$results"
}

# Once per scripts/bench.sh invocation, however many scenarios it runs.
bench_build() {
  [ -n "${BENCH_BUILT:-}" ] && return 0
  echo "bench: building Release"
  dotnet build src/Emporium.Host -c Release -nologo -v quiet
  dotnet build tools/Emporium.Bench -c Release -nologo -v quiet
  export BENCH_BUILT=1
}

# wrk is a Debian package: installed here if missing (the machine's user is root).
bench_wrk() {
  command -v wrk >/dev/null 2>&1 && return 0
  echo "bench: installing wrk"
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# A new, empty data directory (a previous run's is removed: every run starts from the same state).
fresh_data() {
  rm -rf "$1"
  mkdir -p "$1"
  setup_commands+=("rm -rf $1 && mkdir -p $1")
}

# `Emporium.Host issue-tokens` for the data directory $1: N buyers to $1/buyers.tsv, an admin to $1/admin.tsv.
# Run before the host first starts there, so both use the one key the command creates. Extra ENV=VALUE
# arguments configure the command like the host: on PostgreSQL the key ring is in the database (ADR 0010).
issue_tokens() {
  local data=$1 count=$2
  shift 2
  local settings=("Emporium__DataDirectory=$data" "$@")
  setup_commands+=("(cd $host_dir && ${settings[*]} dotnet Emporium.Host.dll issue-tokens --count $count --out $data/buyers.tsv)")
  setup_commands+=("(cd $host_dir && ${settings[*]} dotnet Emporium.Host.dll issue-tokens --count 1 --prefix bench-admin --role admin --out $data/admin.tsv)")
  (cd "$host_dir" && env "${settings[@]}" dotnet Emporium.Host.dll issue-tokens --count "$count" --out "$data/buyers.tsv") >/dev/null
  (cd "$host_dir" && env "${settings[@]}" dotnet Emporium.Host.dll issue-tokens --count 1 --prefix bench-admin --role admin --out "$data/admin.tsv") >/dev/null
  echo "bench: $count buyer tokens and an admin token for $data"
}

# issue_more_buyers DATA_DIR COUNT PREFIX FILE: COUNT more buyer tokens (user ids PREFIX-000000, …) to FILE,
# with the key ring issue_tokens made there: buyers kept apart from the first set (B4's checkouts).
issue_more_buyers() {
  local data=$1 count=$2 prefix=$3 file=$4
  setup_commands+=("(cd $host_dir && Emporium__DataDirectory=$data dotnet Emporium.Host.dll issue-tokens --count $count --prefix $prefix --out $file)")
  (cd "$host_dir" && Emporium__DataDirectory="$data" dotnet Emporium.Host.dll issue-tokens --count "$count" --prefix "$prefix" --out "$file") >/dev/null
  echo "bench: $count more buyer tokens ($prefix-…) for $data"
}

# start_host NAME DATA_DIR [ENV=VALUE ...]: starts the Release host on a free loopback port from its output
# directory (so its appsettings.json applies: request logging at Warning, as when deployed), pinned when
# BENCH_PIN=split, and waits until it is ready. Sets host_url; remembers the pid for stop_hosts.
host_pids=()
# What the script ran before the bench (data directories, tokens, hosts), passed to it with
# --setup "$(setup_text)" so the report can show it.
setup_commands=()
setup_text() {
  printf '%s\n' "${setup_commands[@]}"
}

start_host() {
  local name=$1 data=$2
  shift 2
  local port log pin=()
  port=$(free_port)
  host_url="http://127.0.0.1:$port"
  log="$results/host-$name.log"
  [ -n "$host_cpus" ] && pin=(taskset -c "$host_cpus")
  (cd "$host_dir" && exec env Emporium__DataDirectory="$data" "$@" "${pin[@]}" dotnet Emporium.Host.dll --urls "$host_url") >"$log" 2>&1 &
  local pid=$!
  host_pids+=("$pid")
  setup_commands+=("(cd $host_dir && Emporium__DataDirectory=$data $(printf '%q ' "$@")${pin[*]} dotnet Emporium.Host.dll --urls $host_url) &")
  echo "bench: host $name (pid $pid) on $host_url, data $data, log $log"
  for _ in $(seq 1 180); do
    if curl -fsS "$host_url/health/ready" >/dev/null 2>&1; then
      return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "bench: host $name exited; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 1
  done
  echo "bench: host $name not ready after 180 s" >&2
  exit 1
}

stop_hosts() {
  local pid
  for pid in "${host_pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  host_pids=()
}

# The report merges every scenario's JSON of this scale found in bench-results/.
bench_report() {
  "${bench[@]}" report --results "$results" --scale "$mode" --out "$report"
}

# start_engines DATABASE [redis]: a throw-away PostgreSQL (scripts/lib/postgres.sh, fsync on: commits are
# durable, as when deployed) with an empty database of that name and, with `redis`, a throw-away Redis
# (scripts/lib/redis.sh, no persistence). Sets pg_connection (the host's ConnectionStrings__Postgres) and
# redis_address (its ConnectionStrings__Redis). stop_engines stops the hosts, then both servers.
start_engines() {
  local database=$1 port
  # shellcheck source=scripts/lib/postgres.sh
  source scripts/lib/postgres.sh
  # shellcheck source=scripts/lib/redis.sh
  source scripts/lib/redis.sh
  ensure_postgres_installed
  start_postgres durable
  port=$(sed -E 's/.*Port=([0-9]+).*/\1/' <<<"$EMPORIUM_TEST_POSTGRES")
  "$EMPORIUM_PG_BIN/psql" -X -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE $database"
  pg_connection=${EMPORIUM_TEST_POSTGRES/Database=postgres/Database=$database}
  setup_commands+=("source scripts/lib/postgres.sh && start_postgres durable   # throw-away PostgreSQL $(basename "$(dirname "$EMPORIUM_PG_BIN")") on 127.0.0.1:$port, fsync on")
  setup_commands+=("psql -h 127.0.0.1 -p $port -U postgres -c 'CREATE DATABASE $database'")
  redis_address=
  if [ "${2:-}" = redis ]; then
    ensure_redis_installed
    start_redis
    redis_address=$EMPORIUM_TEST_REDIS
    setup_commands+=("source scripts/lib/redis.sh && start_redis   # throw-away Redis $(redis-server --version | grep -o 'v=[0-9.]*') on $redis_address, no persistence")
  fi
}

stop_engines() {
  stop_hosts
  if declare -F stop_redis >/dev/null; then stop_redis; fi
  if declare -F stop_postgres >/dev/null; then stop_postgres; fi
}

# The engines' own load tools: redis-benchmark (Debian package redis-tools), pgbench (postgresql-contrib).
bench_engine_tool() {
  local tool=$1 package=$2
  command -v "$tool" >/dev/null 2>&1 && return 0
  echo "bench: installing $package for $tool"
  apt-get install -y -qq "$package" >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq "$package" >/dev/null; }
}
