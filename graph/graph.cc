// Snapshot building, name resolution and breadth-first paths.
#include "graph/graph.h"

#include <algorithm>
#include <deque>

#include "core/text.h"

namespace kgraph::graph {

Result<std::shared_ptr<const Snapshot>> BuildSnapshot(const Store& store, const SnapshotFilter& f) {
  auto snap = std::make_shared<Snapshot>();
  snap->generation = store.Generation();
  std::vector<std::pair<uint32_t, uint32_t>> edges;
  std::vector<EdgeData> data;
  // One sequential pass over the dictionary decides which terms may be vertices (no literals
  // or relation labels; the type filter), instead of a random read per term.
  std::vector<uint8_t> keep;
  Status dict = store.ForEachTerm([&](TermId id, const Term& term) {
    if (id >= keep.size()) keep.resize(std::max<size_t>(id + 1, keep.size() * 2), 0);
    bool k = term.kind != TermKind::kLiteral && term.kind != TermKind::kRelation;
    if (k && !f.types.empty())
      k = std::find(f.types.begin(), f.types.end(), term.type) != f.types.end();
    keep[id] = k;
    return true;
  });
  if (!dict.ok()) return dict;
  auto keep_term = [&](TermId id) { return id < keep.size() && keep[id]; };
  size_t expected = store.Counters().statements;
  edges.reserve(expected);
  data.reserve(expected);
  snap->statements.reserve(expected);
  snap->vertex_of.assign(keep.size(), Snapshot::kNoVertex);
  auto vertex = [&](TermId id) {
    uint32_t& v = snap->vertex_of[id];
    if (v == Snapshot::kNoVertex) {
      v = static_cast<uint32_t>(snap->vertex_term.size());
      snap->vertex_term.push_back(id);
    }
    return v;
  };
  Status s = store.Scan({}, [&](const StatementSummary& st) {
    const Triple& t = st.triple;
    if (!f.relations.empty() &&
        std::find(f.relations.begin(), f.relations.end(), t.relation) == f.relations.end())
      return true;
    if (st.max_confidence < f.min_confidence) return true;
    if (f.since && st.last_date && st.last_date < f.since) return true;
    if (f.until && st.first_date && st.first_date > f.until) return true;
    if ((f.since || f.until) && !st.first_date) return true;  // undated statements fall outside
    if (!keep_term(t.subject) || !keep_term(t.object)) return true;
    edges.emplace_back(vertex(t.subject), vertex(t.object));
    data.push_back({static_cast<uint32_t>(snap->statements.size())});
    snap->statements.push_back(st);
    return true;
  });
  if (!s.ok()) return s;
  snap->graph = Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), data.begin(),
                    snap->vertex_term.size());
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t prev = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cur = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
    }
  }
  return row[b.size()];
}

std::string Describe(const Store& store, TermId id) {
  auto t = store.GetTerm(id);
  if (!t.ok()) return "#" + std::to_string(id);
  std::string type(EntityTypeName(t->type));
  return t->text + (type.empty() ? "" : " (" + type + ")");
}

}  // namespace

Result<TermId> ResolveEntity(const Store& store, const std::string& name) {
  std::vector<TermId> ids = store.ResolveName(name);
  if (ids.size() == 1) return ids[0];
  if (ids.size() > 1) {
    std::string list;
    for (TermId id : ids) list += (list.empty() ? "" : "; ") + Describe(store, id);
    return Status::InvalidArgument("'" + name + "' is ambiguous: " + list +
                                   " (give the IRI to choose)");
  }
  std::string key = NormalizeAlias(name);
  std::vector<std::pair<size_t, std::string>> nearest;
  Status s = store.ForEachAlias([&](std::string_view alias, TermId id) {
    size_t d = EditDistance(key, std::string(alias));
    if (std::string(alias).find(key) != std::string::npos && !key.empty())
      d = std::min<size_t>(d, 1);
    nearest.emplace_back(d, Describe(store, id));
    return true;
  });
  std::sort(nearest.begin(), nearest.end());
  nearest.erase(std::unique(nearest.begin(), nearest.end(),
                            [](auto& a, auto& b) { return a.second == b.second; }),
                nearest.end());
  std::string msg = "unknown entity '" + name + "'";
  if (!nearest.empty()) {
    msg += "; closest: ";
    for (size_t i = 0; i < nearest.size() && i < 5; ++i) msg += (i ? ", " : "") + nearest[i].second;
  }
  return Status::InvalidArgument(msg);
}

Result<std::vector<TermId>> ResolveRelations(const Store& store,
                                             const std::vector<std::string>& labels) {
  std::vector<TermId> out;
  for (const std::string& label : labels) {
    auto id = store.Find(Term{TermKind::kRelation, EntityType::kNone, label});
    if (!id) id = store.Find(Term{TermKind::kIri, EntityType::kNone, label});
    if (!id) return Status::InvalidArgument("unknown relation '" + label + "'");
    out.push_back(*id);
  }
  return out;
}

