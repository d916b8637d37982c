#!/usr/bin/env bash
# Runs Apache Kafka 4.x natively (KRaft mode, no Docker) from Apache's jars, resolved
# from Maven Central with infra/kafka/pom.xml. See infra/kafka/README.md.
#
#   kafka.sh install                      resolve the jars (skipped when up to date)
#   kafka.sh up     [--cluster|--secure]  start (or reuse) the single node / 3-node cluster / secured node
#   kafka.sh down   [--cluster|--secure] [--wipe]  stop; --wipe also deletes data and logs
#   kafka.sh status [--cluster|--secure]  per node: running/stopped, pid, ports (exit 3 if not all up)
#   kafka.sh kill-node N                  cluster only: kill -9 node N (fault tests)
#   kafka.sh start-node N                 cluster only: start node N again and wait for it
#   kafka.sh pause-node N | resume-node N cluster only: SIGSTOP / SIGCONT node N (fault tests)
#   kafka.sh controller                   cluster only: print the node id of the active KRaft controller
#
# Everything it creates lives in <repo>/.cache/kafka (git-ignored):
#   lib/                          the jars (+ .pom.sha256 stamp)
#   single/node-1/, cluster/node-{1,2,3}/, secure/node-1/
#       server.properties  kafka.pid  server.log  stdout.log  data/
#   secure/tls/                   test CA and broker certificate (generated once)
#   secure/secrets/<user>.password, secure/admin.properties   SCRAM passwords (mode 600)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CACHE="$ROOT/.cache/kafka"
LIB="$CACHE/lib"
POM="$HERE/pom.xml"
START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"   # seconds until every broker must answer
STOP_TIMEOUT=30                              # seconds between SIGTERM and SIGKILL

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi

log() { echo "kafka: $*"; }
die() { echo "kafka: ERROR: $*" >&2; exit 1; }

# ---------------------------------------------------------------- topology

MODE=single
NODES=()
set_mode() {
  MODE="$1"
  MODE_DIR="$CACHE/$MODE"
  case "$MODE" in
    single)  NODES=(1); HEAP=512m; RF=1; MIN_ISR=1 ;;
    secure)  NODES=(1); HEAP=384m; RF=1; MIN_ISR=1 ;;
    cluster) NODES=(1 2 3); HEAP=384m; RF=3; MIN_ISR=2 ;;
  esac
}
# single: 9092 (clients) / 9093 (controller); cluster node N: 19090+2N / 19091+2N;
# secure: 9192 (clients, SASL_SSL) / 9193 (controller, mTLS) / 9194 (inter-broker, mTLS)
client_port() { case "$MODE" in single) echo 9092 ;; secure) echo 9192 ;; *) echo $((19090 + 2 * $1)) ;; esac; }
ctrl_port()   { case "$MODE" in single) echo 9093 ;; secure) echo 9193 ;; *) echo $((19091 + 2 * $1)) ;; esac; }
broker_port() { echo 9194; }
node_dir()    { echo "$MODE_DIR/node-$1"; }
bootstrap()   { local n out=(); for n in "${NODES[@]}"; do out+=("127.0.0.1:$(client_port "$n")"); done; (IFS=,; echo "${out[*]}"); }
ctrl_bootstrap() { local n out=(); for n in "${NODES[@]}"; do out+=("127.0.0.1:$(ctrl_port "$n")"); done; (IFS=,; echo "${out[*]}"); }

# ---------------------------------------------------------------- helpers

check_java() {
  command -v "$JAVA" >/dev/null 2>&1 || die "java not found (Kafka 4 needs Java 17+; set JAVA_HOME or install openjdk-17-jre-headless)"
  local v
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)"
  [[ -n "$v" && "$v" -ge 17 ]] || die "Kafka 4 brokers need Java 17+, but $JAVA is version '${v:-unknown}'"
}

# The lock serialises install/up/down/... between concurrent callers (two test runs
# calling `up` at once must not both format or start the broker).
take_lock() {
  mkdir -p "$CACHE"
  exec 9>"$CACHE/.lock"
  flock -w 300 9 || die "another kafka.sh holds $CACHE/.lock for more than 300 s"
}

