# Starts a throw-away RabbitMQ node for the test suite: Debian's binaries, loopback only, free ports
# (AMQP, Erlang distribution, EPMD), a unique node name and a temporary directory for everything the
# node writes (mnesia, logs, cookie, HOME); stopped and deleted by stop_rabbitmq.
# Sourced by scripts/test.sh. Exports EMPORIUM_TEST_RABBITMQ (an amqp:// URI).
#
# It never touches a system rabbitmq service: other ports, its own EPMD, its own cookie, and empty
# config/env/plugin files so /etc/rabbitmq is not read.

RABBITMQ_SBIN=/usr/lib/rabbitmq/bin

ensure_rabbitmq_installed() {
  if [ ! -x "$RABBITMQ_SBIN/rabbitmq-server" ]; then
    echo "test: installing RabbitMQ (Debian package rabbitmq-server)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  fi
}

rabbitmq_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# True once the port answers the AMQP protocol header with a frame (not merely accepts TCP).
rabbitmq_answers() {
  python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=2)
s.sendall(b"AMQP\x00\x00\x09\x01")
sys.exit(0 if s.recv(1) == b"\x01" else 1)
PY
}

# The environment every rabbitmq-server/rabbitmqctl call for this node needs.
rabbitmq_env() {
  local dir=$1
  echo "HOME=$dir/home RABBITMQ_NODENAME=$EMPORIUM_RMQ_NODE RABBITMQ_USE_LONGNAME=false \
RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$EMPORIUM_RMQ_PORT RABBITMQ_DIST_PORT=$EMPORIUM_RMQ_DIST_PORT \
ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT=$EMPORIUM_RMQ_EPMD_PORT \
RABBITMQ_CONF_ENV_FILE=$dir/rabbitmq-env.conf RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf \
RABBITMQ_ADVANCED_CONFIG_FILE=$dir/advanced.config RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins \
RABBITMQ_MNESIA_BASE=$dir/mnesia RABBITMQ_LOG_BASE=$dir/log RABBITMQ_PID_FILE=$dir/rabbit.pid"
}

# RABBITMQ_DIST_PORT alone is not applied by 3.10's start script: pin the distribution listener (and
# its interface) through kernel arguments.
rabbitmq_dist_args() {
  echo "-kernel inet_dist_listen_min $EMPORIUM_RMQ_DIST_PORT -kernel inet_dist_listen_max $EMPORIUM_RMQ_DIST_PORT -kernel inet_dist_use_interface {127,0,0,1}"
}

start_rabbitmq() {
  local dir i
  dir=$(mktemp -d /tmp/emporium-rmq.XXXXXX)
  mkdir -p "$dir/home" "$dir/mnesia" "$dir/log"
  : >"$dir/rabbitmq-env.conf"
  : >"$dir/rabbitmq.conf"
  echo "[]." >"$dir/enabled_plugins"
  echo "[]." >"$dir/advanced.config"
  EMPORIUM_RMQ_DIR=$dir
  EMPORIUM_RMQ_NODE="emporium-test-$(basename "$dir" | cut -d. -f2)@localhost"
  EMPORIUM_RMQ_PORT=$(rabbitmq_free_port)
  EMPORIUM_RMQ_DIST_PORT=$(rabbitmq_free_port)
  EMPORIUM_RMQ_EPMD_PORT=$(rabbitmq_free_port)

  # Our own EPMD, in the foreground of a background job, so stop_rabbitmq can kill exactly it.
  ERL_EPMD_ADDRESS=127.0.0.1 epmd -port "$EMPORIUM_RMQ_EPMD_PORT" >"$dir/log/epmd.log" 2>&1 &
  EMPORIUM_RMQ_EPMD_PID=$!

  # shellcheck disable=SC2046 # rabbitmq_env prints NAME=value words on purpose
  env $(rabbitmq_env "$dir") RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="$(rabbitmq_dist_args)" \
    "$RABBITMQ_SBIN/rabbitmq-server" >"$dir/log/server.out" 2>&1 &
  EMPORIUM_RMQ_PID=$!

  # Boot takes about 20 s on Debian's 3.10; allow 120 s on a busy machine.
  for i in $(seq 1 240); do
    if rabbitmq_answers "$EMPORIUM_RMQ_PORT"; then
      export EMPORIUM_TEST_RABBITMQ="amqp://guest:guest@127.0.0.1:$EMPORIUM_RMQ_PORT/"
      echo "test: RabbitMQ on 127.0.0.1:$EMPORIUM_RMQ_PORT (node $EMPORIUM_RMQ_NODE, $dir)"
      return 0
    fi
    if ! kill -0 "$EMPORIUM_RMQ_PID" 2>/dev/null; then
      break
    fi
    sleep 0.5
  done
  echo "test: RabbitMQ did not start (after ${i} checks)"
  tail -n 40 "$dir/log/server.out" "$dir"/log/*.log 2>/dev/null
  stop_rabbitmq
  return 1
}

stop_rabbitmq() {
  [ -n "${EMPORIUM_RMQ_DIR:-}" ] || return 0
  local dir=$EMPORIUM_RMQ_DIR i
  # shellcheck disable=SC2046
  env $(rabbitmq_env "$dir") "$RABBITMQ_SBIN/rabbitmqctl" -n "$EMPORIUM_RMQ_NODE" stop >/dev/null 2>&1 || true
  for i in $(seq 1 40); do
    kill -0 "$EMPORIUM_RMQ_PID" 2>/dev/null || break
    sleep 0.5
  done
  # rabbitmq-server is a shell script: if the graceful stop failed, end the Erlang VM it started too.
  if kill -0 "$EMPORIUM_RMQ_PID" 2>/dev/null; then
    pkill -KILL -P "$EMPORIUM_RMQ_PID" 2>/dev/null || true
    kill -KILL "$EMPORIUM_RMQ_PID" 2>/dev/null || true
  fi
  kill "$EMPORIUM_RMQ_EPMD_PID" 2>/dev/null || true
  wait "$EMPORIUM_RMQ_PID" "$EMPORIUM_RMQ_EPMD_PID" 2>/dev/null || true
  rm -rf "$dir"
  EMPORIUM_RMQ_DIR=
  unset EMPORIUM_TEST_RABBITMQ
}
