// Store benchmarks on the seeded synthetic graph (1M statements, 100k entities, 30 relations):
// N-Triples import end to end (parse, intern, three indexes + provenance, SST ingest) and the
// latency of one entity's out-edge lookup.
//   build/bench/store_bench --benchmark_filter=Import --benchmark_min_time=1
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "bench/synthetic.h"
#include "core/store.h"
#include "ingest/readers/ntriples_import.h"

namespace {

namespace fs = std::filesystem;
using namespace kgraph;

std::string TempPath(const std::string& name) {
  return (fs::temp_directory_path() / ("kgraph-bench-" + name)).string();
}

const std::string& Synthetic(size_t statements) {
  static std::map<size_t, std::string> cache;
  auto& text = cache[statements];
  if (text.empty()) {
    bench::SyntheticSpec spec;
    spec.statements = statements;
    spec.entities = statements / 10;
    text = bench::SyntheticNTriples(spec);
  }
  return text;
}

void BM_ImportNTriples(benchmark::State& state) {
  size_t n = static_cast<size_t>(state.range(0));
  const std::string& text = Synthetic(n);
  std::string path = TempPath("import");
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(path);
    state.ResumeTiming();
    {
      auto store = Store::Open(path);
      if (!store.ok()) state.SkipWithError(store.status().ToString().c_str());
      auto result = ImportNTriples(store->get(), text, "synthetic.nt");
      if (!result.ok()) state.SkipWithError(result.status().ToString().c_str());
    }  // closing the store is part of the cost (flush of what remains)
  }
  fs::remove_all(path);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * n));
  state.counters["statements_per_s"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ImportNTriples)
    ->Arg(100000)
    ->Arg(1000000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// One store of 1M statements shared by the lookup benchmarks.
// Deliberately never closed: destroying it after RocksDB's own statics at exit would crash.
Store* LookupStore() {
  static Store* store = nullptr;
  if (!store) {
    std::string path = TempPath("lookup");
    fs::remove_all(path);
    auto opened = Store::Open(path);
    if (!opened.ok()) return nullptr;
    store = opened->release();
    if (!ImportNTriples(store, Synthetic(1000000), "synthetic.nt").ok()) return nullptr;
  }
  return store;
}

void BM_OutEdgeLookup(benchmark::State& state) {
  Store* store = LookupStore();
  if (!store) return state.SkipWithError("cannot build the lookup store");
  std::vector<TermId> entities;
  std::mt19937 rng(7);
  for (int i = 0; i < 4096; ++i) {
    auto ids = store->ResolveName("<http://example.org/e/" + std::to_string(rng() % 100000) + ">");
    if (!ids.empty()) entities.push_back(ids[0]);
  }
  size_t i = 0, edges = 0;
  for (auto _ : state) {
    TermId s = entities[i++ % entities.size()];
    Status st = store->Scan({s, kNoTerm, kNoTerm}, [&](const StatementSummary& sum) {
      benchmark::DoNotOptimize(sum.triple.object);
      ++edges;
      return true;
    });
    if (!st.ok()) state.SkipWithError(st.ToString().c_str());
  }
  state.counters["edges_per_lookup"] =
      static_cast<double>(edges) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_OutEdgeLookup)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
