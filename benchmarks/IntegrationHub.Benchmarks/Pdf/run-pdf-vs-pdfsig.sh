#!/bin/sh
# Times our PDF signature verification against poppler's pdfsig on one 64 MiB signed PDF (made, then deleted, by the benchmark).
# Needs pdfsig (poppler-utils). Results land in BenchmarkDotNet.Artifacts/results/.
set -e
cd "$(dirname "$0")/../../.."
command -v pdfsig >/dev/null || { echo "pdfsig not on PATH: install poppler-utils" >&2; exit 1; }
dotnet run -c Release --project benchmarks/IntegrationHub.Benchmarks -- --filter '*PdfVerifyBenchmarks*' "$@"
