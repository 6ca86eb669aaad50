// The Pipeline implementation: tokenizer + the statistical model (tagger, lemmatizer, parser).
#include "ingest/nlp/pipeline.h"

#include <cstdlib>

#include "ingest/nlp/model.h"

namespace kgraph::nlp {

namespace {

// Sentences longer than this are parsed in consecutive pieces: the parser is linear, but a
// "sentence" of thousands of tokens is never a real sentence and one tree over it is useless.
constexpr size_t kMaxParseTokens = 400;

class ModelPipeline final : public Pipeline {
 public:
  explicit ModelPipeline(std::unique_ptr<Model> model) : model_(std::move(model)) {}

  Status Annotate(std::string_view text, std::vector<Sentence>* out) const override {
    std::vector<Sentence> sentences;
    KG_RETURN_IF_ERROR(Tokenize(text, &sentences));
    KG_RETURN_IF_ERROR(TagAndParse(&sentences));
    for (auto& s : sentences) out->push_back(std::move(s));
    return Status::Ok();
  }

  Status TagAndParse(std::vector<Sentence>* sentences) const override {
    for (Sentence& s : *sentences) {
      if (s.tokens.size() <= kMaxParseTokens) {
        model_->Annotate(&s);
        continue;
      }
      // Parse piece by piece; every piece's root hangs off the first piece's root.
      int first_root = -1;
      for (size_t start = 0; start < s.tokens.size(); start += kMaxParseTokens) {
        size_t end = std::min(s.tokens.size(), start + kMaxParseTokens);
        Sentence piece;
        piece.tokens.assign(s.tokens.begin() + static_cast<long>(start),
                            s.tokens.begin() + static_cast<long>(end));
        model_->Annotate(&piece);
        for (size_t i = 0; i < piece.tokens.size(); ++i) {
          Token& t = piece.tokens[i];
          if (t.head >= 0) {
            t.head += static_cast<int>(start);
          } else if (first_root < 0) {
            first_root = static_cast<int>(start + i);
          } else {
            t.head = first_root;
            t.deprel = "parataxis";
          }
          s.tokens[start + i] = std::move(t);
        }
      }
    }
    return Status::Ok();
  }

 private:
  std::unique_ptr<Model> model_;
};

}  // namespace

std::string DefaultModelPath() {
  if (const char* env = std::getenv("KGRAPH_MODEL"); env != nullptr && *env != '\0') return env;
  return std::string(KGRAPH_MODEL_DIR) + "/en_ewt_gum.kgm";
}

Result<std::unique_ptr<Pipeline>> Pipeline::Load(const std::string& model_path, int beam,
                                                 float beam_margin) {
  auto model = std::make_unique<Model>();
  KG_RETURN_IF_ERROR(model->Load(model_path));
  if (beam > 0) model->SetBeam(beam);
  if (beam_margin >= 0.0f) model->SetBeamMargin(beam_margin);
  return std::unique_ptr<Pipeline>(new ModelPipeline(std::move(model)));
}

}  // namespace kgraph::nlp
