#!/usr/bin/env bash
# The local stack: Kafka (one broker), the schema registry, Amtsbote's services and the reference
# back office, all on 127.0.0.1 and without Docker. Used by `amtsbote stack` and scripts/start.
#
#   infra/stack.sh up       start what is not running (idempotent), apply topics, register schemas,
#                           import the master data ($MASTERDATA_DIR, default infra/masterdata)
#   infra/stack.sh down     stop the services, the registry and Kafka (data is kept)
#   infra/stack.sh status   one line per component; exit 0 when everything runs, 3 otherwise
#
# Services log JSON to .cache/run/<service>.log; the reference back office stores what it receives
# in .cache/run/backoffice/ and answers every message through the receipts service (a receipt; for
# XBau also a formal check and a decision). Expects built services (npm run build).
#
# With KAFKA_BROKERS or SCHEMA_REGISTRY_URL set, that Kafka or registry is someone else's: the stack
# uses it but never starts or stops it. AMTSBOTE_RUN_DIR, TOPIC_PREFIX and the ports below let a
# second stack run beside the first (the stack's own test does that).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUN="${AMTSBOTE_RUN_DIR:-$ROOT/.cache/run}"
SHARED_XOEV="${XOEV_SCHEMA_DIR:-$(cd "$ROOT/.." && pwd)/shared/xoev}"

OWN_KAFKA=yes; [[ -n "${KAFKA_BROKERS:-}" ]] && OWN_KAFKA=no
OWN_REGISTRY=yes; [[ -n "${SCHEMA_REGISTRY_URL:-}" ]] && OWN_REGISTRY=no
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:9092}"
export SCHEMA_REGISTRY_URL="${SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}"
export TOPIC_PREFIX="${TOPIC_PREFIX:-}"
export MASTERDATA_DIR="${MASTERDATA_DIR:-$ROOT/infra/masterdata}"
export XOEV_SCHEMA_DIR="$SHARED_XOEV"
export BACKOFFICE_PORT="${BACKOFFICE_PORT:-8090}" RECEIPTS_PORT="${RECEIPTS_PORT:-8091}"
TRANSLATOR_HEALTH_PORT="${TRANSLATOR_HEALTH_PORT:-9101}"
DELIVERY_HEALTH_PORT="${DELIVERY_HEALTH_PORT:-9102}"
RECEIPTS_HEALTH_PORT="${RECEIPTS_HEALTH_PORT:-9103}"
export BACKOFFICE_DATA_DIR="${BACKOFFICE_DATA_DIR:-$RUN/backoffice}"
export BACKOFFICE_REPLIES_URL="${BACKOFFICE_REPLIES_URL:-http://127.0.0.1:$RECEIPTS_PORT/replies}"

# name → entry point; the order is the start order (receipts and the back office first, so the
# back office can reply and delivery finds it).
SERVICES=(receipts reference-backoffice translator delivery)
entry() { echo "$ROOT/services/$1/dist/main.js"; }
health_port() {
  case $1 in
    translator) echo "$TRANSLATOR_HEALTH_PORT" ;; delivery) echo "$DELIVERY_HEALTH_PORT" ;; receipts) echo "$RECEIPTS_HEALTH_PORT" ;;
    *) echo 0 ;; # the reference back office has no health server
  esac
}
pidfile() { echo "$RUN/$1.pid"; }

say() { printf 'stack: %s\n' "$*"; }

running() {
  local pid
  pid="$(cat "$(pidfile "$1")" 2>/dev/null)" || return 1
  kill -0 "$pid" 2>/dev/null
}

start_service() {
  local name=$1
  if running "$name"; then say "$name already running (pid $(cat "$(pidfile "$name")"))"; return; fi
  [[ -f "$(entry "$name")" ]] || { echo "stack: $name is not built; run: npm run build" >&2; exit 1; }
  # Consumer groups carry the topic prefix too, so two stacks on one Kafka never share a group.
  GROUP_ID="${TOPIC_PREFIX}amtsbote-$name" HEALTH_PORT="$(health_port "$name")" \
    setsid nohup node "$(entry "$name")" >>"$RUN/$name.log" 2>&1 < /dev/null &
  echo $! >"$(pidfile "$name")"
  say "$name started (pid $!, log $RUN/$name.log)"
}

