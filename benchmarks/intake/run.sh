#!/usr/bin/env bash
# Intake load: wrk POSTs new dossiers (one signed ~50 KB PDF each) to the hub on SQLite, then the same payload to a
# bare Kestrel echo server, in the same run, and prints dossiers/s and p99 for both.
# Usage: benchmarks/intake/run.sh [DURATION] [CONNECTIONS...]     (defaults: 30s, connections 16 64)
# Environment: UNSIGNED=1 sends the same-size PDF unsigned (the signature check then finds nothing: its cost drops out),
#   WRK_THREADS (2), WARMUP (15s), HUB_PORT (5181), ECHO_PORT (5182), KEEP=1 keeps the temp folder,
#   HUB_DLL=path/to/hub.dll runs that build instead of building the worktree's (e.g. a saved copy of an older build, to
#   compare before and after in the same minute).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
DURATION=${1:-30s}; shift || true
CONNECTIONS=("${@:-16 64}"); CONNECTIONS=(${CONNECTIONS[*]})
THREADS=${WRK_THREADS:-2}
WARMUP=${WARMUP:-15s}
HUB_PORT=${HUB_PORT:-5181}; ECHO_PORT=${ECHO_PORT:-5182}
KEY=bench-portal-key-$RANDOM$RANDOM
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null

[ -n "${HUB_DLL:-}" ] || dotnet build -c Release src/IntegrationHub/IntegrationHub.csproj >/dev/null
dotnet build -c Release benchmarks/intake/EchoServer/EchoServer.csproj >/dev/null
HUB=${HUB_DLL:-src/IntegrationHub/bin/Release/net10.0/hub.dll}
ECHO=benchmarks/intake/EchoServer/bin/Release/net10.0/echo.dll

WORK=$(mktemp -d /tmp/hub-intake-XXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${KEEP:-}" ] || rm -rf "$WORK"; }
trap cleanup EXIT

# The payload: a ~50 KB PDF signed PAdES by the sample citizen (certs-sample, password changeit).
python3 benchmarks/intake/make-pdf.py "$WORK/unsigned.pdf"
HUB_BENCH_P12_PASSWORD=changeit dotnet "$HUB" sign "$WORK/unsigned.pdf" --p12 certs-sample/citizen.p12 \
  --password-env HUB_BENCH_P12_PASSWORD --as pades --out "$WORK/signed.pdf" >/dev/null
if [ -n "${UNSIGNED:-}" ]; then python3 benchmarks/intake/make-pdf.py "$WORK/signed.pdf" $(( $(stat -c %s "$WORK/signed.pdf") + 66 * 1024 )); fi
base64 -w0 "$WORK/signed.pdf" > "$WORK/signed.b64"
echo "payload: PDF $(stat -c %s "$WORK/signed.pdf") bytes, request body ~$(( $(stat -c %s "$WORK/signed.b64") + 400 )) bytes"
pdfsig "$WORK/signed.pdf" 2>/dev/null | grep -E "Signer Certificate Common Name|Signature Validation" | sed 's/^/  pdfsig: /' || true

# The hub: Production, SQLite in a temp DataDir, one portal key, the sample root as the only trust anchor.
# Delivery (dispatcher and Hangfire server) is off so that only intake is measured.
ASPNETCORE_ENVIRONMENT=Production \
Auth__ApiKeys__0__Name=bench-portal Auth__ApiKeys__0__Role=portal Auth__ApiKeys__0__Key=$KEY \
Signatures__TrustAnchors__0=$ROOT/certs-sample/root-ca.crt \
Delivery__Dispatcher=false Delivery__Hangfire__Server=false \
  dotnet "$HUB" serve --urls "http://127.0.0.1:$HUB_PORT" --data "$WORK/data" >"$WORK/hub.log" 2>&1 &
PIDS+=($!)
ASPNETCORE_URLS="http://127.0.0.1:$ECHO_PORT" dotnet "$ECHO" >"$WORK/echo.log" 2>&1 &
PIDS+=($!)
for url in "http://127.0.0.1:$HUB_PORT/health/live" "http://127.0.0.1:$ECHO_PORT/api/v1/dossiers"; do
  for _ in $(seq 1 120); do curl -s -o /dev/null -X GET "$url" && break; sleep 0.5; done
done

export INTAKE_PDF_B64=$WORK/signed.b64 INTAKE_API_KEY=$KEY
# Warm-up (JIT tiering, pools; $WARMUP, 8 connections: on a busy machine 2 connections for 10 s left methods still at
# tier 0 and the JIT at ~10 % of the hub's CPU in the measured runs) and a check (wrk calls request() once at start and drops it, so the first sent is 000002): the document must be stored with a PASSED report (else the figures measure something else).
INTAKE_RUN=12 wrk -t1 -c8 -d"$WARMUP" --timeout 30s -s benchmarks/intake/intake.lua "http://127.0.0.1:$HUB_PORT" >/dev/null 2>"$WORK/check.err" || true
CHECK=$(curl -s -H "X-Api-Key: $KEY" "http://127.0.0.1:$HUB_PORT/api/v1/dossiers/000.00.25.H47-261201-000002")
EXPECT=TOTAL_PASSED; [ -n "${UNSIGNED:-}" ] && EXPECT=SIGNED_DATA_NOT_FOUND
echo "$CHECK" | grep -q $EXPECT && echo "check: first dossier stored, PDF report $EXPECT" \
  || { echo "check FAILED: $(head -c 600 <<<"$CHECK") $(cat "$WORK/check.err")"; exit 1; }

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run=0
for c in "${CONNECTIONS[@]}"; do
  for target in hub echo; do
    run=$((run + 1))
    port=$HUB_PORT; [ $target = echo ] && port=$ECHO_PORT
    pid=${PIDS[0]}; [ $target = echo ] && pid=${PIDS[1]}
    before=$(cpu_ticks "$pid")
    out=$(INTAKE_RUN=$run wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency -s benchmarks/intake/intake.lua "http://127.0.0.1:$port" 2>"$WORK/wrk.err")
    after=$(cpu_ticks "$pid")
    line=$(grep RESULT <<<"$out")
    requests=$(grep -o 'requests=[0-9]*' <<<"$line" | cut -d= -f2)
    # CPU time the server process used per request (user + system, from /proc): unlike requests/s, this hardly
    # depends on how much of the machine other processes take, so it compares builds on a shared machine.
    cpu=$(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (n > 0 ? t * 1000 / hz / n : 0) }')
    printf '%-5s c=%-4s %s cpu_ms_per_req=%s   load: %s\n' "$target" "$c" "${line#RESULT }" "$cpu" "$(uptime | sed 's/.*load average: //')"
    [ -s "$WORK/wrk.err" ] && sed 's/^/      /' "$WORK/wrk.err" | head -3
  done
done
echo "hub log: $(grep -c 'received for procedure' "$WORK/hub.log" || true) 'Dossier ... received' lines; $(grep -ciE '\b(ERR|FTL)\b|exception' "$WORK/hub.log" || true) error lines"
grep -iE '\b(ERR|FTL)\b|exception' "$WORK/hub.log" | head -3 | cut -c1-300 | sed 's/^/  /' || true
