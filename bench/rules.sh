#!/usr/bin/env bash
# Rules benchmark (issue 5) on MariaDB: 1M customers, 2M follow relations, ~1.5M tags, 10k groups (~800k
# memberships), 300k moment interactions generated set-based (INSERT ... SELECT over MariaDB's seq_1_to_N), 20 rules
# (5 lifecycle defaults + 15 tag rules). Measures three full re-evaluations (first, steady state, after 1% of the
# customers changed) and single-customer evaluations (p50/p95/p99).
# MariaDB's buffer pool is set to BUFFER_POOL for the run (SET GLOBAL, restored afterwards): the 1M corp is ~4.5 GB of
# data and indexes, and with the 128 MB default (O_DIRECT: no OS cache behind it) every cold page is a disk read.
# Usage: bench/rules.sh        env: CUSTOMERS=1000000 SINGLES=2000 DB=wescrm_rbench BUFFER_POOL=6G (BUFFER_POOL= keeps it)
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=scrm-bench/target/scrm-bench.jar
DB=${DB:-wescrm_rbench} CUSTOMERS=${CUSTOMERS:-1000000} SINGLES=${SINGLES:-2000}
OUT=bench/out/rules-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
[ -f "$BENCH" ] || ./mvnw -B -q package -DskipTests -pl scrm-bench -am
BUFFER_POOL=${BUFFER_POOL-6G}
POOL_BEFORE=$(mysql -h127.0.0.1 -uroot -N -e "SELECT @@innodb_buffer_pool_size")
if [ -n "$BUFFER_POOL" ]; then
  bytes=$(numfmt --from=iec "$BUFFER_POOL")
  trap 'mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $POOL_BEFORE"' EXIT
  mysql -h127.0.0.1 -uroot -e "SET GLOBAL innodb_buffer_pool_size = $bytes"
  sleep 2
fi
echo "MariaDB $(mysql -h127.0.0.1 -uroot -N -e 'SELECT VERSION()'): innodb_buffer_pool_size $(mysql -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_buffer_pool_size') bytes, flush method $(mysql -h127.0.0.1 -uroot -N -e 'SELECT @@innodb_flush_method'), $(nproc) cores" | tee "$OUT/summary.txt"
mysql -h127.0.0.1 -uroot -e "DROP DATABASE IF EXISTS $DB; CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
java -Xmx1g -cp "$BENCH" -Dloader.main=io.wescrm.bench.RulesBenchMain \
  org.springframework.boot.loader.launch.PropertiesLauncher \
  --url="jdbc:mariadb://127.0.0.1:3306/$DB" --customers="$CUSTOMERS" --singles="$SINGLES" 2>&1 \
  | grep --line-buffered -v -E '(DEBUG|INFO|SLF4J)' | tee -a "$OUT/summary.txt"
echo "figures in $OUT/summary.txt"
