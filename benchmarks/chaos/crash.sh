#!/usr/bin/env bash
# Crash: N signed dossiers through real `hub serve` while it is killed with kill -9 K times at random moments (1–8 s
# apart: intake and its group commit, dispatch, delivery calls, status callbacks) and started again. After the last
# restart and the drain: every dossier answered 201/200 is stored once and delivered to its ministry and the national
# portal (repeats only as repeated idempotency keys, counted), and `hub audit verify` exits 0.
# Usage: benchmarks/chaos/crash.sh sqlite|postgres [--dossiers 10000] [--kills 20] [other driver options]
# Prints one RESULT line; exits non-zero on any loss, a missing dossier, an undelivered row or an audit failure.
cd "$(dirname "$0")/../.."
source benchmarks/chaos/lib.sh
STORE=${1:?usage: crash.sh sqlite|postgres [--dossiers N] [--kills K]}; shift
build
case $STORE in
  sqlite) chaos crash --store sqlite "$@" ;;
  postgres) start_postgres; chaos crash --store postgres --postgres "$PG" "$@" ;;
  *) echo "crash.sh: store is sqlite or postgres" >&2; exit 64 ;;
esac
