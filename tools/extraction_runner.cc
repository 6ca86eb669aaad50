// ExtractionRunner: reader → NLP pipeline → extractor for one file at a time.
#include "tools/extraction_runner.h"

namespace kgraph::cli {

Result<std::unique_ptr<ExtractionRunner>> ExtractionRunner::Create(const std::string& schema_path) {
  auto runner = std::make_unique<ExtractionRunner>();
  auto pipeline = nlp::Pipeline::Load(nlp::DefaultModelPath());
  if (!pipeline.ok()) return pipeline.status();
  runner->pipeline_ = std::move(*pipeline);
  auto schema = LoadSchema(schema_path.empty() ? DefaultSchemaPath() : schema_path);
  if (!schema.ok()) return schema.status();
  runner->schema_ = std::move(*schema);
  auto gazetteer = extract::Gazetteer::Load(extract::Gazetteer::DefaultDirectory());
  if (!gazetteer.ok()) return gazetteer.status();
  runner->gazetteer_ = std::move(*gazetteer);
  return runner;
}

Result<std::vector<ExtractedDocument>> ExtractionRunner::Run(const std::string& path,
                                                             std::vector<std::string>* warnings) const {
  auto docs = ReadArticles(path, warnings);
  if (!docs.ok()) return docs.status();
  std::vector<ExtractedDocument> out;
  for (Document& doc : *docs) {
    std::vector<nlp::Sentence> sentences;
    Status s = pipeline_->Annotate(doc.text, &sentences);
    if (!s.ok()) return s.WithContext(doc.source_path);
    ExtractedDocument ed;
    ed.sentences = sentences.size();
    ed.extraction = extract::Extract(doc, sentences, schema_, gazetteer_);
    ed.document = std::move(doc);
    out.push_back(std::move(ed));
  }
  return out;
}

}  // namespace kgraph::cli
