// Extraction: one annotated document → entities (typed, coreferent mentions merged, aliases)
// and typed or open triples with evidence, flags, date and confidence.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/schema.h"
#include "core/status.h"
#include "core/store.h"
#include "ingest/extract/gazetteer.h"
#include "ingest/nlp/pipeline.h"

namespace kgraph::extract {

// One mention of an extracted entity in the document text (names, demonyms, pronouns and
// descriptions linked to an entity).
struct MentionSpan {
  uint32_t begin = 0;  // byte span in Document::text
  uint32_t end = 0;
  int entity = 0;    // index into Extraction::entities; mentions of one entity corefer
  int sentence = 0;  // index of the annotated sentence
};

struct Extraction {
  size_t sentences = 0;
  std::vector<EntityInput> entities;
  std::vector<StatementInput> statements;  // relation.text: a schema label or the open phrase
  std::vector<bool> typed;                 // per statement: the relation is a schema label
  std::vector<MentionSpan> mentions;       // in text order
};

class Extractor {
 public:
  // `pipeline` must outlive the extractor.
  Extractor(const nlp::Pipeline* pipeline, Schema schema, Gazetteer gazetteer);

  // Annotates document.text and extracts from it.
  Status Extract(const Document& document, Extraction* out) const;
  // Extracts from sentences already annotated (tests, benchmarks).
  void ExtractFromSentences(const Document& document, const std::vector<nlp::Sentence>& sentences,
                            Extraction* out) const;

 private:
  const nlp::Pipeline* pipeline_;
  Schema schema_;
  Gazetteer gazetteer_;
};

// Loads the default model, the schema (`schema_path`, "" for the default) and the gazetteers.
struct ExtractorBundle {
  std::unique_ptr<nlp::Pipeline> pipeline;
  std::unique_ptr<Extractor> extractor;
};
Result<ExtractorBundle> LoadExtractor(const std::string& schema_path);

// Resolves a relative date expression against an ISO publication date; "" when unknown.
// `past`: the verb is in the past tense (weekdays and months then look backwards).
std::string ResolveDate(const std::vector<std::string>& words, const std::string& published,
                        bool past);

}  // namespace kgraph::extract