stop_service() {
  local name=$1 pid
  running "$name" || { rm -f "$(pidfile "$name")"; return; }
  pid="$(cat "$(pidfile "$name")")"
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$(pidfile "$name")"
  say "$name stopped"
}

wait_ready() { # name port
  for _ in $(seq 1 150); do
    curl -fs "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && { say "$1 ready"; return; }
    running "$1" || { echo "stack: $1 exited; see $RUN/$1.log" >&2; tail -5 "$RUN/$1.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "stack: $1 not ready after 30 s; see $RUN/$1.log" >&2; exit 1
}

# The reference back office proves itself to the receipts service with a token; the master data
# names its variable (replies.tokenEnv). One random token per machine, never in the repository.
reply_token() {
  local file="$RUN/reference-backoffice.token"
  [[ -s "$file" ]] || (umask 077 && node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('hex'))" >"$file")
  cat "$file"
}

case "${1:-}" in
  up)
    mkdir -p "$RUN" "$BACKOFFICE_DATA_DIR"
    AMTSBOTE_REFERENCE_BACKOFFICE_TOKEN="$(reply_token)"
    export AMTSBOTE_REFERENCE_BACKOFFICE_TOKEN BACKOFFICE_REPLY_TOKEN="$AMTSBOTE_REFERENCE_BACKOFFICE_TOKEN"
    [[ -d "$XOEV_SCHEMA_DIR" ]] || { echo "stack: XÖV schemas not found at $XOEV_SCHEMA_DIR (set XOEV_SCHEMA_DIR)" >&2; exit 1; }
    if [[ $OWN_KAFKA == yes ]]; then bash "$HERE/kafka/kafka.sh" up; else say "Kafka at $KAFKA_BROKERS (not managed by the stack)"; fi
    if [[ $OWN_REGISTRY == yes ]]; then bash "$HERE/registry/registry.sh" up; else say "registry at $SCHEMA_REGISTRY_URL (not managed by the stack)"; fi
    node "$ROOT/services/cli/dist/main.js" topics apply
    node "$ROOT/services/cli/dist/main.js" schemas register
    # Writes only what differs from the topics; the services read it from there and follow changes live.
    node "$ROOT/services/cli/dist/main.js" masterdata import --dir "$MASTERDATA_DIR"
    for name in "${SERVICES[@]}"; do start_service "$name"; done
    wait_ready receipts "$RECEIPTS_HEALTH_PORT"
    wait_ready translator "$TRANSLATOR_HEALTH_PORT"
    wait_ready delivery "$DELIVERY_HEALTH_PORT"
    say "up. Reference back office: http://127.0.0.1:$BACKOFFICE_PORT/stats — messages in $BACKOFFICE_DATA_DIR; replies to $BACKOFFICE_REPLIES_URL"
    ;;
  down)
    for (( i=${#SERVICES[@]}-1; i>=0; i-- )); do stop_service "${SERVICES[$i]}"; done
    if [[ $OWN_REGISTRY == yes ]]; then bash "$HERE/registry/registry.sh" down || true; fi
    if [[ $OWN_KAFKA == yes ]]; then bash "$HERE/kafka/kafka.sh" down || true; fi
    ;;
  status)
    ok=0
    if [[ $OWN_KAFKA == yes ]]; then bash "$HERE/kafka/kafka.sh" status || ok=3; else say "Kafka at $KAFKA_BROKERS (not managed by the stack)"; fi
    if [[ $OWN_REGISTRY == yes ]]; then bash "$HERE/registry/registry.sh" status || ok=3; else say "registry at $SCHEMA_REGISTRY_URL (not managed by the stack)"; fi
    for name in "${SERVICES[@]}"; do
      if running "$name"; then say "$name running (pid $(cat "$(pidfile "$name")"))"; else say "$name stopped"; ok=3; fi
    done
    exit $ok
    ;;
  *)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