std::vector<Hop> ShortestPath(const Snapshot& s, uint32_t from, uint32_t to, const PathQuery& q,
                              const std::vector<bool>* blocked_vertices,
                              const std::vector<Hop>* blocked_hops) {
  size_t n = s.vertex_term.size();
  std::vector<int32_t> parent_edge(n, -1);
  std::vector<int8_t> parent_dir(n, 0);
  std::vector<int> depth(n, -1);
  std::deque<uint32_t> queue = {from};
  depth[from] = 0;
  while (!queue.empty() && depth[to] < 0) {
    uint32_t u = queue.front();
    queue.pop_front();
    if (depth[u] >= q.max_hops) continue;
    auto visit = [&](uint32_t w, uint32_t statement, bool forward) {
      if (depth[w] >= 0) return;
      if (blocked_vertices && (*blocked_vertices)[w]) return;
      if (blocked_hops && u == from)
        for (const Hop& b : *blocked_hops)
          if (b.statement == statement && b.forward == forward) return;
      depth[w] = depth[u] + 1;
      parent_edge[w] = static_cast<int32_t>(statement);
      parent_dir[w] = forward ? 1 : 0;
      queue.push_back(w);
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::target(e, s.graph)), s.graph[e].statement, true);
    if (q.undirected)
      for (auto e : boost::make_iterator_range(boost::in_edges(u, s.graph)))
        visit(static_cast<uint32_t>(boost::source(e, s.graph)), s.graph[e].statement, false);
  }
  std::vector<Hop> path;
  if (depth[to] < 0 || from == to) return path;
  for (uint32_t v = to; v != from;) {
    const StatementSummary& st = s.statements[parent_edge[v]];
    bool forward = parent_dir[v];
    path.push_back({static_cast<uint32_t>(parent_edge[v]), forward});
    v = *s.Vertex(forward ? st.triple.subject : st.triple.object);
  }
  std::reverse(path.begin(), path.end());
  return path;
}

namespace {

// The vertices a path visits, starting with `from`.
std::vector<uint32_t> PathVertices(const Snapshot& s, uint32_t from, const std::vector<Hop>& path) {
  std::vector<uint32_t> out = {from};
  for (const Hop& h : path) {
    const Triple& t = s.statements[h.statement].triple;
    out.push_back(*s.Vertex(h.forward ? t.object : t.subject));
  }
  return out;
}

bool SameHops(const std::vector<Hop>& a, const std::vector<Hop>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i].statement != b[i].statement || a[i].forward != b[i].forward) return false;
  return true;
}

}  // namespace

std::vector<std::vector<Hop>> KShortestPaths(const Snapshot& s, uint32_t from, uint32_t to,
                                             size_t k, const PathQuery& q) {
  std::vector<std::vector<Hop>> found;
  if (k == 0 || from == to) return found;
  std::vector<Hop> first = ShortestPath(s, from, to, q);
  if (first.empty()) return found;
  found.push_back(first);
  std::vector<std::vector<Hop>> candidates;
  while (found.size() < k) {
    const std::vector<Hop>& last = found.back();
    std::vector<uint32_t> vertices = PathVertices(s, from, last);
    for (size_t i = 0; i < last.size(); ++i) {
      // Spur from the i-th vertex; the root (first i hops) stays fixed.
      std::vector<Hop> root(last.begin(), last.begin() + static_cast<long>(i));
      std::vector<Hop> blocked_hops;
      for (const auto& p : found)
        if (p.size() > i &&
            SameHops(std::vector<Hop>(p.begin(), p.begin() + static_cast<long>(i)), root))
          blocked_hops.push_back(p[i]);
      std::vector<bool> blocked(s.vertex_term.size(), false);
      for (size_t j = 0; j < i; ++j) blocked[vertices[j]] = true;
      PathQuery spur_query = q;
      spur_query.max_hops = q.max_hops - static_cast<int>(i);
      if (spur_query.max_hops <= 0) continue;
      std::vector<Hop> spur = ShortestPath(s, vertices[i], to, spur_query, &blocked, &blocked_hops);
      if (spur.empty()) continue;
      std::vector<Hop> total = root;
      total.insert(total.end(), spur.begin(), spur.end());
      bool known = false;
      for (const auto& c : candidates) known |= SameHops(c, total);
      for (const auto& p : found) known |= SameHops(p, total);
      if (!known) candidates.push_back(std::move(total));
    }
    if (candidates.empty()) break;
    auto best = std::min_element(candidates.begin(), candidates.end(),
                                 [](const auto& a, const auto& b) { return a.size() < b.size(); });
    found.push_back(std::move(*best));
    candidates.erase(best);
  }
  return found;
}

}  // namespace kgraph::graph
