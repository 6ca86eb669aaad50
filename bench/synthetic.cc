// Deterministic synthetic graph generation (splitmix64; no <random> distributions, whose
// output differs between standard libraries).
#include "bench/synthetic.h"

#include <cmath>

namespace kgraph::bench {

namespace {
struct SplitMix {
  uint64_t state;
  uint64_t Next() {
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double Uniform() { return (Next() >> 11) * (1.0 / 9007199254740992.0); }
};
}  // namespace

void GenerateSynthetic(const SyntheticSpec& spec,
                       const std::function<void(uint32_t, uint32_t, uint32_t)>& fn) {
  SplitMix rng{spec.seed};
  // Half the endpoints uniform, half skewed towards low indexes (u^3), giving hubs.
  auto pick = [&]() -> uint32_t {
    double u = rng.Uniform();
    if (rng.Next() & 1) u = u * u * u;
    return static_cast<uint32_t>(u * static_cast<double>(spec.entities)) % spec.entities;
  };
  for (size_t i = 0; i < spec.statements; ++i) {
    uint32_t s = pick();
    uint32_t o = pick();
    uint32_t r = static_cast<uint32_t>(rng.Next() % spec.relations);
    fn(s, r, o);
  }
}

std::vector<std::pair<uint32_t, uint32_t>> SyntheticPairs(size_t count, size_t entities) {
  uint64_t x = 1;
  auto next = [&]() {
    x = x * 48271 % 2147483647;
    return static_cast<uint32_t>(x % entities);
  };
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  for (size_t i = 0; i < count; ++i) {
    uint32_t a = next();
    pairs.emplace_back(a, next());
  }
  return pairs;
}

std::string SyntheticNTriples(const SyntheticSpec& spec) {
  std::string out;
  out.reserve(spec.statements * 80);
  GenerateSynthetic(spec, [&](uint32_t s, uint32_t r, uint32_t o) {
    out += "<http://example.org/e/" + std::to_string(s) + "> <http://example.org/r/" +
           std::to_string(r) + "> <http://example.org/e/" + std::to_string(o) + "> .\n";
  });
  return out;
}

}  // namespace kgraph::bench
