#!/usr/bin/env bash
# Kinetic data-plane benchmark, in one go: installs wrk and nginx if missing, builds, runs the JMH benchmarks,
# measures the heap an idle revision costs the autoscaler and the activator, starts a one-event-loop stub app,
# benchmarks the eventing broker's receiver and dispatcher against raw Kafka clients on one KRaft broker, starts a
# one-event-loop stub app, nginx, the queue-proxy and two activators (with fake API servers), measures every path with
# wrk (interleaved rounds), startup times and RSS, profiles any hop that misses a target, and writes
# docs/benchmarks.md. See benchmarks/README.md.
#
# Knobs (environment): DURATION (s per measured run, 10), ROUNDS (3), CONNECTIONS ("1 16 64"), SKIP_JMH (1 skips),
# WARMUP (s before each measured run, 2), INITIAL_WARMUP (s per variant before the first round, = DURATION),
# OUT (report path, docs/benchmarks.md), START_TIMEOUT (s to wait for a component, 60), SKIP_BUILD (1 uses the jars
# as they are), PROFILE_DURATION (s of load while recording a profile, max(DURATION, 10)), JMH_ARGS, MVN_LOCK (lock
# file serialising Maven runs on this machine), SKIP_HEAP (1 skips the heap measurement), HEAP_REVISIONS
# ("0 1000 10000"), HEAP_TIMEOUT (s a component may take to see every revision, 900), HEAP_AUTOSCALER_FLAGS
# ("-Xmx1g"), HEAP_RETRY_FLAGS (added when a component exits, to measure it anyway; "-Xmx512m", empty: no retry),
# SKIP_EVENTING (1 skips the eventing benchmark), EVENTING_CONNECTIONS ("16 64"), EVENTING_BACKLOG (events in the
# dispatch backlog; 1000000, or 200000 when DURATION < 10), EVENTING_IN_FLIGHT (50), EVENTING_RATE (events/s of the
# latency runs, 1000), EVENTING_START_TIMEOUT (s for Kafka, the receiver and the dispatcher to come up, 120).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-"1 16 64"}
SKIP_JMH=${SKIP_JMH:-0}
WARMUP=${WARMUP:-2}
INITIAL_WARMUP=${INITIAL_WARMUP:-$DURATION}
OUT=${OUT:-$ROOT/docs/benchmarks.md}
START_TIMEOUT=${START_TIMEOUT:-60}
SKIP_BUILD=${SKIP_BUILD:-0}
MVN_LOCK=${MVN_LOCK:-/tmp/kinetic-mvn.lock}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 2 -i 3 -w 1s -r 1s"}
# The autoscaler's benchmarks run on their own, with the GC profiler (bytes per decision are one of their targets).
AUTOSCALER_JMH='dev\.kinetic\.benchmarks\.autoscaler\.'
PROFILE_DURATION=${PROFILE_DURATION:-$((DURATION > 10 ? DURATION : 10))}
SKIP_HEAP=${SKIP_HEAP:-0}
HEAP_REVISIONS=${HEAP_REVISIONS:-"0 1000 10000"}
HEAP_TIMEOUT=${HEAP_TIMEOUT:-900}
HEAP_AUTOSCALER_FLAGS=${HEAP_AUTOSCALER_FLAGS:-"-Xmx1g"}
HEAP_RETRY_FLAGS=${HEAP_RETRY_FLAGS-"-Xmx512m"}
SKIP_EVENTING=${SKIP_EVENTING:-0}
EVENTING_CONNECTIONS=${EVENTING_CONNECTIONS:-"16 64"}
EVENTING_BACKLOG=${EVENTING_BACKLOG:-$((DURATION >= 10 ? 1000000 : 200000))}
EVENTING_IN_FLIGHT=${EVENTING_IN_FLIGHT:-50}
EVENTING_RATE=${EVENTING_RATE:-1000}
EVENTING_START_TIMEOUT=${EVENTING_START_TIMEOUT:-120}
POLL_INTERVAL=0.01

