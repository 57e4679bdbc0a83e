#!/usr/bin/env bash
# Database outage during a scan burst (issue "the house for wave 2": durable domain events). The WeCom simulator
# (own JVM) fires COUNT scans of store A's 活码 over SECONDS_BURST s; OUTAGE_AT s into the burst MariaDB is frozen
# (SIGSTOP: connections stay open and every query hangs, the nastiest kind of outage) for OUTAGE s, then resumed.
# Callbacks the database cannot store in time go to the server's spool (scrm.callback.spool-dir); domain events
# whose consumers fail are retried from the outbox. Counted afterwards: every scan must have its relation, its first
# touch (attribution) and its channel tag, each exactly once, and no callback may be lost.
# MODE=kill instead: OUTAGE_AT s into the burst the server is killed (kill -9) and started again at once: what it
# had stored (inbox, outbox, spool) is applied and delivered after the restart; WeCom retries what it had not acked.
# Also counted: no inbox event parked or left unapplied (transient database errors are retried, never parked).
# Usage: bench/db-outage.sh   env: MODE=freeze|kill COUNT=1000 SECONDS_BURST=20 OUTAGE_AT=3 OUTAGE=30 DB=wescrm_outage PORT=18083 SIMPORT=18094 MAX_IN_FLIGHT=32 (callbacks the simulator has in flight: the rest wait in its queue)
# Needs root (to signal mariadbd). Leaves MariaDB running (SIGCONT in the exit trap).
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=${JAR:-scrm-web/target/wescrm.jar}
BENCH_JAR=${BENCH_JAR:-scrm-bench/target/scrm-bench.jar}
SIM_MAIN=${SIM_MAIN:-io.wescrm.bench.SimulatorMain}
OUT=bench/out/db-outage-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwoutagebench001 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
SIMPORT=${SIMPORT:-18094} PORT=${PORT:-18083} DB=${DB:-wescrm_outage}
MAX_IN_FLIGHT=${MAX_IN_FLIGHT:-32}
MODE=${MODE:-freeze} COUNT=${COUNT:-1000} SECONDS_BURST=${SECONDS_BURST:-20} OUTAGE_AT=${OUTAGE_AT:-3} OUTAGE=${OUTAGE:-30}
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT
{ [ -f "$JAR" ] && [ -f "$BENCH_JAR" ]; } || ./mvnw -B -q -o package -DskipTests
for p in "$PORT" "$SIMPORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT / SIMPORT"; exit 1; fi
done
MARIADB=$(pidof mariadbd || pidof mysqld)
SIM_PID= SRV_PID=
cleanup() {
  kill -CONT "$MARIADB" 2>/dev/null || true
  [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; true
}
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }

mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
rm -rf "$OUT/spool"
java -Xmx768m -cp "$BENCH_JAR" -Dloader.main="$SIM_MAIN" org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed=demo --latency-ms=20 --corp-id=$CORP --secret=$SECRET --threads=256 --concurrency=32 \
  > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 60); do curl -sf "$SIM/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done

start_server() {
  SCRM_DB_NAME=$DB java -Xmx512m -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb,wecom \
    --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
    --scrm.callback.spool-dir="$OUT/spool" \
    --scrm.wecom.base-url="$SIM" --scrm.wecom.corps[0].corp-id=$CORP --scrm.wecom.corps[0].agent-id=1000002 \
    --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES \
    >> "$OUT/server.log" 2>&1 &
  SRV_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
}
start_server

curl -sf -H "$AUTH" -X POST "$API/sync" >/dev/null
sleep 1; while curl -sf -H "$AUTH" "$API/sync-runs?limit=1" | grep -q RUNNING; do sleep 1; done
TAG=$(sql "SELECT tag_id FROM scrm_tag WHERE corp_id='$CORP' AND name='门店活码' AND deleted_at IS NULL LIMIT 1")
curl -sf -H "$AUTH" -X POST "$API/contact-ways" -H 'Content-Type: application/json' -d '{
  "name": "A店门口海报", "kind": "STORE", "state": "store_sh01_qr", "storeDeptId": 101, "channel": "门店海报",
  "tagIds": ["'"$TAG"'"]}' > "$OUT/contact-way.json"
curl -sf -X PUT "$SIM/sim/corps/$CORP/callback" -d '{"url": "http://127.0.0.1:'"$PORT"'/wecom/callback/'"$CORP"'",
  "token": "'"$TOKEN"'", "aes_key": "'"$AES"'", "max_in_flight": '"$MAX_IN_FLIGHT"'}' >/dev/null

BURST=$(curl -sf -X POST "$SIM/sim/corps/$CORP/scan-bursts" -H 'Content-Type: application/json' \
  -d '{"state": "store_sh01_qr", "count": '"$COUNT"', "seconds": '"$SECONDS_BURST"', "name_prefix": "停库客户"}')
