#!/usr/bin/env bash
# Callback benchmark (issue "Spine 2"): signed, encrypted add_external_contact callbacks posted concurrently to the
# server on MariaDB (-Xmx512m); the WeCom simulator (own JVM, 100 ms latency) answers the re-fetches.
# Load: wrk replaying pre-signed requests (A, B); the Java generator for C, which records every acknowledged id.
# Phases: A sustained durable-ack rate (closed loop) · A2 ack latency at a fixed 5,000/s (PHASES=A: A and A2;
# PHASES=P: A2 only; PHASES=B: B only, after the warm-up) · B fixed 1,000/s: ack latency, apply lag, enrichment lag ·
# C kill -9 of the server under load, restart: every callback that got a 200 is applied, exactly once.
# MariaDB is sized for the run as README "Database sizing" advises for callback bursts (SET GLOBAL, restored on exit):
# BUFFER_POOL (default 1G) and REDO_LOG (innodb_log_file_size, default 1G); with the 128 MB / 96 MB defaults the
# inbox's commits stall behind page flushing (A2 p99 87 ms instead of 44 ms). BUFFER_POOL= REDO_LOG= keep the server's.
# Warm-up: the Java generator, wrk closed loop 15 s, wrk in A2's shape 15 s, then rounds of 10 s at JIT_RATE/s with
# the admin API polled beside them until the JIT has caught up (a round costs C2 < 5 % of a core; ≤ JIT_ROUNDS).
# Usage: bench/callbacks.sh     env: SERVER_JAVA=java SERVER_JAVA_OPTS= EVENTS=250000 CONCURRENCY=64 RATE=1000 SECONDS_B=30 RATE_A2=5000 DB=wescrm_cbbench JIT_RATE=2500 JIT_ROUNDS=12
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=scrm-web/target/wescrm.jar BENCH=scrm-bench/target/scrm-bench.jar
OUT=bench/out/callbacks-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwbench0000000002 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
SIMPORT=${SIMPORT:-18191} PORT=${PORT:-18181} DB=${DB:-wescrm_cbbench}
EVENTS=${EVENTS:-250000} CONCURRENCY=${CONCURRENCY:-64} RATE=${RATE:-1000} SECONDS_B=${SECONDS_B:-30} RATE_A2=${RATE_A2:-5000}
API=http://127.0.0.1:$PORT/api/corps/$CORP
[ -f "$JAR" ] && [ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
SIM_PID= SRV_PID=
POOL_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_buffer_pool_size")
REDO_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_log_file_size")
DIRTY_PCT_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_max_dirty_pages_pct")
cleanup() { [ -n "$SRV_PID" ] && kill -9 "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; rm -f "$OUT"/*.req
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE; SET GLOBAL innodb_log_file_size = $REDO_BEFORE; SET GLOBAL innodb_max_dirty_pages_pct = $DIRTY_PCT_BEFORE" || true; }
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
BUFFER_POOL=${BUFFER_POOL-1G} REDO_LOG=${REDO_LOG-1G}
[ -n "$BUFFER_POOL" ] && mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $(numfmt --from=iec "$BUFFER_POOL")"
[ -n "$REDO_LOG" ] && mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_log_file_size = $(numfmt --from=iec "$REDO_LOG")"
log "MariaDB: innodb_buffer_pool_size $(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_buffer_pool_size"), innodb_log_file_size $(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_log_file_size"), innodb_flush_log_at_trx_commit $(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_flush_log_at_trx_commit")"
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
launch() { java -cp "$BENCH" -Dloader.main="$1" org.springframework.boot.loader.launch.PropertiesLauncher "${@:2}"; }
load() { launch io.wescrm.bench.CallbackLoadMain --url="http://127.0.0.1:$PORT" --corp-id=$CORP --token=$TOKEN \
  --aes-key=$AES --staff="$STAFF" "$@"; }

mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
java -Xmx1g -cp "$BENCH" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed=demo --latency-ms=100 --corp-id=$CORP --secret=$SECRET > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$SIMPORT/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done

start_server() {
  SCRM_DB_NAME=$DB ${SERVER_JAVA:-java} -Xmx512m -Xlog:gc:file="$OUT/gc-$1.log" ${SERVER_JAVA_OPTS:-} -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb \
    --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
    --scrm.wecom.base-url="http://127.0.0.1:$SIMPORT" --scrm.wecom.corps[0].corp-id=$CORP \
    --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES --scrm.wecom.corps[0].agent-id=1000002 \
    > "$OUT/server-$1.log" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return; sleep 1; done
  echo "server did not start"; exit 1
}
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system clock ticks (1/100 s)
settle() { # waits (≤ 90 s) until InnoDB has purged and flushed what the previous phase or run left behind, so that
  # a phase does not measure the background work of the one before (dropping the last run's database, purging A)
  # the page cleaner flushes lazily below innodb_max_dirty_pages_pct (90): ask it to flush now, then put it back
  local t0=$SECONDS h d t pct
  pct=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_max_dirty_pages_pct")
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_max_dirty_pages_pct = 0"
  while [ $((SECONDS - t0)) -lt 90 ]; do
    read -r h d t < <(mysql -h127.0.0.1 -uroot -N -e "SELECT SUM(IF(VARIABLE_NAME='INNODB_HISTORY_LIST_LENGTH', VARIABLE_VALUE, 0)), SUM(IF(VARIABLE_NAME='INNODB_BUFFER_POOL_PAGES_DIRTY', VARIABLE_VALUE, 0)), SUM(IF(VARIABLE_NAME='INNODB_BUFFER_POOL_PAGES_TOTAL', VARIABLE_VALUE, 0)) FROM information_schema.GLOBAL_STATUS" | tr '\t' ' ')
    [ "${h:-0}" -lt 5000 ] && [ $(( ${d:-0} * 100 )) -lt $(( ${t:-1} * 10 )) ] && break
    sleep 1
  done
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_max_dirty_pages_pct = $pct"
  echo "$((SECONDS - t0)) s (history list $h, dirty pages $d of $t)"
}
DB_PID=$(pgrep -o mariadbd || echo "$$")
drain() { # waits until the inbox is applied; prints seconds waited
  local t0=$SECONDS
  while :; do
    d=$(curl -sf -H "$AUTH" "$API/inbox" | python3 -c "import json,sys; print(json.load(sys.stdin)['depth'])" || echo 1)
    [ "$d" = 0 ] && break; sleep 0.5
  done
  echo $((SECONDS - t0))
}
server_stats() { # the server's own view of the last ~30 s: ack latency and the inbox writer's batches (Prometheus
  # scrape: the timers' client-side p50/p99 are the summaries' quantiles)
  curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/prometheus" | python3 -c "
import re,sys
t=sys.stdin.read()
for m,u in (('scrm_callback_ack_seconds',1000),('scrm_inbox_write_wait_seconds',1000),('scrm_inbox_write_seconds',1000),('scrm_inbox_write_batch',1)):
    def q(x):
        r=re.search(r'^'+m+r'(?:_[a-z]+)?[{][^}]*quantile=.'+x+r'.[^}]*[}] ([0-9.eE+-]+)', t, re.M)
        return float(r.group(1))*u if r else float('nan')
    r=re.search(r'^'+m+r'(?:_[a-z]+)?_max(?:[{][^}]*[}])? ([0-9.eE+-]+)', t, re.M)
    mx=float(r.group(1))*u if r else float('nan')
    print('%s p50=%.1f p99=%.1f max=%.1f' % (m, q('0.5'), q('0.99'), mx), end='; ')
print()"
}
lag() { # apply lag percentiles of events whose order key starts with c:$1 (applied_at - received_at)
  sql "SELECT TIMESTAMPDIFF(MICROSECOND, received_at, applied_at) FROM scrm_inbox_event WHERE corp_id='$CORP' AND order_key LIKE 'c:$1%' AND status='APPLIED'" \
    | python3 -c "
import sys
v=sorted(int(x) for x in sys.stdin.read().split())
p=lambda q: v[min(len(v)-1,max(0,int(len(v)*q+0.999999)-1))]/1000 if v else 0
print('n=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f' % (len(v), p(.5), p(.99), v[-1]/1000 if v else 0))"
}

start_server a
curl -sf -H "$AUTH" -X POST "$API/sync" >/dev/null   # a full sync first: the corp's staff, customers and groups are known
while curl -sf -H "$AUTH" "$API/sync-runs?limit=1" | grep -q RUNNING; do sleep 1; done
STAFF=$(sql "SELECT GROUP_CONCAT(userid) FROM (SELECT userid FROM scrm_staff WHERE corp_id='$CORP' AND contact_enabled=1 LIMIT 20) s")
log "staff for events: $STAFF"
# warm-up as the phases load the server (the same client, wrk, for 15 s, then drained): a profile after a warm-up by
# the Java generator alone showed C2 still compiling wrk's request paths for a fifth of the server's CPU in phase A;
# the phases measure a warm server, as it runs in production
log "warm-up: $(load --mode=max --events=5000 --concurrency=16 2>/dev/null)"
load --dump="$PWD/$OUT/w.req" --events="${WARMUP:-80000}" --prefix=wmW 2>/dev/null
log "warm-up (wrk, 15 s): $(wrk -t2 -c"$CONCURRENCY" -d15s --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/w.req" 2 | grep '^wrk:')"
# and in A2's shape (256 connections, open loop): C2 compiled the request path for the first shape only, and in A2
# recompiled it after uncommon traps for a quarter of the server's CPU (PrintCompilation: ~300 C2 compiles in A2)
load --dump="$PWD/$OUT/w2.req" --events=$((RATE_A2 * 17)) --prefix=wmV 2>/dev/null
log "warm-up (wrk, 15 s at ${RATE_A2}/s, 256 connections): $(wrk -t2 -c256 -d15s --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/w2.req" 2 "r$RATE_A2" | grep '^wrk:')"
# then until the JIT has caught up, with the admin API polled beside the callbacks as in production (monitoring,
# the console). JFR showed both: on 2 busy cores C2 trails the load by minutes (52 s of C2 time before A2), and
# Tomcat's request path compiled for callbacks alone was deoptimised (unstable_if, class_check) by the first API
# GET after the burst, so that A2 ran on recompiling code, C2 taking a quarter of the server's CPU. Rounds of 10 s
# at JIT_RATE/s until a round costs C2 < 5 % of a core.
jit_ns() { jcmd "$SRV_PID" PerfCounter.print 2>/dev/null | awk -F= '/^sun.ci.(standard|osr)Time=/ {s += $2} END {print s + 0}'; }
for round in $(seq 1 "${JIT_ROUNDS:-12}"); do
  load --dump="$PWD/$OUT/j.req" --events=$(( ${JIT_RATE:-2500} * 11 )) --prefix="wmJ${round}x" 2>/dev/null
  j0=$(jit_ns)
  ( while :; do curl -sf -H "$AUTH" "$API/inbox" >/dev/null; curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/health" >/dev/null; sleep 0.2; done ) &
  POLLER=$!
  wrk -t2 -c256 -d10s --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/j.req" 2 "r${JIT_RATE:-2500}" >/dev/null
  kill "$POLLER"; wait "$POLLER" 2>/dev/null || true
  pct=$(( ($(jit_ns) - j0) / 100000000 ))   # ns of compilation in 10 s, as % of one core
  [ "$pct" -lt 5 ] && break
done
log "JIT warm-up: $round round(s) of 10 s at ${JIT_RATE:-2500}/s; compilation in the last one: ${pct} % of a core"
log "warm-up drained in $(drain) s; MariaDB settled in $(settle)"

if [ "${PHASES:-ABC}" != P ] && [ "${PHASES:-ABC}" != B ]; then
log "== A: sustained ack rate: wrk, 2 threads, $CONCURRENCY connections, 30 s, every request a distinct event"
load --dump="$PWD/$OUT/a.req" --events="$EVENTS" --prefix=wmA 2>/dev/null
S0=$(cpu "$SRV_PID") M0=$(cpu "$DB_PID")
/usr/bin/time -f "%U %S" -o "$OUT/wrk-a.time" wrk -t2 -c"$CONCURRENCY" -d30s --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/a.req" 2 > "$OUT/wrk-a.txt"
S1=$(cpu "$SRV_PID") M1=$(cpu "$DB_PID")
RA=$(grep '^wrk:' "$OUT/wrk-a.txt"); log "$RA"
N=$(echo "$RA" | sed 's/.*requests=\([0-9]*\).*/\1/')
log "A CPU per acknowledged callback: server $(( (S1 - S0) * 10000000 / N / 1000 )) µs, MariaDB $(( (M1 - M0) * 10000000 / N / 1000 )) µs, wrk $(awk -v n="$N" '{printf "%d", ($1 + $2) * 1000000 / n}' "$OUT/wrk-a.time") µs (the box has 2,000,000 µs per second)"
[ -n "${JFR:-}" ] && jcmd "$SRV_PID" JFR.dump filename="$PWD/$OUT/phase-a.jfr" >/dev/null
log "A drained in $(drain) s more; apply lag of A: $(lag wmA)"
log "MariaDB settled in $(settle)"
fi
if [ "${PHASES:-ABC}" != B ]; then
log "== A2: ack latency at a fixed ${RATE_A2}/s for 30 s (wrk, 256 connections, requests started on a fixed schedule)"
load --dump="$PWD/$OUT/a2.req" --events=$((RATE_A2 * 35)) --prefix=wmP 2>/dev/null
# open loop: request starts follow a fixed schedule of RATE_A2/s whatever the response times (256 connections keep
# it so up to ~50 ms of latency at 5,000/s)
S0=$(cpu "$SRV_PID") M0=$(cpu "$DB_PID")
/usr/bin/time -f "%U %S" -o "$OUT/wrk-a2.time" wrk -t2 -c256 -d30s --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/a2.req" 2 "r$RATE_A2" > "$OUT/wrk-a2.txt"
S1=$(cpu "$SRV_PID") M1=$(cpu "$DB_PID")
RA2=$(grep '^wrk:' "$OUT/wrk-a2.txt"); log "A2: $RA2"
N=$(echo "$RA2" | sed 's/.*requests=\([0-9]*\).*/\1/')
log "A2 CPU per callback (acks, and the applier's share while it yields): server $(( (S1 - S0) * 10000000 / N / 1000 )) µs, MariaDB $(( (M1 - M0) * 10000000 / N / 1000 )) µs, wrk $(awk -v n="$N" '{printf "%d", ($1 + $2) * 1000000 / n}' "$OUT/wrk-a2.time") µs"
log "A2 server side (ms; batch in events): $(server_stats)"
[ "${PHASES:-ABC}" = A ] || [ "${PHASES:-ABC}" = P ] && { log "done (phases ${PHASES}): $OUT"; exit 0; }
log "A2 drained in $(drain) s more; apply lag of A2: $(lag wmP)"
log "MariaDB settled in $(settle)"
log "A ack latency (server, Micrometer): $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/metrics/scrm.callback.ack" | python3 -c "import json,sys; d=json.load(sys.stdin); print({m['statistic']: m['value'] for m in d['measurements']})")"

