#!/usr/bin/env bash
# Inbox retention benchmark: the database a bench/callbacks.sh run left behind (its applied events, hundreds of
# thousands) is aged past the retention (received_at and applied_at moved back 31 days), the server is started on it
# (its applier also works off whatever that run left pending) and POST …/inbox/purge deletes them; prints the rate.
# Usage: bench/inbox-purge.sh     env: DB=wescrm_cbbench PORT=18181
set -euo pipefail
. "$(dirname "$0")/auth.sh"
cd "$(dirname "$0")/.."
JAR=scrm-web/target/wescrm.jar
CORP=wwbench0000000002 DB=${DB:-wescrm_cbbench} PORT=${PORT:-18181}
[ -f "$JAR" ] || ./mvnw -B -q package -DskipTests
sql() { mysql -h127.0.0.1 -uroot -N "$DB" -e "$1"; }
sql "UPDATE scrm_inbox_event SET received_at = received_at - INTERVAL 31 DAY, applied_at = applied_at - INTERVAL 31 DAY WHERE status = 'APPLIED'"
echo "inbox before: $(sql "SELECT GROUP_CONCAT(CONCAT(status, ' ', n)) FROM (SELECT status, COUNT(*) n FROM scrm_inbox_event GROUP BY status) s")"
SCRM_DB_NAME=$DB java -Xmx512m -jar "$JAR" $SEC_ARGS --spring.profiles.active=mariadb --server.port="$PORT" \
  --scrm.simulator.enabled=false --scrm.sync.on-startup=false --scrm.wecom.base-url=http://127.0.0.1:9 \
  --scrm.wecom.corps[0].corp-id=$CORP --scrm.wecom.corps[0].secret=x --scrm.wecom.corps[0].token=BenchToken \
  --scrm.wecom.corps[0].aes-key=Sk6Gv2yQqB4wNWZrd2J0LxCHNZAbcnNfm4xuKrRDYUF --scrm.wecom.corps[0].agent-id=1000002 > /tmp/inbox-purge-server.log 2>&1 &
SRV=$!
trap 'kill -9 $SRV 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
echo "purge: $(curl -sf -H "$AUTH" -X POST "http://127.0.0.1:$PORT/api/corps/$CORP/inbox/purge")"
echo "inbox after: $(sql "SELECT GROUP_CONCAT(CONCAT(status, ' ', n)) FROM (SELECT status, COUNT(*) n FROM scrm_inbox_event GROUP BY status) s")"
