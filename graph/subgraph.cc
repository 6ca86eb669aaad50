// ExtractSubgraph: focus entities plus their neighbourhood, nearest first, with filters.
#include "graph/subgraph.h"

#include <algorithm>
#include <deque>

#include "core/schema.h"
#include "graph/graph.h"
#include "graph/snapshot_cache.h"

namespace kgraph::graph {

Result<Subgraph> ExtractSubgraph(const Store& store, const SubgraphQuery& q) {
  SnapshotFilter filter;
  filter.types = q.types;
  filter.min_confidence = q.min_confidence;
  filter.since = DateToInt(q.since);
  filter.until = DateToInt(q.until);
  if (!q.since.empty() && !filter.since)
    return Status::InvalidArgument("bad --since date '" + q.since + "'");
  if (!q.until.empty() && !filter.until)
    return Status::InvalidArgument("bad --until date '" + q.until + "'");
  if (filter.until && filter.until % 100 == 0) filter.until += 31;  // "2009-03" means all of March
  auto relations = ResolveRelations(store, q.relations);
  if (!relations.ok()) return relations.status();
  filter.relations = *relations;
  auto snapshot = LoadSnapshot(store, filter);
  if (!snapshot.ok()) return snapshot.status();
  const Snapshot& s = **snapshot;
  size_t n = s.vertex_term.size();

  std::vector<int> distance(n, -1);
  std::deque<uint32_t> queue;
  std::vector<uint32_t> kept;
  std::vector<TermId> focus_ids;
  for (const std::string& name : q.focus) {
    auto id = ResolveEntity(store, name);
    if (!id.ok()) return id.status();
    focus_ids.push_back(*id);
    if (auto v = s.Vertex(*id); v && distance[*v] < 0) {
      distance[*v] = 0;
      queue.push_back(*v);
      kept.push_back(*v);
    }
  }
  if (q.focus.empty()) {
    // No focus: the best-connected nodes.
    std::vector<uint32_t> all(n);
    for (uint32_t i = 0; i < n; ++i) all[i] = i;
    auto degree = [&](uint32_t v) {
      return boost::out_degree(v, s.graph) + boost::in_degree(v, s.graph);
    };
    std::stable_sort(all.begin(), all.end(),
                     [&](uint32_t a, uint32_t b) { return degree(a) > degree(b); });
    for (size_t i = 0; i < all.size() && i < q.max_nodes; ++i) {
      distance[all[i]] = 0;
      kept.push_back(all[i]);
    }
  }
  while (!queue.empty() && kept.size() < q.max_nodes) {
    uint32_t u = queue.front();
    queue.pop_front();
    if (distance[u] >= q.hops) continue;
    auto visit = [&](uint32_t w) {
      if (distance[w] >= 0 || kept.size() >= q.max_nodes) return;
      distance[w] = distance[u] + 1;
      kept.push_back(w);
      queue.push_back(w);
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::target(e, s.graph)));
    for (auto e : boost::make_iterator_range(boost::in_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::source(e, s.graph)));
  }

  Subgraph out;
  std::vector<bool> in(n, false);
  for (uint32_t v : kept) {
    in[v] = true;
    SubgraphNode node;
    node.id = s.vertex_term[v];
    auto term = store.GetTerm(node.id);
    if (!term.ok()) return term.status();
    node.term = *term;
    node.aliases = store.Aliases(node.id);
    node.focus = std::find(focus_ids.begin(), focus_ids.end(), node.id) != focus_ids.end();
    node.distance = distance[v];
    out.nodes.push_back(std::move(node));
  }
  for (uint32_t v : kept) {
    for (auto e : boost::make_iterator_range(boost::out_edges(v, s.graph))) {
      if (!in[boost::target(e, s.graph)]) continue;
      SubgraphEdge edge;
      edge.statement = s.Summary(s.graph[e].statement);
      auto rel = store.GetTerm(edge.statement.triple.relation);
      edge.relation = rel.ok() ? rel->text : "?";
      out.edges.push_back(std::move(edge));
    }
  }
  return out;
}

}  // namespace kgraph::graph
