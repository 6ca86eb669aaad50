// `kgraph diagram -o FILE.{dot,svg,png,pdf}`: a relationship diagram of a neighbourhood.
#include <iostream>

#include "export/diagram.h"
#include "graph/subgraph.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct DiagramCliOptions {
  std::vector<std::string> focus, relations;
  int hops = 1;
  float min_confidence = 0;
  std::string since, until, output, schema;
  size_t max_nodes = 200;
};

// With no --focus: NATO and its members, Russia, Georgia and Ukraine, as far as the store
// knows them.
std::vector<std::string> DefaultFocus(const Store& store) {
  std::vector<std::string> focus;
  for (const char* name : {"NATO", "Russia", "Georgia", "Ukraine"})
    if (store.ResolveName(name).size() == 1) focus.push_back(name);
  auto nato = store.ResolveName("NATO");
  auto member_of = store.Find(Term{TermKind::kRelation, EntityType::kNone, "member_of"});
  if (nato.size() == 1 && member_of) {
    store
        .Scan({kNoTerm, *member_of, nato[0]},
              [&](const StatementSummary& s) {
                auto t = store.GetTerm(s.triple.subject);
                if (t.ok()) focus.push_back(t->text);
                return true;
              })
        .IgnoreError();
  }
  return focus;
}

int RunDiagram(const DiagramCliOptions& o, const GlobalOptions& g) {
  if (o.output.empty()) return Fail(Status::InvalidArgument("give the output file: -o FILE.svg"));
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto schema = LoadSchema(o.schema.empty() ? DefaultSchemaPath() : o.schema);
  if (!schema.ok()) return Fail(schema.status());
  graph::SubgraphQuery q;
  q.focus = o.focus.empty() ? DefaultFocus(**store) : o.focus;
  q.hops = o.focus.empty() ? 0 : o.hops;  // the default view: relations among the focus only
  q.relations = o.relations;
  q.min_confidence = o.min_confidence;
  q.since = o.since;
  q.until = o.until;
  q.max_nodes = o.max_nodes;
  auto sub = graph::ExtractSubgraph(**store, q);
  if (!sub.ok()) return Fail(sub.status());
  exporting::DiagramOptions d;
  d.schema = &*schema;
  Status s = exporting::RenderDiagram(**store, *sub, d, o.output);
  if (!s.ok()) return Fail(s);
  if (!g.quiet)
    std::cerr << "wrote " << o.output << ": " << sub->nodes.size() << " nodes, "
              << sub->edges.size() << " statements\n";
  return kExitOk;
}

std::function<int()> SetupDiagram(CLI::App& app, const GlobalOptions& g) {
  auto o = std::make_shared<DiagramCliOptions>();
  CLI::App* cmd =
      app.add_subcommand("diagram", "Draw the relations around some entities (Graphviz)");
  cmd->add_option("--focus", o->focus,
                  "Entities to centre on (default: NATO and its members, Russia, Georgia, Ukraine)")
      ->delimiter(',');
  cmd->add_option("--hops", o->hops, "How far from the focus (default 1)");
  cmd->add_option("--relations", o->relations, "Only these relation labels")->delimiter(',');
  cmd->add_option("--min-confidence", o->min_confidence, "Only statements at least this confident");
  cmd->add_option("--since", o->since, "Only statements dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", o->until, "Only statements dated on or before");
  cmd->add_option("--max-nodes", o->max_nodes, "At most this many entities (nearest first)");
  cmd->add_option("--schema", o->schema, "Schema file for edge colours");
  cmd->add_option("-o,--output", o->output, "FILE.dot, FILE.svg, FILE.png or FILE.pdf")->required();
  cmd->footer("Example:\n  kgraph diagram --focus NATO,Russia --hops 1 -o nato.svg");
  return [o, &g] { return RunDiagram(*o, g); };
}

}  // namespace
KGRAPH_COMMAND(81, SetupDiagram);
}  // namespace kgraph::cli
