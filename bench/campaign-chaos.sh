#!/usr/bin/env bash
# Campaigns under chaos: a fully personalised campaign (channel SINGLE, text with {{customer_name}}, so one WeCom
# task per customer) to the demo seed's customers, against the WeCom simulator in its own JVM. Afterwards the
# simulator's oracle (GET /sim/corps/{corp}/received: what each customer really received) is compared with our
# ledger (scrm_campaign_delivery): nobody may have received it twice, and every planned, non-held customer must have
# received it exactly once (0 missed).
#   MODE=kill     the server is killed (kill -9) at KILL_AT percent of the run's add_msg_template calls seen by the
#                 simulator, and started again at once each time.
#   MODE=fault    no kills; the simulator creates FAULT_RATE of the sends and then holds the answer TIMEOUT_HOLD_MS,
#                 beyond the server's read timeout (2 s): the outcome is unknown and must be adopted, not re-sent.
#   MODE=cluster  two servers (profiles mariadb,redis,wecom: clustered Quartz, Redis call gate) on one database: a
#                 recurring campaign fires every minute, FIRES times (one run per occurrence), then a personalised run
#                 under the quota; node 1 is killed (kill -9, not restarted) at CLUSTER_KILL_AT percent and node 2
#                 takes the rest over when the leases expire. The simulator's per-minute add_msg_template calls must stay
#                 within the quota and its max in flight within scrm.wecom.api-concurrency.
# Usage: MODE=kill bench/campaign-chaos.sh
#   env: QUOTA=1200 CONCURRENCY=5 DB=wescrm_chaos REDIS_DB=7 SIMPORT=18310 PORT=18311 PORT2=18312 LATENCY_MS=20
#        KILL_AT="5 20 40 60 80" FAULT_RATE=0.05 TIMEOUT_HOLD_MS=4000 FIRES=3 CLUSTER_KILL_AT=40
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=${JAR:-scrm-web/target/wescrm.jar}
BENCH_JAR=${BENCH_JAR:-scrm-bench/target/scrm-bench.jar}
SIM_MAIN=${SIM_MAIN:-io.wescrm.bench.SimulatorMain}
MODE=${MODE:-kill}
OUT=${OUT:-bench/out/campaign-chaos-$MODE-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
CORP=wwchaosbench0001 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
SIMPORT=${SIMPORT:-18310} PORT=${PORT:-18311} PORT2=${PORT2:-18312} DB=${DB:-wescrm_chaos} REDIS_DB=${REDIS_DB:-7}
QUOTA=${QUOTA:-1200} CONCURRENCY=${CONCURRENCY:-5} LATENCY_MS=${LATENCY_MS:-20}
KILL_AT=${KILL_AT:-5 20 40 60 80} FAULT_RATE=${FAULT_RATE:-0.05} TIMEOUT_HOLD_MS=${TIMEOUT_HOLD_MS:-4000}
FIRES=${FIRES:-3} CLUSTER_KILL_AT=${CLUSTER_KILL_AT:-40} WAIT_DONE=${WAIT_DONE:-900}
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT
ADD=externalcontact/add_msg_template
{ [ -f "$JAR" ] && [ -f "$BENCH_JAR" ]; } || { echo "build first: ./mvnw -B -ntp -q -o package -DskipTests"; exit 1; }
for p in "$PORT" "$PORT2" "$SIMPORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use: set PORT / PORT2 / SIMPORT"; exit 1; fi
done
SIM_PID= SRV_PID= SRV2_PID=
cleanup() {
  for p in "$SRV_PID" "$SRV2_PID" "$SIM_PID"; do [ -n "$p" ] && kill "$p" 2>/dev/null; done; true
}
trap cleanup EXIT
log() { echo "[$(date -u +%T)] $*" | tee -a "$OUT/summary.txt"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
if [ "$MODE" = cluster ]; then redis-cli -n "$REDIS_DB" FLUSHDB >/dev/null; fi
# --concurrency=0: the simulator does not refuse (45033), so its max in flight shows what the server really did
java -Xmx512m -cp "$BENCH_JAR" -Dloader.main="$SIM_MAIN" org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed=demo --latency-ms="$LATENCY_MS" --corp-id=$CORP --secret=$SECRET --threads=128 \
  --concurrency=0 > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 60); do curl -sf "$SIM/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
curl -sf -X PUT "$SIM/sim/corps/$CORP/groupmsg/settings" -d '{"confirmDelayMs": 500, "confirmProbability": 1.0,
  "capMode": "NONE", "dispatchMs": 200, "createThenTimeoutRate": 0.0, "timeoutHoldMs": '"$TIMEOUT_HOLD_MS"'}' >/dev/null

