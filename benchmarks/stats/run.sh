#!/usr/bin/env bash
# Seeds 1,000,000 dossiers into SQLite (and PostgreSQL when HUB_BENCH_POSTGRES is set, or a throwaway cluster can be
# started from /usr/lib/postgresql/*/bin) and times the statistics query: median and worst of 20 runs per query.
# Usage: benchmarks/stats/run.sh [COUNT]     (the seeded stores are kept under /tmp/hub-bench-* for re-runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-1000000}
PROJECT=benchmarks/IntegrationHub.Benchmarks
dotnet build -c Release "$PROJECT" >/dev/null

echo "== SQLite"
dotnet run -c Release --no-build --project "$PROJECT" -- stats-seed --provider sqlite --data /tmp/hub-bench-sqlite --count "$COUNT"

if [ -z "${HUB_BENCH_POSTGRES:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1 || true)
  if [ -n "$PGBIN" ]; then
    PGDATA=/tmp/hub-bench-pg
    if [ ! -d "$PGDATA" ]; then
      mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
      RUN="sh -c"; [ "$(id -u)" = 0 ] && RUN="su postgres -s /bin/sh -c"
      $RUN "$PGBIN/initdb -D $PGDATA/data -A trust -U postgres >/dev/null"
    fi
    RUN="sh -c"; [ "$(id -u)" = 0 ] && RUN="su postgres -s /bin/sh -c"
    $RUN "$PGBIN/pg_ctl -D $PGDATA/data -o '-c listen_addresses=127.0.0.1 -p 55439 -k /tmp -c shared_buffers=256MB' -l $PGDATA/log -w start >/dev/null" || true
    trap "$RUN '$PGBIN/pg_ctl -D $PGDATA/data -m fast stop' >/dev/null 2>&1 || true" EXIT
    HUB_BENCH_POSTGRES="Host=127.0.0.1;Port=55439;Username=postgres;Database=postgres"
  fi
fi
if [ -n "${HUB_BENCH_POSTGRES:-}" ]; then
  echo "== PostgreSQL"
  dotnet run -c Release --no-build --project "$PROJECT" -- stats-seed --provider postgres --connection-string "$HUB_BENCH_POSTGRES" --count "$COUNT"
else
  echo "== PostgreSQL skipped: HUB_BENCH_POSTGRES unset and no PostgreSQL binaries found"
fi
