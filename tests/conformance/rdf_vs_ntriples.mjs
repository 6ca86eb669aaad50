// Reads kgraph's JSON-LD (with jsonld.js) or Turtle (with N3.js) and compares the triples with
// kgraph's own N-Triples export, parsed by N3.js. Exit 0 when the two sets are equal.
//   node tests/conformance/rdf_vs_ntriples.mjs export.jsonld export.nt
//   node tests/conformance/rdf_vs_ntriples.mjs export.ttl export.nt
import { readFileSync } from "node:fs";
import jsonld from "jsonld";
import N3 from "n3";

const [file, ntFile] = process.argv.slice(2);
const toSet = (text, format) => {
  const quads = new N3.Parser({ format }).parse(text);
  return new Set(quads.map((q) => `${q.subject.id} ${q.predicate.id} ${q.object.id}`));
};
let fromFile;
if (file.endsWith(".ttl")) {
  fromFile = toSet(readFileSync(file, "utf8"), "Turtle");
} else {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  fromFile = toSet(await jsonld.toRDF(doc, { format: "application/n-quads" }), "N-Quads");
}
const fromNt = toSet(readFileSync(ntFile, "utf8"), "N-Triples");
const missing = [...fromNt].filter((t) => !fromFile.has(t));
const extra = [...fromFile].filter((t) => !fromNt.has(t));
console.log(JSON.stringify({ file: fromFile.size, ntriples: fromNt.size, missing: missing.slice(0, 5), extra: extra.slice(0, 5) }));
process.exit(missing.length === 0 && extra.length === 0 && fromNt.size > 0 ? 0 : 1);