# Prints the pid of node N if it is alive and really is our broker (pid files can
# outlive a reboot, and the pid may then belong to something else).
pid_of() {
  local f pid
  f="$(node_dir "$1")/kafka.pid"
  [[ -f "$f" ]] || return 1
  pid="$(cat "$f")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(node_dir "$1")/server.properties" || return 1
  echo "$pid"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

# Runs a Kafka CLI class from the lib dir. No log4j2 config is given on purpose: the
# built-in default prints only errors to the console, which is what a CLI wants.
kafka_tool() {
  "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$LIB/*" "$@"
}

# A real client round trip (ApiVersions + Metadata to every broker in the cluster):
# succeeds when the brokers at $1 answer and every node id in $2.. is registered and
# unfenced (fenced or dead brokers are not in the metadata, so not in the output).
brokers_answer() {
  local bs="$1" out n auth=(); shift
  # The secured node answers only an authenticated client: the admin user over SASL_SSL.
  [[ "$MODE" == secure ]] && auth=(--command-config "$MODE_DIR/admin.properties")
  out="$(timeout 30 "$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$LIB/*" \
         org.apache.kafka.tools.BrokerApiVersionsCommand --bootstrap-server "$bs" "${auth[@]}" 2>/dev/null)" || return 1
  for n in "$@"; do grep -q "(id: $n rack" <<<"$out" || return 1; done
}

lib_ok() {
  [[ -f "$LIB/.pom.sha256" && "$(cat "$LIB/.pom.sha256")" == "$(sha256sum "$POM" | cut -d' ' -f1)" ]] \
    && compgen -G "$LIB/kafka_2.13-*.jar" >/dev/null
}

# ---------------------------------------------------------------- install

do_install() {
  if lib_ok; then log "jars up to date in $LIB"; return 0; fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install maven)"
  # Replacing jars under a running JVM breaks its lazy class loading: refuse.
  local f pid
  for f in "$CACHE"/{single,cluster,secure}/node-*/kafka.pid; do
    [[ -f "$f" ]] && pid="$(cat "$f")" && kill -0 "$pid" 2>/dev/null \
      && die "the jars must be replaced but a broker still runs (pid $pid, $f); run 'kafka.sh down' / 'down --cluster' / 'down --secure' first"
  done
  log "resolving jars with mvn… (first run downloads ~45 MB from Maven Central)"
  local t0=$SECONDS
  rm -rf "$LIB.tmp"
  # The sed drops the stray colour-reset codes Debian's Maven 3.8 prints even with -q -B
  # (pipefail keeps mvn's exit status).
  mvn -q -B -f "$POM" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$LIB.tmp" 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' \
    || die "mvn could not resolve the Kafka jars (see the output above)"
  sha256sum "$POM" | cut -d' ' -f1 >"$LIB.tmp/.pom.sha256"
  # Swap in only a complete set, so an interrupted download is never mistaken for one.
  rm -rf "$LIB"
  mv "$LIB.tmp" "$LIB"
  log "$(find "$LIB" -name "*.jar" | wc -l) jars in $LIB ($((SECONDS - t0)) s)"
}

# ---------------------------------------------------------------- start

write_props() {
  local n="$1" d
  d="$(node_dir "$n")"
  mkdir -p "$d/data"
  {
    if [[ "$MODE" == secure ]]; then
      # The secured node's listeners (and everything about TLS, SASL, ACLs) come from secure.properties.template.
      sed -E '/^(listeners|advertised\.listeners|inter\.broker\.listener\.name|listener\.security\.protocol\.map)=/d' \
        "$HERE/server.properties.template"
      cat "$HERE/secure.properties.template"
    else
      cat "$HERE/server.properties.template"
    fi
  } | sed -e "s|@NODE_ID@|$n|g" \
      -e "s|@CLIENT_PORT@|$(client_port "$n")|g" \
      -e "s|@CONTROLLER_PORT@|$(ctrl_port "$n")|g" \
      -e "s|@BROKER_PORT@|$(broker_port "$n")|g" \
      -e "s|@CONTROLLER_BOOTSTRAP@|$(ctrl_bootstrap)|g" \
      -e "s|@DATA_DIR@|$d/data|g" \
      -e "s|@TLS_DIR@|$MODE_DIR/tls|g" \
      -e "s|@REPLICATION_FACTOR@|$RF|g" \
      -e "s|@MIN_INSYNC_REPLICAS@|$MIN_ISR|g" \
      >"$d/server.properties"
}

# ---------------------------------------------------------------- secured node: TLS and users

# The SCRAM users of the secured node: admin (super user: CLI, provisioning) and one per service
# in infra/kafka/acls.yaml (a unit test keeps the two lists equal). They are created when the
# storage is formatted; a user added later needs `down --secure --wipe`.
SCRAM_USERS=(admin translator delivery receipts)

# A test CA and the broker's certificate (CN=amtsbote-kafka-broker, for 127.0.0.1 and localhost),
# generated once. The CA key is deleted once it has signed: nobody can mint another certificate
# with the broker's name (a super user) afterwards.
make_tls() {
  local tls="$MODE_DIR/tls"
  [[ -f "$tls/broker.pem" && -f "$tls/ca.pem" ]] && return 0
  command -v openssl >/dev/null 2>&1 || die "openssl not found (apt-get install openssl)"
  log "generating a test CA and the broker certificate in $tls"
  rm -rf "$tls.tmp"
  mkdir -p "$tls.tmp"
  (
    umask 077
    cd "$tls.tmp"
    openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key -out ca.pem \
      -days 825 -subj "/CN=Amtsbote Kafka test CA" \
      -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout broker.key -out broker.csr \
      -subj "/CN=amtsbote-kafka-broker"
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
      "extendedKeyUsage=serverAuth,clientAuth" "subjectAltName=IP:127.0.0.1,DNS:localhost" >broker.ext
    openssl x509 -req -in broker.csr -CA ca.pem -CAkey ca.key -set_serial "0x$(openssl rand -hex 16)" \
      -days 825 -extfile broker.ext -out broker.crt
    # A PEM key store: the key (unencrypted PKCS#8, this file is mode 600), then the chain.
    cat broker.key broker.crt ca.pem >broker.pem
    rm -f ca.key broker.key broker.csr broker.ext
    chmod 644 ca.pem broker.crt
  ) >"$MODE_DIR/tls.log" 2>&1 || { cat "$MODE_DIR/tls.log" >&2; die "generating TLS material failed (see $MODE_DIR/tls.log)"; }
  mv "$tls.tmp" "$tls"
}

# One random password per user, generated once per machine, in secrets/<user>.password (mode 600).
make_secrets() {
  local secrets="$MODE_DIR/secrets" u
  if [[ ! -d "$secrets" ]]; then
    [[ -f "$(node_dir 1)/data/meta.properties" ]] \
      && die "$secrets is missing but the secured node was formatted with its users: start afresh with 'kafka.sh down --secure --wipe'"
    mkdir -p "$secrets.tmp"
    chmod 700 "$secrets.tmp"
    for u in "${SCRAM_USERS[@]}"; do (umask 077; printf '%s' "$(openssl rand -hex 24)" >"$secrets.tmp/$u.password"); done
    mv "$secrets.tmp" "$secrets"
  fi
  for u in "${SCRAM_USERS[@]}"; do
    [[ -s "$secrets/$u.password" ]] \
      || die "no password for user $u in $secrets (a user added after format?): start afresh with 'kafka.sh down --secure --wipe'"
  done
  # Client settings of the admin user for Kafka's own tools (and kafka.sh's readiness check).
  (
    umask 077
    printf '%s\n' "security.protocol=SASL_SSL" "sasl.mechanism=SCRAM-SHA-512" \
      "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$(cat "$secrets/admin.password")\";" \
      "ssl.truststore.type=PEM" "ssl.truststore.location=$MODE_DIR/tls/ca.pem" >"$MODE_DIR/admin.properties"
  )
}

# Formats a node's storage once (meta.properties marks a formatted dir). All nodes of
# a cluster share one cluster id and one --initial-controllers list, so both are
# generated once and kept next to the node dirs.
format_node() {
  local n="$1" d
  d="$(node_dir "$n")"
  [[ -f "$d/data/meta.properties" ]] && return 0
  [[ -f "$MODE_DIR/cluster.id" ]] || kafka_tool kafka.tools.StorageTool random-uuid >"$MODE_DIR/cluster.id"
  local args=(format --cluster-id "$(cat "$MODE_DIR/cluster.id")" --config "$d/server.properties")
  if [[ "$MODE" != cluster ]]; then
    args+=(--standalone)
  else
    # id@host:port:directory-id for each controller; the directory id is a random uuid
    # that format writes into that node's meta.properties.
    if [[ ! -f "$MODE_DIR/initial-controllers" ]]; then
      local i voters=()
      for i in "${NODES[@]}"; do
        voters+=("$i@127.0.0.1:$(ctrl_port "$i"):$(kafka_tool kafka.tools.StorageTool random-uuid)")
      done
      (IFS=,; echo "${voters[*]}") >"$MODE_DIR/initial-controllers"
    fi
    args+=(--initial-controllers "$(cat "$MODE_DIR/initial-controllers")")
  fi
  if [[ "$MODE" == secure ]]; then
    # SCRAM credentials go into the metadata log with the first records. The passwords are on this
    # command line for the second or so format takes (visible to local users in ps); Kafka's tool
    # takes them no other way, short of pre-salted hashes.
    local u
    for u in "${SCRAM_USERS[@]}"; do
      args+=(--add-scram "SCRAM-SHA-512=[name=$u,password=$(cat "$MODE_DIR/secrets/$u.password")]")
    done
  fi
  log "formatting KRaft storage of $MODE node $n"
  kafka_tool kafka.tools.StorageTool "${args[@]}" >"$d/format.log" 2>&1 \
    || { cat "$d/format.log" >&2; die "formatting $d/data failed (see $d/format.log)"; }
}

# Fault tests: cluster node N also listens on 19190+2N (listener FAULTS) and advertises it at
# 19191+2N, where a test's TCP fault proxy (services/lib/testing/src/fault-proxy.ts) forwards to it.
# Kafka clients connect to the advertised address after bootstrap, so a client that bootstraps from
# the proxies stays behind them. Brokers talk to each other on PLAINTEXT; without a test nothing
# listens on the advertised ports.
fault_listener() {
  local port=$((19190 + 2 * $1))
  sed -i -e "/^listeners=/s|\$|,FAULTS://127.0.0.1:$port|" \
         -e "/^advertised\.listeners=/s|\$|,FAULTS://127.0.0.1:$((port + 1))|" \
         -e "/^listener\.security\.protocol\.map=/s|\$|,FAULTS:PLAINTEXT|" "$(node_dir "$1")/server.properties"
}

launch_node() {
  local n="$1" d
  d="$(node_dir "$n")"
  write_props "$n"
  if [[ "$MODE" == cluster ]]; then fault_listener "$n"; fi
  format_node "$n"
  # log4j2 appends to server.log; this marker lets fail_start show only this run's lines.
  echo "---- kafka.sh: starting $MODE node $n at $(date '+%F %T') ----" >>"$d/server.log"
  # setsid + nohup: the broker must outlive this script and its terminal/process
  # group (CI runners and test harnesses kill those). 9>&- : don't inherit the lock.
  (
    cd "$d"
    setsid nohup "$JAVA" -Xmx"$HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
      -XX:+ExitOnOutOfMemoryError -XX:ErrorFile="$d/hs_err_%p.log" -Djava.awt.headless=true \
      -Dkafka.logs.dir="$d" -Dlog4j2.configurationFile="$HERE/log4j2.properties" \
      -cp "$LIB/*" kafka.Kafka "$d/server.properties" \
      >"$d/stdout.log" 2>&1 </dev/null 9>&- &
    echo $! >"$d/kafka.pid"
  )
}

fail_start() {
  local n="$1" why="$2" d
  d="$(node_dir "$n")"
  {
    echo "kafka: ERROR: $MODE node $n $why"
    if [[ -s "$d/stdout.log" ]]; then
      echo "kafka: last lines of $d/stdout.log:"
      tail -n 10 "$d/stdout.log" | cut -c1-300 | sed 's/^/    /'
    fi
    echo "kafka: last lines of $d/server.log since this start:"
    awk '/^---- kafka.sh: starting/ { n = 0 } { l[n++] = $0 } END { for (i = (n > 15 ? n - 15 : 0); i < n; i++) print l[i] }' \
      "$d/server.log" 2>/dev/null | cut -c1-300 | sed 's/^/    /'
    echo "kafka: full logs: $d/server.log, $d/stdout.log"
  } >&2
  exit 1
}

# Waits until every node in $@ runs, listens, and is an unfenced broker.
wait_nodes() {
  local deadline=$((SECONDS + START_TIMEOUT)) n bs=() all
  for n in "$@"; do bs+=("127.0.0.1:$(client_port "$n")"); done
  while :; do
    all=1
    for n in "$@"; do
      # Plain kill -0 on the pid we just wrote: right after launch /proc/PID/cmdline
      # may still show the forked shell (before exec java), which pid_of would reject.
      kill -0 "$(cat "$(node_dir "$n")/kafka.pid" 2>/dev/null || echo x)" 2>/dev/null \
        || fail_start "$n" "exited during startup"
      port_open "$(client_port "$n")" || all=0
    done
    if ((all)) && brokers_answer "$(IFS=,; echo "${bs[*]}")" "$@"; then return 0; fi
    if ((SECONDS >= deadline)); then
      # Blame the first node that is not listening (else the first one). The JVMs are
      # left running: a slow machine may still get there, a later `up` reuses them.
      local bad="$1"
      for n in "$@"; do port_open "$(client_port "$n")" || { bad="$n"; break; }; done
      fail_start "$bad" "(of nodes: $*) did not answer within ${START_TIMEOUT} s; still running, stop with: kafka.sh down$([[ $MODE != single ]] && echo " --$MODE")"
    fi
    sleep 1
  done
}

do_up() {
  local n pids=0 started=() t0=$SECONDS
  for n in "${NODES[@]}"; do pid_of "$n" >/dev/null && pids=$((pids + 1)); done

  if ((pids == ${#NODES[@]})) && brokers_answer "$(bootstrap)" "${NODES[@]}"; then
    log "$MODE already running and answering on $(bootstrap): reusing it"
    return 0
  fi
  if ((pids == 0)) && port_open "$(client_port "${NODES[0]}")"; then
    # Someone else's broker (e.g. another checkout's) on our ports: use it if it is a
    # complete Kafka, but we cannot manage it (down/status only know our pid files).
    check_java
    lib_ok || do_install
    if brokers_answer "$(bootstrap)" "${NODES[@]}"; then
      log "a Kafka not started from this checkout already answers on $(bootstrap): reusing it"
      return 0
    fi
    die "port $(client_port "${NODES[0]}") is in use by a process that is not this checkout's broker"
  fi

  check_java
  lib_ok || do_install
  if [[ "$MODE" == secure ]]; then
    mkdir -p "$MODE_DIR"
    chmod 700 "$MODE_DIR"
    make_tls
    make_secrets
  fi
  for n in "${NODES[@]}"; do
    pid_of "$n" >/dev/null && continue
    local p
    for p in "$(client_port "$n")" "$(ctrl_port "$n")" $([[ "$MODE" == secure ]] && broker_port "$n"); do
      port_open "$p" && die "port $p (for $MODE node $n) is in use by another process"
    done
  done
  for n in "${NODES[@]}"; do
    pid_of "$n" >/dev/null && continue
    launch_node "$n"
    started+=("$n")
  done
  log "waiting for $MODE node(s) ${NODES[*]} (timeout ${START_TIMEOUT} s)…"
  wait_nodes "${NODES[@]}"
  for n in "${NODES[@]}"; do
    log "broker $n up on 127.0.0.1:$(client_port "$n") (logs: $(node_dir "$n")/server.log)"
  done
  log "${#started[@]} node(s) started in $((SECONDS - t0)) s; bootstrap servers: $(bootstrap)"
}

# ---------------------------------------------------------------- stop / status

do_down() {
  local wipe="$1" n pid pids=() deadline
  for n in "${NODES[@]}"; do
    if pid="$(pid_of "$n")"; then pids+=("$pid"); kill -TERM "$pid" 2>/dev/null || true; fi
  done
  # All nodes get SIGTERM together: a KRaft node stopping alone while the others wait
  # would keep losing and regaining quorum; together they shut down in a few seconds.
  if ((${#pids[@]})); then
    log "stopping $MODE (pids ${pids[*]})…"
    deadline=$((SECONDS + STOP_TIMEOUT))
    for pid in "${pids[@]}"; do
      while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.5; done
      if kill -0 "$pid" 2>/dev/null; then
        log "pid $pid still alive after ${STOP_TIMEOUT} s: SIGKILL"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
  else
    log "$MODE is not running"
  fi
  for n in "${NODES[@]}"; do rm -f "$(node_dir "$n")/kafka.pid"; done
  if [[ "$wipe" == 1 ]]; then
    rm -rf "$MODE_DIR"
    log "wiped $MODE_DIR (data, logs, cluster id)"
  fi
  log "$MODE stopped"
}

do_status() {
  local n pid up=0
  for n in "${NODES[@]}"; do
    if pid="$(pid_of "$n")"; then
      if port_open "$(client_port "$n")"; then
        up=$((up + 1))
        printf 'kafka: %s node %s: running  pid %-7s 127.0.0.1:%s (controller %s)\n' "$MODE" "$n" "$pid" "$(client_port "$n")" "$(ctrl_port "$n")"
      else
        printf 'kafka: %s node %s: starting pid %-7s 127.0.0.1:%s not listening yet\n' "$MODE" "$n" "$pid" "$(client_port "$n")"
      fi
    else
      printf 'kafka: %s node %s: stopped  %-11s 127.0.0.1:%s (controller %s)\n' "$MODE" "$n" "" "$(client_port "$n")" "$(ctrl_port "$n")"
    fi
  done
  ((up == ${#NODES[@]})) || exit 3
}

node_arg() {
  [[ "${1:-}" =~ ^[123]$ ]] || die "usage: kafka.sh $CMD N   (N = 1, 2 or 3; cluster nodes only)"
}

usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }

# ---------------------------------------------------------------- main

CMD="${1:-help}"; shift || true
TOPOLOGY=single; WIPE=0; ARGS=()
for a in "$@"; do
  case "$a" in
    --cluster|--secure)
      [[ "$TOPOLOGY" == single ]] || die "--cluster and --secure are two different brokers: name one"
      TOPOLOGY="${a#--}" ;;
    --wipe) WIPE=1 ;;
    -*) die "unknown option $a (try: kafka.sh help)" ;;
    *) ARGS+=("$a") ;;
  esac
done
set_mode "$TOPOLOGY"

case "$CMD" in
  install)    check_java; take_lock; do_install ;;
  up)         take_lock; do_up ;;
  down)       take_lock; do_down "$WIPE" ;;
  status)     do_status ;;
  kill-node)
    node_arg "${ARGS[0]:-}"; set_mode cluster; take_lock
    if pid="$(pid_of "${ARGS[0]}")"; then
      kill -KILL "$pid"
      rm -f "$(node_dir "${ARGS[0]}")/kafka.pid"
      log "cluster node ${ARGS[0]} (pid $pid) killed with SIGKILL"
    else
      log "cluster node ${ARGS[0]} was not running"
    fi ;;
  start-node)
    node_arg "${ARGS[0]:-}"; set_mode cluster; take_lock
    if pid_of "${ARGS[0]}" >/dev/null; then
      log "cluster node ${ARGS[0]} already running"
    else
      [[ -f "$(node_dir "${ARGS[0]}")/data/meta.properties" ]] || die "cluster was never started: run 'kafka.sh up --cluster'"
      check_java; t0=$SECONDS
      launch_node "${ARGS[0]}"
      wait_nodes "${ARGS[0]}"
      log "broker ${ARGS[0]} up on 127.0.0.1:$(client_port "${ARGS[0]}") in $((SECONDS - t0)) s (logs: $(node_dir "${ARGS[0]}")/server.log)"
    fi ;;
  pause-node|resume-node)
    node_arg "${ARGS[0]:-}"; set_mode cluster
    pid="$(pid_of "${ARGS[0]}")" || die "cluster node ${ARGS[0]} is not running"
    if [[ "$CMD" == pause-node ]]; then kill -STOP "$pid"; else kill -CONT "$pid"; fi
    log "cluster node ${ARGS[0]} (pid $pid) ${CMD%-node}d" ;;
  controller)
    set_mode cluster; check_java
    kafka_tool org.apache.kafka.tools.MetadataQuorumCommand --bootstrap-controller "$(ctrl_bootstrap)" describe --status \
      | sed -n 's/^LeaderId:[[:space:]]*//p' ;;
  help|-h|--help) usage ;;
  *) usage >&2; exit 2 ;;
esac
