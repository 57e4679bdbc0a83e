#!/usr/bin/env bash
# Demo restart check: the demo is one world across restarts. Starts the demo jar in a fresh directory, runs the
# README's examples (two scans of store A's 活码), stops it gracefully, starts it again, and checks that the earlier
# customers are still there (in our API, live, and in the simulator) and that the README's examples work again; then
# a scan, a kill -9 after the snapshot interval, and a third start that still has that customer. Last, the snapshot is
# deleted while the database stays: the fourth start seeds the corp afresh, the README's examples still work (the
# registry's 活码 is put back into the simulator) and the customers only the old world had show as deleted.
# Exits non-zero if not.
# Usage: bench/demo-restart.sh     env: PORT=18085 SIMPORT=18095 KEEP=1 (keep the work directory)
set -euo pipefail
BENCH_USER=admin BENCH_PASSWORD=demo-admin . "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=$PWD/scrm-web/target/wescrm.jar
PORT=${PORT:-18085} SIMPORT=${SIMPORT:-18095} CORP=wwdemo0000000001
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT/sim/corps/$CORP
[ -f "$JAR" ] || ./mvnw -B -q -o package -DskipTests -pl scrm-web -am
WORK=$(mktemp -d)
SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; [ -n "${KEEP:-}" ] && echo "work dir: $WORK" || rm -rf "$WORK"; true; }
trap cleanup EXIT
log() { echo "[$(date +%H:%M:%S)] $*"; }
fail() { log "FAILED: $*"; tail -30 "$WORK/server-$N.log"; exit 1; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
N=0
start() {
  N=$((N + 1))
  local runs_before=${1:-0}
  (cd "$WORK" && PORT=$PORT exec java -Xmx512m -jar "$JAR" --scrm.simulator.port="$SIMPORT" > "server-$N.log" 2>&1) &
  SRV_PID=$!
  local t0=$(date +%s)
  for _ in $(seq 1 300); do
    runs=$(curl -sf -H "$AUTH" "$API/sync-runs?limit=50" 2>/dev/null | json "len([r for r in d if r['status'] == 'SUCCEEDED'])" 2>/dev/null || echo 0)
    if [ "$runs" -gt "$runs_before" ] && curl -sf -H "$AUTH" "$API/contact-ways" 2>/dev/null | grep -q store_sh01_qr; then break; fi
    sleep 1
  done
  [ "$runs" -gt "$runs_before" ] || fail "start $N: no successful start-up sync within 5 minutes"
  log "start $N: up and synced after $(( $(date +%s) - t0 )) s; $(grep -o 'Simulated corp [a-z0-9]* restored from [^ ]*\|No simulator snapshot at [^:]*' "$WORK/server-$N.log" | head -1)"
  SYNCS=$runs
}
stop() { kill -TERM "$SRV_PID"; wait "$SRV_PID" || true; SRV_PID=; log "stopped gracefully: $(grep -o 'Simulated corp saved to .*' "$WORK/server-$N.log" | tail -1)"; }
readme_examples() { # the README's quick-start calls; prints the scanned customer's id
  curl -sf -H "$AUTH" 'http://127.0.0.1:'"$PORT"'/api/corps' > /dev/null || fail "GET /api/corps"
  curl -sf -H "$AUTH" "$API/customers?size=5" > /dev/null || fail "GET customers"
  curl -sf -H "$AUTH" "$API/sync-runs" > /dev/null || fail "GET sync-runs"
  local a b
  a=$(curl -s -X POST "$SIM/scan" -H 'Content-Type: application/json' \
    -d '{"userid":"caiyufeng01","state":"store_sh01_qr","name":"扫码新客'"$N"'"}')
  echo "$a" | grep -q external_userid || fail "scan with userid: $a"
  b=$(curl -s -X POST "$SIM/scan" -H 'Content-Type: application/json' -d '{"state": "store_sh01_qr", "name": "王小美'"$N"'"}')
  echo "$b" | grep -q external_userid || fail "scan by state: $b"
  echo "$(echo "$a" | json "d['external_userid']") $(echo "$b" | json "d['external_userid']")"
}
live() { # customer known to our API with a live relation, and to the simulator
  curl -sf -H "$AUTH" "$API/customers/$1" | python3 -c "import json,sys; c=json.load(sys.stdin); sys.exit(0 if any(f.get('deletedAt') is None for f in c['follows']) else 1)" \
    && curl -sf "$SIM/customers/$1" > /dev/null
}
await_live() { for _ in $(seq 1 40); do live "$1" && return 0; sleep 0.5; done; return 1; }
by_state() { curl -sf -H "$AUTH" "$API/customers?state=store_sh01_qr&size=1" | json "d['total']"; }
total() { curl -sf -H "$AUTH" "$API/customers?size=1" | json "d['total']"; }

start 0
read -r C1 C2 <<< "$(readme_examples)"
await_live "$C1" && await_live "$C2" || fail "scanned customers $C1 $C2 not in our API"
STATE1=$(by_state) TOTAL1=$(total)
log "README examples ran: scanned $C1 and $C2; customers: $TOTAL1, via store_sh01_qr: $STATE1"
stop
log "snapshot: $(ls -l "$WORK/data/simulator" | tail -n +2 | awk '{print $5, $9}')"

start "$SYNCS"
live "$C1" && live "$C2" || fail "the earlier customers are gone after the restart"
[ "$(total)" = "$TOTAL1" ] || fail "customers after restart: $(total), before: $TOTAL1"
[ "$(by_state)" = "$STATE1" ] || fail "store_sh01_qr customers after restart: $(by_state), before: $STATE1"
log "after restart: $C1 and $C2 still live (our API and the simulator); customers $(total), via store_sh01_qr $(by_state)"
read -r C3 C4 <<< "$(readme_examples)"
await_live "$C3" && await_live "$C4" || fail "new scans after the restart not in our API"
log "README examples ran again: scanned $C3 and $C4; via store_sh01_qr now $(by_state)"
sleep 4   # > scrm.simulator.snapshot-interval (2 s)
kill -9 "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=
log "killed -9 four seconds after the last scan"

start "$SYNCS"
for c in "$C1" "$C2" "$C3" "$C4"; do live "$c" || fail "$c gone after kill -9 and restart"; done
log "after kill -9 and restart: $C1 $C2 $C3 $C4 all live; customers $(total), via store_sh01_qr $(by_state)"
log "rules: $(curl -sf -H "$AUTH" "$API/rules" | json "len(d)") (no duplicates: $(curl -sf -H "$AUTH" "$API/rules" | json "len(d) == len({r['preset'] for r in d})"))"
stop

rm "$WORK/data/simulator/$CORP.json"
log "snapshot deleted, database kept"
start "$SYNCS"
read -r C5 C6 <<< "$(readme_examples)"
await_live "$C5" && await_live "$C6" || fail "scans after a re-seed not in our API"
gone() { curl -sf -H "$AUTH" "$API/customers/$1" | python3 -c "import json,sys; c=json.load(sys.stdin); sys.exit(0 if all(f.get('deletedAt') for f in c['follows']) else 1)"; }
for c in "$C1" "$C2" "$C3" "$C4"; do gone "$c" || fail "$c (only in the old world) not marked deleted after the re-seed"; done
log "after a start without snapshot: README examples ran (scanned $C5 $C6); $C1 $C2 $C3 $C4 marked deleted; customers $(total)"
log "rules: $(curl -sf -H "$AUTH" "$API/rules" | json "len(d)") (no duplicates: $(curl -sf -H "$AUTH" "$API/rules" | json "len(d) == len({r['preset'] for r in d})"))"
stop
log "PASS"
