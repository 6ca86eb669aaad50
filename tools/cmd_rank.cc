// `kgraph rank` and `kgraph components`: the most central entities, and the graph's islands.
#include <algorithm>
#include <iostream>

#include "core/text.h"
#include "tools/command.h"
#include "tools/graph_options.h"
#include "tools/output.h"

namespace kgraph::cli {
namespace {

struct RankOptions {
  std::string by = "degree", type, format = "text";
  size_t top = 20;
  GraphFilterOptions filter;
};

int RunRank(const RankOptions& o, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  std::optional<EntityType> type;
  if (!o.type.empty()) {
    type = ParseEntityType(o.type);
    if (!type) return Fail(Status::InvalidArgument("unknown entity type '" + o.type + "'"));
  }
  auto snap = BuildFilteredSnapshot(**store, o.filter);
  if (!snap.ok()) return Fail(snap.status());
  graph::Centrality by = o.by == "pagerank"      ? graph::Centrality::kPageRank
                         : o.by == "betweenness" ? graph::Centrality::kBetweenness
                                                 : graph::Centrality::kDegree;
  std::vector<double> score = graph::CentralityScores(**snap, by);
  std::vector<uint32_t> order;
  for (uint32_t v = 0; v < score.size(); ++v) {
    if (type) {
      auto t = (*store)->GetTerm((*snap)->vertex_term[v]);
      if (!t.ok() || t->type != *type) continue;
    }
    order.push_back(v);
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return score[a] > score[b]; });
  if (order.size() > o.top) order.resize(o.top);
  for (size_t i = 0; i < order.size(); ++i) {
    std::string name = DisplayTerm(**store, (*snap)->vertex_term[order[i]]);
    if (o.format == "json") {
      std::cout << "{\"rank\":" << i + 1 << ",\"name\":" << JsonQuote(name) << ",\"" << o.by
                << "\":" << score[order[i]] << "}\n";
    } else {
      std::cout << i + 1 << ". " << name << "   " << score[order[i]] << "\n";
    }
  }
  return kExitOk;
}

int RunComponents(const GraphFilterOptions& f, size_t show, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto snap = BuildFilteredSnapshot(**store, f);
  if (!snap.ok()) return Fail(snap.status());
  size_t count = 0;
  std::vector<uint32_t> component = graph::Components(**snap, &count);
  std::vector<std::vector<uint32_t>> members(count);
  for (uint32_t v = 0; v < component.size(); ++v) members[component[v]].push_back(v);
  std::cout << count << (count == 1 ? " component" : " components") << " over " << component.size()
            << " entities\n";
  for (size_t c = 0; c < count; ++c) {
    std::cout << "  " << c + 1 << ". " << members[c].size() << " entities:";
    for (size_t i = 0; i < members[c].size() && i < show; ++i)
      std::cout << (i ? ", " : " ") << DisplayTerm(**store, (*snap)->vertex_term[members[c][i]]);
    if (members[c].size() > show) std::cout << ", …";
    std::cout << "\n";
  }
  return kExitOk;
}

std::function<int()> SetupRank(CLI::App& app, const GlobalOptions& g) {
  auto o = std::make_shared<RankOptions>();
  CLI::App* cmd = app.add_subcommand("rank", "The most central entities");
  cmd->add_option("--by", o->by, "degree, pagerank or betweenness")
      ->check(CLI::IsMember({"degree", "pagerank", "betweenness"}));
  cmd->add_option("--type", o->type, "Only entities of this type");
  cmd->add_option("--top", o->top, "How many (default 20)");
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  AddGraphFilterOptions(cmd, &o->filter);
  cmd->footer("Example:\n  kgraph rank --by pagerank --type COUNTRY --top 10");
  return [o, &g] { return RunRank(*o, g); };
}

std::function<int()> SetupComponents(CLI::App& app, const GlobalOptions& g) {
  auto f = std::make_shared<GraphFilterOptions>();
  auto show = std::make_shared<size_t>(8);
  CLI::App* cmd = app.add_subcommand("components", "Connected components and their sizes");
  cmd->add_option("--show", *show, "Entities listed per component (default 8)");
  AddGraphFilterOptions(cmd, f.get());
  return [f, show, &g] { return RunComponents(*f, *show, g); };
}

}  // namespace
KGRAPH_COMMAND(32, SetupRank);
KGRAPH_COMMAND(33, SetupComponents);
}  // namespace kgraph::cli