PROFILES=mariadb,wecom
[ "$MODE" = cluster ] && PROFILES=mariadb,redis,wecom
# start_server <port> <log>: echoes nothing, sets LAST_PID
start_server() {
  SCRM_DB_NAME=$DB SCRM_REDIS_DATABASE=$REDIS_DB java -Xmx512m -jar "$JAR" $SEC_ARGS --spring.profiles.active=$PROFILES \
    --server.port="$1" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
    --scrm.wecom.base-url="$SIM" --scrm.wecom.corps[0].corp-id=$CORP --scrm.wecom.corps[0].agent-id=1000002 \
    --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES \
    --scrm.wecom.calls-per-minute="$QUOTA" --scrm.wecom.api-concurrency="$CONCURRENCY" --scrm.wecom.read-timeout=2s \
    --scrm.campaigns.quiet-hours= --scrm.campaigns.cap-per-month=0 --scrm.campaigns.idle=200ms \
    --scrm.campaigns.first-poll=1s --scrm.campaigns.min-poll=1s --scrm.campaigns.adopt-grace=5s \
    --scrm.campaigns.lease=10s --scrm.campaigns.dispatching-backoff=1s \
    >> "$2" 2>&1 &
  LAST_PID=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$1/actuator/health" >/dev/null 2>&1 && return 0; sleep 1; done
  log "server on $1 did not come up"; return 1
}
start_server "$PORT" "$OUT/server.log"; SRV_PID=$LAST_PID
log "server up (pid $SRV_PID, profiles $PROFILES)"
curl -sf -H "$AUTH" -X POST "$API/sync" >/dev/null
sleep 1; while curl -sf -H "$AUTH" "$API/sync-runs?limit=1" | grep -q RUNNING; do sleep 1; done
log "synced: $(sql "SELECT COUNT(*) FROM scrm_customer WHERE corp_id='$CORP'") customers, $(sql "SELECT COUNT(*) FROM scrm_follow_relation WHERE corp_id='$CORP'") relations"
if [ "$MODE" = cluster ]; then
  start_server "$PORT2" "$OUT/server2.log"; SRV2_PID=$LAST_PID
  log "second server up (pid $SRV2_PID, port $PORT2)"
fi
[ "$MODE" = fault ] && curl -sf -X PUT "$SIM/sim/corps/$CORP/groupmsg/settings" \
  -d '{"createThenTimeoutRate": '"$FAULT_RATE"', "timeoutHoldMs": '"$TIMEOUT_HOLD_MS"'}' >/dev/null

adds() { curl -sf "$SIM/sim/stats" | json "d['calls'].get('$ADD', 0)"; }
run_status() { sql "SELECT status FROM scrm_campaign_run WHERE id=$1"; }
wait_done() { # <run id>
  for _ in $(seq 1 "$WAIT_DONE"); do
    case "$(run_status "$1")" in DONE|FAILED|CANCELLED) return 0 ;; esac
    sleep 1
  done
  log "run $1 not finished after $WAIT_DONE s: $(run_status "$1")"
}

# --- the recurring campaign (cluster): one run per fire, whichever node fires it ---------------------------------
if [ "$MODE" = cluster ]; then
  RECUR_TEXT="每分钟提醒（集群）$(date +%s)"
  RID=$(curl -sf -H "$AUTH" -X POST "$API/campaigns" -H 'Content-Type: application/json' -d '{"name": "每分钟一次", "channel": "SINGLE",
    "schedule": {"type": "recurring", "cron": "0 * * * * ?"}, "content": {"text": "'"$RECUR_TEXT"'"}}' | json "d['id']")
  log "recurring campaign $RID (cron 0 * * * * ?): waiting for $FIRES fires"
  for _ in $(seq 1 $(( FIRES * 60 + 120 ))); do
    n=$(sql "SELECT COUNT(DISTINCT occurrence) FROM scrm_campaign_run WHERE campaign_id=$RID")
    [ "$n" -ge "$FIRES" ] && break; sleep 1
  done
  for r in $(sql "SELECT id FROM scrm_campaign_run WHERE campaign_id=$RID"); do wait_done "$r"; done
  curl -sf -H "$AUTH" -X POST "$API/campaigns/$RID/pause" >/dev/null   # no more fires
  log "recurring campaign: runs per occurrence (occurrence, runs, status, lease owner = node that planned it):"
  sql "SELECT occurrence, COUNT(*), GROUP_CONCAT(status), GROUP_CONCAT(IFNULL(lease_owner, '-')) FROM scrm_campaign_run WHERE campaign_id=$RID GROUP BY occurrence" | tee -a "$OUT/summary.txt"
  curl -sf "$SIM/sim/corps/$CORP/received?text=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1]))' "$RECUR_TEXT")" > "$OUT/received-recurring.json"
  log "recurring: $(json "'recipients', d['recipients'], 'messages', d['messages'], 'tasks', d['tasks'], 'max per customer', max(d['received'].values() or [0])" < "$OUT/received-recurring.json") (each customer once per fire: max = $FIRES)"