STUB_PORT=18080
NGINX_PORT=18081
QP_PORT=18082 QP_H2C_PORT=18083 QP_ADMIN_PORT=18084 QP_AUTOSCALER_METRICS_PORT=18085 QP_USER_METRICS_PORT=18086
A1_PORT=18100 A1_H2C_PORT=18101 A1_ADMIN_PORT=18102 API1_PORT=18110
A2_PORT=18200 A2_H2C_PORT=18201 A2_ADMIN_PORT=18202 API2_PORT=18210
ALL_PORTS="$STUB_PORT $NGINX_PORT $QP_PORT $QP_H2C_PORT $QP_ADMIN_PORT $QP_AUTOSCALER_METRICS_PORT \
$QP_USER_METRICS_PORT $A1_PORT $A1_H2C_PORT $A1_ADMIN_PORT $API1_PORT $A2_PORT $A2_H2C_PORT $A2_ADMIN_PORT $API2_PORT"

# Every request, to every variant, carries the headers the activator routes by, so all variants parse the same bytes.
HEADERS=(-H "Knative-Serving-Revision: bench-00001" -H "Knative-Serving-Namespace: bench")
VARIANTS=(direct nginx queue-proxy activator activator-queue-proxy)

BENCH_JAR=benchmarks/target/kinetic-benchmarks.jar
QP_JAR=queue-proxy/target/kinetic-queue-proxy.jar
ACT_JAR=activator/target/kinetic-activator.jar
AUT_JAR=autoscaler/target/quarkus-app/quarkus-run.jar
RECEIVER_JAR=eventing-broker/receiver/target/quarkus-app/quarkus-run.jar
DISPATCHER_JAR=eventing-broker/dispatcher/target/quarkus-app/quarkus-run.jar

WORK=$ROOT/benchmarks/target/run
declare -A PIDS=()     # component -> pid
declare -A BROKEN=()   # component -> why it is not running
declare -A FAILED=()   # variant -> why it could not be measured

log() { echo "[bench $(date +%T)] $*" >&2; }
die() { log "FATAL: $*"; exit 1; }
now_ns() { date +%s%N; }

# ------------------------------------------------------------------------------------------------ processes

cleanup() {
  local name pid
  for name in "${!PIDS[@]}"; do
    pid=${PIDS[$name]}
    kill "$pid" 2>/dev/null || true
  done
  for _ in $(seq 30); do
    local alive=0
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    ((alive)) || break
    sleep 0.1
  done
  for pid in "${PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# start NAME CMD...: runs CMD in the background, output in $WORK/NAME.log. `env` and `java` exec, so the pid is the
# process itself.
start() {
  local name=$1
  shift
  "$@" >"$WORK/$name.log" 2>&1 &
  PIDS[$name]=$!
}

alive() { [[ -n ${PIDS[$1]:-} ]] && kill -0 "${PIDS[$1]}" 2>/dev/null; }

# The pids that make up a component: nginx is a master and its worker.
pids_of() {
  local pid=${PIDS[$1]}
  echo "$pid"
  if [[ $1 == nginx ]]; then pgrep -P "$pid" || true; fi
}

# wait_ok NAME URL: polls URL until it answers 2xx (0), NAME exits (2) or START_TIMEOUT passes (1).
wait_ok() {
  local name=$1 url=$2
  local deadline=$(($(now_ns) + START_TIMEOUT * 1000000000))
  while (($(now_ns) < deadline)); do
    alive "$name" || return 2
    curl -fs -o /dev/null --max-time 1 "${HEADERS[@]}" "$url" && return 0
    sleep "$POLL_INTERVAL"
  done
  return 1
}

# why NAME CODE: a one-line reason for a component that did not come up.
why() {
  local name=$1 code=$2 tail
  tail=$(grep -v '^\s*$' "$WORK/$name.log" 2>/dev/null | tail -n 3 | tr '\n' ' ' | cut -c1-300)
  case $code in
    2) echo "$name exited during startup; last log lines: $tail" ;;
    *) echo "$name did not answer within ${START_TIMEOUT}s; last log lines: $tail" ;;
  esac
}

