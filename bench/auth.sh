# Sourced by the bench scripts: the API needs an account (docs/security.md). A bench server (non-demo profiles) gets
# $SEC_ARGS: it bootstraps the admin $BENCH_USER and accepts HTTP Basic, with a cheap BCrypt so that a password check
# per polling request costs the measured server nothing worth counting. Demo-mode scripts set BENCH_USER=admin
# BENCH_PASSWORD=demo-admin (the demo accounts) before sourcing this. Every curl to the API sends -H "$AUTH".
BENCH_USER=${BENCH_USER:-bench}
BENCH_PASSWORD=${BENCH_PASSWORD:-bench-admin-pass-1}
SEC_ARGS="--scrm.security.basic-auth=true --scrm.security.bcrypt-strength=4 --scrm.security.bootstrap-admin.username=$BENCH_USER --scrm.security.bootstrap-admin.password=$BENCH_PASSWORD"
AUTH="Authorization: Basic $(printf '%s:%s' "$BENCH_USER" "$BENCH_PASSWORD" | base64 | tr -d '\n')"
export SCRM_API_AUTH="${AUTH#Authorization: }"   # read by the Java bench tools that call the API
