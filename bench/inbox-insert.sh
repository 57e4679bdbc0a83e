#!/usr/bin/env bash
# What an inbox commit and an inbox row cost MariaDB's CPU: multi-row inserts of callback-sized rows, one autocommit
# statement per batch (as InboxWriter does), text protocol and server-side prepared statements, batch 1 to 64.
# Usage: bench/inbox-insert.sh     env: ROWS=40000 (per case). Uses database wescrm_ibbench (dropped after).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=scrm-bench/target/scrm-bench.jar
[ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests -pl scrm-bench -am
PID=$(pgrep -o mariadbd)
for protocol in text prepared; do
  for batch in 1 4 16 64; do
    java -cp "$BENCH" -Dloader.main=io.wescrm.bench.InboxInsertBench org.springframework.boot.loader.launch.PropertiesLauncher "$PID" "$protocol" "$batch" "${ROWS:-40000}"
  done
done
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS wescrm_ibbench"