rss_kb() {
  local total=0 pid
  for pid in $(pids_of "$1"); do
    total=$((total + $(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

cpu_ticks() {
  local total=0 pid
  for pid in $(pids_of "$1"); do
    # Fields after "pid (comm) ": utime and stime are the 12th and 13th.
    total=$((total + $(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}

# thousand URL: sends exactly 1,000 requests over one kept-alive connection; prints how many answered 200.
thousand() {
  local cfg=$WORK/curl-1000.cfg
  : >"$cfg"
  for _ in $(seq 1000); do printf 'url = "%s"\noutput = "/dev/null"\n' "$1" >>"$cfg"; done
  curl -s "${HEADERS[@]}" -w '%{http_code}\n' --config "$cfg" | grep -c '^200$' || true
}

# timed_start NAME LABEL URL NOTE CMD...: starts a component, measures exec -> first 2xx and the RSS after 1,000
# requests, and appends a line (LABEL) to startup.tsv. Returns non-zero if it did not come up.
timed_start() {
  local name=$1 label=$2 url=$3 note=$4 t0 t1 code=0 ok rss
  shift 4
  t0=$(now_ns)
  start "$name" "$@"
  wait_ok "$name" "$url" || code=$?
  t1=$(now_ns)
  if ((code != 0)); then
    BROKEN[$name]=$(why "$name" "$code")
    log "${BROKEN[$name]}"
    printf '%s\t\t\t0\t%s\n' "$label" "${BROKEN[$name]//$'\t'/ }" >>"$WORK/startup.tsv"
    return 1
  fi
  ok=$(thousand "$url")
  rss=$(rss_kb "$name")
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$(awk -v d=$((t1 - t0)) 'BEGIN {printf "%.1f", d / 1e6}')" "$rss" "$ok" \
    "$note" >>"$WORK/startup.tsv"
  log "$label up in $(((t1 - t0) / 1000000)) ms, RSS $((rss / 1024)) MiB after $ok/1000 requests answered 200"
}

# ------------------------------------------------------------------------------------------------ setup

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
  command -v curl >/dev/null || missing+=(curl)
  command -v pgrep >/dev/null || missing+=(procps)
  command -v jcmd >/dev/null || missing+=(openjdk-17-jdk-headless)
  ((${#missing[@]} == 0)) && return
  local sudo=()
  (($(id -u) == 0)) || sudo=(sudo)
  log "installing ${missing[*]} from the Debian archive"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null ||
    { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q "${missing[@]}" >/dev/null; }
}

mvn() {
  if command -v flock >/dev/null; then
    flock "$MVN_LOCK" ./mvnw "$@"
  else
    ./mvnw "$@"
  fi
}

# build MODULES LOG: builds them (and what they need), offline first.
build() {
  local args=(-B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true -pl "$1" -am)
  mvn -o "${args[@]}" >>"$2" 2>&1 || mvn "${args[@]}" >>"$2" 2>&1
}

# in_reactor MODULE: whether MODULE (a path such as eventing-broker/receiver) is listed by its parent, up to the root.
in_reactor() {
  local parent=. name=$1
  [[ $1 == */* ]] && parent=${1%/*} name=${1##*/}
  [[ -f $1/pom.xml ]] && grep -q "<module>$name</module>" "$parent/pom.xml" && { [[ $parent == . ]] || in_reactor "$parent"; }
}

# NOT_BUILT[module] -> why its jar cannot be used.
declare -A NOT_BUILT=()

build_all() {
  local modules=() m
  local wanted=(queue-proxy activator autoscaler)
  ((SKIP_EVENTING)) || wanted+=(eventing-broker/receiver eventing-broker/dispatcher)
  for m in "${wanted[@]}"; do
    if in_reactor "$m"; then modules+=("$m"); else NOT_BUILT[$m]="module $m is not in the build"; fi
  done
  modules+=(benchmarks)
  log "building ${modules[*]} (log: $WORK/build.log)"
  build "$(IFS=,; echo "${modules[*]}")" "$WORK/build.log" && return
  # Find out which part is broken, so that the others can still be measured.
  log "the build failed; building the modules one by one"
  for m in "${modules[@]}"; do
    [[ $m == benchmarks ]] && continue
    build "$m" "$WORK/build-$m.log" ||
      NOT_BUILT[$m]="$m does not build: $(grep -m1 'ERROR' "$WORK/build-$m.log" | cut -c1-300)"
  done
  build benchmarks "$WORK/build-benchmarks.log" || die "benchmarks does not build; see $WORK/build-benchmarks.log"
}

check_ports() {
  local p
  for p in $ALL_PORTS; do
    if (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      die "port $p on 127.0.0.1 is in use (a previous run still going?)"
    fi
  done
}

write_nginx_conf() {
  mkdir -p "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    # Connections stay open for the whole run on both sides, as they do through the Vert.x proxies.
    keepalive_requests 1000000;
    upstream stub {
        server 127.0.0.1:$STUB_PORT;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://stub;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }
    }
}
EOF
}

java_flags() { [[ -f $1/jvm.flags ]] && cat "$1/jvm.flags" || true; }

start_queue_proxy() {
  # shellcheck disable=SC2046 # jvm.flags is a list of flags
  timed_start queue-proxy queue-proxy "http://127.0.0.1:$QP_PORT/" "JVM flags: queue-proxy/jvm.flags" \
    env USER_PORT=$STUB_PORT QUEUE_SERVING_PORT=$QP_PORT QUEUE_H2C_PORT=$QP_H2C_PORT QUEUE_ADMIN_PORT=$QP_ADMIN_PORT \
    QUEUE_AUTOSCALER_METRICS_PORT=$QP_AUTOSCALER_METRICS_PORT QUEUE_USER_METRICS_PORT=$QP_USER_METRICS_PORT \
    QUEUE_BIND_ADDRESS=127.0.0.1 CONTAINER_CONCURRENCY=0 SERVING_POD=bench-pod SERVING_REVISION=bench-00001 \
    SERVING_NAMESPACE=bench java $(java_flags queue-proxy) -jar "$QP_JAR"
}

# start_api NAME PORT POD_PORT: a fake API server whose one pod is 127.0.0.1:POD_PORT; waits until it serves it.
start_api() {
  start "$1" java -cp "$BENCH_JAR" dev.kinetic.benchmarks.FakeApiServer --port "$2" --pod-ip 127.0.0.1 \
    --pod-port "$3"
  local code=0
  wait_ok "$1" "http://127.0.0.1:$2/apis/discovery.k8s.io/v1/namespaces/bench/endpointslices" || code=$?
  if ((code != 0)); then
    BROKEN[$1]=$(why "$1" "$code")
    log "${BROKEN[$1]}"
    return 1
  fi
  # The slice is created last; the list answers 200 before that.
  local deadline=$(($(now_ns) + START_TIMEOUT * 1000000000))
  until grep -q '^fake API server at' "$WORK/$1.log"; do
    (($(now_ns) < deadline)) && alive "$1" || { BROKEN[$1]=$(why "$1" 1); return 1; }
    sleep 0.1
  done
}

# start_activator NAME PORT H2C ADMIN API_PORT TIMED
start_activator() {
  local name=$1 port=$2 h2c=$3 admin=$4 api=$5 timed=$6
  local cmd=(env ACTIVATOR_PORT="$port" ACTIVATOR_H2C_PORT="$h2c" ACTIVATOR_ADMIN_PORT="$admin"
    ACTIVATOR_BIND_ADDRESS=127.0.0.1 AUTOSCALER_URL=ws://127.0.0.1:1/ws POD_NAME="$name"
    KUBERNETES_MASTER="http://127.0.0.1:$api" KUBERNETES_AUTH_TRYKUBECONFIG=false
    KUBERNETES_AUTH_TRYSERVICEACCOUNT=false)
  # shellcheck disable=SC2207 # jvm.flags is a list of flags
  cmd+=(java $(java_flags activator) -jar "$ACT_JAR")
  if ((timed)); then
    timed_start "$name" activator "http://127.0.0.1:$port/" "JVM flags: activator/jvm.flags; its fake API server was up first" \
      "${cmd[@]}"
  else
    start "$name" "${cmd[@]}"
    local code=0
    wait_ok "$name" "http://127.0.0.1:$port/" || code=$?
    if ((code != 0)); then
      BROKEN[$name]=$(why "$name" "$code")
      log "${BROKEN[$name]}"
      return 1
    fi
  fi
}

# ------------------------------------------------------------------------------------------------ measuring

# The heap per idle revision of the autoscaler and the activator (IdleRevisionHeap: its own fake API servers and
# processes, all stopped before it returns); writes heap*.tsv and heap/ into $WORK.
measure_heap() {
  if ((SKIP_HEAP)); then
    echo -e "heap\tSkipped (SKIP_HEAP=1)." >>"$WORK/settings.tsv"
    return
  fi
  local args=(--work "$WORK" --revisions "$HEAP_REVISIONS" --timeout "$HEAP_TIMEOUT"
    --autoscaler-flags "$HEAP_AUTOSCALER_FLAGS" --activator-flags-file activator/jvm.flags
    --retry-flags "$HEAP_RETRY_FLAGS")
  [[ -z ${NOT_BUILT[autoscaler]:-} ]] && args+=(--autoscaler "$AUT_JAR")
  [[ -z ${NOT_BUILT[activator]:-} ]] && args+=(--activator "$ACT_JAR")
  log "measuring the heap per idle revision at ${HEAP_REVISIONS// /, } revisions, nothing else running" \
    "(log: $WORK/heap.log)"
  # The harness holds every revision's objects in its fake API server: about 3 KiB each, 6 per revision.
  if ! java -Xmx3g -cp "$BENCH_JAR" dev.kinetic.benchmarks.heap.IdleRevisionHeap "${args[@]}" >"$WORK/heap.log" 2>&1
  then
    echo -e "heap\tThe harness failed: $(tail -n 3 "$WORK/heap.log" | tr '\n\t' '  ')" >>"$WORK/settings.tsv"
  fi
}

# The eventing benchmark (EventingBench: its own Kafka, fake API server, stub, receiver and dispatcher, all stopped
# before it returns); writes eventing.tsv, eventing-settings.tsv and eventing/ into $WORK.
measure_eventing() {
  if ((SKIP_EVENTING)); then
    echo -e "eventing\tSkipped (SKIP_EVENTING=1)." >>"$WORK/settings.tsv"
    return
  fi
  local args=(--work "$WORK" --duration "$DURATION" --warmup "$WARMUP" --connections "$EVENTING_CONNECTIONS"
    --backlog "$EVENTING_BACKLOG" --in-flight "$EVENTING_IN_FLIGHT" --rate "$EVENTING_RATE"
    --start-timeout "$EVENTING_START_TIMEOUT")
  [[ -z ${NOT_BUILT[eventing-broker/receiver]:-} ]] && args+=(--receiver "$RECEIVER_JAR")
  [[ -z ${NOT_BUILT[eventing-broker/dispatcher]:-} ]] && args+=(--dispatcher "$DISPATCHER_JAR")
  log "eventing: receiver and dispatcher against raw Kafka clients, backlog of $EVENTING_BACKLOG events, nothing" \
    "else running (log: $WORK/eventing.log)"
  if ! java -cp "$BENCH_JAR" dev.kinetic.benchmarks.eventing.EventingBench "${args[@]}" >"$WORK/eventing.log" 2>&1
  then
    echo -e "eventing\tThe harness failed: $(tail -n 3 "$WORK/eventing.log" | tr '\n\t' '  ')" >>"$WORK/settings.tsv"
  fi
}

url_of() {
  case $1 in
    direct) echo "http://127.0.0.1:$STUB_PORT/" ;;
    nginx) echo "http://127.0.0.1:$NGINX_PORT/" ;;
    queue-proxy) echo "http://127.0.0.1:$QP_PORT/" ;;
    activator) echo "http://127.0.0.1:$A1_PORT/" ;;
    activator-queue-proxy) echo "http://127.0.0.1:$A2_PORT/" ;;
  esac
}

# The components a variant needs running.
requires() {
  case $1 in
    direct) echo "stub" ;;
    nginx) echo "stub nginx" ;;
    queue-proxy) echo "stub queue-proxy" ;;
    activator) echo "stub api1 a1" ;;
    activator-queue-proxy) echo "stub queue-proxy api2 a2" ;;
  esac
}

