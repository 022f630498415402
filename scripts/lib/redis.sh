# Starts a throw-away Redis server for the test suite: Debian's binary, loopback only, a free port, a
# temporary directory, no persistence; stopped and deleted by stop_redis. Sourced by scripts/test.sh.
# Exports EMPORIUM_TEST_REDIS (a StackExchange.Redis configuration string).

ensure_redis_installed() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "test: installing Redis (Debian package redis-server)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
}

start_redis() {
  local port dir
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  dir=$(mktemp -d /tmp/emporium-redis.XXXXXX)
  # No RDB/AOF: the suite's Redis holds only what tests put there. --daemonize writes the pid file.
  redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --save "" --appendonly no \
    --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  redis-cli -p "$port" ping >/dev/null 2>&1 || { cat "$dir/redis.log"; return 1; }
  EMPORIUM_REDIS_DIR=$dir
  EMPORIUM_REDIS_PORT=$port
  export EMPORIUM_TEST_REDIS="127.0.0.1:$port"
  echo "test: Redis on 127.0.0.1:$port ($dir)"
}

stop_redis() {
  [ -n "${EMPORIUM_REDIS_DIR:-}" ] || return 0
  redis-cli -p "$EMPORIUM_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
  rm -rf "$EMPORIUM_REDIS_DIR"
  EMPORIUM_REDIS_DIR=
}
