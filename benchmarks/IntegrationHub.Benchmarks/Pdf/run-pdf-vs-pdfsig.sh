#!/bin/sh
# `hub verify` against poppler's pdfsig on one large signed PDF, both as processes (hyperfine, process start
# included for both), then peak memory of both on a 200 MiB file (the hash streams: memory must not grow with it).
# pdfsig runs with -nocert -no-ocsp, so it too only checks the signature value and the /ByteRange digest.
# `hub` is published for linux-x64 as shipped: self-contained, one composite ReadyToRun image (the csproj sets that when a
# runtime is given).
# Needs pdfsig (poppler-utils), hyperfine and /usr/bin/time.
# Usage: benchmarks/IntegrationHub.Benchmarks/Pdf/run-pdf-vs-pdfsig.sh [MiB, default 64]
#   HUB_BASELINE=DIR (optional): a folder holding another published `hub` (e.g. the main branch's, from
#   `dotnet publish -c Release -r linux-x64 src/IntegrationHub/IntegrationHub.csproj -o DIR` in a checkout of it),
#   timed in the same hyperfine run for a before/after ratio. RUNS=N (default 15): hyperfine runs per command.
# In-process figures (our reader, our validation, allocations):
#   dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter 'IntegrationHub.Benchmarks.Pdf.PdfVerifyBenchmarks*'
set -e
cd "$(dirname "$0")/../../.."
for tool in pdfsig hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool not on PATH" >&2; exit 1; }
done
mib="${1:-64}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT

dotnet build -c Release benchmarks/IntegrationHub.Benchmarks >/dev/null
make_pdf() { dotnet benchmarks/IntegrationHub.Benchmarks/bin/Release/net10.0/IntegrationHub.Benchmarks.dll make-pdf "$@"; }
dotnet publish -c Release -r linux-x64 src/IntegrationHub/IntegrationHub.csproj -o "$dir/hub" >/dev/null
hub="$dir/hub/hub"

make_pdf "$dir/big.pdf" "$mib"
echo "file: $(stat -c %s "$dir/big.pdf") bytes"
"$hub" verify "$dir/big.pdf" --trust "$dir/big.root.pem" --format text | head -3
pdfsig -nocert -no-ocsp "$dir/big.pdf" | grep -E "Signature Validation" || true
uptime
set -- -n "hub verify ($mib MiB)" "$hub verify $dir/big.pdf --trust $dir/big.root.pem --format json"
if [ -n "$HUB_BASELINE" ]; then
  set -- "$@" -n "baseline hub verify ($mib MiB)" "$HUB_BASELINE/hub verify $dir/big.pdf --trust $dir/big.root.pem --format json"
fi
hyperfine -N --warmup 2 --runs "${RUNS:-15}" "$@" -n "pdfsig ($mib MiB)" "pdfsig -nocert -no-ocsp $dir/big.pdf"
uptime

make_pdf "$dir/huge.pdf" 200
echo "file: $(stat -c %s "$dir/huge.pdf") bytes"
/usr/bin/time -f "hub verify 200 MiB: %e s, peak RSS %M KiB" "$hub" verify "$dir/huge.pdf" --trust "$dir/huge.root.pem" --format json >/dev/null
[ -z "$HUB_BASELINE" ] || /usr/bin/time -f "baseline hub verify 200 MiB: %e s, peak RSS %M KiB" "$HUB_BASELINE/hub" verify "$dir/huge.pdf" --trust "$dir/huge.root.pem" --format json >/dev/null
/usr/bin/time -f "pdfsig 200 MiB: %e s, peak RSS %M KiB" pdfsig -nocert -no-ocsp "$dir/huge.pdf" >/dev/null
