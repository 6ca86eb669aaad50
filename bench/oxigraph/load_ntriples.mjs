// Loads an N-Triples file into Oxigraph's in-memory store (npm build) and prints triples/s:
// the peer figure beside `kgraph import` in docs/performance.md.
//   node bench/oxigraph/load_ntriples.mjs FILE.nt [runs]
import { readFileSync } from "node:fs";
import oxigraph from "oxigraph";

const file = process.argv[2];
const runs = Number(process.argv[3] || 3);
const text = readFileSync(file, "utf8");
const lines = text.split("\n").filter((l) => l.trim() && !l.startsWith("#")).length;
for (let i = 0; i < runs; i++) {
  const store = new oxigraph.Store();
  const start = process.hrtime.bigint();
  store.load(text, { format: "application/n-triples" });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(JSON.stringify({ run: i, triples: store.size, lines, seconds: +seconds.toFixed(3),
    triples_per_second: Math.round(lines / seconds) }));
}
