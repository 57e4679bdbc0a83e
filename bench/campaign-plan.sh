#!/usr/bin/env bash
# Campaign planning benchmark (issue "campaigns"): N customers (default 1,000,000) with one live follow relation each
# (10 % with two), 40 staff in 8 stores, a tag group, attributions, 5 % already pushed today — generated set-based
# (INSERT ... SELECT over MariaDB's seq_1_to_N). A broadcast to gender in [1,2] (90 %) with the template
# {{store_name|门店}}的{{staff_name}}邀请您参加会员日 (40 distinct renders), 10 % control group, caps 1/day 4/month, is
# fired and planned in a JVM capped at -Xmx512m; planning time, peak heap and SQL checks of every count are printed.
# MariaDB's buffer pool is set to BUFFER_POOL for the run (SET GLOBAL, restored afterwards), as bench/rules.sh does.
# Usage: bench/campaign-plan.sh     env: CUSTOMERS=1000000 REPEAT=1 DB=wescrm_cbench BUFFER_POOL=4G (BUFFER_POOL= keeps it)
#   REUSE=1 keeps the database and its data from the previous run (a new campaign and run are planned on it)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=scrm-bench/target/scrm-bench.jar
DB=${DB:-wescrm_cbench} CUSTOMERS=${CUSTOMERS:-1000000} REPEAT=${REPEAT:-1}
OUT=bench/out/campaign-plan-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
[ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests -pl scrm-bench -am
BUFFER_POOL=${BUFFER_POOL-4G}
POOL_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_buffer_pool_size")
if [ -n "$BUFFER_POOL" ]; then
  bytes=$(numfmt --from=iec "$BUFFER_POOL")
  trap 'mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE"' EXIT
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $bytes"
  sleep 2
fi
echo "$(date -u +%FT%TZ) $(git rev-parse --short HEAD); CPU $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'): innodb_buffer_pool_size $(mysql -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size') bytes; $(java -version 2>&1 | head -1); N=$CUSTOMERS" | tee "$OUT/summary.txt"
SKIP=false
if [ "${REUSE:-}" = 1 ]; then SKIP=true; else
  mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
fi
java -Xmx512m -cp "$BENCH" -Dloader.main=io.wescrm.bench.CampaignPlanBenchMain \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --url="jdbc:mariadb://127.0.0.1:3306/$DB" --customers="$CUSTOMERS" --repeat="$REPEAT" --skip-generate="$SKIP" --db-pid="$(pgrep -x mariadbd | head -1)" 2>&1 \
  | grep --line-buffered -v -E '(DEBUG|SLF4J|INFO (org|com)\.)' | tee -a "$OUT/summary.txt"
echo "figures in $OUT/summary.txt"
