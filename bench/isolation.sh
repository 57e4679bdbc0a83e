#!/usr/bin/env bash
# Isolation benchmark (issue 16, "Limits"): while CLIENTS (20) API clients run heavy previews in a loop on a corp of
# 1,000,000 customers, signed and encrypted callbacks arrive at RATE (1,000/s, open loop: requests start on a fixed
# schedule, latency counted from each request's place in the schedule); the callbacks' ack latency must stay at
# p99 <= 50 ms. Also a baseline of the callbacks alone, and afterwards every acknowledged callback checked APPLIED in
# the inbox (none parked).
# Data: CampaignPlanBenchMain's generator (bench/campaign-plan.sh, --repeat=0: generate only, plan nothing) in
# MariaDB: 1M customers, 1.1M live relations to 40 staff in 8 stores, 1M tag assignments, 1M attributions.
# Previews (client i runs kind i mod 3; every one scans the corp, none is answered from an index alone):
#   rule     POST /rules/preview      follow.state contains "qr" (LIKE '%qr%' on every relation) and tags hasAny
#                                     etlevel1/etlevel2: count + sample of 20
#   search   POST /customers/search   any(follow.remark contains "vip", follow.addedAt withinDays 30): count + page 1
#   campaign POST /campaigns/preview  broadcast to gender in [1,2] (900k) with a template: count, per store and per
#                                     staff member, sample renders
# A client waits as the answer's Retry-After says after a 429 (too_many_previews) or 503 (api_busy, query_timeout),
# as an integrator honouring the API does; otherwise it asks again at once.
# Server: the production jar on MariaDB (-Xmx512m, the mariadb profile's settings), the WeCom simulator in its own
# JVM answering the re-fetches (LATENCY_MS). No scheduled jobs (Quartz not started): the generated corp is not the
# simulator's, and the first run's reconciliation at the full minute swept a slice of it (314,758 rows marked deleted,
# the tags the rule preview names among them) beside the measured callbacks. MariaDB is sized for the run (SET
# GLOBAL, restored on exit). The machine is shared: each measured phase waits (<= QUIET_WAIT s) until the 1-minute
# load average is below QUIET_LOAD, and the load average is logged.
# Usage: bench/isolation.sh   env: DB=wescrm_pbench PORT=18601 SIMPORT=18602 CUSTOMERS=1000000 RATE=1000 SECONDS_RUN=60
#   CLIENTS=20 BUFFER_POOL=2G REDO_LOG=1G LATENCY_MS=20 REUSE=1 (keep the data of the last run) SERVER_OPTS= (extra
#   server arguments, e.g. --scrm.api.concurrent-previews=1) SERVER_JAVA_OPTS= (extra JVM options of the server)
#   PHASES="baseline isolation" WARMUP_SECONDS=60 (the mixed warm-up) API_WARMUP=20 (s of wrk on the preview API's
#   429 path; 0: none) GEN_WARMUP=5 (s of the generator's own warm-up) WARMUP_PREVIEWS=1 (one preview of each kind
#   alone first, timed) GEN_NICE= (the generator's niceness, e.g. -10: WeCom's senders are not on the server's host;
#   on a saturated 2-core box the generator's own lateness, send_lag, is otherwise counted as ack latency)
#   PREVIEW_CLIENTS=java (one JVM, PreviewLoadMain) or shell (a bash loop per client forking curl and date per
#   request, as in the runs before session 5 of 2026-12-03: their CPU was a large part of the ack tail)
#   JAR= (the server jar, e.g. an older build to compare on the same machine)
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=${JAR:-scrm-web/target/wescrm.jar} BENCH=${BENCH_JAR:-scrm-bench/target/scrm-bench.jar}
OUT=bench/out/isolation-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwcbench000000001 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
DB=${DB:-wescrm_pbench} PORT=${PORT:-18601} SIMPORT=${SIMPORT:-18602} CUSTOMERS=${CUSTOMERS:-1000000}
RATE=${RATE:-1000} SECONDS_RUN=${SECONDS_RUN:-60} CLIENTS=${CLIENTS:-20} PHASES=${PHASES:-baseline isolation}
API=http://127.0.0.1:$PORT/api/corps/$CORP
[ -f "$JAR" ] && [ -f "$BENCH" ] || ./mvnw -B -q -o package -DskipTests
SIM_PID= SRV_PID=
POOL_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_buffer_pool_size")
REDO_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_log_file_size")
cleanup() { set +e # every step runs, whatever failed before
  [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null
  for j in $(jobs -p); do kill "$j" 2>/dev/null; done
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE; SET GLOBAL innodb_log_file_size = $REDO_BEFORE"
  return 0; }
trap cleanup EXIT
log() { echo "[$(date -u +%T)] $*" | tee -a "$OUT/summary.txt"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
launch() { ${LAUNCH_NICE:+nice -n "$LAUNCH_NICE"} java "$2" -cp "$BENCH" -Dloader.main="$1" org.springframework.boot.loader.launch.PropertiesLauncher "${@:3}"; } # main, heap, args
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system clock ticks (1/100 s)
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

BUFFER_POOL=${BUFFER_POOL-2G} REDO_LOG=${REDO_LOG-1G}
[ -n "$BUFFER_POOL" ] && mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$BUFFER_POOL")"
[ -n "$REDO_LOG" ] && mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_log_file_size = $(numfmt --from=iec "$REDO_LOG")"
log "$(date -u +%F) $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- scrm-core scrm-web scrm-bench || echo '+changes'); CPU $(lscpu | sed -n 's/^Model name: *//p') (family $(lscpu | sed -n 's/^CPU family: *//p') model $(lscpu | sed -n 's/^Model: *//p')), $(nproc) cores; load average $(loadavg); MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'): innodb_buffer_pool_size $(mysql -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size'), innodb_log_file_size $(mysql -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_log_file_size'); $(java -version 2>&1 | head -1)"
log "settings: RATE=$RATE/s SECONDS_RUN=$SECONDS_RUN CLIENTS=$CLIENTS CUSTOMERS=$CUSTOMERS SERVER_OPTS=${SERVER_OPTS:-} SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-} GEN_NICE=${GEN_NICE:-} PREVIEW_CLIENTS=${PREVIEW_CLIENTS:-java} JAR=$JAR"

if [ "${REUSE:-}" != 1 ]; then
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  launch io.wescrm.bench.CampaignPlanBenchMain -Xmx512m --url="jdbc:mariadb://127.0.0.1:3306/$DB" \
    --customers="$CUSTOMERS" --repeat=0 2>&1 | grep -E '^generated' | while read -r l; do log "$l"; done
fi
sql "DELETE FROM scrm_inbox_event WHERE corp_id='$CORP'" # a REUSE run starts with an empty inbox
# ... and without what earlier runs' callbacks left (their customers wmW*, wmb*, wmi*; the generated ones are wm<digits>):
# kept, a run's adds became re-adds of relations that the re-fetcher had closed (the simulator does not know these
# customers), one UPDATE each instead of part of a multi-row INSERT, and the re-fetch queue started with the earlier
# runs' backlog: every REUSE run measured a heavier workload than the last
sql "DELETE FROM scrm_refetch WHERE corp_id='$CORP'; DELETE FROM scrm_domain_event WHERE corp_id='$CORP'"
for t in scrm_follow_tag scrm_follow_relation scrm_customer_attribution scrm_welcome_ledger scrm_tag_push \
  scrm_customer_attribute scrm_sop_enrollment scrm_customer; do
  sql "DELETE FROM $t WHERE corp_id='$CORP' AND (external_userid LIKE 'wmW%' OR external_userid LIKE 'wmb%' OR external_userid LIKE 'wmi%')"
done
log "data: $(sql "SELECT CONCAT((SELECT COUNT(*) FROM scrm_customer WHERE corp_id='$CORP'), ' customers, ', (SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id='$CORP'), ' relations, ', (SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id='$CORP'), ' follow tags, ', (SELECT ROUND(SUM(data_length + index_length) / 1048576) FROM information_schema.TABLES WHERE table_schema='$DB'), ' MB')")"

java -Xmx256m -cp "$BENCH" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher --port="$SIMPORT" --seed=demo --latency-ms="${LATENCY_MS:-20}" \
  --corp-id=$CORP --secret=$SECRET > "$OUT/simulator.log" 2>&1 &
SIM_PID=$! # java itself (not a function's subshell), so that cleanup stops it
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$SIMPORT/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
# shellcheck disable=SC2086
SCRM_DB_NAME=$DB java -Xmx512m -Xlog:gc:file="$OUT/gc.log" ${SERVER_JAVA_OPTS:-} -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb \
  --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
  --scrm.wecom.base-url="http://127.0.0.1:$SIMPORT" --scrm.wecom.corps[0].corp-id=$CORP \
  --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES \
  --scrm.wecom.corps[0].agent-id=1000002 --spring.quartz.auto-startup=false ${SERVER_OPTS:-} > "$OUT/server.log" 2>&1 &
SRV_PID=$!
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { log "server did not start"; exit 1; }
DB_PID=$(pgrep -o mariadbd)
STAFF=$(seq -s, -f 'staff%g' 0 39)
callbacks() { # $1 prefix, $2 seconds: the open-loop generator; prints its summary line
  LAUNCH_NICE=${GEN_NICE:-} launch io.wescrm.bench.CallbackLoadMain -Xmx512m --url="http://127.0.0.1:$PORT" --corp-id=$CORP --token=$TOKEN \
    --aes-key=$AES --staff="$STAFF" --mode=rate --rate="$RATE" --seconds="$2" --concurrency=128 --prefix="$1" \
    --warmup="${GEN_WARMUP:-5}" --acked="$PWD/$OUT/acked-$1.txt" --timeline="$PWD/$OUT/timeline-$1.txt" 2>/dev/null
}
drain() { local t0=$SECONDS d
  while [ $((SECONDS - t0)) -lt 300 ]; do
    d=$(curl -sf -H "$AUTH" "$API/inbox" | python3 -c "import json,sys; print(json.load(sys.stdin)['depth'])" || echo 1)
    [ "$d" = 0 ] && break; sleep 1
  done; echo "$((SECONDS - t0)) s"; }

RULE='{"condition": {"all": [{"field": "follow.state", "op": "contains", "value": "qr"}, {"field": "tags", "op": "hasAny", "values": ["etlevel1", "etlevel2"]}]}}'
SEARCH='{"condition": {"any": [{"field": "follow.remark", "op": "contains", "value": "vip"}, {"field": "follow.addedAt", "op": "withinDays", "value": 30}]}}'
CAMPAIGN='{"name": "会员日（隔离基准）", "kind": "BROADCAST", "audience": {"include": {"field": "gender", "op": "in", "values": [1, 2]}}, "content": {"text": "{{store_name|门店}}的{{staff_name}}邀请您参加会员日"}, "channel": "AUTO", "schedule": {"type": "manual"}}'
preview() { # $1 kind (rule|search|campaign): one request; prints "kind status seconds retry-after"
  local path body
  case $1 in
    rule) path="/rules/preview?sample=20" body=$RULE ;;
    search) path="/customers/search?page=1&size=20" body=$SEARCH ;;
    campaign) path="/campaigns/preview?sample=5" body=$CAMPAIGN ;;
  esac
  echo "$1 $(curl -s -o /dev/null -m 120 -w '%{http_code} %{time_total} %header{retry-after}' -H "$AUTH" \
    -H 'Content-Type: application/json' -X POST "$API$path" --data-binary "$body")"
}
client() { # $1 client number, $2 stop at (epoch s): previews in a loop
  local kinds=(rule search campaign) kind line code wait
  kind=${kinds[$(($1 % 3))]}
  while [ "$(date +%s)" -lt "$2" ]; do
    line=$(preview "$kind"); echo "$(date +%s.%N) $line" >> "$OUT/previews-$1.txt"
    read -r _ code _ wait <<< "$line"
    if [ "$code" = 429 ] || [ "$code" = 503 ]; then sleep "${wait:-1}"; fi
  done
}
# the preview clients: one JVM (PreviewLoadMain, keep-alive connections; its CPU is logged); PREVIEW_CLIENTS=shell:
# the earlier shell loops forking curl and date for every request (sessions 1–4 of 2026-12-03)
clients() { # $1 stop at (epoch s), $2 name: previews-$2.txt
  if [ "${PREVIEW_CLIENTS:-java}" = shell ]; then
    local c pids=(); for c in $(seq 1 "$CLIENTS"); do client "$c" "$1" & pids+=($!); done; wait "${pids[@]}"
  else
    [ -f "$OUT/rule.json" ] || { printf '%s' "$RULE" > "$OUT/rule.json"; printf '%s' "$SEARCH" > "$OUT/search.json"
      printf '%s' "$CAMPAIGN" > "$OUT/campaign.json"; }
    SCRM_API_AUTH="${AUTH#Authorization: }" launch io.wescrm.bench.PreviewLoadMain -Xmx128m --api="$API" \
      --clients="$CLIENTS" --until="$1" --rule="$OUT/rule.json" --search="$OUT/search.json" \
      --campaign="$OUT/campaign.json" --out="$OUT/previews-$2.txt" > "$OUT/preview-clients-$2.log" 2>&1
  fi
}
report_previews() { # previews-*.txt → counts and latency per kind and status
  cat "$OUT"/previews-*.txt > "$OUT/previews.txt"; rm -f "$OUT"/previews-*.txt
  python3 - "$OUT/previews.txt" <<'EOF'
import sys, collections
by = collections.defaultdict(list)
for l in open(sys.argv[1]):
    f = l.split()
    by[(f[1], f[2])].append(float(f[3]) * 1000)
p = lambda v, q: v[min(len(v) - 1, max(0, int(len(v) * q + 0.999999) - 1))]
for (kind, code), v in sorted(by.items()):
    v.sort()
    print('  %-8s %s: %5d answers, ms p50 %.0f p99 %.0f max %.0f' % (kind, code, len(v), p(v, .5), p(v, .99), v[-1]))
tot = collections.Counter(c for (_, c), v in by.items() for _ in v)
print('  all: ' + ', '.join('%s x %d' % kv for kv in sorted(tot.items())))
EOF
}