fi

# --- the personalised run ------------------------------------------------------------------------------------------
TEXT_TAIL="，您好！本周会员日 chaos-$MODE-$(date +%s)"
CID=$(curl -sf -H "$AUTH" -X POST "$API/campaigns" -H 'Content-Type: application/json' -d '{"name": "混沌测试 '"$MODE"'",
  "channel": "SINGLE", "content": {"text": "{{customer_name}}'"$TEXT_TAIL"'"}}' | json "d['id']")
ADDS0=$(adds)
STARTED=$(date +%s)
RUN=$(curl -sf -H "$AUTH" -X POST "$API/campaigns/$CID/run" | json "d['id']")
for _ in $(seq 1 300); do
  [ "$(run_status "$RUN")" != PLANNING ] && break; sleep 0.5
done
PLANNED=$(sql "SELECT planned FROM scrm_campaign_run WHERE id=$RUN")
TASKS=$(sql "SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id=$RUN")
log "campaign $CID run $RUN: audience $(sql "SELECT audience FROM scrm_campaign_run WHERE id=$RUN"), planned $PLANNED, held back $(sql "SELECT held_back FROM scrm_campaign_run WHERE id=$RUN"), WeCom tasks $TASKS (quota $QUOTA/min, concurrency $CONCURRENCY)"

kill_at() { # <percent> <pid var> : waits until that share of the run's add_msg_template calls was seen, kills -9
  local target=$(( TASKS * $1 / 100 ))
  while [ $(( $(adds) - ADDS0 )) -lt "$target" ]; do
    case "$(run_status "$RUN")" in DONE|FAILED|CANCELLED) break ;; esac
    sleep 0.2
  done
  local pid=${!2}
  kill -9 "$pid"
  # what the dead node held: its tasks in flight (claimed under its lease) must be taken over and resolved
  local held
  held=$(sql "SELECT IFNULL(GROUP_CONCAT(id), '') FROM scrm_campaign_task WHERE run_id=$RUN AND lease_owner LIKE '$pid@%' AND status IN ('SENDING', 'UNKNOWN', 'RESOLVING')")
  ORPHANS="$ORPHANS${held:+,$held}"
  log "node $pid held these tasks in flight: ${held:-none}"
  log "kill -9 $pid at $1 % ($(( $(adds) - ADDS0 )) of $TASKS add_msg_template calls seen); tasks: $(sql "SELECT GROUP_CONCAT(CONCAT(status, '=', n)) FROM (SELECT status, COUNT(*) n FROM scrm_campaign_task WHERE run_id=$RUN GROUP BY status) t")"
}
ORPHANS=
case "$MODE" in
  kill)
    for at in $KILL_AT; do
      kill_at "$at" SRV_PID
      start_server "$PORT" "$OUT/server.log"; SRV_PID=$LAST_PID
      log "server started again (pid $SRV_PID)"
    done ;;
  cluster)
    kill_at "$CLUSTER_KILL_AT" SRV_PID; SRV_PID=
    log "node 1 stays dead; node 2 (port $PORT2) must take over its leases"
    API=http://127.0.0.1:$PORT2/api/corps/$CORP ;;
esac
wait_done "$RUN"
FINISHED=$(date +%s)
sleep 3
log "run $RUN: $(run_status "$RUN") after $(( FINISHED - STARTED )) s"

