#!/usr/bin/env bash
# Export benchmark: the 1M-statement synthetic graph imported as N-Triples (one provenance
# record per statement), then `kgraph export` to every RDF format with provenance (wall time,
# peak RSS, size), and the Turtle and N-Triples files counted by raptor's rapper (equal counts).
#   bench/export_bench.sh [statements]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
tools/build.sh >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
build/bench/kgraph_synthetic "$n" $((n / 10)) 30 42 > "$tmp/synthetic.nt"
build/tools/kgraph --db "$tmp/db" -q import "$tmp/synthetic.nt"
echo "store: $n statements with provenance"
for f in nt ttl nq jsonld; do
  /usr/bin/time -f "$f: %e s, peak RSS %M KB" \
    build/tools/kgraph --db "$tmp/db" export --format "$f" -o "$tmp/out.$f"
  echo "   $(du -h "$tmp/out.$f" | cut -f1) written"
done
for f in nt:ntriples ttl:turtle; do
  echo "rapper ${f%%:*}: $(rapper -i "${f##*:}" -c "$tmp/out.${f%%:*}" 2>&1 | grep -o 'returned [0-9]* triples')"
done