BURST_ID=$(echo "$BURST" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
if [ "$MODE" = kill ]; then
  log "burst $BURST_ID: $COUNT scans over $SECONDS_BURST s; the server killed (-9) at +$OUTAGE_AT s and started again"
  sleep "$OUTAGE_AT"
  kill -9 "$SRV_PID"; log "server killed: $(sql "SELECT COUNT(*) FROM scrm_domain_event") domain events waiting, $(sql "SELECT COUNT(*) FROM scrm_inbox_event WHERE status IN ('PENDING','RETRY')") inbox events unapplied"
  start_server; log "server started again"
else
  log "burst $BURST_ID: $COUNT scans over $SECONDS_BURST s; MariaDB (pid $MARIADB) frozen at +$OUTAGE_AT s for $OUTAGE s"
  sleep "$OUTAGE_AT"
  kill -STOP "$MARIADB"; log "MariaDB frozen"
  sleep "$OUTAGE"
  kill -CONT "$MARIADB"; log "MariaDB resumed"
fi
until curl -sf "$SIM/sim/corps/$CORP/scan-bursts/$BURST_ID" | grep -q '"done":true'; do sleep 1; done
# wait until every callback was answered, the spool and inbox are empty, every domain event was delivered and every
# channel tag pushed to WeCom
for _ in $(seq 1 300); do
  left=$(sql "SELECT (SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id='$CORP' AND status IN ('PENDING','RETRY'))
    + (SELECT COUNT(*) FROM scrm_domain_event WHERE corp_id='$CORP')
    + (SELECT COUNT(*) FROM scrm_tag_push WHERE corp_id='$CORP' AND status = 'PENDING')")
  spooled=$(find "$OUT/spool" -name 'inbox-spool*.jsonl' -size +0 2>/dev/null | wc -l)
  [ "$left" = 0 ] && [ "$spooled" = 0 ] && break
  sleep 1
done
sleep 3
SCANS=$(curl -sf "$SIM/sim/corps/$CORP/scan-bursts/$BURST_ID" | python3 -c 'import json,sys; print(json.load(sys.stdin)["fired"])')
# the burst's customers are named 停库客户<n> (the demo seed has relations with this state too)
OURS="SELECT external_userid FROM scrm_customer WHERE corp_id='$CORP' AND name LIKE '停库客户%'"
REL=$(sql "SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id='$CORP' AND state='store_sh01_qr' AND external_userid IN ($OURS)")
FT=$(sql "SELECT COUNT(*) FROM scrm_customer_attribution WHERE corp_id='$CORP' AND state='store_sh01_qr' AND channel IS NOT NULL AND external_userid IN ($OURS)")
FT_DISTINCT=$(sql "SELECT COUNT(DISTINCT external_userid) FROM scrm_customer_attribution WHERE corp_id='$CORP' AND external_userid IN ($OURS)")
CT=$(sql "SELECT COUNT(*) FROM scrm_follow_tag WHERE corp_id='$CORP' AND source='CHANNEL' AND source_ref='store_sh01_qr' AND external_userid IN ($OURS)")
PUSHED=$(sql "SELECT COUNT(*) FROM scrm_tag_push WHERE corp_id='$CORP' AND status='SENT' AND external_userid IN ($OURS)")
log "scans fired: $SCANS"
log "relations with the channel: $REL; first touches: $FT ($FT_DISTINCT customers); channel tags: $CT (sent to WeCom: $PUSHED)"
PARKED=$(sql "SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id='$CORP' AND status='PARKED'")
UNAPPLIED=$(sql "SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id='$CORP' AND status IN ('PENDING','RETRY')")
ADDS=$(sql "SELECT COUNT(*), COUNT(DISTINCT JSON_VALUE(fields, '$.ExternalUserID')) FROM scrm_inbox_event WHERE corp_id='$CORP' AND event='change_external_contact' AND change_type='add_external_contact' AND status='APPLIED'" | tr '\t' ' ')
RETRIED=$(sql "SELECT COUNT(*) FROM scrm_inbox_event WHERE corp_id='$CORP' AND attempts > 0")
log "inbox: parked $PARKED, unapplied $UNAPPLIED, add events applied (rows, distinct customers): $ADDS, events that needed a retry: $RETRIED"
log "simulator callbacks: $(curl -sf "$SIM/sim/stats" | python3 -c 'import json,sys; d=json.load(sys.stdin); print({k: v for k, v in d.items() if k.startswith("callbacks")})' 2>/dev/null || echo n/a)"
[ "$MODE" = kill ] || log "server: spooled $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/metrics/scrm.callback.spooled" | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"])' 2>/dev/null || echo 0), 503s $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/metrics/scrm.callback.unavailable" | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"])' 2>/dev/null || echo 0), event failures $(curl -sf -H "$AUTH" "http://127.0.0.1:$PORT/actuator/metrics/scrm.events.failures" | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"])' 2>/dev/null || echo n/a)"
log "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()')"
if [ "$SCANS" = "$COUNT" ] && [ "$REL" = "$COUNT" ] && [ "$FT" = "$COUNT" ] && [ "$CT" = "$COUNT" ] \
    && [ "$PARKED" = 0 ] && [ "$UNAPPLIED" = 0 ]; then
  log "PASS: every scan has its relation, first touch and channel tag, once; every acknowledged event applied, none parked"
else
  log "FAIL: expected $COUNT of each"; exit 1
fi
log "results in $OUT"
