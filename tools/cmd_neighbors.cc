// `kgraph neighbors A`: the ego network of an entity, ring by ring, with evidence counts.
#include <iostream>

#include "core/text.h"
#include "tools/command.h"
#include "tools/graph_options.h"
#include "tools/output.h"

namespace kgraph::cli {
namespace {

struct NeighborsOptions {
  std::string entity, format = "text";
  int hops = 1;
  GraphFilterOptions filter;
};

int RunNeighbors(const NeighborsOptions& o, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto id = graph::ResolveEntity(**store, o.entity);
  if (!id.ok()) return Fail(id.status());
  auto snap = BuildFilteredSnapshot(**store, o.filter);
  if (!snap.ok()) return Fail(snap.status());
  auto v = (*snap)->Vertex(*id);
  std::vector<graph::Neighbour> ring;
  if (v) ring = graph::Neighbourhood(**snap, *v, o.hops);
  for (const graph::Neighbour& n : ring) {
    std::string name = DisplayTerm(**store, (*snap)->vertex_term[n.vertex]);
    if (o.format == "json") {
      std::cout << "{\"name\":" << JsonQuote(name) << ",\"hops\":" << n.distance
                << ",\"statements\":" << n.statements << ",\"sources\":" << n.sources << "}\n";
    } else {
      std::cout << std::string(static_cast<size_t>(2 * n.distance), ' ') << name << "   ["
                << n.statements << (n.statements == 1 ? " statement, " : " statements, ")
                << n.sources << (n.sources == 1 ? " source]\n" : " sources]\n");
    }
  }
  if (o.format == "text" && !g.quiet)
    std::cerr << ring.size() << " entities within " << o.hops
              << (o.hops == 1 ? " hop of " : " hops of ") << DisplayTerm(**store, *id) << "\n";
  return kExitOk;
}

std::function<int()> SetupNeighbors(CLI::App& app, const GlobalOptions& g) {
  auto o = std::make_shared<NeighborsOptions>();
  CLI::App* cmd =
      app.add_subcommand("neighbors", "Entities around an entity, with evidence counts");
  cmd->add_option("entity", o->entity, "Entity name, alias or IRI")->required();
  cmd->add_option("--hops", o->hops, "How many steps out (default 1)");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddGraphFilterOptions(cmd, &o->filter);
  cmd->footer("Example:\n  kgraph neighbors Georgia --hops 2");
  return [o, &g] { return RunNeighbors(*o, g); };
}

}  // namespace
KGRAPH_COMMAND(31, SetupNeighbors);
}  // namespace kgraph::cli
