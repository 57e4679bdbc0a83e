#!/usr/bin/env bash
# Moment sync at benchmark size (issue 15): the standalone simulator with 100 ms latency on every WeCom call and a
# corp of 200 staff, 8,000 customers (12,000 relations) and 10,000 moments over 80 days (every 10th a corp moment with
# tasks for 5 staff members, ~85 % of them published; the rest personal moments of the staff in turn; likes and
# comments by the customers who can see each copy); the server on MariaDB back-fills 90 days (3 windows of 30 days)
# in its first pass. Measured per pass: wall time, calls per API (the pass's own count and the simulator's), the floor
# = Σ calls ÷ 5 in flight × 100 ms, time ÷ floor. Checked: the customer likes and comments stored equal the
# simulator's, as a full set of (moment, staff copy, customer, kind, time). Then a second pass with nothing new, and a
# third after a few new moments and likes: only what is new is read (plus the young copies' re-read).
# Usage: bench/moment-sync.sh   env: DB=wescrm_mbench PORT=18383 SIMPORT=18394 MOMENTS=10000 LATENCY=100
#        PARALLELISM=5 (scrm.moments.parallelism; 1 = every call one after another, as before the pool)
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-scrm-web/target/wescrm.jar}
BENCH_JAR=${BENCH_JAR:-scrm-bench/target/scrm-bench.jar}
OUT=bench/out/moment-sync-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
CORP=wwmsyncbench0001 SECRET=bench-secret TOKEN=BenchToken AES=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF
SIMPORT=${SIMPORT:-18394} PORT=${PORT:-18383} DB=${DB:-wescrm_mbench}
MOMENTS=${MOMENTS:-10000} LATENCY=${LATENCY:-100} SIZE=${SIZE:-20,200,8000,12000,0,0} CONCURRENCY=5
PARALLELISM=${PARALLELISM:-$CONCURRENCY}
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT
{ [ -f "$JAR" ] && [ -f "$BENCH_JAR" ]; } || ./mvnw -B -q -o package -DskipTests
SIM_PID= SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "$SIM_PID" ] && kill "$SIM_PID" 2>/dev/null; true; }
trap cleanup EXIT
log() { echo "[$(date +%T)] $*" | tee -a "$OUT/summary.txt"; }
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
log "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()')"
log "corp: size $SIZE (stores,staff,customers,relations,groups,members), $MOMENTS moments over 80 days; latency $LATENCY ms; pass parallelism $PARALLELISM"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
java -Xmx1g -cp "$BENCH_JAR" -Dloader.main=io.wescrm.bench.SimulatorMain org.springframework.boot.loader.launch.PropertiesLauncher \
  --port="$SIMPORT" --seed=custom --size="$SIZE" --moments="$MOMENTS" --moment-days=80 --corp-every=10 \
  --tasks-per-corp-moment=5 --latency-ms="$LATENCY" --corp-id=$CORP --secret=$SECRET --threads=64 \
  --concurrency=$CONCURRENCY > "$OUT/simulator.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1 120); do curl -sf "$SIM/sim/corps/$CORP/counts" >/dev/null 2>&1 && break; sleep 1; done
SCRM_DB_NAME=$DB java -Xmx1g -jar "$JAR" --spring.profiles.active=mariadb,wecom \
  --server.port="$PORT" --scrm.simulator.enabled=false --scrm.sync.on-startup=false \
  --scrm.moments.cron='0 0 0 1 1 ? 2099' --scrm.moments.backfill-days=90 --scrm.moments.max-windows=4 \
  --scrm.wecom.api-concurrency=$CONCURRENCY --scrm.moments.parallelism="$PARALLELISM" \
  --scrm.wecom.base-url="$SIM" --scrm.wecom.corps[0].corp-id=$CORP --scrm.wecom.corps[0].agent-id=1000002 \
  --scrm.wecom.corps[0].secret=$SECRET --scrm.wecom.corps[0].token=$TOKEN --scrm.wecom.corps[0].aes-key=$AES \
  > "$OUT/server.log" 2>&1 &