if [ "${WARMUP_PREVIEWS:-1}" = 1 ]; then
log "warm-up: one preview of each kind alone: $(for k in rule search campaign; do preview $k; done | tr '\n' ';')"
curl -sf -H "$AUTH" -X POST "$API/rules/preview?sample=5" -H 'Content-Type: application/json' --data-binary "$RULE" > "$OUT/rule-preview.json" || true
log "  (the rule preview's answer: $(head -c 200 "$OUT/rule-preview.json"))"
fi
jit() { local t sum=0; for t in /proc/"$SRV_PID"/task/*; do # CPU ticks of the server's JIT compiler threads
  case "$(cat "$t/comm" 2>/dev/null)" in *CompilerThre*) sum=$((sum + $(awk '{print $14 + $15}' "$t/stat"))) ;; esac; done; echo $sum; }
quiet() { local t0=$SECONDS j0 j1
  while [ $((SECONDS - t0)) -lt "${QUIET_WAIT:-240}" ] && awk -v q="${QUIET_LOAD:-3}" '{exit !($1 >= q)}' /proc/loadavg; do sleep 5; done
  # the server's JIT has settled: its compiler threads used < 0.2 s of CPU in the last 5 s (a C2 compile of the
  # paths a phase uses, caught in the measured minute, took 8 of 30 CPU-seconds of the server on 2 cores)
  while [ $((SECONDS - t0)) -lt "${QUIET_WAIT:-240}" ]; do j0=$(jit); sleep 5; j1=$(jit); [ $((j1 - j0)) -lt 20 ] && break; done
  echo "waited $((SECONDS - t0)) s for a quieter machine (1-minute load average below ${QUIET_LOAD:-3}, JIT settled): $(loadavg)"; }
# warm-up as the measured phases load the server (same callbacks, same preview clients), so that their paths are
# compiled before anything is measured: a server runs for days, the benchmark measures its steady state
log "warm-up: callbacks ${WARMUP_SECONDS:-60} s at $RATE/s with $CLIENTS clients previewing"
stop=$(( $(date +%s) + ${WARMUP_SECONDS:-60} )); wpids=()
clients "$stop" warmup & wpids+=($!)
log "warm-up callbacks: $(callbacks wmW "${WARMUP_SECONDS:-60}")"
wait "${wpids[@]}" 2>/dev/null || true; rm -f "$OUT"/previews-*.txt
log "warm-up drained in $(drain)"
# the API's paths (security, JSON, validation, the 429 answer) reach the JIT's thresholds only after thousands of
# requests: at the clients' pace (a 429 sends a client to sleep for 1 s) their compilation went on in the measured
# minutes (9–10 of the server's 37 CPU-seconds). So: while one preview holds the gate, wrk asks for the three
# previews as fast as it can for API_WARMUP seconds (every answer a 429), then the JIT settles before measuring.
if [ "${API_WARMUP:-20}" -gt 0 ] && command -v wrk >/dev/null; then
  cat > "$OUT/previews.lua" <<LUA
local bodies = {'$RULE', '$SEARCH', '$CAMPAIGN'}
local paths = {'/api/corps/$CORP/rules/preview?sample=20', '/api/corps/$CORP/customers/search?page=1&size=20', '/api/corps/$CORP/campaigns/preview?sample=5'}
local i = 0
request = function()
  i = i % 3 + 1
  return wrk.format('POST', paths[i], {['Content-Type'] = 'application/json', ['Authorization'] = '${AUTH#Authorization: }'}, bodies[i])
end
LUA
  ( for _ in 1 2 3; do preview rule >/dev/null; done ) & hold=$! # keeps the gate taken (each up to 30 s)
  sleep 1
  log "API warm-up: $(wrk -t1 -c4 -d"${API_WARMUP:-20}s" -s "$OUT/previews.lua" "http://127.0.0.1:$PORT" | grep -E 'Requests/sec|Non-2xx' | tr -s ' ' | tr '\n' ' ')"
  kill "$hold" 2>/dev/null || true; wait "$hold" 2>/dev/null || true
fi
phase() { # $1 name, $2 previews (0|1)
  local prefix=wm${1:0:1} stop pids=() s0 m0 r
  log "$(quiet)"
  log "== $1: callbacks at $RATE/s for $SECONDS_RUN s$([ "$2" = 1 ] && echo ", $CLIENTS clients previewing in a loop")"
  s0=$(cpu "$SRV_PID") m0=$(cpu "$DB_PID") w0=$(cpu "$SIM_PID") j0=$(jit)
  if [ "$2" = 1 ]; then
    stop=$(( $(date +%s) + SECONDS_RUN + 3 ))
    clients "$stop" "$1" & pids+=($!)
    sleep 3 # the previews are running when the first callback arrives
  fi
  log "load average at the start: $(loadavg)"
  r=$(callbacks "$prefix" "$SECONDS_RUN"); log "$1 callbacks: $r"
  # the server's own view of the same minute (sliding-window percentiles): its ack time (request → durable ack),
  # the group commit's time and the oldest event's wait for a writer — where the client's latency goes
  log "$1 server timers (p50/p99 s): $(curl -s -H "$AUTH" "http://127.0.0.1:$PORT/actuator/prometheus" \
    | grep -E '^scrm_(callback_ack|inbox_write|inbox_write_wait)_seconds\{.*quantile|^scrm_inbox_write_batch\{.*quantile' \
    | sed -E 's/\{.*quantile="([0-9.]+)".*\} / q\1=/' | tr '\n' ' ')"
  log "load average at the end: $(loadavg); CPU during the phase: server $(( ($(cpu "$SRV_PID") - s0) / 100 )) s, MariaDB $(( ($(cpu "$DB_PID") - m0) / 100 )) s, simulator $(( ($(cpu "$SIM_PID") - w0) / 100 )) s; the server's JIT compiler $(( ($(jit) - j0) / 100 )) s (of $((2 * (SECONDS_RUN + 3))) s of the 2 cores)"
  if [ "$2" = 1 ]; then
    wait "${pids[@]}" 2>/dev/null || true
    [ -f "$OUT/preview-clients-$1.log" ] && log "$(cat "$OUT/preview-clients-$1.log")"
    log "$1 previews (status: answers, latency):"; report_previews | tee -a "$OUT/summary.txt"
  fi
  log "$1 drained in $(drain); re-fetch queue: $(sql "SELECT COUNT(*) FROM scrm_refetch WHERE corp_id='$CORP'") objects left (re-fetches go at most 5 at a time and 10,000 a minute per API, as WeCom allows)"
}
for p in $PHASES; do case $p in baseline) phase baseline 0 ;; isolation) phase isolation 1 ;; esac; done

# every acknowledged callback of the measured phases is in the inbox and APPLIED; nothing parked
sql "DROP TABLE IF EXISTS bench_acked; CREATE TABLE bench_acked (ext VARCHAR(64) PRIMARY KEY)"
cat "$OUT"/acked-wm[bi].txt 2>/dev/null | sed "s/.*/('&')/" | paste -sd, - | sed 's/^/INSERT INTO bench_acked VALUES /' | \
  mysql -h127.0.0.1 -uroot "$DB"
ACKED=$(sql "SELECT COUNT(*) FROM bench_acked")
APPLIED=$(sql "SELECT COUNT(*) FROM scrm_inbox_event e STRAIGHT_JOIN bench_acked a ON a.ext = SUBSTRING(e.order_key, 3) WHERE e.corp_id='$CORP' AND e.status='APPLIED'")
STATUSES=$(sql "SELECT GROUP_CONCAT(CONCAT(status, '=', n)) FROM (SELECT status, COUNT(*) n FROM scrm_inbox_event WHERE corp_id='$CORP' GROUP BY status) s")
log "check: acked in the measured phases $ACKED, of them APPLIED in the inbox $APPLIED; inbox of the corp by status: $STATUSES"
if [ "$ACKED" = "$APPLIED" ] && ! grep -q PARKED <<< "$STATUSES"; then log "check: every acknowledged callback applied, none parked"
else log "check: MISMATCH"; log "done: $OUT"; exit 1; fi
log "done: $OUT"
