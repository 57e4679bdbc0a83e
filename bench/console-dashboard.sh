#!/usr/bin/env bash
# Console dashboard benchmark (issue 17: "the dashboard of a 100k-customer corp renders in ≤ 2 s"): the simulator's
# benchmark corp (100,000 customers, 150,000 follow relations, 500 staff in 50 stores, 2,000 groups of ~40) is fully
# synced into a MariaDB database of its own, then given 90 days of history the sync cannot bring (group joins and
# leaves, ~2.5 % of relations lost, three campaigns with ~50k deliveries each, set-based SQL). The server jar serves
# it; headless Debian Chromium opens /console/#/dashboard afresh RUNS times (after WARMUP loads) as the bench admin
# and reads what the page records: navigation start → every chart drawn, and the API call as the page saw it
# (DashboardRenderBench, a main of scrm-web's test classes). The API alone is timed with curl too.
# Usage: bench/console-dashboard.sh   env: RUNS=20 WARMUP=3 DB=wescrm_dashbench PORT=18101 SIMPORT=19101
#   REUSE=1 keeps the database and its data from the previous run (no simulator, no sync).
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=scrm-web/target/wescrm.jar BENCH=scrm-bench/target/scrm-bench.jar
OUT=bench/out/console-dashboard-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwbench0000000001 SECRET=bench-secret PORT=${PORT:-18101} SIMPORT=${SIMPORT:-19101}
DB=${DB:-wescrm_dashbench} RUNS=${RUNS:-20} WARMUP=${WARMUP:-3}
API=http://127.0.0.1:$PORT/api/corps/$CORP SIM=http://127.0.0.1:$SIMPORT/sim
[ -f "$JAR" ] && [ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests -pl scrm-web,scrm-bench -am
# the render main runs with scrm-web's test classpath (Selenium, the console test harness)
./mvnw -B -q -o test-compile dependency:build-classpath -pl scrm-web -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/$OUT/classpath.txt" > "$OUT/build.log" 2>&1
SIM_PID= SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; true; }
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }

log "$(date -u +%FT%TZ) $(git rev-parse --short HEAD); CPU $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; \
load average $(cut -d' ' -f1-3 /proc/loadavg); MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'); \
$(java -version 2>&1 | head -1); $(/usr/bin/chromium --version 2>/dev/null)"

if [ "${REUSE:-}" != 1 ]; then
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
  java -Xmx2g -cp "$BENCH" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher \
    --port="$SIMPORT" --seed=benchmark --latency-ms=0 --corp-id=$CORP --secret=$SECRET > "$OUT/simulator.log" 2>&1 &
  SIM_PID=$!
  for _ in $(seq 1 120); do curl -sf "$SIM/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
  log "simulator: $(curl -sf "$SIM/corps/$CORP/counts")"
fi

SCRM_DB_NAME=$DB java -Xmx512m ${SERVER_JAVA_OPTS:-} -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb \
  --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
  --scrm.sync.reconcile-cron="0 0 4 1 1 ? 2099" \
  --scrm.wecom.base-url="http://127.0.0.1:$SIMPORT" --scrm.wecom.corps[0].corp-id=$CORP \
  --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].name=基准企业 --scrm.wecom.corps[0].agent-id=1000002 \
  --scrm.wecom.corps[0].token=BenchToken --scrm.wecom.corps[0].aes-key=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF \
  > "$OUT/server.log" 2>&1 &
SRV_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null || { log "server did not start: $OUT/server.log"; exit 1; }

