#!/usr/bin/env bash
# Local single-node Apache Kafka broker (KRaft mode) for development and CI,
# without Docker: the jars come from Maven Central through infra/kafka/pom.xml.
#
#   bash infra/kafka/kafka.sh start [--fresh]|stop|status|restart
#
# Two brokers can live side by side: the system's (default, port 9092, data
# kept across restarts) and, with KAFKA_SCRATCH=1, the one `npm test` uses
# (port 19092), whose topics are throwaway: `start --fresh` empties its data
# when it is not running, so test topics never pile up from run to run.
#
# State (never inside the repo): ${ATREST_HOME:-$HOME/.cache/atrest}/kafka/
#   libs/              broker jars, resolved once by Maven (marker: libs/.complete-<version>)
#   data/              KRaft metadata + topic data; survives stop/start
#   server.properties  rewritten on every start (ports may change)
#   log4j.properties   broker logging config (INFO, to server.log)
#   server.log         broker stdout+stderr (previous run kept as server.log.1)
#   kafka.pid          pid of the broker JVM
#   scratch/           the same layout (without libs/) for the KAFKA_SCRATCH broker
#
# Environment:
#   KAFKA_PORT (9092; scratch 19092), KAFKA_CONTROLLER_PORT (KAFKA_PORT + 1),
#   KAFKA_HEAP_OPTS ("-Xms256m -Xmx512m"), KAFKA_SCRATCH (unset),
#   KAFKA_START_TIMEOUT seconds without progress (60), KAFKA_START_MAX seconds in all (900),
#   KAFKA_STOP_TIMEOUT (20) and KAFKA_STOP_MAX (300), the same for stop before it kills;
#   progress is the broker's log growing,
#   JAVA_HOME (optional), ATREST_HOME.
#
# Other Kafka CLI tools are on the same classpath, e.g.
#   java -cp "$HOME/.cache/atrest/kafka/libs/*" org.apache.kafka.tools.TopicCommand \
#     --bootstrap-server 127.0.0.1:9092 --list
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$SCRIPT_DIR/pom.xml"