fi
log "== B: fixed ${RATE}/s for ${SECONDS_B} s"
curl -sf -X POST "http://127.0.0.1:$SIMPORT/sim/stats/reset" >/dev/null
( while :; do curl -sf -H "$AUTH" "$API/inbox" >> "$OUT/inbox-b.jsonl" 2>/dev/null; echo >> "$OUT/inbox-b.jsonl"; sleep 1; done ) & MON=$!
load --dump="$PWD/$OUT/b.req" --events=$((RATE * SECONDS_B)) --prefix=wmB 2>/dev/null
# open loop: requests start on a fixed schedule of RATE/s
S0=$(cpu "$SRV_PID") M0=$(cpu "$DB_PID")
RB=$(wrk -t2 -c64 -d"${SECONDS_B}s" --timeout 5s -s bench/callback-requests.lua "http://127.0.0.1:$PORT" -- "$PWD/$OUT/b.req" 2 "r$RATE" | grep '^wrk:'); log "B: $RB"
S1=$(cpu "$SRV_PID") M1=$(cpu "$DB_PID")
log "B server side (ms; batch in events): $(server_stats)"
log "B CPU per callback, acked and applied (re-fetches included): server $(( (S1 - S0) * 10000000 / (RATE * SECONDS_B) / 1000 )) µs, MariaDB $(( (M1 - M0) * 10000000 / (RATE * SECONDS_B) / 1000 )) µs"
log "B drained in $(drain) s more; apply lag of B (facts the event carries): $(lag wmB)"
for _ in $(seq 1 120); do b=$(curl -sf -H "$AUTH" "$API/inbox" | python3 -c "import json,sys; print(json.load(sys.stdin)['refetchBacklog'])"); [ "$b" = 0 ] && break; sleep 1; done
kill $MON 2>/dev/null || true
log "B enrichment: max refetch lag $(python3 -c "
import json
m=0
for l in open('$OUT/inbox-b.jsonl'):
  l=l.strip()
  if l: m=max(m, json.loads(l)['refetchLagMs'])
