#!/usr/bin/env bash
# Crash on two nodes: two `hub serve` processes on one PostgreSQL (store and Hangfire), dossiers sent to both in turn
# (a client that fails over to node a when node b is down); node b is killed with kill -9 K times and started again,
# node a stays. Same checks and RESULT line as crash.sh, plus the deliveries each node recorded (delivered_by).
# Usage: benchmarks/chaos/two-nodes.sh [--dossiers 10000] [--kills 20] [other driver options]
cd "$(dirname "$0")/../.."
source benchmarks/chaos/lib.sh
build
start_postgres
chaos crash --store postgres --postgres "$PG" --nodes 2 "$@"
