// `kgraph export --format nt|ttl|nq|jsonld|graphml|csv`: the store for other tools, streamed.
#include <fstream>
#include <iostream>

#include "export/rdf.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct ExportOptions {
  std::string format = "nt", output = "-", base = "http://kgraph.example/", schema;
  bool no_provenance = false;
};

int RunExport(const ExportOptions& o, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto schema = LoadSchema(o.schema.empty() ? DefaultSchemaPath() : o.schema);
  if (!schema.ok()) return Fail(schema.status());
  exporting::RdfOptions ro;
  ro.base = o.base;
  ro.schema = &*schema;
  ro.provenance = !o.no_provenance;
  if (o.format == "csv") {
    if (o.output == "-")
      return Fail(Status::InvalidArgument(
          "csv writes two files: give -o PREFIX (PREFIX-nodes.csv, PREFIX-edges.csv)"));
    std::ofstream nodes(o.output + "-nodes.csv"), edges(o.output + "-edges.csv");
    if (!nodes || !edges) return Fail(Status::InvalidArgument(o.output + ": cannot write"));
    Status s = exporting::ExportCsv(**store, ro, nodes, edges);
    return s.ok() ? kExitOk : Fail(s);
  }
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (o.output != "-") {
    file.open(o.output, std::ios::binary);
    if (!file) return Fail(Status::InvalidArgument(o.output + ": cannot write"));
    out = &file;
  }
  Status s;
  if (o.format == "graphml") {
    s = exporting::ExportGraphMl(**store, ro, *out);
  } else {
    exporting::RdfFormat f = o.format == "ttl"      ? exporting::RdfFormat::kTurtle
                             : o.format == "nq"     ? exporting::RdfFormat::kNQuads
                             : o.format == "jsonld" ? exporting::RdfFormat::kJsonLd
                                                    : exporting::RdfFormat::kNTriples;
    s = exporting::ExportRdf(**store, f, ro, *out);
  }
  if (!s.ok()) return Fail(s);
  return kExitOk;
}

std::function<int()> SetupExport(CLI::App& app, const GlobalOptions& g) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* cmd = app.add_subcommand("export", "Export the store as RDF, JSON-LD, GraphML or CSV");
  cmd->add_option("--format", o->format,
                  "nt, ttl, nq (one named graph per document), jsonld, graphml or csv")
      ->check(CLI::IsMember({"nt", "ttl", "nq", "jsonld", "graphml", "csv"}));
  cmd->add_option("-o,--output", o->output,
                  "Output file ('-': standard output; csv: a file prefix)");
  cmd->add_option("--base", o->base, "Base IRI for entities, documents and the vocabulary");
  cmd->add_option("--schema", o->schema,
                  "Schema file for the vocabulary (default: seeds/schema.json)");
  cmd->add_flag("--no-provenance", o->no_provenance, "Statements only, without reified evidence");
  cmd->footer(
      "Examples:\n  kgraph export --format ttl -o graph.ttl\n  kgraph export --format nq | gzip > "
      "graph.nq.gz\n"
      "  kgraph export --format csv -o neo4j   # neo4j-nodes.csv, neo4j-edges.csv");
  return [o, &g] { return RunExport(*o, g); };
}

}  // namespace
KGRAPH_COMMAND(80, SetupExport);
}  // namespace kgraph::cli