SRV_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
t0=$(date +%s)
curl -sf -X POST "$API/sync" >/dev/null
sleep 2; while curl -sf "$API/sync-runs?limit=1" | grep -q RUNNING; do sleep 2; done
log "contacts sync first (so that the customers exist): $(( $(date +%s) - t0 )) s; customers $(sql "SELECT COUNT(*) FROM scrm_customer WHERE corp_id='$CORP'")"

# One pass: reset the simulator's counters, start the pass, wait for its record; print the pass and the simulator's stats.
pass() {
  local name=$1 before after start end
  curl -sf -X POST "$SIM/sim/stats/reset" >/dev/null
  before=$(sql "SELECT COALESCE(MAX(id), 0) FROM scrm_moment_sync WHERE corp_id='$CORP'")
  start=$(date +%s.%N)
  curl -sf -X POST "$API/moments/sync" >/dev/null
  while :; do
    after=$(sql "SELECT COUNT(*) FROM scrm_moment_sync WHERE corp_id='$CORP' AND id > $before AND status <> 'RUNNING'")
    [ "$after" = 1 ] && break
    sleep 0.2
  done
  end=$(date +%s.%N)
  log "$name pass done; load average$(uptime | sed 's/.*load average//')"
  curl -sf "$API/moment-syncs?limit=1" > "$OUT/$name-pass.json"
  curl -sf "$SIM/sim/stats" > "$OUT/$name-simstats.json"
  python3 - "$OUT" "$name" "$start" "$end" "$CONCURRENCY" "$LATENCY" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys
out, name, start, end, conc, latency = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
p = json.load(open(f"{out}/{name}-pass.json"))[0]
s = json.load(open(f"{out}/{name}-simstats.json"))
calls = {k.split("/")[-1]: v for k, v in sorted(p["calls"].items())}
sim = {k.split("/")[-1]: v for k, v in sorted(s["calls"].items()) if "moment" in k}
total = sum(calls.values())
wall = end - start
floor = total / conc * latency / 1000   # the floor at WeCom's 5 in flight, whatever the pass's own parallelism
print(f"{name} pass: {p['kind']} {p['status']}, {p['windows']} windows, moments seen {p['momentsSeen']}, "
      f"new {p['momentsNew']}, new interactions {p['interactionsNew']}; wall {wall:.1f} s")
print(f"  calls (the pass's count): {calls}, total {total}")
print(f"  calls (the simulator's count): {sim}; other APIs: "
      f"{ {k: v for k, v in s['calls'].items() if 'moment' not in k} }; errors {s['errors']}; max in flight per API "
      f"{ {k.split('/')[-1]: v for k, v in s['max_in_flight'].items() if 'moment' in k} }")
print(f"  floor = {total} calls / {conc} in flight x {latency} ms = {floor:.1f} s; wall / floor = "
      f"{(wall / floor) if floor else float('nan'):.2f}")
if p["status"] != "SUCCEEDED" or sim != calls:
    print(f"  MISMATCH or FAILED: {p.get('error')}")
PY
}

# The customer likes and comments stored vs the simulator's, as full sets.
compare() {
  local name=$1
  sql "SELECT moment_id, userid, external_userid, kind, UNIX_TIMESTAMP(interacted_at) FROM scrm_moment_interaction WHERE corp_id='$CORP'" > "$OUT/$name-stored.tsv"
  curl -sf "$SIM/sim/corps/$CORP/moment-interactions" > "$OUT/$name-sim.json"
  python3 - "$OUT" "$name" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys, collections
out, name = sys.argv[1], sys.argv[2]
stored = set()
for line in open(f"{out}/{name}-stored.tsv"):
    m, u, e, k, t = line.rstrip("\n").split("\t")
    stored.add((m, u, e, k, int(float(t))))
sim = {tuple(r[:4]) + (int(r[4]),) for r in json.load(open(f"{out}/{name}-sim.json"))["interactions"]}
kinds = lambda xs: dict(sorted(collections.Counter(x[3] for x in xs).items()))
print(f"  interactions: stored {len(stored)} {kinds(stored)}, simulator {len(sim)} {kinds(sim)}; "
      f"in the simulator only {len(sim - stored)}, stored only {len(stored - sim)}; customers "
      f"{len({x[2] for x in stored})} stored, {len({x[2] for x in sim})} in the simulator")
PY
}

