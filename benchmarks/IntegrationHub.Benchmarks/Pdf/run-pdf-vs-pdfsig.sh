#!/bin/sh
# Our PDF verification against poppler's pdfsig on one 64 MiB signed PDF:
#  1. BenchmarkDotNet (in-process): our reader, our full validation, pdfsig as a process, side by side;
#  2. plain wall-clock of the two command lines, `hub verify FILE --trust ROOT` and `pdfsig -nocert -no-ocsp FILE`,
#     5 runs each (process start included for both).
# Needs pdfsig (poppler-utils). Usage: benchmarks/IntegrationHub.Benchmarks/Pdf/run-pdf-vs-pdfsig.sh
set -e
cd "$(dirname "$0")/../../.."
command -v pdfsig >/dev/null || { echo "pdfsig not on PATH: install poppler-utils" >&2; exit 1; }
file="${TMPDIR:-/tmp}/hub-bench-64mib.pdf"
root="${TMPDIR:-/tmp}/hub-bench-64mib.root.pem"
HUB_BENCH_KEEP=1 dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter 'IntegrationHub.Benchmarks.Pdf.PdfVerifyBenchmarks*'
dotnet build -c Release src/IntegrationHub/IntegrationHub.csproj -o /tmp/hub-bench-bin >/dev/null
/tmp/hub-bench-bin/hub verify "$file" --trust "$root" --format text | head -4 || true
pdfsig -nocert -no-ocsp "$file" | grep -E "Validation|signed" || true
ms() { date +%s%N | cut -c1-13; }
for tool in hub pdfsig; do
  total=0
  for i in 1 2 3 4 5; do
    start=$(ms)
    if [ $tool = hub ]; then /tmp/hub-bench-bin/hub verify "$file" --trust "$root" --format text >/dev/null || true
    else pdfsig -nocert -no-ocsp "$file" >/dev/null; fi
    end=$(ms); total=$((total + end - start))
  done
  echo "$tool: mean $((total / 5)) ms over 5 runs on $(stat -c %s "$file") bytes"
done
rm -f "$file" "$root"
