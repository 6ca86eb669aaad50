#!/usr/bin/env bash
# End-to-end import benchmark: `kgraph import` of the 1M-statement synthetic graph as N-Triples
# into a fresh store (parse, intern, spo/pos/osp + provenance, SST ingest, close), best of N
# runs, with Oxigraph's in-memory load (npm build) of the same file measured in the same run.
#   bench/import_bench.sh [statements] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
runs=${2:-3}
tools/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/bench/kgraph_synthetic "$n" $((n / 10)) 30 42 > "$tmp/synthetic.nt"
echo "input: $n statements, $(du -h "$tmp/synthetic.nt" | cut -f1)"
best=""
for i in $(seq "$runs"); do
  rm -rf "$tmp/db"
  start=$(date +%s.%N)
  build/tools/kgraph --db "$tmp/db" -q import "$tmp/synthetic.nt"
  end=$(date +%s.%N)
  s=$(echo "$end - $start" | bc -l)
  echo "kgraph import run $i: ${s}s  $(echo "$n / $s" | bc) statements/s"
  if [ -z "$best" ] || [ "$(echo "$s < $best" | bc)" = 1 ]; then best=$s; fi
done
echo "kgraph import best: $(echo "$n / $best" | bc) statements/s"
if [ -d bench/oxigraph/node_modules/oxigraph ]; then
  node bench/oxigraph/load_ntriples.mjs "$tmp/synthetic.nt" "$runs"
else
  echo "oxigraph: not installed (run tools/setup.sh)"
fi
