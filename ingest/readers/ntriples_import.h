// Loading a whole N-Triples text into the store as one document through the bulk loader.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "core/store.h"

namespace kgraph {

struct NTriplesImportResult {
  WriteOutcome outcome = WriteOutcome::kUnchanged;
  size_t statements = 0;  // triples read (duplicates included)
};

// Parses every line first; on any error nothing is written and the status names
// "<source_path>:<line>: column N: problem". The document's id is the hash of the text.
Result<NTriplesImportResult> ImportNTriples(Store* store, std::string_view text,
                                            const std::string& source_path);

}  // namespace kgraph
