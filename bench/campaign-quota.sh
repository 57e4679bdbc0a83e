#!/usr/bin/env bash
# Does a fully personalised run (channel SINGLE, {{customer_name}}: one add_msg_template per customer) use the quota
# it is given? The server runs with scrm.wecom.calls-per-minute=Q, the simulator answers after LATENCY_MS; the
# simulator's calls per calendar minute of add_msg_template are read for the full minutes of the dispatch (the first
# and the last minute with calls are partial and skipped) and compared with Q: each must be >= 90 % and <= 100 %.
# The run itself is bench/campaign-chaos.sh with MODE=quota (no kills, no faults), so the same oracle checks follow.
# Usage: bench/campaign-quota.sh   env: Q=600 LATENCY_MS=50 CONCURRENCY=5 (plus campaign-chaos.sh's DB, ports...)
set -euo pipefail
cd "$(dirname "$0")/.."
Q=${Q:-600}
OUT=${OUT:-bench/out/campaign-quota-$(date -u +%Y%m%d-%H%M%S)}
MODE=quota QUOTA=$Q LATENCY_MS=${LATENCY_MS:-50} OUT=$OUT bench/campaign-chaos.sh
python3 - "$OUT/per-minute.json" "$Q" <<'PY' | tee -a "$OUT/summary.txt"
import json, sys
d = json.load(open(sys.argv[1])); q = int(sys.argv[2]); api = "externalcontact/add_msg_template"
minutes = [(m["minute"][11:16], m["calls"].get(api, 0)) for m in d["minutes"]]
used = [i for i, (_, n) in enumerate(minutes) if n]
full = minutes[used[0] + 1:used[-1]] if len(used) > 2 else []
for minute, n in full:
    print(f"quota: {minute} {n} calls = {100.0 * n / q:.1f} % of {q}")
ok = bool(full) and all(0.9 * q <= n <= q for _, n in full)
print(f"quota: {len(full)} full minutes, min {min((n for _, n in full), default=0)}, max {max((n for _, n in full), default=0)}"
      f" of {q}/min; max in flight {d['max_in_flight'].get(api)}; RESULT {'PASS' if ok else 'FAIL'} (>= 90 % and <= 100 %)")
PY
