#!/usr/bin/env bash
# Full-sync benchmark (issue "Spine 1"): simulator at benchmark size (100k customers, 150k follow relations, 2k
# groups) with injected latency per call, the server on MariaDB with -Xmx512m, WeCom's ≤ 5 concurrent calls per API.
# Phases: 1 clean sync (time, peak heap, counts vs simulator, floor) · 2 second sync (nothing changes) ·
# 3 kill -9 midway, restart, sync (same state) · 4 5% of calls failing (-1, 45009, 42001) (same state) ·
# R one incremental reconciliation pass over one slice of the staff (PHASES=1R: phases 1 and R only).
# Usage: bench/full-sync.sh            env: LATENCY_MS=100 SEED=benchmark KILL_AFTER_S=15 DB=wescrm_bench
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=scrm-web/target/wescrm.jar BENCH=scrm-bench/target/scrm-bench.jar
OUT=bench/out/full-sync-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwbench0000000001 SECRET=bench-secret SIMPORT=${SIMPORT:-18090} PORT=${PORT:-18080}
DB=${DB:-wescrm_bench} LAT=${LATENCY_MS:-100} SEED=${SEED:-benchmark} KILL_AFTER_S=${KILL_AFTER_S:-15}
API=http://127.0.0.1:$PORT/api/corps/$CORP SIM=http://127.0.0.1:$SIMPORT/sim
[ -f "$JAR" ] && [ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests
SIM_PID= SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill -9 "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; true; }
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
java -Xmx4g -cp "$BENCH" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed="$SEED" --latency-ms="$LAT" --corp-id=$CORP --secret=$SECRET > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 120); do curl -sf "$SIM/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
log "simulator: $(curl -sf "$SIM/corps/$CORP/counts")"