pass first
log "  stored: moments $(sql "SELECT COUNT(*) FROM scrm_moment WHERE corp_id='$CORP'") (simulator $(curl -sf "$SIM/sim/corps/$CORP/moments" | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')), copies $(sql "SELECT CONCAT(SUM(publish_status = 1), ' published, ', SUM(publish_status = 0), ' not yet') FROM scrm_moment_copy WHERE corp_id='$CORP'")"
compare first
log "  young (< 7 days): published copies $(sql "SELECT COUNT(*) FROM scrm_moment_copy c JOIN scrm_moment m ON m.corp_id = c.corp_id AND m.moment_id = c.moment_id WHERE c.corp_id='$CORP' AND c.publish_status = 1 AND m.create_time >= NOW() - INTERVAL 7 DAY"), corp moments with a copy not published $(sql "SELECT COUNT(DISTINCT m.moment_id) FROM scrm_moment m JOIN scrm_moment_copy c ON m.corp_id = c.corp_id AND m.moment_id = c.moment_id WHERE m.corp_id='$CORP' AND m.create_type = 0 AND c.publish_status = 0 AND m.create_time >= NOW() - INTERVAL 7 DAY")"

pass second
compare second

# Something new: two staff members post, the corp posts a moment with three tasks (published at once), customers
# like and comment the new moments and a young old one.
STAFF=$(sql "SELECT userid FROM scrm_follow_relation WHERE corp_id='$CORP' GROUP BY userid ORDER BY userid LIMIT 3")
set -- $STAFF
U1=$1 U2=$2 U3=$3
cust() { sql "SELECT external_userid FROM scrm_follow_relation WHERE corp_id='$CORP' AND userid='$1' ORDER BY external_userid LIMIT 1 OFFSET $2"; }
new_moment() { curl -sf -X POST "$SIM/sim/corps/$CORP/moments" -H 'Content-Type: application/json' -d "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["moment_id"])'; }
M1=$(new_moment "{\"creator\": \"$U1\", \"create_type\": 1, \"text\": \"新品到店\"}")
M2=$(new_moment "{\"creator\": \"$U2\", \"create_type\": 1, \"text\": \"周末活动\"}")
M3=$(new_moment "{\"create_type\": 0, \"userids\": [\"$U1\", \"$U2\", \"$U3\"], \"publish\": true, \"text\": \"会员日\"}")
like() { curl -sf -X POST "$SIM/sim/corps/$CORP/moments/$1/$2" -H 'Content-Type: application/json' -d "{\"external_userid\": \"$3\", \"userid\": \"$4\"}" >/dev/null; }
like "$M1" likes "$(cust "$U1" 0)" "$U1"; like "$M1" comments "$(cust "$U1" 1)" "$U1"
like "$M2" likes "$(cust "$U2" 0)" "$U2"
like "$M3" likes "$(cust "$U3" 0)" "$U3"; like "$M3" likes "$(cust "$U1" 2)" "$U1"
YOUNG=$(sql "SELECT m.moment_id, m.creator FROM scrm_moment m WHERE m.corp_id='$CORP' AND m.create_type = 1 AND m.visible_type = 1 AND m.create_time >= NOW() - INTERVAL 3 DAY ORDER BY m.create_time DESC LIMIT 1")
set -- $YOUNG
like "$1" likes "$(sql "SELECT f.external_userid FROM scrm_follow_relation f WHERE f.corp_id='$CORP' AND f.userid='$2' AND NOT EXISTS (SELECT 1 FROM scrm_moment_interaction i WHERE i.corp_id = f.corp_id AND i.moment_id='$1' AND i.external_userid = f.external_userid AND i.kind='LIKE') ORDER BY f.external_userid LIMIT 1")" "$2"
log "new: 3 moments (2 personal, 1 corp with 3 tasks published), 6 interactions (5 on them, 1 like on a young old moment)"
pass third
compare third
log "figures in $OUT/summary.txt"
