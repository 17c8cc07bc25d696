#!/usr/bin/env bash
# Outage: a steady feed (20 dossiers/s, in turn to planning-investment, trade and justice) to one `hub serve` on
# SQLite; after 1 minute trade is down (every call 503) for M minutes, then back, and the feed goes on 2 minutes more.
# Reports intake p50/p99 of the other systems' dossiers before, during and after (no thread or connection starvation),
# trade's circuit as the node reports it each second, and the time from recovery until everything accepted before it
# was delivered (must be within 2 minutes). Exits non-zero if the circuit never opened, a dossier was lost, the
# backlog took longer than 2 minutes, or the audit chain fails.
# Usage: benchmarks/chaos/outage.sh [--minutes 10] [--rate 20] [--down trade] [--store postgres] [other driver options]
cd "$(dirname "$0")/../.."
source benchmarks/chaos/lib.sh
build
if [[ " $* " == *" --store postgres "* ]]; then start_postgres; set -- "$@" --postgres "$PG"; fi
# The hub's own lease (2 minutes): how long a row left waiting by an open circuit stays leased is part of what is measured.
chaos outage --lease-seconds 120 "$@"
