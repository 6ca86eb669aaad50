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
  for (int trial = 0; trial < 40; ++trial) {
    TempDir dir;
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    int n = 3 + static_cast<int>(rng() % 14);
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
                  const Triple t = (*snap)->Summary(hop.statement).triple;
                  ASSERT_EQ(hop.forward ? t.subject : t.object, at);
                  at = hop.forward ? t.object : t.subject;
                }
                EXPECT_EQ(at, *ib);
              }
              // The hop bound is exact: a limit of d finds the path, d - 1 does not.
              if (got > 0) {
                EXPECT_EQ(graph::ShortestPath(**snap, *va, *vb, {got, undirected}).size(),
                          static_cast<size_t>(got));
                EXPECT_TRUE(graph::ShortestPath(**snap, *va, *vb, {got - 1, undirected}).empty());
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

namespace kgraph {
namespace {

// A star around "Hub" plus a separate pair: two components, Hub most central.
std::shared_ptr<const graph::Snapshot> StarSnapshot(const Store& store) {
  auto snap = graph::BuildSnapshot(store, {});
  EXPECT_TRUE(snap.ok());
  return *snap;
}

TEST(AnalysisTest, NeighbourhoodComponentsAndCentrality) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  DocumentBatch batch;
  batch.document.source_path = "star";
  batch.document.id = 11;
  auto add = [&](const std::string& a, const std::string& b) {
    StatementInput st;
    st.subject = Term{TermKind::kEntity, EntityType::kCountry, a};
    st.relation = Term{TermKind::kRelation, EntityType::kNone, "r"};
    st.object = Term{TermKind::kEntity, EntityType::kCountry, b};
    batch.statements.push_back(st);
  };
  for (const char* leaf : {"A", "B", "C", "D"}) add("Hub", leaf);
  add("D", "E");  // E is two hops from Hub
  add("X", "Y");  // a separate island
  ASSERT_OK((*store)->WriteDocument(batch));
  auto snap = StarSnapshot(**store);
  auto vertex = [&](const std::string& name) {
    return *snap->Vertex(*graph::ResolveEntity(**store, name));
  };

  auto ring1 = graph::Neighbourhood(*snap, vertex("Hub"), 1);
  EXPECT_EQ(ring1.size(), 4u);
  auto ring2 = graph::Neighbourhood(*snap, vertex("Hub"), 2);
  ASSERT_EQ(ring2.size(), 5u);
  EXPECT_EQ(ring2.back().vertex, vertex("E"));
  EXPECT_EQ(ring2.back().distance, 2);
  EXPECT_EQ(ring2.back().statements, 1u);

  size_t count = 0;
  auto component = graph::Components(*snap, &count);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(component[vertex("Hub")], 0u);  // the larger component first
  EXPECT_EQ(component[vertex("E")], 0u);
  EXPECT_EQ(component[vertex("X")], 1u);
  EXPECT_EQ(component[vertex("Y")], 1u);

  auto degree = graph::CentralityScores(*snap, graph::Centrality::kDegree);
  EXPECT_EQ(degree[vertex("Hub")], 4.0);
  EXPECT_EQ(degree[vertex("D")], 2.0);
  auto betweenness = graph::CentralityScores(*snap, graph::Centrality::kBetweenness);
  EXPECT_GT(betweenness[vertex("D")], 0.0);  // on the only path Hub → E
  EXPECT_EQ(betweenness[vertex("A")], 0.0);
  auto pagerank = graph::CentralityScores(*snap, graph::Centrality::kPageRank);
  EXPECT_GT(pagerank[vertex("E")], pagerank[vertex("Hub")]);  // rank flows along the edges
}

TEST(AnalysisTest, GraphCommandsOnTheCli) {
  testing::TempDir dir;
  testing::WriteFile(dir / "in.jsonl",
                     "{\"doc\":\"d\",\"subject\":\"Hub\",\"relation\":\"r\",\"object\":\"A\"}\n"
                     "{\"doc\":\"d\",\"subject\":\"Hub\",\"relation\":\"r\",\"object\":\"B\"}\n"
                     "{\"doc\":\"d\",\"subject\":\"X\",\"relation\":\"s\",\"object\":\"Y\"}\n");
  std::string db = "--db " + testing::ShellQuote(dir / "db") + " ";
  ASSERT_EQ(testing::RunKgraph(db + "import " + testing::ShellQuote(dir / "in.jsonl")).exit_code,
            0);
  auto r = testing::RunKgraph(db + "components");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 components over 5 entities"), std::string::npos) << r.out;
  r = testing::RunKgraph(db + "rank --by degree --top 1 --format json");
  EXPECT_NE(r.out.find("\"name\":\"Hub\""), std::string::npos) << r.out;
  r = testing::RunKgraph(db + "neighbors Hub --format json");
  EXPECT_NE(r.out.find("\"name\":\"A\""), std::string::npos) << r.out;
  r = testing::RunKgraph(db + "path Hub A --relations s");
  EXPECT_NE(r.out.find("no path"), std::string::npos) << r.out;
  EXPECT_EQ(testing::RunKgraph(db + "neighbors Nowhere").exit_code, 1);
  EXPECT_EQ(testing::RunKgraph(db + "rank --by fame").exit_code, 1);
  EXPECT_EQ(testing::RunKgraph(db + "path Hub A --relations nope").exit_code, 1);
}

}  // namespace
}  // namespace kgraph