# The processes charged for a variant's CPU, as "label=component" (label as in the report).
charged() {
  case $1 in
    direct) echo "stub=stub" ;;
    nginx) echo "nginx=nginx" ;;
    queue-proxy) echo "queue-proxy=queue-proxy" ;;
    activator) echo "activator=a1" ;;
    activator-queue-proxy) echo "activator=a2 queue-proxy=queue-proxy" ;;
  esac
}

# usable VARIANT: whether everything it needs runs; if not, FAILED[VARIANT] says why.
usable() {
  local v=$1 comp
  [[ -z ${FAILED[$v]:-} ]] || return 1
  for comp in $(requires "$v"); do
    if [[ -z ${BROKEN[$comp]:-} ]] && ! alive "$comp"; then
      BROKEN[$comp]="$comp is not running; last log lines: $(grep -v '^\s*$' "$WORK/$comp.log" 2>/dev/null |
        tail -n 3 | tr '\n' ' ' | cut -c1-300)"
      log "${BROKEN[$comp]}"
    fi
    if [[ -n ${BROKEN[$comp]:-} ]]; then
      FAILED[$v]=${BROKEN[$comp]}
      return 1
    fi
  done
}

wrk_run() { wrk -t1 -c"$1" -d"$2"s --latency "${HEADERS[@]}" "$3"; }

