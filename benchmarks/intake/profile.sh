#!/usr/bin/env bash
# Where intake's CPU goes: perf samples of the hub while wrk sends new dossiers (one signed PDF each), as run.sh does.
# Usage: benchmarks/intake/profile.sh [SECONDS]   (12 s of samples; needs perf: apt-get install linux-perf)
# Writes perf.data and two summaries (flat.txt: self time per function; inclusive.txt: time including callees) into a
# temp folder it prints. Environment: HUB_DLL (as run.sh), HUB_PORT (5191).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
SECONDS_SAMPLED=${1:-12}
PORT=${HUB_PORT:-5191}
KEY=profile-portal-key-$RANDOM$RANDOM
command -v wrk >/dev/null || apt-get install -y wrk >/dev/null
command -v perf >/dev/null || apt-get install -y linux-perf >/dev/null
[ -n "${HUB_DLL:-}" ] || dotnet build -c Release src/IntegrationHub/IntegrationHub.csproj >/dev/null
HUB=${HUB_DLL:-src/IntegrationHub/bin/Release/net10.0/hub.dll}
WORK=$(mktemp -d /tmp/hub-profile-XXXX)

python3 benchmarks/intake/make-pdf.py "$WORK/unsigned.pdf"
HUB_BENCH_P12_PASSWORD=changeit dotnet "$HUB" sign "$WORK/unsigned.pdf" --p12 certs-sample/citizen.p12 \
  --password-env HUB_BENCH_P12_PASSWORD --as pades --out "$WORK/signed.pdf" >/dev/null
base64 -w0 "$WORK/signed.pdf" > "$WORK/signed.b64"

# perf names JIT code from /tmp/perf-PID.map; W^X double mapping hides it, and precompiled (ReadyToRun) code has no
# names at all, so both are off for the profile (the figures of run.sh are with them on).
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 ASPNETCORE_ENVIRONMENT=Production \
Auth__ApiKeys__0__Name=profile-portal Auth__ApiKeys__0__Role=portal Auth__ApiKeys__0__Key=$KEY \
Signatures__TrustAnchors__0=$ROOT/certs-sample/root-ca.crt Delivery__Dispatcher=false Delivery__Hangfire__Server=false \
  dotnet "$HUB" serve --urls "http://127.0.0.1:$PORT" --data "$WORK/data" >"$WORK/hub.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break; sleep 0.5; done

export INTAKE_PDF_B64=$WORK/signed.b64 INTAKE_API_KEY=$KEY
INTAKE_RUN=1 wrk -t1 -c8 -d15s -s benchmarks/intake/intake.lua "http://127.0.0.1:$PORT" >/dev/null 2>&1   # warm-up
INTAKE_RUN=2 wrk -t2 -c16 -d$((SECONDS_SAMPLED + 6))s --latency -s benchmarks/intake/intake.lua "http://127.0.0.1:$PORT" | grep RESULT &
sleep 3
perf record -F 999 -g -p $PID -o "$WORK/perf.data" -- sleep "$SECONDS_SAMPLED" >/dev/null 2>&1
wait %2 || true
perf report -i "$WORK/perf.data" --no-children --sort dso --stdio -g none 2>/dev/null | grep '%' | head -10 > "$WORK/dso.txt"
perf report -i "$WORK/perf.data" --no-children --sort symbol --stdio -g none 2>/dev/null | grep '%' | head -100 > "$WORK/flat.txt"
perf report -i "$WORK/perf.data" --children --sort symbol --stdio -g none 2>/dev/null | grep '%' | head -150 > "$WORK/inclusive.txt"
echo "profile in $WORK (dso.txt, flat.txt, inclusive.txt, perf.data)"
cat "$WORK/dso.txt"
