// Streaming RDF exports of a store: N-Triples, Turtle, N-Quads and JSON-LD. Statements are
// read with bounded scans and written as they come; only the term cache is held in memory.
#pragma once

#include <ostream>
#include <string>

#include "core/schema.h"
#include "core/status.h"
#include "core/store.h"

namespace kgraph::exporting {

enum class RdfFormat { kNTriples, kTurtle, kNQuads, kJsonLd };

struct RdfOptions {
  std::string base = "http://kgraph.example/";  // entity, document and vocabulary IRIs
  const Schema* schema = nullptr;               // labels → CAMEO codes and quad classes
  bool provenance = true;                       // reified statements / named graphs
};

// Writes the whole store. REQUIRES: options.base is an absolute IRI ending in '/' or '#'.
Status ExportRdf(const Store& store, RdfFormat format, const RdfOptions& options,
                 std::ostream& out);

// Escaping helpers (exposed for tests): the inside of an N-Triples/Turtle string literal, and an
// IRI with every character IRIREF forbids percent-encoded.
std::string EscapeLiteral(std::string_view text);
std::string EscapeIri(std::string_view iri);

// GraphML (nodes and edges with labels) and Neo4j admin-import CSV (nodes.csv, edges.csv).
Status ExportGraphMl(const Store& store, const RdfOptions& options, std::ostream& out);
Status ExportCsv(const Store& store, const RdfOptions& options, std::ostream& nodes,
                 std::ostream& edges);

}  // namespace kgraph::exporting
