// A fast, strict N-Triples line parser (W3C RDF 1.1 N-Triples). Terms come back as views into
// the line, kept as written: IRIs without their angle brackets, literals with their quotes and
// suffix ("chat"@fr, "1"^^<http://www.w3.org/2001/XMLSchema#integer>), blank labels without "_:".
#pragma once

#include <string_view>

#include "core/model.h"
#include "core/status.h"

namespace kgraph {

struct NtTerm {
  TermKind kind = TermKind::kIri;  // kIri, kBlank or kLiteral
  std::string_view text;
};

struct NtTriple {
  NtTerm subject, predicate, object;
};

// Parses one line. Returns true and fills `out` for a triple, false for a blank or comment
// line; an error names the column and the problem (the caller adds file and line).
Result<bool> ParseNTriplesLine(std::string_view line, NtTriple* out);

}  // namespace kgraph
