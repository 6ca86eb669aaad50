// Reads statements given directly as JSON Lines — the format `kgraph extract --format jsonl`
// prints — grouped into one DocumentBatch per `doc` value, ready for Store::WriteDocument.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/store.h"

namespace kgraph {

// Parses a whole JSON Lines text. `origin` names the input in errors ("file.jsonl:12: ...").
// Lines: {"kind":"document",...} sets a document's metadata; {"kind":"entity",...} records an
// entity's aliases; other lines are statements: doc, subject {name,type}, relation,
// object {name,type}, optional phrase, text, sentence, span [begin,end], date, confidence,
// negated, hedged, attributed_to, method. Nothing is returned unless every line is valid.
Result<std::vector<DocumentBatch>> ParseStatementJsonl(std::string_view text,
                                                       const std::string& origin);

}  // namespace kgraph
