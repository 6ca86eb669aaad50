// Graph-layer and export benchmarks on the 1M-statement synthetic graph: snapshot build,
// shortest path between random pairs (name resolution included), and N-Triples export.
//   build/bench/graph_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "bench/synthetic.h"
#include "export/rdf.h"
#include "graph/graph.h"
#include "ingest/readers/ntriples_import.h"

namespace {

using namespace kgraph;
namespace fs = std::filesystem;

// Deliberately never closed (see store_bench.cc).
Store* SyntheticStore() {
  static Store* store = nullptr;
  if (!store) {
    std::string path = (fs::temp_directory_path() / "kgraph-bench-graph").string();
    fs::remove_all(path);
    auto opened = Store::Open(path);
    if (!opened.ok()) return nullptr;
    store = opened->release();
    bench::SyntheticSpec spec;
    if (!ImportNTriples(store, bench::SyntheticNTriples(spec), "synthetic.nt").ok()) return nullptr;
  }
  return store;
}

void BM_SnapshotBuild(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  size_t edges = 0, vertices = 0;
  for (auto _ : state) {
    auto snap = graph::BuildSnapshot(*store, {});
    if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
    edges = (*snap)->statements.size();
    vertices = (*snap)->vertex_term.size();
  }
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["vertices"] = static_cast<double>(vertices);
}
BENCHMARK(BM_SnapshotBuild)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ShortestPathWithResolution(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  auto snap = graph::BuildSnapshot(*store, {});
  if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
  std::mt19937 rng(5);
  size_t found = 0, queries = 0;
  for (auto _ : state) {
    std::string a = "<http://example.org/e/" + std::to_string(rng() % 100000) + ">";
    std::string b = "<http://example.org/e/" + std::to_string(rng() % 100000) + ">";
    auto ia = graph::ResolveEntity(*store, a), ib = graph::ResolveEntity(*store, b);
    if (!ia.ok() || !ib.ok()) continue;
    auto va = (*snap)->Vertex(*ia), vb = (*snap)->Vertex(*ib);
    if (!va || !vb) continue;
    auto path = graph::ShortestPath(**snap, *va, *vb, {6, false});
    found += !path.empty();
    ++queries;
  }
  state.counters["found_fraction"] = queries ? static_cast<double>(found) / queries : 0;
}
BENCHMARK(BM_ShortestPathWithResolution)->Unit(benchmark::kMicrosecond);

void BM_OneHopNeighbourhood(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  auto snap = graph::BuildSnapshot(*store, {});
  if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
  std::mt19937 rng(6);
  size_t total = 0;
  for (auto _ : state) {
    uint32_t v = static_cast<uint32_t>(rng() % (*snap)->vertex_term.size());
    for (auto e : boost::make_iterator_range(boost::out_edges(v, (*snap)->graph)))
      total += boost::target(e, (*snap)->graph);
    for (auto e : boost::make_iterator_range(boost::in_edges(v, (*snap)->graph)))
      total += boost::source(e, (*snap)->graph);
  }
  benchmark::DoNotOptimize(total);
}
BENCHMARK(BM_OneHopNeighbourhood)->Unit(benchmark::kNanosecond);

void BM_ExportNTriples(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  std::string path = (fs::temp_directory_path() / "kgraph-bench-export.nt").string();
  for (auto _ : state) {
    std::ofstream out(path, std::ios::binary);
    exporting::RdfOptions o;
    o.provenance = false;
    Status s = exporting::ExportRdf(*store, exporting::RdfFormat::kNTriples, o, out);
    if (!s.ok()) return state.SkipWithError(s.ToString().c_str());
  }
  fs::remove(path);
}
BENCHMARK(BM_ExportNTriples)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
