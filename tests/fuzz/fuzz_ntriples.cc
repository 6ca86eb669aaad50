// libFuzzer target: the N-Triples line parser must accept or reject any bytes without crashing,
// and every view it returns must lie inside the line.
//   cmake -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DKGRAPH_FUZZ=ON && ninja -C build-fuzz
//   fuzz_ntriples build-fuzz/tests/fuzz/fuzz_ntriples -max_total_time=60
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/readers/ntriples.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view line(reinterpret_cast<const char*>(data), size);
  kgraph::NtTriple t;
  auto r = kgraph::ParseNTriplesLine(line, &t);
  if (r.ok() && *r) {
    for (const kgraph::NtTerm* term : {&t.subject, &t.predicate, &t.object}) {
      if (term->text.data() < line.data() ||
          term->text.data() + term->text.size() > line.data() + line.size())
        std::abort();
    }
  }
  return 0;
}
