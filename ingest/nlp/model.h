// The statistical models behind the pipeline (private to ingest/nlp): an averaged-perceptron
// tagger, an edit-script lemmatizer and an arc-hybrid parser (greedy or beam search), all over
// hashed features.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/nlp/annotation.h"
#include "ingest/nlp/clusters.h"
#include "ingest/nlp/conllu.h"

namespace kgraph::nlp {

struct TrainOptions {
  int tagger_epochs = 8;
  int parser_epochs = 12;
  bool bidirectional_tagger = false;  // also train a right-to-left tagger; tags sum both
  bool tag_dictionary = false;        // frequent unambiguous words skip the taggers (speed)
  bool supertagger = false;           // predict each token's relation and head side for the parser
  // Also train a relabeler (relations given again once the tree is complete) on the gold trees
  // over the parser's training tags; decoding relabels the arcs whose relation the labeler
  // wins by at most relabel_margin.
  bool relabeler = false;
  float relabel_margin = 30.0f;
  float supertagger_prune = 0.0f;  // supertagger weights with |w| <= this are not stored
  // With both taggers: tokens the left-to-right tagger wins by more than this score margin
  // skip the right-to-left one (speed; 0 = never).
  float reverse_skip_margin = 0.0f;
  int jackknife_folds = 0;         // >1: the parser trains on tags predicted by fold taggers
  uint32_t tagger_rows_log2 = 18;  // weight rows of 102 (UPOS, XPOS) classes
  uint32_t trans_rows_log2 = 22;   // weight rows of 3 transitions
  uint32_t label_rows_log2 = 19;   // weight rows of ~50 relations
  int parser_beam = 1;             // >1: beam search, trained globally (max-violation updates)
  float beam_margin = 0.0f;        // beam decoding drops candidates this far below the best
  int explore_after = 1;           // epochs of pure oracle following before exploring
  double explore_p = 0.9;          // then follow the model's own (wrong) move with this chance
  float prune = 0.0f;              // weights with |w| <= this are not stored
  float parser_prune = 0.0f;       // the same for the transition and relation tables only
  uint64_t seed = 1;
  WordClusters clusters;  // word classes for tagger and parser features (stored in the model)
};

// Averaging models trained on the same data with the same options but other seeds (other
// shuffles of the training sentences) or training beams: weights of |w| <= these are dropped
// from the averages.
struct AverageOptions {
  float tagger_prune = 0.0f;  // both taggers
  float supertagger_prune = 0.0f;
  float parser_prune = 0.0f;  // transition and relation tables
  float relabeler_prune = 0.0f;
  float beam_margin = -1.0f;  // stored beam margin (TrainOptions); < 0: the first model's
};

class Model {
 public:
  Model();
  ~Model();
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;

  // Trains all components on `train`; `dev` is only used to print progress (may be empty).
  Status Train(const std::vector<ConlluSentence>& train, const std::vector<ConlluSentence>& dev,
               const TrainOptions& options, std::string* log);
  // Becomes the average of the models in `paths` (at least two): each weight is the mean of
  // theirs. Every scorer here is linear, so that is the same as averaging the models' scores at
  // each decision — an ensemble that costs nothing at run time. Fails unless the models share
  // everything but their weights and the beam they were trained with; the average decodes
  // with the first model's beam width and margin (unless the options set the margin) and
  // relabel margin. Relabelers are averaged like the other tables (all models or none).
  Status Average(const std::vector<std::string>& paths, const AverageOptions& options);
  Status Save(const std::string& path) const;
  Status Load(const std::string& path);

  // Parser beam width for Annotate (1 = greedy); Train and Load set the model's own. Not
  // thread-safe: set it before annotating. force_beam_search (tests) runs the beam decoder
  // even at width 1, which must then equal the greedy one.
  void SetBeam(int k, bool force_beam_search = false);
  int beam() const;
  // Beam decoding drops candidates more than `margin` below the best (0: none); Train and Load
  // set the model's own. Not thread-safe, like SetBeam.
  void SetBeamMargin(float margin);
  float beam_margin() const;

  // Fills upos, xpos, lemma, head, deprel of the given tokens (forms must be set).
  void Annotate(Sentence* sentence) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kgraph::nlp
