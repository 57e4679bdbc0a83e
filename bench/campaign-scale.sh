#!/usr/bin/env bash
# Campaign at benchmark size (issue "campaigns"): the standalone simulator seeded with the benchmark corp (100,000
# customers, 150,000 relations, 500 staff in 50 stores), the server on MariaDB; after a full sync a campaign whose text
# names the store and the staff member ({{store_name}}, {{staff_name}}: one text per sender) is run to every customer.
# Checked afterwards, per customer: the ledger's SENT set equals the simulator's record of who received it, nobody
# received it twice, every planned customer is final; and the number of add_msg_template calls equals the minimum,
# Σ over (sender, text) of ceil(recipients / 10,000).
# Usage: bench/campaign-scale.sh   env: DB=wescrm_cscale PORT=18383 SIMPORT=18394 SEED=benchmark
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=${JAR:-scrm-web/target/wescrm.jar}
BENCH_JAR=${BENCH_JAR:-scrm-bench/target/scrm-bench.jar}
OUT=bench/out/campaign-scale-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwcscalebench001 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
SIMPORT=${SIMPORT:-18394} PORT=${PORT:-18383} DB=${DB:-wescrm_cscale} SEED=${SEED:-benchmark}
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT
{ [ -f "$JAR" ] && [ -f "$BENCH_JAR" ]; } || ./mvnw -B -q -o package -DskipTests
SIM_PID= SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; true; }
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
log "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()')"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
java -Xmx2g -cp "$BENCH_JAR" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed="$SEED" --latency-ms=20 --corp-id=$CORP --secret=$SECRET --threads=128 --concurrency=32 \
  > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 120); do curl -sf "$SIM/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
curl -sf -X PUT "$SIM/sim/corps/$CORP/groupmsg/settings" -H 'Content-Type: application/json' \
  -d '{"confirmDelayMs": 2000, "confirmProbability": 1.0, "capMode": "NONE", "dispatchMs": 500}' >/dev/null
SCRM_DB_NAME=$DB java -Xmx1g -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb,wecom \
  --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
  --scrm.campaigns.quiet-hours= --scrm.campaigns.cap-per-month=0 --scrm.campaigns.first-poll=3s \
  --scrm.campaigns.min-poll=3s --scrm.campaigns.max-poll=10s \
  --scrm.wecom.base-url="$SIM" --scrm.wecom.corps[0].corp-id=$CORP --scrm.wecom.corps[0].agent-id=1000002 \
  --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES \
  > "$OUT/server.log" 2>&1 &
SRV_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
t0=$(date +%s)
curl -sf -H "$AUTH" -X POST "$API/sync" >/dev/null
sleep 2; while curl -sf -H "$AUTH" "$API/sync-runs?limit=1" | grep -q RUNNING; do sleep 2; done
log "full sync: $(( $(date +%s) - t0 )) s; customers $(sql "SELECT COUNT(*) FROM scrm_customer WHERE corp_id='$CORP'")"
ID=$(curl -sf -H "$AUTH" -X POST "$API/campaigns" -H 'Content-Type: application/json' -d '{
  "name": "规模验证", "channel": "SINGLE",
  "content": {"text": "{{store_name|门店}}会员日：{{staff_name}}邀请您到店"}}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
calls0=$(curl -sf "$SIM/sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["calls"].get("externalcontact/add_msg_template", 0))')
t1=$(date +%s)
RUN=$(curl -sf -H "$AUTH" -X POST "$API/campaigns/$ID/run" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
until [ "$(sql "SELECT status FROM scrm_campaign_run WHERE id=$RUN")" = "DONE" ]; do
  sleep 5
  [ $(( $(date +%s) - t1 )) -gt 1800 ] && { log "run not DONE after 30 min"; break; }
done
log "run $RUN: $(sql "SELECT status, audience, planned, TIMESTAMPDIFF(SECOND, created_at, planned_at), TIMESTAMPDIFF(SECOND, created_at, finished_at) FROM scrm_campaign_run WHERE id=$RUN" | awk '{print "status "$1", audience "$2", planned "$3", planning "$4" s, done after "$5" s"}')"
log "ledger: $(sql "SELECT GROUP_CONCAT(CONCAT(status, ' ', n)) FROM (SELECT status, COUNT(*) n FROM scrm_campaign_delivery WHERE run_id=$RUN GROUP BY status) x")"
calls1=$(curl -sf "$SIM/sim/stats" | python3 -c 'import json,sys; print(json.load(sys.stdin)["calls"].get("externalcontact/add_msg_template", 0))')
minimum=$(sql "SELECT SUM(CEIL(n / 10000)) FROM (SELECT COUNT(*) n FROM scrm_campaign_delivery WHERE run_id=$RUN AND status <> 'HELD_BACK' GROUP BY sender, render_key) x")
log "add_msg_template calls: $((calls1 - calls0)); minimum (senders x distinct texts, chunked by 10,000): $minimum; tasks: $(sql "SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id=$RUN")"
sql "SELECT target FROM scrm_campaign_delivery WHERE run_id=$RUN AND status='SENT' ORDER BY target" > "$OUT/ledger-sent.txt"
curl -sf "$SIM/sim/corps/$CORP/received" > "$OUT/received.json"
python3 - "$OUT" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys
out = sys.argv[1]
received = json.load(open(out + "/received.json"))["received"]
sent = set(open(out + "/ledger-sent.txt").read().split())
twice = [k for k, n in received.items() if n > 1]
print(f"simulator: {len(received)} customers received it, {len(twice)} twice; ledger SENT: {len(sent)}; "
      f"received but not SENT in the ledger: {len(set(received) - sent)}; SENT but not received: {len(sent - set(received))}")
PY
log "figures in $OUT/summary.txt"