if [ "${REUSE:-}" != 1 ]; then
  run=$(curl -sf -H "$AUTH" -X POST "$API/sync" | json 'd["runId"]')
  for _ in $(seq 1 600); do
    status=$(curl -sf -H "$AUTH" "$API/sync-runs/$run" | json 'd["status"]')
    [ "$status" != RUNNING ] && break
    sleep 2
  done
  log "full sync $run: $status, $(curl -sf -H "$AUTH" "$API/sync-runs/$run" | json 'str(d["durationMs"]) + " ms"')"
  kill "$SIM_PID" 2>/dev/null; SIM_PID=
  # 90 days of history a sync cannot bring (the mirror's rows, set-based)
  sql "INSERT INTO scrm_group_member_event (corp_id, chat_id, member_id, kind, scene, happened_at, event_day)
       SELECT corp_id, chat_id, member_id, 'JOIN', 3, NOW(3) - INTERVAL (id % 90) DAY, DATE(NOW() - INTERVAL (id % 90) DAY)
       FROM scrm_group_member WHERE corp_id = '$CORP' AND id % 4 = 0;
     INSERT INTO scrm_group_member_event (corp_id, chat_id, member_id, kind, scene, happened_at, event_day)
       SELECT corp_id, chat_id, member_id, 'LEAVE', 0, NOW(3) - INTERVAL (id % 89) DAY, DATE(NOW() - INTERVAL (id % 89) DAY)
       FROM scrm_group_member WHERE corp_id = '$CORP' AND id % 20 = 1;
     UPDATE scrm_follow_relation SET deleted_at = NOW(3) - INTERVAL ((id DIV 40) % 90) DAY - INTERVAL (id % 24) HOUR,
       deleted_by = IF(id % 2 = 0, 'CUSTOMER', 'STAFF') WHERE corp_id = '$CORP' AND id % 40 = 7;"
  for c in 1 2 3; do
    sql "INSERT INTO scrm_campaign (corp_id, name, kind, status, created_at, updated_at)
           VALUES ('$CORP', ELT($c, '双12会员日', '新品上市通知', '门店周年庆'), 'BROADCAST', 'ACTIVE', NOW(3), NOW(3));
         INSERT INTO scrm_campaign_run (corp_id, campaign_id, version, occurrence, trigger_source, channel, status,
           due_at, deadline_at, audience, planned, held_back, created_at)
           SELECT '$CORP', MAX(id), 1, 'bench', 'API', 'SINGLE', 'DONE', NOW(3) - INTERVAL $c DAY, NOW(3), 0, 0, 0,
           NOW(3) - INTERVAL $c DAY FROM scrm_campaign WHERE corp_id = '$CORP';
         INSERT INTO scrm_campaign_delivery (run_id, corp_id, target, sender, render_key, chunk_no, status, confirmed,
           counted_at, sent_at, updated_at)
           SELECT (SELECT MAX(id) FROM scrm_campaign_run WHERE corp_id = '$CORP'), corp_id, external_userid, userid,
           '0000000000000000', 0, ELT(1 + id % 5, 'SENT', 'SENT', 'SENT', 'NOT_CONFIRMED', 'HELD_BACK'),
           IF(id % 5 < 3, 1, 0), NOW(3), NOW(3), NOW(3)
           FROM scrm_follow_relation WHERE corp_id = '$CORP' AND deleted_at IS NULL AND id % 3 = $c - 1;
         UPDATE scrm_campaign_run r SET audience = (SELECT COUNT(*) FROM scrm_campaign_delivery d WHERE d.run_id = r.id),
           planned = (SELECT COUNT(*) FROM scrm_campaign_delivery d WHERE d.run_id = r.id AND d.status <> 'HELD_BACK')
           WHERE r.corp_id = '$CORP' AND r.audience = 0;"
  done
  sql "ANALYZE TABLE scrm_follow_relation, scrm_customer, scrm_staff, scrm_group_chat, scrm_group_member_event,
       scrm_campaign_run, scrm_campaign_delivery" > /dev/null
fi
log "data: $(sql "SELECT CONCAT((SELECT COUNT(*) FROM scrm_customer WHERE corp_id = '$CORP'), ' customers, ',
  (SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = '$CORP'), ' relations (',
  (SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id = '$CORP' AND deleted_at IS NOT NULL), ' lost), ',
  (SELECT COUNT(*) FROM scrm_staff WHERE corp_id = '$CORP'), ' staff, ',
  (SELECT COUNT(*) FROM scrm_group_chat WHERE corp_id = '$CORP'), ' groups, ',
  (SELECT COUNT(*) FROM scrm_group_member_event WHERE corp_id = '$CORP'), ' group events, ',
  (SELECT COUNT(*) FROM scrm_campaign_delivery WHERE corp_id = '$CORP'), ' deliveries')")"

# the API alone (curl), warm: the server's own time (tookMs) and the round trip
for days in 30 90; do
  for _ in $(seq 1 "$WARMUP"); do curl -sf -o /dev/null -H "$AUTH" "$API/dashboard?days=$days"; done
  : > "$OUT/api-$days.txt"
  for _ in $(seq 1 "$RUNS"); do
    curl -sf -H "$AUTH" -w ' %{time_total}\n' "$API/dashboard?days=$days" \
      | python3 -c "import json,sys; t=sys.stdin.read(); b,s=t.rsplit(' ',1); print(json.loads(b)['tookMs'], round(float(s)*1000))" \
      >> "$OUT/api-$days.txt"
  done
  log "API days=$days ($RUNS runs): $(python3 - "$OUT/api-$days.txt" <<'EOF'
import sys, math
rows = [tuple(map(int, l.split())) for l in open(sys.argv[1]) if l.strip()]
def pct(v, p):
    v = sorted(v); return v[max(0, min(len(v) - 1, math.ceil(p / 100 * len(v)) - 1))]
took = [r[0] for r in rows]; total = [r[1] for r in rows]
print(f"server median {pct(took, 50)} ms p95 {pct(took, 95)} ms; round trip median {pct(total, 50)} ms p95 {pct(total, 95)} ms")
EOF
)"
done

# the page in headless Chromium
CP="scrm-web/target/test-classes:scrm-web/target/classes:$(cat "$OUT/classpath.txt")"
for days in 30 90; do
  log "browser days=$days, load average $(cut -d' ' -f1-3 /proc/loadavg):"
  java -cp "$CP" io.wescrm.web.console.DashboardRenderBench "http://127.0.0.1:$PORT" "$BENCH_USER" "$BENCH_PASSWORD" \
    "$RUNS" "$WARMUP" "$days" 2>&1 | grep --line-buffered -E '^(run|warm-up|RESULT)' | tee -a "$OUT/browser-$days.txt" \
    | grep RESULT | tee -a "$OUT/summary.txt"
done
mv target/console-screenshots/dashboard-bench.png "$OUT/" 2>/dev/null && rmdir target/console-screenshots target 2>/dev/null || true
log "load average after: $(cut -d' ' -f1-3 /proc/loadavg); figures in $OUT/summary.txt, the last page in $OUT/dashboard-bench.png"