# Prints "requests rps p50_us p99_us errors" from wrk's output.
parse_wrk() {
  awk '
    function us(v) { if (v ~ /us$/) return v + 0; if (v ~ /ms$/) return v * 1000; if (v ~ /s$/) return v * 1e6;
                     return v + 0 }
    /^ *50%/ { p50 = us($2) }
    /^ *99%/ { p99 = us($2) }
    / requests in / { requests = $1 }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) errors += $i + 0 }
    END { printf "%d %s %.1f %.1f %d\n", requests, rps, p50, p99, errors }' "$1"
}

# measure VARIANT CONNECTIONS ROUND: one warmup, one measured run; appends to results.tsv.
measure() {
  local v=$1 c=$2 round=$3 url entry cpu="" out
  url=$(url_of "$v")
  out=$WORK/wrk/$v-c$c-r$round.txt
  wrk_run "$c" "$WARMUP" "$url" >/dev/null 2>&1 || true
  local -A before=()
  for entry in $(charged "$v"); do before[${entry#*=}]=$(cpu_ticks "${entry#*=}"); done
  wrk_run "$c" "$DURATION" "$url" >"$out" 2>&1 || true
  local after=() ticks
  for entry in $(charged "$v"); do
    ticks=$(cpu_ticks "${entry#*=}")
    after+=("${entry%%=*}=$((ticks - ${before[${entry#*=}]}))")
  done
  read -r requests rps p50 p99 errors < <(parse_wrk "$out")
  if ((requests == 0)); then
    log "$v c=$c round $round: no request completed: $(tr '\n' ' ' <"$out" | cut -c1-300)"
    FAILED[$v]="no request completed at $c connections: $(tr '\n' ' ' <"$out" | cut -c1-200)"
    return
  fi
  for entry in "${after[@]}"; do
    cpu+="${cpu:+;}${entry%%=*}=$(awk -v t="${entry#*=}" -v hz="$CLK_TCK" -v n="$requests" \
      'BEGIN {printf "%.2f", t / hz * 1e6 / n}')"
  done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$c" "$round" "$requests" "$rps" "$p50" "$p99" "$errors" \
    "$cpu" >>"$WORK/results.tsv"
  log "$v c=$c round $round: $rps req/s, p50 ${p50} µs, p99 ${p99} µs, errors $errors, CPU µs/req $cpu"
}

# profile VARIANT CONNECTIONS: one more run with a JFR recording of each of the variant's Java processes.
profile() {
  local v=$1 c=$2 entry name pid file started=()
  for entry in $(charged "$v"); do
    name=${entry#*=}
    pid=${PIDS[$name]}
    file=$WORK/profiles/$v--${entry%%=*}--$c.jfr
    if jcmd "$pid" JFR.start name=bench settings=profile >>"$WORK/profiles/jcmd.log" 2>&1; then
      started+=("$pid=$file")
    else
      echo "$v, ${entry%%=*}: could not start JFR: $(tail -n 2 "$WORK/profiles/jcmd.log" | tr '\n' ' ')" \
        >>"$WORK/profiles/notes.txt"
    fi
  done
  ((${#started[@]})) || return 0
  log "profiling $v at $c connections"
  wrk_run "$c" "$PROFILE_DURATION" "$(url_of "$v")" >"$WORK/profiles/$v--wrk.txt" 2>&1 || true
  for entry in "${started[@]}"; do
    jcmd "${entry%%=*}" JFR.stop name=bench filename="${entry#*=}" >>"$WORK/profiles/jcmd.log" 2>&1 ||
      echo "$v: could not stop JFR in pid ${entry%%=*} (did it exit? see profiles/jcmd.log)" \
        >>"$WORK/profiles/notes.txt"
  done
}

facts() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  git diff --quiet HEAD 2>/dev/null || commit+=" (with uncommitted changes)"
  {
    echo "- cores: $(nproc) ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'))"
    echo "- memory: $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
    echo "- kernel: $(uname -srm)"
    echo "- java: $(java -version 2>&1 | sed -n 2p)"
    echo "- nginx: $(nginx -v 2>&1 | sed 's/^nginx version: //') ($(nginx -V 2>&1 | grep -m1 '^built with' || true))"
    echo "- wrk: $(wrk -v 2>&1 | head -n 1 | sed 's/ Copyright.*//')"
    echo "- Kinetic: commit $commit"
    echo "- queue-proxy JVM flags: \`$(java_flags queue-proxy | tr -s ' \n' ' ' | sed 's/ $//')\`"
    echo "- activator JVM flags: \`$(java_flags activator | tr -s ' \n' ' ' | sed 's/ $//')\`"
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "<details><summary>nginx -V</summary>"
    echo
    echo '```'
    nginx -V 2>&1
    echo '```'
    echo
    echo "</details>"
  } >"$WORK/facts.md"
}

# ------------------------------------------------------------------------------------------------ main

main() {
  install_tools
  export PATH=$PATH:/usr/sbin
  rm -rf "$WORK"
  mkdir -p "$WORK/wrk" "$WORK/profiles"
  CLK_TCK=$(getconf CLK_TCK)
  local started load_start
  started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')

  ((SKIP_BUILD)) || build_all
  [[ -f $BENCH_JAR ]] || die "$BENCH_JAR is missing"
  [[ -z ${NOT_BUILT[queue-proxy]:-} && ! -f $QP_JAR ]] && NOT_BUILT[queue-proxy]="$QP_JAR was not built"
  [[ -z ${NOT_BUILT[activator]:-} && ! -f $ACT_JAR ]] && NOT_BUILT[activator]="$ACT_JAR was not built"
  [[ -z ${NOT_BUILT[autoscaler]:-} && ! -f $AUT_JAR ]] && NOT_BUILT[autoscaler]="$AUT_JAR was not built"
  local m
  for m in eventing-broker/receiver eventing-broker/dispatcher; do
    [[ -z ${NOT_BUILT[$m]:-} && ! -f $m/target/quarkus-app/quarkus-run.jar ]] &&
      NOT_BUILT[$m]="$m/target/quarkus-app/quarkus-run.jar was not built"
  done
  facts

  if ((SKIP_JMH)); then
    echo -e "jmh\tSkipped (SKIP_JMH=1)." >>"$WORK/settings.tsv"
  else
    log "running JMH ($JMH_ARGS), nothing else running"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of arguments
    if ! java -jar "$BENCH_JAR" -e "$AUTOSCALER_JMH" $JMH_ARGS -rf text -rff "$WORK/jmh.txt" >"$WORK/jmh.log" 2>&1; then
      echo -e "jmh\tJMH failed: $(tail -n 3 "$WORK/jmh.log" | tr '\n\t' '  ')" >>"$WORK/settings.tsv"
      rm -f "$WORK/jmh.txt"
    fi
    # The autoscaler's targets include bytes allocated per decision: the GC profiler measures them.
    log "running the autoscaler's JMH benchmarks with the GC profiler"
    # shellcheck disable=SC2086 # JMH_ARGS is a list of arguments
    if ! java -jar "$BENCH_JAR" "$AUTOSCALER_JMH" $JMH_ARGS -prof gc -rf csv -rff "$WORK/jmh-autoscaler.csv" \
      >"$WORK/jmh-autoscaler.log" 2>&1; then
      echo -e "jmh_autoscaler\tJMH failed: $(tail -n 3 "$WORK/jmh-autoscaler.log" | tr '\n\t' '  ')" \
        >>"$WORK/settings.tsv"
      rm -f "$WORK/jmh-autoscaler.csv"
    fi
  fi
  measure_heap
  measure_eventing

  check_ports
  printf '%s\n' "component	startup_ms	rss_kb	requests_ok	note" >"$WORK/startup.tsv"
  timed_start stub stub "http://127.0.0.1:$STUB_PORT/" "reference: the user container (one event loop)" \
    java -cp "$BENCH_JAR" dev.kinetic.benchmarks.StubApp "$STUB_PORT" || die "${BROKEN[stub]}"
  write_nginx_conf
  timed_start nginx nginx "http://127.0.0.1:$NGINX_PORT/" "reference: master + worker" \
    nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" || die "${BROKEN[nginx]}"

  if [[ -n ${NOT_BUILT[queue-proxy]:-} ]]; then
    BROKEN[queue-proxy]=${NOT_BUILT[queue-proxy]}
  else
    start_queue_proxy || true
  fi
  if [[ -n ${NOT_BUILT[activator]:-} ]]; then
    BROKEN[a1]=${NOT_BUILT[activator]}
    BROKEN[a2]=${NOT_BUILT[activator]}
  else
    if start_api api1 "$API1_PORT" "$STUB_PORT"; then
      start_activator a1 "$A1_PORT" "$A1_H2C_PORT" "$A1_ADMIN_PORT" "$API1_PORT" 1 || true
    fi
    if [[ -n ${BROKEN[queue-proxy]:-} ]]; then
      BROKEN[a2]="it would proxy to the queue-proxy, which is not running"
    elif start_api api2 "$API2_PORT" "$QP_PORT"; then
      start_activator a2 "$A2_PORT" "$A2_H2C_PORT" "$A2_ADMIN_PORT" "$API2_PORT" 0 || true
    fi
  fi

  local connections_max v c round
  connections_max=$(tr ' ' '\n' <<<"$CONNECTIONS" | sort -n | tail -n 1)
  load_start=$(cut -d' ' -f1-3 /proc/loadavg)
  log "warming every variant up: ${INITIAL_WARMUP}s at $connections_max connections"
  for v in "${VARIANTS[@]}"; do
    usable "$v" && { wrk_run "$connections_max" "$INITIAL_WARMUP" "$(url_of "$v")" >/dev/null 2>&1 || true; }
  done

  printf '%s\n' "variant	connections	round	requests	rps	p50_us	p99_us	errors	cpu" >"$WORK/results.tsv"
  for c in $CONNECTIONS; do
    for round in $(seq "$ROUNDS"); do
      for v in "${VARIANTS[@]}"; do
        usable "$v" && measure "$v" "$c" "$round"
      done
    done
  done

  {
    echo -e "duration\t$DURATION"
    echo -e "rounds\t$ROUNDS"
    echo -e "connections\t$CONNECTIONS"
    echo -e "warmup\t$WARMUP"
    echo -e "initial_warmup\t$INITIAL_WARMUP"
    echo -e "jmh_args\t$JMH_ARGS"
    echo -e "started\t$started"
    echo -e "load_start\t$load_start"
  } >>"$WORK/settings.tsv"
  touch "$WORK/unavailable.tsv"
  for v in "${VARIANTS[@]}"; do
    usable "$v" || echo -e "$v\t${FAILED[$v]//$'\t'/ }" >>"$WORK/unavailable.tsv"
  done

  local misses
  misses=$(java -cp "$BENCH_JAR" dev.kinetic.benchmarks.report.BenchmarkReport misses "$WORK")
  while IFS=$'\t' read -r v c; do
    [[ -n $v ]] && usable "$v" && profile "$v" "$c"
  done <<<"$misses"

  echo -e "finished\t$(date -u '+%Y-%m-%d %H:%M:%S UTC')" >>"$WORK/settings.tsv"
  echo -e "load_end\t$(cut -d' ' -f1-3 /proc/loadavg)" >>"$WORK/settings.tsv"
  java -cp "$BENCH_JAR" dev.kinetic.benchmarks.report.BenchmarkReport write "$WORK" "$OUT"
  log "wrote $OUT (raw data and logs in $WORK)"
}

main "$@"
