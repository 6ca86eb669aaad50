// The NLP pipeline: text → sentences → tokens (with offsets) → tags, lemmas, dependencies.
// A loaded Pipeline is immutable; Annotate may be called from many threads at once.
//
// Example:
//   auto pipeline = nlp::Pipeline::Load(nlp::DefaultModelPath());
//   std::vector<nlp::Sentence> sentences;
//   KG_RETURN_IF_ERROR((*pipeline)->Annotate(text, &sentences));
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/nlp/annotation.h"

namespace kgraph::nlp {

// $KGRAPH_MODEL if set, else the model shipped in the source tree's models/ folder.
std::string DefaultModelPath();

class Pipeline {
 public:
  // Loads the tagger, lemmatizer and parser from one model file. beam > 0 overrides the
  // parser beam width stored in the model (1 = greedy); beam_margin >= 0 its beam margin (0:
  // none).
  static Result<std::unique_ptr<Pipeline>> Load(const std::string& model_path, int beam = 0,
                                                float beam_margin = -1.0f);
  virtual ~Pipeline() = default;

  // Splits `text` into sentences and tokens and fills tags, lemmas and trees. Pathological
  // input (huge "sentences", invalid UTF-8, NUL bytes) is handled in bounded time and memory
  // or rejected with InvalidArgument.
  virtual Status Annotate(std::string_view text, std::vector<Sentence>* out) const = 0;

  // Tags and parses sentences whose tokens are already given (gold tokenization).
  virtual Status TagAndParse(std::vector<Sentence>* sentences) const = 0;
};

// Sentence splitting and tokenization only (no model needed).
Status Tokenize(std::string_view text, std::vector<Sentence>* out);

}  // namespace kgraph::nlp
