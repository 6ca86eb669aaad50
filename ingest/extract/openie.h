// Open information extraction over the dependency parse: n-ary (arg1, relation, arg2, …) tuples
// per clause, in the shape the CaRB benchmark scores.
#pragma once

#include <string>
#include <vector>

#include "ingest/nlp/annotation.h"

namespace kgraph::extract {

struct OpenTuple {
  float confidence = 0;
  std::string relation;
  std::vector<std::string> args;  // args[0] is the subject
};

// Tuples for one annotated sentence; `text` is the text the token offsets refer to.
std::vector<OpenTuple> OpenExtract(const nlp::Sentence& sentence, std::string_view text);

}  // namespace kgraph::extract