start_server() {
  SCRM_DB_NAME=$DB java -Xmx512m -Xlog:gc:file="$OUT/gc-$1.log" ${SERVER_JAVA_OPTS:-} -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb \
    --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
    --scrm.wecom.base-url="http://127.0.0.1:$SIMPORT" --scrm.wecom.corps[0].corp-id=$CORP \
    --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].name=bench --scrm.wecom.corps[0].agent-id=1000002 \
    --scrm.wecom.corps[0].token=BenchToken --scrm.wecom.corps[0].aes-key=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF \
    --scrm.wecom.backoff=200ms \
    --scrm.wecom.rate-limited-backoff=2s > "$OUT/server-$1.log" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && return; sleep 1; done
  echo "server did not start"; exit 1
}
heap() { curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/metrics/jvm.memory.used?tag=area:heap" | json "int(d['measurements'][0]['value'])"; }
start_sync() { curl -sf -H "$AUTH" -X POST "$API/sync" | json "d['runId']"; }
wait_run() { # prints the run JSON; tracks peak heap into $OUT/peak-heap
  local id=$1 peak=0 h status
  while :; do
    h=$(heap || echo 0); [ "$h" -gt "$peak" ] && peak=$h
    status=$(curl -sf -H "$AUTH" "$API/sync-runs/$id" | json "d['status']")
    [ "$status" != RUNNING ] && break
    sleep 0.5
  done
  echo "$peak" > "$OUT/peak-heap"
  curl -sf -H "$AUTH" "$API/sync-runs/$id"
}
fingerprint() { # live state in the database: counts and an order-independent checksum of every row's content
  mysql -h127.0.0.1 -uroot -N "$DB" -e "
    SELECT 'follows', COUNT(*), SUM(CRC32(CONCAT_WS('|',userid,external_userid,remark,description,state,add_way,added_at,remark_mobiles))) FROM scrm_follow_relation WHERE corp_id='$CORP' AND deleted_at IS NULL;
    SELECT 'customers', COUNT(*), SUM(CRC32(CONCAT_WS('|',external_userid,name,unionid))) FROM scrm_customer c WHERE corp_id='$CORP' AND EXISTS (SELECT 1 FROM scrm_follow_relation f WHERE f.corp_id=c.corp_id AND f.external_userid=c.external_userid AND f.deleted_at IS NULL);
    SELECT 'follow_tags', COUNT(*), SUM(CRC32(CONCAT_WS('|',userid,external_userid,tag_id))) FROM scrm_follow_tag WHERE corp_id='$CORP';
    SELECT 'tags', COUNT(*), SUM(CRC32(CONCAT_WS('|',tag_id,name))) FROM scrm_tag WHERE corp_id='$CORP' AND deleted_at IS NULL;
    SELECT 'groups', COUNT(*), SUM(CRC32(CONCAT_WS('|',chat_id,name,owner,member_version))) FROM scrm_group_chat WHERE corp_id='$CORP' AND dismissed_at IS NULL;
    SELECT 'members', COUNT(*), SUM(CRC32(CONCAT_WS('|',chat_id,member_id,join_time))) FROM scrm_group_member WHERE corp_id='$CORP' AND left_at IS NULL;
    SELECT 'staff', COUNT(*), SUM(CRC32(CONCAT_WS('|',userid,name))) FROM scrm_staff WHERE corp_id='$CORP' AND deleted_at IS NULL;" | tr '\t' ' '
}
compare_counts() { # database counts against the simulator's
  local sim db
  sim=$(curl -sf "$SIM/corps/$CORP/counts" | json "' '.join(str(d[k]) for k in ['follow_relations','customers','follow_tags','tags','groups','group_members','staff'])")
  db=$(fingerprint | awk '{printf "%s ", $2}' | sed 's/ $//')
  if [ "$sim" = "$db" ]; then log "counts EQUAL simulator (relations customers followTags tags groups members staff): $db"
  else log "counts DIFFER: simulator=[$sim] database=[$db]"; return 1; fi
}
floor() { # the floor that latency and concurrency impose: max over APIs of calls x latency / 5
  curl -sf "$SIM/stats" | python3 -c "
import json,sys
d=json.load(sys.stdin); calls=d.get('calls', d)
rows=sorted(((v,k) for k,v in calls.items() if isinstance(v,int)), reverse=True)
for v,k in rows[:6]: print('   %-40s %7d calls -> %6.1f s' % (k, v, v*$LAT/1000/5))
print('floor_s=%.1f' % (rows[0][0]*$LAT/1000/5))"
}

log "== phase 1: clean full sync (latency ${LAT} ms, server -Xmx512m, MariaDB $DB)"
start_server p1
curl -sf -X POST "$SIM/stats/reset" >/dev/null
RUN=$(start_sync); R1=$(wait_run "$RUN")
log "run: $R1"
log "duration_ms=$(echo "$R1" | json "d['durationMs']") peak_heap_mb=$(( $(cat "$OUT/peak-heap") / 1048576 ))"
floor | tee -a "$OUT/summary.txt"
compare_counts
FP1=$(fingerprint); echo "$FP1" > "$OUT/fingerprint-1"

if [[ "${PHASES:-1234R}" == *R* ]]; then
  log "== phase R: one incremental reconciliation pass (the next of scrm.sync.reconcile-slices=8 slices of the staff)"
  RUN=$(curl -sf -H "$AUTH" -X POST "$API/reconciliation?scope=next" | json "d['runId']"); RR=$(wait_run "$RUN")
  log "reconciliation pass: scope=$(echo "$RR" | json "d['scope']") duration_ms=$(echo "$RR" | json "d['durationMs']") api_calls=$(echo "$RR" | json "d['counts']['apiCalls']") relations=$(echo "$RR" | json "d['counts']['followRelations']") groups=$(echo "$RR" | json "d['counts']['groups']") drift=$(echo "$RR" | json "d['counts']['rowsChanged'] + d['counts']['markedDeleted']")"
  [ "$(fingerprint)" = "$FP1" ] && log "state after the pass: IDENTICAL" || { log "state after the pass: DIFFERENT"; exit 1; }
fi
[ "${PHASES:-1234R}" = 1 ] || [ "${PHASES:-1234R}" = 1R ] && { jcmd "$SRV_PID" JFR.dump filename="$PWD/$OUT/sync.jfr" >/dev/null 2>&1 || true; log "done (phase 1 only): $OUT"; exit 0; }
log "== phase 2: second full sync"
RUN=$(start_sync); R2=$(wait_run "$RUN")
log "second run: rowsChanged=$(echo "$R2" | json "d['counts']['rowsChanged']") markedDeleted=$(echo "$R2" | json "d['counts']['markedDeleted']") duration_ms=$(echo "$R2" | json "d['durationMs']")"
[ "$(fingerprint)" = "$FP1" ] && log "state after second sync: IDENTICAL" || { log "state after second sync: DIFFERENT"; exit 1; }

log "== phase 3: kill -9 after ${KILL_AFTER_S}s of a sync, restart, sync again"
RUN=$(start_sync); sleep "$KILL_AFTER_S"
kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=
log "killed the server during run $RUN"
start_server p3
sleep 2
RUN=$(start_sync || true)
if [ -z "$RUN" ]; then log "lock still held (expected only with Redis); waiting"; sleep 60; RUN=$(start_sync); fi
R3=$(wait_run "$RUN")
log "run after restart: status=$(echo "$R3" | json "d['status']") duration_ms=$(echo "$R3" | json "d['durationMs']")"
log "killed run now: $(curl -sf -H "$AUTH" "$API/sync-runs?limit=3" | json "[(r['id'], r['status']) for r in d]")"
[ "$(fingerprint)" = "$FP1" ] && log "state after kill -9 + restart: IDENTICAL to the clean sync" || { log "state after kill -9: DIFFERENT"; fingerprint >> "$OUT/summary.txt"; exit 1; }

log "== phase 4: 5% of calls failing (2% -1, 1.5% 45009, 1.5% 42001)"
curl -sf -X PUT "$SIM/faults" -H 'Content-Type: application/json' -d '{"error_rules":[{"api":"*","rate":0.02,"errcode":-1},{"api":"*","rate":0.015,"errcode":45009},{"api":"*","rate":0.015,"errcode":42001}]}' > "$OUT/faults.json"
RUN=$(start_sync); R4=$(wait_run "$RUN")
log "run with faults: status=$(echo "$R4" | json "d['status']") retries=$(echo "$R4" | json "d['counts']['apiRetries']") calls=$(echo "$R4" | json "d['counts']['apiCalls']") duration_ms=$(echo "$R4" | json "d['durationMs']")"
[ "$(echo "$R4" | json "d['counts']['apiRetries']")" -gt 0 ] || { log "no retries: faults were not injected"; exit 1; }
log "simulator injected: $(curl -sf "$SIM/stats" | json "d['injected_errors']")"
[ "$(fingerprint)" = "$FP1" ] && log "state with 5% failing calls: IDENTICAL" || { log "state with faults: DIFFERENT"; exit 1; }
compare_counts
log "done: $OUT"
