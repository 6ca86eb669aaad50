// Shortest paths against an independent brute-force search on small random graphs (cycles,
// self-loops, parallel edges, disconnected pairs, relation filters), and name resolution.
#include <map>
#include <random>
#include <set>

#include "core/text.h"
#include "graph/graph.h"
#include "graph/subgraph.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::TempDir;

struct Edge {
  int s, o, r;
};

// Fewest hops from a to b by exhaustive relaxation (Bellman-Ford style), -1 when unreachable.
int BruteForceDistance(int n, const std::vector<Edge>& edges, int a, int b, bool undirected,
                       int relation_filter) {
  std::vector<int> dist(n, -1);
  dist[a] = 0;
  for (int round = 0; round < n; ++round)
    for (const Edge& e : edges) {
      if (relation_filter >= 0 && e.r != relation_filter) continue;
      auto relax = [&](int from, int to) {
        if (dist[from] >= 0 && (dist[to] < 0 || dist[from] + 1 < dist[to]))
          dist[to] = dist[from] + 1;
      };
      relax(e.s, e.o);
      if (undirected) relax(e.o, e.s);
    }
  return dist[b];
}

std::string Name(int i) { return "Node " + std::to_string(i); }

TEST(PathTest, ShortestPathsMatchBruteForce) {
  std::mt19937 rng(99);
  for (int trial = 0; trial < 25; ++trial) {
    TempDir dir;
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    int n = 3 + static_cast<int>(rng() % 9);
    std::vector<Edge> edges;
    DocumentBatch batch;
    batch.document.source_path = "random";
    batch.document.id = DocumentIdForText("random" + std::to_string(trial));
    int m = static_cast<int>(rng() % (2 * n + 1));
    for (int i = 0; i < m; ++i) {
      Edge e{static_cast<int>(rng() % n), static_cast<int>(rng() % n), static_cast<int>(rng() % 2)};
      edges.push_back(e);  // self-loops and parallel edges included on purpose
      StatementInput st;
      st.subject = Term{TermKind::kEntity, EntityType::kCountry, Name(e.s)};
      st.relation = Term{TermKind::kRelation, EntityType::kNone, e.r ? "r1" : "r0"};
      st.object = Term{TermKind::kEntity, EntityType::kCountry, Name(e.o)};
      batch.statements.push_back(st);
    }
    for (int i = 0; i < n; ++i) batch.entities.push_back({Name(i), EntityType::kCountry, {}});
    ASSERT_OK((*store)->WriteDocument(batch));
    for (int filter : {-1, 1}) {
      graph::SnapshotFilter f;
      if (filter >= 0) {
        auto r = graph::ResolveRelations(**store, {"r1"});
        if (!r.ok()) continue;  // no r1 edge in this graph
        f.relations = *r;
      }
      auto snap = graph::BuildSnapshot(**store, f);
      ASSERT_OK(snap);
      for (bool undirected : {false, true})
        for (int a = 0; a < n; ++a)
          for (int b = 0; b < n; ++b) {
            if (a == b) continue;
            int expected = BruteForceDistance(n, edges, a, b, undirected, filter);
            auto ia = graph::ResolveEntity(**store, Name(a));
            auto ib = graph::ResolveEntity(**store, Name(b));
            ASSERT_OK(ia);
            ASSERT_OK(ib);
            auto va = (*snap)->Vertex(*ia), vb = (*snap)->Vertex(*ib);
            int got = -1;
            if (va && vb) {
              auto path = graph::ShortestPath(**snap, *va, *vb, {n + 1, undirected});
              if (!path.empty()) {
                got = static_cast<int>(path.size());
                // The hops chain from a to b.
                TermId at = *ia;
                for (const auto& hop : path) {
                  const Triple& t = (*snap)->statements[hop.statement].triple;
                  ASSERT_EQ(hop.forward ? t.subject : t.object, at);
                  at = hop.forward ? t.object : t.subject;
                }
                EXPECT_EQ(at, *ib);
              }
            }
            EXPECT_EQ(got, expected) << "trial " << trial << " " << a << "→" << b
                                     << (undirected ? " undirected" : "") << " filter " << filter;
          }
    }
  }
}

TEST(PathTest, UnknownNamesListTheClosestCandidates) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  DocumentBatch batch;
  batch.document.source_path = "d";
  batch.document.id = 7;
  StatementInput st;
  st.subject = Term{TermKind::kEntity, EntityType::kCountry, "Georgia"};
  st.relation = Term{TermKind::kRelation, EntityType::kNone, "r"};
  st.object = Term{TermKind::kEntity, EntityType::kCountry, "Ukraine"};
  batch.statements.push_back(st);
  ASSERT_OK((*store)->WriteDocument(batch));
  auto r = graph::ResolveEntity(**store, "Georgiaa");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("closest: Georgia (COUNTRY)"), std::string::npos)
      << r.status().message();
  graph::SubgraphQuery q;
  q.focus = {"Georgia"};
  auto sub = graph::ExtractSubgraph(**store, q);
  ASSERT_OK(sub);
  EXPECT_EQ(sub->nodes.size(), 2u);
  EXPECT_EQ(sub->edges.size(), 1u);
  EXPECT_TRUE(sub->nodes[0].focus);
  q.focus = {"Atlantis"};
  EXPECT_FALSE(graph::ExtractSubgraph(**store, q).ok());
}

}  // namespace
}  // namespace kgraph