# --- counting --------------------------------------------------------------------------------------------------
curl -sf "$SIM/sim/corps/$CORP/received" > "$OUT/received.json"
sql "SELECT target, status FROM scrm_campaign_delivery WHERE run_id=$RUN" > "$OUT/ledger.tsv"
[ -f "$OUT/received-recurring.json" ] || echo '{"received": {}}' > "$OUT/received-recurring.json"
python3 - "$OUT" <<'EOF' | tee -a "$OUT/summary.txt"
import json, sys, collections
out = sys.argv[1]
all_ = json.load(open(out + "/received.json"))["received"]
rec = json.load(open(out + "/received-recurring.json"))["received"]
got = {k: v - rec.get(k, 0) for k, v in all_.items() if v - rec.get(k, 0) > 0}   # this run's text only
ledger = dict(line.rstrip("\n").split("\t") for line in open(out + "/ledger.tsv") if line.strip())
final = {"SENT", "NOT_FRIEND", "OVER_LIMIT", "NOT_CONFIRMED", "CANCELLED", "FAILED", "HELD_BACK"}
planned = {t for t, s in ledger.items() if s != "HELD_BACK"}
twice = sorted(t for t, n in got.items() if n > 1)
missed = sorted(t for t in planned if got.get(t, 0) == 0)
sent_not_received = sorted(t for t, s in ledger.items() if s == "SENT" and got.get(t, 0) == 0)
received_not_sent = sorted(t for t in got if ledger.get(t) != "SENT")
not_final = sorted(t for t, s in ledger.items() if s not in final)
print(f"ledger rows {len(ledger)}; statuses {dict(collections.Counter(ledger.values()))}")
print(f"customers who received it: {len(got)}; twice or more: {len(twice)} {twice[:5]}")
print(f"planned (non-held) customers who received nothing (missed): {len(missed)} {missed[:5]}")
print(f"ledger SENT but not received: {len(sent_not_received)} {sent_not_received[:5]}; received but ledger not SENT: {len(received_not_sent)} {received_not_sent[:5]}; deliveries not final: {len(not_final)}")
print("RESULT " + ("PASS" if not twice and not missed and not sent_not_received and not received_not_sent and not not_final else "FAIL"))
EOF
log "tasks by status: $(sql "SELECT GROUP_CONCAT(CONCAT(status, '=', n)) FROM (SELECT status, COUNT(*) n FROM scrm_campaign_task WHERE run_id=$RUN GROUP BY status) t"); attempts > 1: $(sql "SELECT COUNT(*) FROM scrm_campaign_task WHERE run_id=$RUN AND attempts > 1")"
log "simulator sends (tasks) in total: $(curl -sf "$SIM/sim/corps/$CORP/groupmsg" | json "d['count'], 'timeout faults:', sum(1 for t in d['tasks'] if t.get('timeout_fault'))")"
if [ -n "$ORPHANS" ]; then
  log "tasks a killed node held in flight, now (id, status, attempts, msgid): $(sql "SELECT GROUP_CONCAT(CONCAT_WS(' ', id, status, attempts, IFNULL(msgid, '-')) SEPARATOR '; ') FROM scrm_campaign_task WHERE id IN (${ORPHANS#,})")"
fi
LOGS="$OUT/server.log"; [ "$MODE" = cluster ] && LOGS="$OUT/server.log $OUT/server2.log"
log "adopted after an unknown outcome: $(cat $LOGS | grep -c 'adopted WeCom message' || true); sent again (not found): $(cat $LOGS | grep -c 'holds no message for it' || true); given up at the gate (lease ran out, taken over): $(cat $LOGS | grep -c 'lease ran out while add_msg_template' || true)"
curl -sf "$SIM/sim/stats/per-minute?minutes=30&api=$ADD" > "$OUT/per-minute.json"
log "add_msg_template per minute (quota $QUOTA): $(json "[(m['minute'][11:16], m['calls'].get('$ADD', 0)) for m in d['minutes'] if m['calls'].get('$ADD', 0)]" < "$OUT/per-minute.json")"
log "max per minute $(json "d['max_calls_per_minute'].get('$ADD')" < "$OUT/per-minute.json"), max in flight $(json "d['max_in_flight'].get('$ADD')" < "$OUT/per-minute.json") (api-concurrency $CONCURRENCY); errors: $(curl -sf "$SIM/sim/stats" | json "d.get('errors')")"
log "machine: $(nproc) cores, $(lscpu | grep -m1 'Model name' | cut -d: -f2 | xargs); $(java -version 2>&1 | head -1); $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()')"
log "results in $OUT"
