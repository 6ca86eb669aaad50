#!/usr/bin/env bash
# The main job, from a fresh Debian 12 machine: install what is missing, build, ingest seeds/
# into ./kgraph.db, print a path between two entities, write a diagram and exports to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/setup.sh
tools/build.sh >/dev/null
kgraph=build/tools/kgraph
export KGRAPH_DB="${KGRAPH_DB:-$PWD/kgraph.db}"
mkdir -p out

echo "== kgraph ingest seeds/"
$kgraph ingest seeds/
echo
echo "== kgraph path \"Barack Obama\" Ukraine --undirected"
$kgraph path "Barack Obama" Ukraine --undirected
echo
echo "== kgraph diagram -o out/seeds.svg (and out/seeds.png)"
$kgraph diagram -o out/seeds.svg
$kgraph diagram -o out/seeds.png
echo "== kgraph export: out/seeds.ttl, out/seeds.nq, out/seeds.jsonld"
$kgraph export --format ttl -o out/seeds.ttl
$kgraph export --format nq -o out/seeds.nq
$kgraph export --format jsonld -o out/seeds.jsonld
echo
$kgraph stats
echo "done: store in $KGRAPH_DB, diagram and exports in out/"
