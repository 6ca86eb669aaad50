// Diagram rendering: 60-, 120- and 200-node news-like graphs (about 2.25 edges per node, four
// entity types, schema labels of every quad class, membership clusters) laid out by Graphviz's dot
// and written as DOT, SVG and PNG through libgvc, the way `kgraph diagram` does it.
//   build/bench/diagram_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <map>

#include "core/schema.h"
#include "core/text.h"
#include "export/diagram.h"
#include "graph/subgraph.h"

namespace {

using namespace kgraph;
namespace fs = std::filesystem;

struct Fixture {
  std::unique_ptr<Store> store;
  Schema schema;
  graph::Subgraph subgraph;
};

// Deterministic: entity i links to a few others chosen by a fixed arithmetic rule.
Fixture* DiagramFixture(size_t nodes) {
  static std::map<size_t, Fixture*> fixtures;
  if (fixtures.count(nodes)) return fixtures[nodes];
  auto f = std::make_unique<Fixture>();
  std::string path =
      (fs::temp_directory_path() / ("kgraph-bench-diagram" + std::to_string(nodes))).string();
  fs::remove_all(path);
  auto store = Store::Open(path);
  auto schema = LoadSchema(std::string(KGRAPH_SOURCE_DIR) + "/seeds/schema.json");
  if (!store.ok() || !schema.ok()) return nullptr;
  f->store = std::move(*store);
  f->schema = std::move(*schema);
  const EntityType types[] = {EntityType::kCountry, EntityType::kPerson, EntityType::kOrganization,
                              EntityType::kLocation};
  auto entity = [&](size_t i) {
    return Term{TermKind::kEntity, types[i % 4],
                "Entity \"" + std::to_string(i) + "\" <" + std::to_string(i * 7 % 13) + ">"};
  };
  DocumentBatch batch;
  batch.document.source_path = "diagram-bench";
  batch.document.id = DocumentIdForText("diagram-bench");
  for (size_t i = 0; i < nodes; ++i) {
    for (size_t k = 1; k <= 2; ++k) {
      StatementInput st;
      st.subject = entity(i);
      st.object = entity((i * 31 + k * 17) % nodes);
      const RelationDef& r = f->schema.relations[(i + k) % f->schema.relations.size()];
      st.relation = Term{TermKind::kRelation, EntityType::kNone, r.label};
      st.provenance.evidence = "Sentence " + std::to_string(i) + " says so, with \"quotes\".";
      batch.statements.push_back(st);
    }
    if (i % 4 == 1) {  // people are officials of countries: clusters
      StatementInput st;
      st.subject = entity(i);
      st.object = entity((i / 4) * 4 % nodes);
      st.relation = Term{TermKind::kRelation, EntityType::kNone, "member_of"};
      batch.statements.push_back(st);
    }
  }
  if (!f->store->WriteDocument(batch).ok()) return nullptr;
  graph::SubgraphQuery q;
  q.focus = {entity(0).text};
  q.hops = 20;
  q.max_nodes = nodes;
  auto sub = graph::ExtractSubgraph(*f->store, q);
  if (!sub.ok()) return nullptr;
  f->subgraph = std::move(*sub);
  return fixtures[nodes] = f.release();
}

// state.range(0): nodes. Up to 120 nodes the diagram is laid out by dot, above by sfdp.
void Render(benchmark::State& state, const char* extension) {
  Fixture* f = DiagramFixture(static_cast<size_t>(state.range(0)));
  if (!f) return state.SkipWithError("cannot build the fixture");
  std::string out = (fs::temp_directory_path() / "kgraph-bench-diagram.").string() + extension;
  exporting::DiagramOptions o;
  o.schema = &f->schema;
  o.title = "benchmark";
  for (auto _ : state) {
    Status s = exporting::RenderDiagram(*f->store, f->subgraph, o, out);
    if (!s.ok()) return state.SkipWithError(s.ToString().c_str());
  }
  state.counters["nodes"] = static_cast<double>(f->subgraph.nodes.size());
  state.counters["edges"] = static_cast<double>(f->subgraph.edges.size());
  fs::remove(out);
}

void BM_DiagramDot(benchmark::State& state) { Render(state, "dot"); }
void BM_DiagramSvg(benchmark::State& state) { Render(state, "svg"); }
void BM_DiagramPng(benchmark::State& state) { Render(state, "png"); }
BENCHMARK(BM_DiagramDot)->Arg(60)->Arg(120)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_DiagramSvg)->Arg(60)->Arg(120)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_DiagramPng)->Arg(60)->Arg(120)->Arg(200)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
