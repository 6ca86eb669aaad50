// Graph-layer and export benchmarks on the 1M-statement synthetic graph: snapshot build,
// shortest path between random pairs (name resolution included), and N-Triples export.
//   build/bench/graph_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <filesystem>
#include <fstream>
#include <optional>
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

// Bytes malloc has handed out and not taken back (large blocks are mmapped, hence hblkhd).
size_t HeapInUse() {
  struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

void BM_SnapshotBuild(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  size_t edges = 0, vertices = 0, bytes = 0, heap = 0;
  for (auto _ : state) {
    size_t heap_before = HeapInUse();
    auto snap = graph::BuildSnapshot(*store, {});
    if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
    heap = HeapInUse() - heap_before;  // what the snapshot keeps once built
    edges = (*snap)->statements.size();
    vertices = (*snap)->vertex_term.size();
    bytes = (*snap)->MemoryBytes();
  }
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["vertices"] = static_cast<double>(vertices);
  // Counted two ways: the snapshot's own arrays, and the heap growth while building it.
  state.counters["bytes_per_edge"] = edges ? static_cast<double>(bytes) / edges : 0;
  state.counters["heap_bytes_per_edge"] = edges ? static_cast<double>(heap) / edges : 0;
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

// The vertices of the synthetic query pairs (SyntheticPairs), resolved once.
std::vector<std::pair<uint32_t, uint32_t>> PairVertices(const Store& store,
                                                        const graph::Snapshot& s) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (auto [a, b] : bench::SyntheticPairs(1000, bench::SyntheticSpec{}.entities)) {
    auto vertex = [&](uint32_t i) -> std::optional<uint32_t> {
      auto id = store.Find(
          Term{TermKind::kIri, EntityType::kNone, "http://example.org/e/" + std::to_string(i)});
      return id ? s.Vertex(*id) : std::nullopt;
    };
    auto va = vertex(a), vb = vertex(b);
    if (va && vb) out.emplace_back(*va, *vb);
  }
  return out;
}

// "Is B within 4 hops of A, following edge directions?" over the same pairs that
// bench/oxigraph/within_hops.mjs asks Oxigraph's SPARQL engine; the answer includes the path.
void BM_WithinFourHops(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  auto snap = graph::BuildSnapshot(*store, {});
  if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
  auto pairs = PairVertices(*store, **snap);
  size_t i = 0, found = 0, queries = 0;
  for (auto _ : state) {
    auto [a, b] = pairs[i++ % pairs.size()];
    found += !graph::ShortestPath(**snap, a, b, {4, false}).empty();
    ++queries;
  }
  state.counters["found_fraction"] = static_cast<double>(found) / static_cast<double>(queries);
}
BENCHMARK(BM_WithinFourHops)->Unit(benchmark::kMicrosecond);

// The reference point the issue names: a bare one-sided BFS over the CSR arrays, stopping at
// the target or at depth 4, with a reused visited array.
void BM_BareCsrBfsWithinFourHops(benchmark::State& state) {
  Store* store = SyntheticStore();
  if (!store) return state.SkipWithError("cannot build the store");
  auto snap = graph::BuildSnapshot(*store, {});
  if (!snap.ok()) return state.SkipWithError(snap.status().ToString().c_str());
  auto pairs = PairVertices(*store, **snap);
  const auto& rows = (*snap)->graph.m_forward.m_rowstart;
  const auto& columns = (*snap)->graph.m_forward.m_column;
  std::vector<uint32_t> seen(rows.size(), 0);
  std::vector<uint32_t> frontier, next;
  uint32_t stamp = 0;
  size_t i = 0, found = 0, queries = 0;
  for (auto _ : state) {
    auto [a, b] = pairs[i++ % pairs.size()];
    ++stamp;
    frontier.assign(1, a);
    seen[a] = stamp;
    bool hit = a == b;
    for (int depth = 0; depth < 4 && !hit && !frontier.empty(); ++depth) {
      next.clear();
      for (uint32_t u : frontier)
        for (uint32_t k = rows[u]; k < rows[u + 1] && !hit; ++k) {
          uint32_t w = columns[k];
          hit = w == b;
          if (seen[w] != stamp) seen[w] = stamp, next.push_back(w);
        }
      frontier.swap(next);
    }
    found += hit;
    ++queries;
  }
  state.counters["found_fraction"] = static_cast<double>(found) / static_cast<double>(queries);
}
BENCHMARK(BM_BareCsrBfsWithinFourHops)->Unit(benchmark::kMicrosecond);

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
