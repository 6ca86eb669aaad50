// The seeded synthetic graph shared by the store and graph benchmarks: N statements over E
// entities and R relations, with a skewed (Zipf-like) choice of subjects and objects so that
// some entities are hubs, as in news graphs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace kgraph::bench {

struct SyntheticSpec {
  uint64_t seed = 42;
  size_t statements = 1000000;
  size_t entities = 100000;
  size_t relations = 30;
};

// Calls fn(subject index, relation index, object index) for every statement, deterministically.
void GenerateSynthetic(const SyntheticSpec& spec,
                       const std::function<void(uint32_t, uint32_t, uint32_t)>& fn);

// Query pairs (subject index, object index) from the MINSTD generator (x = x * 48271 mod
// 2^31 - 1, seed 1), so that bench/oxigraph/within_hops.mjs asks exactly the same pairs.
std::vector<std::pair<uint32_t, uint32_t>> SyntheticPairs(size_t count, size_t entities);

// Writes the graph as N-Triples with IRIs http://example.org/e/<i> and http://example.org/r/<j>.
std::string SyntheticNTriples(const SyntheticSpec& spec);

}  // namespace kgraph::bench