KAFKA_HOME_DIR="${ATREST_HOME:-$HOME/.cache/atrest}/kafka"
[[ "$KAFKA_HOME_DIR" == /* ]] || KAFKA_HOME_DIR="$PWD/$KAFKA_HOME_DIR" # the broker runs from another cwd
LIBS_DIR="$KAFKA_HOME_DIR/libs"
if [[ -n "${KAFKA_SCRATCH:-}" ]]; then
  STATE_DIR="$KAFKA_HOME_DIR/scratch"
  DEFAULT_PORT=19092
else
  STATE_DIR="$KAFKA_HOME_DIR"
  DEFAULT_PORT=9092
fi
DATA_DIR="$STATE_DIR/data"
PROPS="$STATE_DIR/server.properties"
LOG4J="$STATE_DIR/log4j.properties"
TOOLS_LOG4J="$STATE_DIR/tools-log4j.properties"
LOG="$STATE_DIR/server.log"
PIDFILE="$STATE_DIR/kafka.pid"
LOCKFILE="$STATE_DIR/kafka.lock"

HOST=127.0.0.1
PORT="${KAFKA_PORT:-$DEFAULT_PORT}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((PORT + 1))}"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-60}"
START_MAX="${KAFKA_START_MAX:-900}"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-20}"
STOP_MAX="${KAFKA_STOP_MAX:-300}"

# Single source of truth for the version: the pom.
KAFKA_VERSION="$(sed -n 's:.*<kafka.version>\([^<]*\)</kafka.version>.*:\1:p' "$POM" | head -n1)"
LIBS_MARKER="$LIBS_DIR/.complete-$KAFKA_VERSION"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

say() { echo "atrest: $*"; }

# --- checks ------------------------------------------------------------------

# One friendly line instead of a stack trace when the toolchain is missing.
# Maven is only required while the jars still have to be resolved.
require_tools() {
  local missing=() major
  if ! command -v "$JAVA" >/dev/null 2>&1; then
    missing+=("java 17+")
  else
    # `java -version` prints e.g. 'openjdk version "17.0.15"' (or "1.8.0_x" for Java 8).
    major="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1)"
    if [[ -z "$major" || "$major" -lt 17 ]]; then missing+=("java 17+ (found ${major:-unknown})"); fi
  fi
  if [[ ! -f "$LIBS_MARKER" ]] && ! command -v mvn >/dev/null 2>&1; then missing+=("mvn"); fi
  if ((${#missing[@]})); then
    local list
    list="$(printf '%s, ' "${missing[@]}")"
    echo "atrest: Kafka needs Java 17+ and Maven (missing: ${list%, }). Install them, or run the whole system with: docker compose up"
    exit 1
  fi
}

# Is a Kafka broker really answering on HOST:PORT? Sends a raw ApiVersions v0
# request (api_key 18, correlation id 42, client id "atrest") and expects a
# response carrying correlation id 42 and error code 0. Pure bash, so it costs
# milliseconds (no JVM) and can be polled. The port is bound early in startup,
# but the PLAINTEXT listener only serves requests once the broker is unfenced
# (RUNNING), so a reply means ready, where an open port does not.
kafka_answers() {
  local reply
  # shellcheck disable=SC2016 # $0/$1 expand in the inner shell
  reply="$(timeout 3 bash -c '
      exec 3<>"/dev/tcp/$0/$1" || exit 1
      printf "\x00\x00\x00\x10\x00\x12\x00\x00\x00\x00\x00\x2a\x00\x06atrest" >&3
      head -c 10 <&3 | od -An -tx1 | tr -d " \n"
    ' "$HOST" "$PORT" 2>/dev/null)" || return 1
  # 4 bytes frame length (any), then correlation id 0x2a, then error_code 0.
  [[ "$reply" =~ ^[0-9a-f]{8}0000002a0000$ ]]
}

# Is the process there and not a zombie? An exited broker stays a zombie until
# its parent (init, once start has returned) reaps it, which some inits do
# only every second or so: kill -0 alone would take it for a broker stopping.
running() {
  kill -0 "$1" 2>/dev/null && [[ "$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)" != Z ]]
}

# pid from kafka.pid if that process is alive and is our broker (guards
# against a stale pid file whose pid was reused by something else).
broker_pid() {
  local pid
  [[ -f "$PIDFILE" ]] || return 1
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  running "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF "kafka.Kafka $PROPS" || return 1
  echo "$pid"
}

# Serialise start/stop so parallel callers (e.g. test workers) don't race.
take_lock() {
  mkdir -p "$STATE_DIR"
  exec 9>"$LOCKFILE"
  flock -w 120 9 || { say "timed out waiting for $LOCKFILE"; exit 1; }
}

# --- setup -------------------------------------------------------------------

# Resolve the broker jars with Maven, only when missing or for another version.
# Resolved into a temp dir and renamed, so an interrupted run never looks complete.
ensure_libs() {
  [[ -f "$LIBS_MARKER" ]] && return 0
  # Both brokers share the jars: one resolves them while the other waits.
  exec 8>"$KAFKA_HOME_DIR/libs.lock"
  flock -w 600 8 || { say "timed out waiting for $KAFKA_HOME_DIR/libs.lock"; exit 1; }
  [[ -f "$LIBS_MARKER" ]] && return 0
  say "resolving Kafka $KAFKA_VERSION jars from Maven Central (first run only)..."
  local tmp="$KAFKA_HOME_DIR/libs.tmp" mvnlog="$KAFKA_HOME_DIR/mvn.log"
  rm -rf "$tmp"
  if ! mvn -q -B -Dstyle.color=never -f "$POM" package \
      -Dkafka.libs.dir="$tmp" -Dkafka.build.dir="$KAFKA_HOME_DIR/mvn-target" >"$mvnlog" 2>&1; then
    say "Maven could not resolve Kafka $KAFKA_VERSION (see $mvnlog):"
    tail -n 20 "$mvnlog" >&2
    exit 1
  fi
  rm -rf "$LIBS_DIR" "$KAFKA_HOME_DIR/mvn-target"
  mv "$tmp" "$LIBS_DIR"
  touch "$LIBS_MARKER"
  exec 8>&-
}

write_config() {
  mkdir -p "$DATA_DIR"
  cat >"$PROPS" <<EOF
# Generated by infra/kafka/kafka.sh on every start; edits are overwritten.
# Single node KRaft: this process is both the broker and the only controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$DATA_DIR

# One replica of everything, and no waiting, since there is only one broker.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
default.replication.factor=1
min.insync.replicas=1
group.initial.rebalance.delay.ms=0

# Topics are created explicitly by the application, as in production.
num.partitions=3
auto.create.topics.enable=false

# After a crash/SIGKILL the restarted controller refuses the broker's new
# registration until the old one's session expires (default 9 s); shorter
# here so an unclean restart also comes back quickly.
broker.heartbeat.interval.ms=1000
broker.session.timeout.ms=4000

# Sized for a 2-core dev/CI machine.
num.network.threads=2
num.io.threads=4
EOF

  # INFO to stdout, which start() sends to server.log; nothing reaches the terminal.
  cat >"$LOG4J" <<'EOF'
log4j.rootLogger=INFO, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.request.logger=WARN
log4j.logger.kafka.network.RequestChannel$=WARN
log4j.logger.org.apache.zookeeper=WARN
EOF
  # The one-shot StorageTool run only needs warnings.
  cat >"$TOOLS_LOG4J" <<'EOF'
log4j.rootLogger=WARN, stderr
log4j.appender.stderr=org.apache.log4j.ConsoleAppender
log4j.appender.stderr.Target=System.err
log4j.appender.stderr.layout=org.apache.log4j.PatternLayout
log4j.appender.stderr.layout.ConversionPattern=[%d] %p %m (%c)%n
EOF
}

# KRaft refuses to start on an unformatted log dir. Format once; afterwards
# the same data dir (topics, consumer offsets) is reused on every start.
ensure_formatted() {
  [[ -f "$DATA_DIR/meta.properties" ]] && return 0
  local id out
  # A cluster id is 16 random bytes in URL-safe base64 without padding. Avoid a
  # leading '-', which the CLI would take for an option.
  id=-
  while [[ "$id" == -* ]]; do
    id="$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  done
  if ! out="$("$JAVA" -Dlog4j.configuration="file:$TOOLS_LOG4J" -cp "$LIBS_DIR/*" \
      kafka.tools.StorageTool format -t "$id" -c "$PROPS" 2>&1)"; then
    say "formatting $DATA_DIR failed:"
    echo "$out" >&2
    exit 1
  fi
}

# Records when the broker's log last grew (LOG_GREW_AT; call it in each poll):
# a broker loading or flushing many partitions logs as it goes, a stuck one does not.
LOG_SIZE=-1
LOG_GREW_AT=$SECONDS
note_log_growth() {
  local size
  size="$(stat -c %s "$LOG" 2>/dev/null || echo 0)"
  if [[ "$size" != "$LOG_SIZE" ]]; then LOG_SIZE="$size" LOG_GREW_AT=$SECONDS; fi
}

# --- commands ----------------------------------------------------------------

cmd_start() {
  local fresh=
  case "${1:-}" in
    '') ;;
    --fresh) fresh=1 ;;
    *) echo "usage: $0 start [--fresh]" >&2; exit 2 ;;
  esac
  if kafka_answers; then
    say "Kafka already running on $HOST:$PORT"
    return 0
  fi
  require_tools
  take_lock
  if kafka_answers; then # another caller may have started it while we waited
    say "Kafka already running on $HOST:$PORT"
    return 0
  fi

  local pid
  if ! pid="$(broker_pid)"; then
    ensure_libs
    if [[ -n "$fresh" ]]; then
      say "starting with empty data ($DATA_DIR)"
      rm -rf "$DATA_DIR"
    fi
    write_config
    ensure_formatted
    [[ -s "$LOG" ]] && mv -f "$LOG" "$LOG.1"

    local heap=()
    read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
    # setsid: own session and process group, so Ctrl-C in the calling shell or
    # a test runner killing its process group does not take the broker down.
    # The inner bash records its own pid and then execs java (same pid), which
    # stays correct even if setsid had to fork. fd 9 (our lock) is closed so
    # the broker does not hold it.
    (
      cd "$STATE_DIR"
      # shellcheck disable=SC2016 # $$/$0/$@ expand in the inner shell
      exec setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
        "$JAVA" "${heap[@]}" \
        -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
        -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
        -Dlog4j.configuration="file:$LOG4J" \
        -cp "$LIBS_DIR/*" kafka.Kafka "$PROPS" \
        </dev/null >>"$LOG" 2>&1 9>&-
    ) &
    # Wait briefly for the pid file written by the child.
    for _ in $(seq 50); do pid="$(broker_pid)" && break; sleep 0.1; done
  else
    say "Kafka process $pid exists but does not answer yet; waiting for it"
  fi

  # A broker with many partitions spends minutes loading them, logging as it
  # goes: wait while its log grows, and give up only when it stalls (or at the cap).
  local t0=$SECONDS reported=
  until kafka_answers; do
    if ! broker_pid >/dev/null; then
      say "Kafka exited during startup. Last lines of $LOG:"
      tail -n 40 "$LOG" >&2
      exit 1
    fi
    if [[ -z "$reported" ]] && ((SECONDS - t0 >= 30)); then
      reported=1
      say "Kafka is still starting (loading $(find "$DATA_DIR" -mindepth 1 -maxdepth 1 -type d -name '*-[0-9]*' | wc -l) partitions); waiting while it makes progress"
    fi
    note_log_growth
    if ((SECONDS - LOG_GREW_AT >= START_TIMEOUT || SECONDS - t0 >= START_MAX)); then
      # Left running: on a slow machine a re-run of `start` picks it up and waits again.
      say "Kafka did not answer on $HOST:$PORT (no progress for ${START_TIMEOUT}s or ${START_MAX}s in all). Last lines of $LOG:"
      tail -n 40 "$LOG" >&2
      say "the broker process is still there (pid $(broker_pid || echo '?')); '$0 stop' stops it"
      exit 1
    fi
    sleep 0.25
  done
  say "Kafka $KAFKA_VERSION running on $HOST:$PORT (pid $(broker_pid || echo '?'), log: $LOG)"
}

cmd_stop() {
  take_lock
  local pid
  if ! pid="$(broker_pid)"; then
    rm -f "$PIDFILE"
    if kafka_answers; then
      say "Kafka on $HOST:$PORT was not started by this script; leaving it alone"
    else
      say "Kafka not running"
    fi
    return 0
  fi
  # SIGTERM runs Kafka's clean shutdown (flushes logs, so the next start skips
  # recovery); SIGKILL only as a last resort.
  kill -TERM "$pid" 2>/dev/null || true
  # As at start, a broker with many partitions takes a while: wait while it logs.
  local t0=$SECONDS
  while running "$pid" && note_log_growth && ((SECONDS - LOG_GREW_AT < STOP_TIMEOUT && SECONDS - t0 < STOP_MAX)); do sleep 0.1; done
  if running "$pid"; then
    say "Kafka (pid $pid) did not stop (no progress for ${STOP_TIMEOUT}s or ${STOP_MAX}s in all); killing it"
    kill -KILL "$pid" 2>/dev/null || true
    while running "$pid"; do sleep 0.1; done
  fi
  rm -f "$PIDFILE"
  say "Kafka stopped"
}

cmd_status() {
  local pid
  if kafka_answers; then
    if pid="$(broker_pid)"; then
      say "Kafka running on $HOST:$PORT (pid $pid, log: $LOG)"
    else
      say "Kafka running on $HOST:$PORT (not started by this script)"
    fi
    return 0
  fi
  if pid="$(broker_pid)"; then
    say "Kafka process $pid is up but not answering on $HOST:$PORT (starting, or stuck: see $LOG)"
  else
    say "Kafka not running"
  fi
  return 1
}

case "${1:-}" in
  start) cmd_start "${2:-}" ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  restart) cmd_stop && cmd_start ;;
  *)
    echo "usage: $0 start|stop|status|restart" >&2
    exit 2
    ;;
esac
