// Snapshot building, name resolution and breadth-first paths.
#include "graph/graph.h"

#include <algorithm>
#include <climits>

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
  bool too_many_terms = false;
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
    if (t.relation > UINT32_MAX) {
      too_many_terms = true;
      return false;
    }
    EdgeStatement e{vertex(t.subject), vertex(t.object), static_cast<uint32_t>(t.relation),
                    st.source_count,   st.record_count,  st.max_confidence,
                    st.first_date,     st.last_date};
    edges.emplace_back(e.from, e.to);
    data.push_back({static_cast<uint32_t>(snap->statements.size())});
    snap->statements.push_back(e);
    return true;
  });
  if (!s.ok()) return s;
  if (too_many_terms) return Status::Internal("graph snapshot: term ids beyond 32 bits");
  snap->graph = Csr(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), data.begin(),
                    snap->vertex_term.size());
  return std::shared_ptr<const Snapshot>(std::move(snap));
}

StatementSummary Snapshot::Summary(uint32_t statement) const {
  const EdgeStatement& e = statements[statement];
  StatementSummary out;
  out.triple = {vertex_term[e.from], e.relation, vertex_term[e.to]};
  out.source_count = e.source_count;
  out.record_count = e.record_count;
  out.max_confidence = e.max_confidence;
  out.first_date = e.first_date;
  out.last_date = e.last_date;
  return out;
}

size_t Snapshot::MemoryBytes() const {
  auto bytes = [](const auto& v) { return v.capacity() * sizeof(v[0]); };
  return bytes(graph.m_forward.m_rowstart) + bytes(graph.m_forward.m_column) +
         bytes(graph.m_forward.m_edge_properties) + bytes(graph.m_backward.m_rowstart) +
         bytes(graph.m_backward.m_column) + bytes(graph.m_backward.m_edge_properties) +
         bytes(vertex_term) + bytes(statements) + bytes(vertex_of) + sizeof(*this);
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

namespace {

// Per-thread scratch for the path search: vertex marks are stamped with a query number, so a
// query touches only the vertices it reaches instead of clearing arrays of the graph's size.
struct SearchSide {
  std::vector<uint32_t> stamp;  // == epoch: reached in this query
  std::vector<uint32_t> depth;
  std::vector<Hop> hop;  // forward side: the hop into the vertex; backward: the hop out of it
  std::vector<uint32_t> frontier, next;
};

struct SearchScratch {
  uint32_t epoch = 0;
  SearchSide forward, backward;

  void Begin(size_t n) {
    if (forward.stamp.size() < n || ++epoch == 0) {
      for (SearchSide* side : {&forward, &backward}) {
        side->stamp.assign(n, 0);
        side->depth.resize(n);
        side->hop.resize(n);
      }
      epoch = 1;
    }
  }
};

// Calls visit(neighbour, hop) for every hop leaving u (forward search) or entering u (backward
// search, the hop then runs from the neighbour to u).
template <typename Visit>
void ForEachHop(const Snapshot& s, uint32_t u, bool undirected, bool backward, Visit&& visit) {
  if (!backward || undirected)
    for (auto e : boost::make_iterator_range(boost::out_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::target(e, s.graph)), Hop{s.graph[e].statement, !backward});
  if (backward || undirected)
    for (auto e : boost::make_iterator_range(boost::in_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::source(e, s.graph)), Hop{s.graph[e].statement, backward});
}

}  // namespace

// Bidirectional breadth-first search: each round expands one whole level of the smaller
// frontier, and the first round in which the two searches meet gives the shortest path (the
// best meeting over that complete level). On a graph where a few hops reach everything, this
// explores about the square root of what a one-sided search does.
std::vector<Hop> ShortestPath(const Snapshot& s, uint32_t from, uint32_t to, const PathQuery& q,
                              const std::vector<bool>* blocked_vertices,
                              const std::vector<Hop>* blocked_hops) {
  std::vector<Hop> path;
  if (from == to || q.max_hops <= 0) return path;
  thread_local SearchScratch scratch;
  scratch.Begin(s.vertex_term.size());
  const uint32_t epoch = scratch.epoch;
  SearchSide& fw = scratch.forward;
  SearchSide& bw = scratch.backward;
  auto blocked_hop = [&](uint32_t tail, const Hop& h) {
    if (!blocked_hops || tail != from) return false;
    for (const Hop& b : *blocked_hops)
      if (b.statement == h.statement && b.forward == h.forward) return true;
    return false;
  };
  for (auto [side, v] : {std::pair{&fw, from}, std::pair{&bw, to}}) {
    side->stamp[v] = epoch;
    side->depth[v] = 0;
    side->frontier.assign(1, v);
  }
  int forward_depth = 0, backward_depth = 0;
  // Best meeting so far: the hop that joins the two searches and the vertices it joins.
  int best = INT32_MAX;
  uint32_t meet_tail = 0, meet_head = 0;
  Hop meet_hop{};
  while (best == INT32_MAX && forward_depth + backward_depth < q.max_hops && !fw.frontier.empty() &&
         !bw.frontier.empty()) {
    bool backward = bw.frontier.size() < fw.frontier.size();
    SearchSide& side = backward ? bw : fw;
    SearchSide& other = backward ? fw : bw;
    int& depth = backward ? backward_depth : forward_depth;
    side.next.clear();
    for (uint32_t u : side.frontier) {
      ForEachHop(s, u, q.undirected, backward, [&](uint32_t w, const Hop& h) {
        if (blocked_vertices && (*blocked_vertices)[w]) return;
        uint32_t tail = backward ? w : u, head = backward ? u : w;
        if (blocked_hop(tail, h)) return;
        if (other.stamp[w] == epoch) {
          int length = static_cast<int>(side.depth[u] + 1 + other.depth[w]);
          if (length < best) {
            best = length;
            meet_tail = tail;
            meet_head = head;
            meet_hop = h;
          }
        }
        if (side.stamp[w] == epoch) return;
        side.stamp[w] = epoch;
        side.depth[w] = static_cast<uint32_t>(depth + 1);
        side.hop[w] = h;
        side.next.push_back(w);
      });
    }
    side.frontier.swap(side.next);
    ++depth;
  }
  if (best == INT32_MAX || best > q.max_hops) return path;
  // Walk back from the meeting hop's tail to `from`, then forward from its head to `to`.
  auto other_end = [&](const Hop& h, bool towards_subject) {
    const EdgeStatement& e = s.statements[h.statement];
    return h.forward == towards_subject ? e.from : e.to;
  };
  for (uint32_t v = meet_tail; v != from;) {
    path.push_back(fw.hop[v]);
    v = other_end(fw.hop[v], true);
  }
  std::reverse(path.begin(), path.end());
  path.push_back(meet_hop);
  for (uint32_t v = meet_head; v != to;) {
    path.push_back(bw.hop[v]);
    v = other_end(bw.hop[v], false);
  }
  return path;
}

namespace {

// The vertices a path visits, starting with `from`.
std::vector<uint32_t> PathVertices(const Snapshot& s, uint32_t from, const std::vector<Hop>& path) {
  std::vector<uint32_t> out = {from};
  for (const Hop& h : path) {
    const EdgeStatement& e = s.statements[h.statement];
    out.push_back(h.forward ? e.to : e.from);
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
