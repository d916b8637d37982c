#!/usr/bin/env bash
# Apicurio Registry (Confluent-compatible schema registry) for the local stack and tests.
#
#   infra/registry/registry.sh install   resolve Apicurio from Maven Central into .cache/registry/
#   infra/registry/registry.sh up        start on 127.0.0.1:8081 (idempotent), wait until ready
#   infra/registry/registry.sh down      stop (SIGTERM, then SIGKILL)
#   infra/registry/registry.sh status    exit 0 running, 3 stopped, 1 process alive but not answering
#   infra/registry/registry.sh url       print the Confluent-compatible base URL
#
# Environment:
#   KAFKA_BROKERS            bootstrap servers of the kafkasql storage   (default 127.0.0.1:9092)
#   REGISTRY_PORT            HTTP port                                     (default 8081)
#   REGISTRY_MGMT_PORT       Quarkus management port (/health, /metrics)   (default 9081)
#   REGISTRY_HEAP            JVM max heap                                  (default 384m)
#   REGISTRY_JAVA            java binary to use (must be Java 21+)         (default: autodetect)
#   REGISTRY_START_TIMEOUT   seconds to wait for readiness                 (default 120)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="$ROOT/.cache/registry"
DIST="$CACHE/dist"
STAMP="$CACHE/installed.sha256"
PIDFILE="$CACHE/registry.pid"
LOG="$CACHE/registry.log"
POM="$HERE/pom.xml"
CONF="$HERE/application.properties"

REQUESTED_BROKERS="${KAFKA_BROKERS:-}"
KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
REGISTRY_HOST=127.0.0.1
REQUESTED_PORT="${REGISTRY_PORT:-}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
REGISTRY_MGMT_PORT="${REGISTRY_MGMT_PORT:-9081}"
REGISTRY_HEAP="${REGISTRY_HEAP:-384m}"
REGISTRY_START_TIMEOUT="${REGISTRY_START_TIMEOUT:-120}"
set_urls() {
  CCOMPAT_URL="http://$REGISTRY_HOST:$REGISTRY_PORT/apis/ccompat/v7"
  READY_URL="http://$REGISTRY_HOST:$REGISTRY_MGMT_PORT/health/ready"
}
set_urls
MIN_JAVA=21

say() { printf 'registry: %s\n' "$*"; }
die() { printf 'registry: ERROR: %s\n' "$*" >&2; exit 1; }

pom_sha() { sha256sum "$POM" | cut -d' ' -f1; }

is_installed() {
  [[ -f "$DIST/quarkus-run.jar" && -f "$STAMP" && "$(cat "$STAMP")" == "$(pom_sha)" ]]
}

cmd_install() {
  if is_installed; then
    say "install: up to date ($(apicurio_version)) in ${DIST#"$ROOT"/}"
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (needed to resolve Apicurio Registry from Maven Central)"
  say "install: resolving Apicurio Registry $(pom_property apicurio.version) from Maven Central (~160 MB, first time only) ..."
  local t0=$SECONDS
  rm -rf "$DIST" "$CACHE/maven" "$STAMP"
  mkdir -p "$CACHE"
  if ! mvn -B -q -Dstyle.color=never -f "$POM" -Dregistry.cache.dir="$CACHE" package >"$CACHE/install.log" 2>&1; then
    tail -n 30 "$CACHE/install.log" >&2 || true
    die "install failed; full Maven output in $CACHE/install.log"
  fi
  [[ -f "$DIST/quarkus-run.jar" ]] || die "install: $DIST/quarkus-run.jar missing after unpack (see $CACHE/install.log)"
  pom_sha >"$STAMP"
  say "install: done in $((SECONDS - t0)) s ($(apicurio_version))"
}

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$POM" | head -n1; }

apicurio_version() {
  local jar
  for jar in "$DIST"/app/apicurio-registry-app-*.jar; do
    if [[ -f "$jar" ]]; then jar="${jar##*/apicurio-registry-app-}"; echo "Apicurio Registry ${jar%.jar}"; return 0; fi
  done
  echo "Apicurio Registry ?"
}

java_major() { # prints the major version of the given java binary, or nothing
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\)[."].*/\1/p' | head -n1
}