namespace kgraph {
namespace {

// Every simple path from a to b (as hop counts), by depth-first enumeration over statements.
void AllSimplePathLengths(const graph::Snapshot& s, uint32_t at, uint32_t to, bool undirected,
                          std::vector<bool>& on_path, int depth, std::vector<int>* lengths) {
  if (at == to) {
    lengths->push_back(depth);
    return;
  }
  on_path[at] = true;
  for (size_t i = 0; i < s.statements.size(); ++i) {
    const Triple t = s.Summary(static_cast<uint32_t>(i)).triple;
    uint32_t sv = *s.Vertex(t.subject), ov = *s.Vertex(t.object);
    if (sv == at && !on_path[ov])
      AllSimplePathLengths(s, ov, to, undirected, on_path, depth + 1, lengths);
    if (undirected && ov == at && sv != ov && !on_path[sv])
      AllSimplePathLengths(s, sv, to, undirected, on_path, depth + 1, lengths);
  }
  on_path[at] = false;
}

TEST(PathTest, KShortestPathsMatchBruteForce) {
  std::mt19937 rng(321);
  for (int trial = 0; trial < 30; ++trial) {
    testing::TempDir dir;
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    int n = 3 + static_cast<int>(rng() % 5);
    DocumentBatch batch;
    batch.document.source_path = "k";
    batch.document.id = 100 + trial;
    for (int i = 0; i < 2 * n; ++i) {
      StatementInput st;
      st.subject = Term{TermKind::kEntity, EntityType::kCountry, Name(static_cast<int>(rng() % n))};
      st.relation = Term{TermKind::kRelation, EntityType::kNone, rng() % 2 ? "r1" : "r0"};
      st.object = Term{TermKind::kEntity, EntityType::kCountry, Name(static_cast<int>(rng() % n))};
      batch.statements.push_back(st);  // parallel statements with other labels are distinct paths
    }
    ASSERT_OK((*store)->WriteDocument(batch));
    auto snap = graph::BuildSnapshot(**store, {});
    ASSERT_OK(snap);
    const graph::Snapshot& s = **snap;
    for (bool undirected : {false, true})
      for (uint32_t a = 0; a < s.vertex_term.size(); ++a)
        for (uint32_t b = 0; b < s.vertex_term.size(); ++b) {
          if (a == b) continue;
          std::vector<int> lengths;
          std::vector<bool> on_path(s.vertex_term.size(), false);
          AllSimplePathLengths(s, a, b, undirected, on_path, 0, &lengths);
          std::sort(lengths.begin(), lengths.end());
          const size_t k = 4;
          auto paths = graph::KShortestPaths(s, a, b, k, {32, undirected});
          ASSERT_EQ(paths.size(), std::min(k, lengths.size())) << "trial " << trial;
          for (size_t i = 0; i < paths.size(); ++i) {
            EXPECT_EQ(static_cast<int>(paths[i].size()), lengths[i])
                << "trial " << trial << " path " << i;
            // Each path is loopless and distinct from the others.
            std::set<uint32_t> seen = {a};
            uint32_t at = a;
            for (const auto& hop : paths[i]) {
              const Triple t = s.Summary(hop.statement).triple;
              ASSERT_EQ(*s.Vertex(hop.forward ? t.subject : t.object), at);
              at = *s.Vertex(hop.forward ? t.object : t.subject);
              EXPECT_TRUE(seen.insert(at).second) << "a loop in path " << i;
            }
            EXPECT_EQ(at, b);
            for (size_t j = 0; j < i; ++j) {
              bool same = paths[i].size() == paths[j].size();
              for (size_t h = 0; same && h < paths[i].size(); ++h)
                same = paths[i][h].statement == paths[j][h].statement &&
                       paths[i][h].forward == paths[j][h].forward;
              EXPECT_FALSE(same) << "path " << i << " repeats path " << j;
            }
          }
        }
  }
}

}  // namespace
}  // namespace kgraph
