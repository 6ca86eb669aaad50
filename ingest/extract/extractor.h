// Rule-based extraction over dependency parses: entity mentions (gazetteers + proper-noun
// spans + in-document coreference) and typed triples with evidence, flags, dates and a
// confidence. Independent of where the parse came from (model or gold CoNLL-U).
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/schema.h"
#include "core/store.h"
#include "ingest/extract/gazetteer.h"
#include "ingest/nlp/annotation.h"

namespace kgraph::extract {

struct Extraction {
  std::vector<EntityInput> entities;       // each distinct entity with its surface forms
  std::vector<StatementInput> statements;  // provenance filled except doc/seq
};

// REQUIRES: the sentences' offsets refer to doc.text. `schema` and `gazetteer` outlive the call.
Extraction Extract(const Document& doc, const std::vector<nlp::Sentence>& sentences,
                   const Schema& schema, const Gazetteer& gazetteer);

// Resolves a relative date expression against the publication date: weekday names ("on
// Thursday"), months ("in December", "last August"). Returns "" when not a date word.
std::string ResolveDate(const std::vector<nlp::Token>& tokens, int token, const std::string& pub,
                        bool past);

}  // namespace kgraph::extract
