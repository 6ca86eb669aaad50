// libFuzzer target: the statement JSON Lines reader must accept or reject any bytes cleanly.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/readers/statement_jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = kgraph::ParseStatementJsonl(text, "fuzz");
  if (!r.ok() && !r.status().IsInvalidArgument()) std::abort();
  return 0;
}
