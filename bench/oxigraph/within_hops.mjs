// The graph peer: Oxigraph's SPARQL engine (npm build) answers "is B within 4 hops of A,
// following edge directions?" for the same 1,000 pairs as graph_bench's BM_WithinFourHops
// (the MINSTD sequence of bench/synthetic.cc), after loading the synthetic N-Triples.
//   node bench/oxigraph/within_hops.mjs FILE.nt [entities=100000] [pairs=1000]
import { readFileSync } from "node:fs";
import oxigraph from "oxigraph";

const [file, entities = 100000, count = 1000] = process.argv.slice(2);
const store = new oxigraph.Store();
store.load(readFileSync(file, "utf8"), { format: "application/n-triples" });

let x = 1;
const next = () => ((x = (x * 48271) % 2147483647), x % Number(entities));
const pairs = [];
for (let i = 0; i < Number(count); i++) pairs.push([next(), next()]);

// Four optional steps over any predicate: a path of 0 to 4 hops.
const step = "(!<urn:kgraph:none>)?";
const ask = ([a, b]) =>
  `ASK { <http://example.org/e/${a}> ${[step, step, step, step].join("/")} <http://example.org/e/${b}> }`;

for (let i = 0; i < 20; i++) store.query(ask(pairs[i]));  // warm-up
const times = [];
let found = 0;
for (const pair of pairs) {
  const start = process.hrtime.bigint();
  found += store.query(ask(pair)) ? 1 : 0;
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
times.sort((p, q) => p - q);
const mean = times.reduce((p, q) => p + q, 0) / times.length;
console.log(JSON.stringify({ engine: "oxigraph", queries: times.length, found,
  median_ms: +times[times.length >> 1].toFixed(3), mean_ms: +mean.toFixed(3),
  p90_ms: +times[Math.floor(times.length * 0.9)].toFixed(3) }));