find_java() {
  local c m
  local candidates=()
  [[ -n "${REGISTRY_JAVA:-}" ]] && candidates+=("$REGISTRY_JAVA")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java /usr/lib/jvm/*/bin/java)
  command -v java >/dev/null && candidates+=("$(command -v java)")
  for c in "${candidates[@]}"; do
    [[ -x "$c" ]] || continue
    m="$(java_major "$c")"
    if [[ -n "$m" && "$m" -ge "$MIN_JAVA" ]]; then echo "$c"; return 0; fi
    [[ -n "${REGISTRY_JAVA:-}" && "$c" == "$REGISTRY_JAVA" ]] && die "REGISTRY_JAVA=$c is Java ${m:-?}; Apicurio Registry 3 needs Java $MIN_JAVA+"
  done
  die "no Java $MIN_JAVA+ found (looked at \$REGISTRY_JAVA, \$JAVA_HOME, /usr/lib/jvm/*, PATH); Apicurio Registry 3 needs it"
}

http_code() { curl -s -o /dev/null -m 3 -w '%{http_code}' "$1" 2>/dev/null || true; }

answers() { [[ "$(http_code "$CCOMPAT_URL/subjects")" == 200 ]]; }

# The HTTP API can answer before the kafkasql journal has been replayed (it would then show
# an empty or partial registry); the readiness probe turns UP only after the replay.
ready() { answers && [[ "$(http_code "$READY_URL")" == 200 ]]; }

port_busy() { (exec 3<>"/dev/tcp/$REGISTRY_HOST/$REGISTRY_PORT") 2>/dev/null; }

our_pid() { # prints the pid from the pid file if that process is alive and is our registry
  [[ -f "$PIDFILE" ]] || return 1
  local pid
  pid="$(cat "$PIDFILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qxF -- "$DIST/quarkus-run.jar" || return 1
  echo "$pid"
}

adopt_ports() { # use the settings the running registry $1 was started with (one registry per checkout)
  local args http mgmt brokers
  args="$(tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null || true)"
  http="$(sed -n 's/^-Dquarkus\.http\.port=//p' <<<"$args" | head -n1)"
  mgmt="$(sed -n 's/^-Dquarkus\.management\.port=//p' <<<"$args" | head -n1)"
  brokers="$(sed -n 's/^-Dapicurio\.kafkasql\.bootstrap\.servers=//p' <<<"$args" | head -n1)"
  if [[ -n "$REQUESTED_PORT" && -n "$http" && "$http" != "$REQUESTED_PORT" ]]; then
    die "the registry of this checkout already runs on port $http (pid $1), not $REQUESTED_PORT; run '$0 down' first"
  fi
  if [[ -n "$REQUESTED_BROKERS" && -n "$brokers" && "$brokers" != "$REQUESTED_BROKERS" ]]; then
    die "the registry of this checkout already runs against Kafka $brokers (pid $1), not $REQUESTED_BROKERS; run '$0 down' first"
  fi
  KAFKA_BROKERS="${brokers:-$KAFKA_BROKERS}"
  REGISTRY_PORT="${http:-$REGISTRY_PORT}"
  REGISTRY_MGMT_PORT="${mgmt:-$REGISTRY_MGMT_PORT}"
  set_urls
}

kafka_reachable() { # checks the first reachable broker of KAFKA_BROKERS (host:port[,host:port...])
  local b host port
  IFS=',' read -ra brokers <<<"$KAFKA_BROKERS"
  for b in "${brokers[@]}"; do
    b="${b#*://}"; host="${b%:*}"; port="${b##*:}"
    host="${host#[}"; host="${host%]}"
    if (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; then return 0; fi
  done
  return 1
}

proc_age() { ps -o etimes= -p "$1" 2>/dev/null | tr -d ' ' || true; }

stop_pid() { # SIGTERM, wait up to 30 s, then SIGKILL
  local pid="$1" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 60; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after 30 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PIDFILE"
}

wait_ready() { # $1 = pid; waits until REGISTRY_START_TIMEOUT s after the process started
  local pid="$1" age
  while :; do
    if ready; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 25 "$LOG" >&2 || true
      rm -f "$PIDFILE"
      die "the registry process exited during start-up; see $LOG"
    fi
    age="$(proc_age "$pid")"
    (( ${age:-0} < REGISTRY_START_TIMEOUT )) || break
    sleep 0.5
  done
  tail -n 25 "$LOG" >&2 || true
  say "not ready after ${REGISTRY_START_TIMEOUT} s; stopping pid $pid so that no half-started registry is left behind"
  stop_pid "$pid"
  die "the registry did not become ready (GET $CCOMPAT_URL/subjects and $READY_URL) within ${REGISTRY_START_TIMEOUT} s; see $LOG"
}

cmd_up() {
  local pid
  if pid="$(our_pid)"; then
    adopt_ports "$pid"
    if ready; then say "already running (pid $pid) at $CCOMPAT_URL"; return 0; fi
    local age; age="$(proc_age "$pid")"
    if (( ${age:-0} < REGISTRY_START_TIMEOUT )); then
      say "process $pid is still starting; waiting ..."
      wait_ready "$pid"
      say "ready at $CCOMPAT_URL"
      return 0
    fi
    # Running for longer than the start timeout and still not ready: Apicurio does not recover
    # when Kafka disappears while it replays its journal (e.g. kafka.sh restarted meanwhile).
    say "process $pid has been running ${age:-?} s without becoming ready; restarting it"
    stop_pid "$pid"
  fi
  if answers; then
    say "a registry already answers at $CCOMPAT_URL (not started from this checkout); reusing it"
    return 0
  fi
  port_busy && die "port $REGISTRY_HOST:$REGISTRY_PORT is in use by something that is not a schema registry"

  cmd_install
  local java; java="$(find_java)"
  kafka_reachable || die "Kafka is not reachable at $KAFKA_BROKERS (kafkasql storage needs it); start it first: infra/kafka/kafka.sh up"

  mkdir -p "$CACHE/tmp"
  [[ -f "$LOG" ]] && mv -f "$LOG" "$LOG.1"
  say "starting $(apicurio_version) on Java $(java_major "$java"), storage kafkasql @ $KAFKA_BROKERS, log ${LOG#"$ROOT"/}"
  local t0=$SECONDS
  # Run from the cache dir (Quarkus also reads ./config/application.properties there, if any).
  # TieredStopAtLevel=1 (C1 JIT only): half the CPU to get ready and ~35 MB less RSS on our
  # 2-core machines; a dev/test registry never needs C2's peak throughput.
  (
    cd "$CACHE"
    exec 9>&- # do not hand the lock to the long-running registry
    exec setsid "$java" \
      -Xms64m "-Xmx$REGISTRY_HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError \
      -Djava.io.tmpdir="$CACHE/tmp" \
      -Dquarkus.config.locations="$CONF" \
      -Dquarkus.http.host="$REGISTRY_HOST" -Dquarkus.http.port="$REGISTRY_PORT" \
      -Dquarkus.management.host="$REGISTRY_HOST" -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
      -Dapicurio.kafkasql.bootstrap.servers="$KAFKA_BROKERS" \
      -Dapicurio.storage.snapshot.location="$CACHE/tmp" \
      -Dapicurio.import.work-dir="$CACHE/tmp" \
      -jar "$DIST/quarkus-run.jar"
  ) </dev/null >"$LOG" 2>&1 &
  pid=$!
  echo "$pid" >"$PIDFILE"
  wait_ready "$pid"
  say "ready in $((SECONDS - t0)) s (pid $pid): SCHEMA_REGISTRY_URL=$CCOMPAT_URL"
}

cmd_down() {
  local pid
  if ! pid="$(our_pid)"; then
    rm -f "$PIDFILE"
    if answers; then say "not started from this checkout, but a registry answers at $CCOMPAT_URL; leaving it alone"; else say "not running"; fi
    return 0
  fi
  say "stopping (pid $pid) ..."
  stop_pid "$pid"
  say "stopped"
}

cmd_status() {
  local pid
  if pid="$(our_pid)"; then
    adopt_ports "$pid"
    if ready; then
      say "running (pid $pid) at $CCOMPAT_URL"
      return 0
    fi
    say "process $pid is alive but not ready at $CCOMPAT_URL (starting, or unhealthy: see $LOG)"
    return 1
  fi
  if answers; then say "running (not started from this checkout) at $CCOMPAT_URL"; return 0; fi
  say "stopped"
  return 3
}

# Serialise install/up/down between concurrent callers (parallel test runs, two terminals).
lock() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock -w 300 9 || die "another registry.sh holds $CACHE/.lock for more than 300 s"
}

case "${1:-}" in
  install) lock; cmd_install ;;
  up | start) lock; cmd_up ;;
  down | stop) lock; cmd_down ;;
  status) cmd_status ;;
  url)
    if pid="$(our_pid)"; then adopt_ports "$pid"; fi
    echo "$CCOMPAT_URL"
    ;;
  *)
    echo "usage: $0 {install|up|down|status|url}" >&2
    exit 2
    ;;
esac
