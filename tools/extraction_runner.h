// What `ingest` and `extract` share: loading the model, schema and gazetteers once, and
// turning one file into documents with their extractions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/schema.h"
#include "core/store.h"
#include "ingest/extract/extractor.h"
#include "ingest/extract/gazetteer.h"
#include "ingest/nlp/pipeline.h"
#include "ingest/readers/article.h"

namespace kgraph::cli {

struct ExtractedDocument {
  Document document;
  extract::Extraction extraction;
  size_t sentences = 0;
};

class ExtractionRunner {
 public:
  static Result<std::unique_ptr<ExtractionRunner>> Create(const std::string& schema_path);
  // Reads and extracts every article of one file; warnings (e.g. Latin-1 input) are appended.
  Result<std::vector<ExtractedDocument>> Run(const std::string& path,
                                             std::vector<std::string>* warnings) const;

 private:
  std::unique_ptr<nlp::Pipeline> pipeline_;
  Schema schema_;
  extract::Gazetteer gazetteer_;
};

}  // namespace kgraph::cli
