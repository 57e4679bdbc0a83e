#!/usr/bin/env bash
# Acquisition demo (issue 4): the server in demo mode (H2, embedded simulator) seeds store A's 活码; a scripted scan
# must lead to the welcome sent with the customer's name within 2 s of the callback (the server's ledger measures it),
# and to the store/channel attribution and the channel tag in our database (the tag reaches WeCom through the tag
# push queue, within about a second more). Exits non-zero if not.
# Usage: bench/acquisition-demo.sh     env: PORT=18083 SIMPORT=18094
set -euo pipefail
BENCH_USER=admin BENCH_PASSWORD=demo-admin . "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=$PWD/scrm-web/target/wescrm.jar
PORT=${PORT:-18083} SIMPORT=${SIMPORT:-18094} CORP=wwdemo0000000001
API=http://127.0.0.1:$PORT/api/corps/$CORP
SIM=http://127.0.0.1:$SIMPORT/sim/corps/$CORP
[ -f "$JAR" ] || ./mvnw -B -q -o package -DskipTests -pl scrm-web -am
WORK=$(mktemp -d)
SRV_PID=
cleanup() { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null; rm -rf "$WORK"; true; }
trap cleanup EXIT
(cd "$WORK" && PORT=$PORT exec java -Xmx512m -jar "$JAR" --scrm.simulator.port="$SIMPORT" > server.log 2>&1) &
SRV_PID=$!
for _ in $(seq 1 120); do curl -sf -H "$AUTH" "$API/contact-ways" 2>/dev/null | grep -q store_sh01_qr && break; sleep 1; done
echo "store A's contact way: $(curl -sf -H "$AUTH" "$API/contact-ways" | python3 -c "import json,sys; w=json.load(sys.stdin)[0]; print(w['state'], w['configId'], w['qrCode'])")"
T0=$(date +%s%N)
SCAN=$(curl -sf -X POST "$SIM/scan" -H 'Content-Type: application/json' -d '{"state": "store_sh01_qr", "name": "王小美"}')
EXT=$(echo "$SCAN" | python3 -c "import json,sys; print(json.load(sys.stdin)['external_userid'])")
CODE=$(echo "$SCAN" | python3 -c "import json,sys; print(json.load(sys.stdin)['welcome_code'])")
echo "scan: customer $EXT, welcome code $CODE"
# the server's own measure decides (callback arrival -> send_welcome_msg answered, in the welcome ledger); the
# script's clock also counts curl and Python start-ups, so it only bounds the wait
ok= W= A= C=
while [ $(( ($(date +%s%N) - T0) / 1000000 )) -lt 10000 ]; do
  W=$(curl -s -H "$AUTH" "$API/welcomes/$CODE" || true)
  A=$(curl -s -H "$AUTH" "$API/customers/$EXT/attribution" || true)
  C=$(curl -s -H "$AUTH" "$API/customers/$EXT" || true)
  if echo "$W" | grep -q '"SENT"' && echo "$A" | grep -q '"storeDeptId":101' && echo "$C" | grep -q '"source":"CHANNEL"'; then
    ok=$(( ($(date +%s%N) - T0) / 1000000 )); break
  fi
  sleep 0.05
done
[ -n "$ok" ] || { echo "FAILED: welcome, attribution and channel tag not complete within 10 s"; echo "$W"; echo "$A"; exit 1; }
LAT=$(echo "$W" | python3 -c "import json,sys; print(json.load(sys.stdin)['latencyMs'])")
[ "$LAT" -lt 2000 ] || { echo "FAILED: the welcome took $LAT ms (server side) > 2 s"; exit 1; }
echo "complete after $ok ms on the script's clock; the welcome $LAT ms after the callback arrived (server side)"
echo "welcome: $(echo "$W" | python3 -c "import json,sys; w=json.load(sys.stdin); print(w['status'], str(w['latencyMs']) + ' ms:', w['content'])")"
echo "attribution: $(echo "$A" | python3 -c "import json,sys; a=json.load(sys.stdin); print(a['storeName'], a['channel'], a['state'], a['userid'])")"
echo "tags in our database: $(echo "$C" | python3 -c "import json,sys; c=json.load(sys.stdin); print([(t['groupName'] + '/' + t['name'], t['source']) for f in c['follows'] for t in f['tags']])")"
echo "tags in the simulator: $(curl -sf "$SIM/customers/$EXT" | python3 -c "import json,sys; print([f['tag_ids'] for f in json.load(sys.stdin)['follows']])")"
echo "welcome in the simulator: $(curl -sf "$SIM/welcomes?external_userid=$EXT" | python3 -c "import json,sys; print(json.load(sys.stdin)['welcomes'][0]['text'])")"
