// Writes the seeded synthetic graph as N-Triples to stdout:
//   build/bench/kgraph_synthetic [statements] [entities] [relations] [seed] > synthetic.nt
#include <cstdio>
#include <cstdlib>

#include "bench/synthetic.h"

int main(int argc, char** argv) {
  kgraph::bench::SyntheticSpec spec;
  if (argc > 1) spec.statements = std::strtoull(argv[1], nullptr, 10);
  if (argc > 2) spec.entities = std::strtoull(argv[2], nullptr, 10);
  if (argc > 3) spec.relations = std::strtoull(argv[3], nullptr, 10);
  if (argc > 4) spec.seed = std::strtoull(argv[4], nullptr, 10);
  if (spec.entities == 0 || spec.relations == 0) {
    std::fprintf(stderr,
                 "usage: kgraph_synthetic [statements] [entities>0] [relations>0] [seed]\n");
    return 1;
  }
  std::string text = kgraph::bench::SyntheticNTriples(spec);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return 0;
}
