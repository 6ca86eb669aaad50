// Answers kgraph's path and neighbour queries with SPARQL in Oxigraph (npm), over kgraph's own
// N-Triples export, so the tests can compare the two engines.
//   node tests/conformance/sparql_paths.mjs export.nt queries.json
// queries.json: [{"kind":"path","from":NAME,"to":NAME,"undirected":BOOL,"max":N},
//                {"kind":"neighbors","of":NAME,"hops":N}, ...]
// Prints one JSON array: for a path the fewest hops (null when none within max), for
// neighbours an object {label: distance}. Entities are found by rdfs:label; relations are the
// properties the export declares (a rdf:Property), each step may follow any of them.
import { readFileSync } from "node:fs";
import oxigraph from "oxigraph";

const [ntFile, queriesFile] = process.argv.slice(2);
const store = new oxigraph.Store();
store.load(readFileSync(ntFile, "utf8"), { format: "application/n-triples" });
const queries = JSON.parse(readFileSync(queriesFile, "utf8"));

const RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
const relations = [...store.query(`SELECT ?p WHERE { ?p a <${RDF}Property> }`)].map(
  (b) => `<${b.get("p").value}>`);
const forward = `(${relations.join("|")})`;
const either = `(${relations.flatMap((r) => [r, "^" + r]).join("|")})`;
// A SPARQL string literal (JSON's escapes are a subset of SPARQL's, \uXXXX included).
const literal = (s) => JSON.stringify(s);
const steps = (step, k) => Array(k).fill(step).join("/");

const answers = queries.map((q) => {
  if (q.kind === "path") {
    const step = q.undirected ? either : forward;
    for (let k = 1; k <= q.max; k++) {
      const ask = `ASK { ?a <${RDFS}label> ${literal(q.from)} . ?b <${RDFS}label> ${literal(q.to)} .
                         ?a ${steps(step, k)} ?b }`;
      if (store.query(ask)) return k;
    }
    return null;
  }
  const found = {};
  for (let k = 1; k <= q.hops; k++) {
    const select = `SELECT DISTINCT ?label WHERE { ?a <${RDFS}label> ${literal(q.of)} .
                      ?a ${steps(either, k)} ?n . ?n <${RDFS}label> ?label FILTER(?n != ?a) }`;
    for (const b of store.query(select)) {
      const label = b.get("label").value;
      if (!(label in found)) found[label] = k;
    }
  }
  return found;
});
console.log(JSON.stringify(answers));
