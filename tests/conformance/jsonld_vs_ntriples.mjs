// Converts kgraph's JSON-LD to RDF with jsonld.js and compares the resulting triples with
// kgraph's own N-Triples export, both parsed by N3.js. Exit 0 when the two sets are equal.
//   node tests/conformance/jsonld_vs_ntriples.mjs export.jsonld export.nt
import { readFileSync } from "node:fs";
import jsonld from "jsonld";
import N3 from "n3";

const [jsonldFile, ntFile] = process.argv.slice(2);
const toSet = (text, format) => {
  const quads = new N3.Parser({ format }).parse(text);
  return new Set(quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`));
};
const doc = JSON.parse(readFileSync(jsonldFile, "utf8"));
const nquads = await jsonld.toRDF(doc, { format: "application/n-quads" });
const fromJsonld = toSet(nquads, "N-Quads");
const fromNt = toSet(readFileSync(ntFile, "utf8"), "N-Triples");
const missing = [...fromNt].filter((t) => !fromJsonld.has(t));
const extra = [...fromJsonld].filter((t) => !fromNt.has(t));
console.log(JSON.stringify({ jsonld: fromJsonld.size, ntriples: fromNt.size, missing: missing.slice(0, 5), extra: extra.slice(0, 5) }));
process.exit(missing.length === 0 && extra.length === 0 && fromNt.size > 0 ? 0 : 1);
