// Output helpers shared by the CLI commands: how terms, statements and evidence are shown.
#pragma once

#include <string>

#include "core/model.h"
#include "core/store.h"

namespace kgraph::cli {

// "Russia", "<http://example.org/a>", "\"chat\"@fr", "_:b0".
std::string DisplayTerm(const Term& term);
std::string DisplayTerm(const Store& store, TermId id);

// One provenance record as a line of the import/extract JSON format.
std::string StatementJsonLine(const Store& store, const Triple& triple, const Provenance& p);

// Truncates to at most `max` bytes on a UTF-8 boundary, adding "…" when cut.
std::string Ellipsize(const std::string& text, size_t max);

}  // namespace kgraph::cli
