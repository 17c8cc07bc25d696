# Shared by crash.sh, two-nodes.sh and outage.sh (sourced, from the repository root).
# Builds the hub (Release) and the driver, makes one PAdES-signed PDF, and can start a PostgreSQL of its own.
# Environment: HUB=path/to/hub.dll or a published `hub` (skips the build), KEEP=1 keeps the work folder,
#   CHAOS_PG_PORT (55441) for the PostgreSQL these scripts start under /tmp.
set -euo pipefail
ROOT=$PWD
WORK=$(mktemp -d /tmp/hub-chaos-XXXX)
CLEANUPS=()
cleanup() {
  for c in "${CLEANUPS[@]}"; do eval "$c" || true; done
  if [ -n "${KEEP:-}" ]; then echo "work folder kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

build() {
  if [ -z "${HUB:-}" ]; then
    nice -n 10 dotnet build -c Release src/IntegrationHub/IntegrationHub.csproj >"$WORK/build-hub.log" 2>&1 \
      || { tail -20 "$WORK/build-hub.log"; exit 1; }
    HUB=$ROOT/src/IntegrationHub/bin/Release/net10.0/hub.dll
  fi
  nice -n 10 dotnet build -c Release benchmarks/chaos/Chaos/Chaos.csproj >"$WORK/build-chaos.log" 2>&1 \
    || { tail -20 "$WORK/build-chaos.log"; exit 1; }
  CHAOS=$ROOT/benchmarks/chaos/Chaos/bin/Release/net10.0/chaos.dll
  hub_cmd() { if [[ $HUB == *.dll ]]; then dotnet "$HUB" "$@"; else "$HUB" "$@"; fi; }
  # The document every dossier carries: a ~67 KB PDF signed PAdES by the sample citizen (certs-sample, password changeit).
  python3 benchmarks/intake/make-pdf.py "$WORK/unsigned.pdf"
  HUB_CHAOS_P12_PASSWORD=changeit hub_cmd sign "$WORK/unsigned.pdf" --p12 certs-sample/citizen.p12 \
    --password-env HUB_CHAOS_P12_PASSWORD --as pades --out "$WORK/signed.pdf" >/dev/null
  echo "hub: $HUB ($(git rev-parse --short HEAD)); document: signed PDF of $(stat -c %s "$WORK/signed.pdf") bytes"
}

# A PostgreSQL of this run's own under $WORK (as .ci/run starts one), on 127.0.0.1:$CHAOS_PG_PORT; sets PG to a
# connection string of a fresh database.
start_postgres() {
  local port=${CHAOS_PG_PORT:-55441}
  local bin; bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  local data=$WORK/pg
  mkdir -p "$data"
  PG_AS=""; [ "$(id -u)" = 0 ] && { chown postgres "$WORK" "$data"; PG_AS=postgres; }
  run_pg() { if [ -n "$PG_AS" ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
  run_pg "$bin/initdb -D $data -A trust -U postgres >/dev/null"
  run_pg "$bin/pg_ctl -D $data -o '-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=300 -c fsync=on' -l $data/log -w start >/dev/null"
  CLEANUPS+=("run_pg '$bin/pg_ctl -D $data -m immediate stop' >/dev/null 2>&1")
  psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE hub_chaos" >/dev/null
  PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=hub_chaos;Maximum Pool Size=50"
  echo "postgres: $("$bin/postgres" --version) on 127.0.0.1:$port"
}

chaos() {
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg) at $(date -u +%FT%TZ)"
  dotnet "$CHAOS" "$@" --hub "$HUB" --work "$WORK/run" --trust "$ROOT/certs-sample/root-ca.crt" --pdf "$WORK/signed.pdf"
}
