// Neighbourhoods, components and centrality over a snapshot (Boost's algorithms where it has
// them).
#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/page_rank.hpp>
#include <boost/property_map/property_map.hpp>
#include <deque>
#include <numeric>

#include "graph/graph.h"

namespace kgraph::graph {

std::vector<Neighbour> Neighbourhood(const Snapshot& s, uint32_t centre, int hops) {
  size_t n = s.vertex_term.size();
  std::vector<int> distance(n, -1);
  std::vector<Neighbour> out;
  std::vector<size_t> index_of(n, SIZE_MAX);
  std::deque<uint32_t> queue = {centre};
  distance[centre] = 0;
  while (!queue.empty()) {
    uint32_t u = queue.front();
    queue.pop_front();
    if (distance[u] >= hops) continue;
    auto visit = [&](uint32_t w, uint32_t statement) {
      if (w == centre) return;
      if (distance[w] < 0) {
        distance[w] = distance[u] + 1;
        index_of[w] = out.size();
        out.push_back({w, distance[w], 0, 0});
        queue.push_back(w);
      }
      // Count the statements that reach w from the ring before it.
      if (distance[w] == distance[u] + 1) {
        out[index_of[w]].statements += 1;
        out[index_of[w]].sources += s.statements[statement].source_count;
      }
    };
    for (auto e : boost::make_iterator_range(boost::out_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::target(e, s.graph)), s.graph[e].statement);
    for (auto e : boost::make_iterator_range(boost::in_edges(u, s.graph)))
      visit(static_cast<uint32_t>(boost::source(e, s.graph)), s.graph[e].statement);
  }
  return out;
}

std::vector<uint32_t> Components(const Snapshot& s, size_t* count) {
  size_t n = s.vertex_term.size();
  std::vector<uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (auto e : boost::make_iterator_range(boost::edges(s.graph))) {
    uint32_t a = find(static_cast<uint32_t>(boost::source(e, s.graph)));
    uint32_t b = find(static_cast<uint32_t>(boost::target(e, s.graph)));
    if (a != b) parent[std::max(a, b)] = std::min(a, b);
  }
  std::vector<size_t> size(n, 0);
  for (uint32_t v = 0; v < n; ++v) ++size[find(v)];
  std::vector<uint32_t> roots;
  for (uint32_t v = 0; v < n; ++v)
    if (find(v) == v) roots.push_back(v);
  std::stable_sort(roots.begin(), roots.end(),
                   [&](uint32_t a, uint32_t b) { return size[a] > size[b]; });
  std::vector<uint32_t> id_of_root(n, 0);
  for (uint32_t i = 0; i < roots.size(); ++i) id_of_root[roots[i]] = i;
  std::vector<uint32_t> component(n);
  for (uint32_t v = 0; v < n; ++v) component[v] = id_of_root[find(v)];
  *count = roots.size();
  return component;
}

std::vector<double> CentralityScores(const Snapshot& s, Centrality by) {
  size_t n = s.vertex_term.size();
  std::vector<double> score(n, 0.0);
  if (n == 0) return score;
  auto index = boost::get(boost::vertex_index, s.graph);
  switch (by) {
    case Centrality::kDegree:
      for (uint32_t v = 0; v < n; ++v)
        score[v] =
            static_cast<double>(boost::out_degree(v, s.graph) + boost::in_degree(v, s.graph));
      break;
    case Centrality::kPageRank:
      boost::graph::page_rank(s.graph, boost::make_iterator_property_map(score.begin(), index),
                              boost::graph::n_iterations(50));
      break;
    case Centrality::kBetweenness:
      boost::brandes_betweenness_centrality(
          s.graph, boost::centrality_map(boost::make_iterator_property_map(score.begin(), index)));
      break;
  }
  return score;
}

}  // namespace kgraph::graph
