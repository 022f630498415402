# Starts a throw-away PostgreSQL server for the test suite: Debian's binaries, loopback only, a free
# port, a temporary directory, trust authentication; stopped and deleted by stop_postgres.
# Sourced by scripts/test.sh and the PostgreSQL benchmarks. Exports EMPORIUM_TEST_POSTGRES (an admin
# connection string).
#
#   start_postgres           fsync off: a test database that vanishes afterwards needs no crash safety
#   start_postgres durable   fsync on (the server's default): commits reach the disk, as when deployed

pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && echo "$dir"
}

ensure_postgres_installed() {
  if [ -z "$(pg_bindir)" ]; then
    echo "test: installing PostgreSQL (Debian package postgresql)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

start_postgres() {
  local bin port dir runas=() fsync=(-F)
  [ "${1:-}" = durable ] && fsync=()
  bin=$(pg_bindir)
  port=$(free_port)
  dir=$(mktemp -d /tmp/emporium-pg.XXXXXX)
  # PostgreSQL refuses to run as root: run it as the postgres user the package creates.
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    runas=(runuser -u postgres --)
  fi
  "${runas[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log"; return 1; }
  # fsync off unless durable: a test database that vanishes afterwards needs no crash safety, and tests run faster.
  "${runas[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-h 127.0.0.1 -p $port -k $dir ${fsync[*]} -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
    || { cat "$dir/server.log"; return 1; }
  EMPORIUM_PG_DIR=$dir
  EMPORIUM_PG_BIN=$bin
  EMPORIUM_PG_RUNAS="${runas[*]}"
  export EMPORIUM_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=200"
  echo "test: PostgreSQL on 127.0.0.1:$port ($dir)"
}

stop_postgres() {
  [ -n "${EMPORIUM_PG_DIR:-}" ] || return 0
  # shellcheck disable=SC2086 # EMPORIUM_PG_RUNAS is a word list on purpose
  $EMPORIUM_PG_RUNAS "$EMPORIUM_PG_BIN/pg_ctl" -D "$EMPORIUM_PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$EMPORIUM_PG_DIR"
  EMPORIUM_PG_DIR=
}