print(m)") ms, backlog now $b; simulator externalcontact/get calls: $(curl -sf "http://127.0.0.1:$SIMPORT/sim/stats" | python3 -c "import json,sys; d=json.load(sys.stdin); print(d['calls'].get('externalcontact/get',0), 'max in flight', d['max_in_flight'].get('externalcontact/get'))")"

[ "${PHASES:-ABC}" = B ] && { log "done (phases B): $OUT"; exit 0; }
log "== C: kill -9 under load (500/s for 20 s, server killed after 8 s, restarted)"
load --mode=rate --rate=500 --seconds=20 --concurrency=64 --prefix=wmC --acked="$PWD/$OUT/acked-c.txt" > "$OUT/load-c.txt" 2>/dev/null &
LOAD=$!
sleep 8; kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=; log "killed the server"
start_server c
wait $LOAD; log "$(cat "$OUT/load-c.txt")"
log "C drained in $(drain) s after restart"
ACKED=$(wc -l < "$OUT/acked-c.txt")
sql "DROP TABLE IF EXISTS bench_acked; CREATE TABLE bench_acked (ext VARCHAR(64) PRIMARY KEY)"
sql "LOAD DATA LOCAL INFILE '$PWD/$OUT/acked-c.txt' INTO TABLE bench_acked" 2>/dev/null || \
  while read -r id; do echo "INSERT INTO bench_acked VALUES ('$id');"; done < "$OUT/acked-c.txt" | mysql -h127.0.0.1 -uroot "$DB"
# one pass over the inbox, each row looked up in the acked list (the join the other way round took minutes)
APPLIED=$(sql "SELECT COUNT(*) FROM scrm_inbox_event e STRAIGHT_JOIN bench_acked a ON a.ext = SUBSTRING(e.order_key, 3) WHERE e.corp_id='$CORP' AND e.order_key LIKE 'c:wmC%' AND e.status='APPLIED'")
ROWS=$(sql "SELECT COUNT(*) FROM bench_acked a JOIN scrm_follow_relation f ON f.corp_id='$CORP' AND f.external_userid=a.ext")
EXTRA=$(sql "SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id='$CORP' AND order_key LIKE 'c:wmC%'")
log "C: acked=$ACKED, acked events in the inbox APPLIED=$APPLIED, relation rows for them=$ROWS (one per event), inbox rows of C=$EXTRA (acked + stored-but-not-acked when killed)"
[ "$APPLIED" = "$ACKED" ] && [ "$ROWS" = "$ACKED" ] && log "C: every acknowledged callback applied exactly once" || { log "C: MISMATCH"; exit 1; }
log "done: $OUT"
