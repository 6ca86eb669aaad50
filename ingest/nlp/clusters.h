// Word classes learned from unlabeled text (exchange clustering of the class-bigram model, the
// objective of Brown et al. 1992, optimized as in Kneser & Ney 1993 / Martin et al. 1998), used
// as tagger and parser features for rare and unseen words (Koo et al. 2008).
//
// Example:
//   nlp::ClusterOptions o;  o.classes = {32, 256, 1024};
//   nlp::WordClusters wc;
//   KG_RETURN_IF_ERROR(nlp::LearnWordClusters(sentences, o, &wc, &log));
//   KG_RETURN_IF_ERROR(nlp::WriteWordClusters(wc, "models/clusters.tsv"));
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace kgraph::nlp {

// One class id per granularity (coarse to fine) for every clustered word. Words are in the
// form the models see them: ASCII lower case, curly quotes made straight (ClusterKey).
struct WordClusters {
  std::vector<uint32_t> classes;  // number of classes of each granularity
  std::vector<std::string> words;
  std::vector<std::vector<uint32_t>> ids;  // per word, one id per granularity
  std::vector<uint64_t> counts;            // per word, its count in the clustered text
};

struct ClusterOptions {
  std::vector<uint32_t> classes = {32, 256, 1024};  // one exchange run per granularity
  uint32_t min_count = 3;  // rarer words share one "<rare>" token and are not output
  int iterations = 12;     // passes over the vocabulary (stops early when nothing moves)
  std::function<void(const std::string&)> progress;  // called with each log line if set
};

// Curly quotes and apostrophes are rarer than straight ones in the treebanks: the models see
// them straight (Russia’s → Russia's).
std::string NormForm(std::string_view form);

// The key under which a token's word is clustered (and looked up by the model): NormForm in
// ASCII lower case, as the models' lower-case word feature.
std::string ClusterKey(std::string_view form);

// `sentences` are token sequences (already keys or raw forms: ClusterKey is applied).
// Deterministic: the same input and options give the same classes.
Status LearnWordClusters(const std::vector<std::vector<std::string>>& sentences,
                         const ClusterOptions& options, WordClusters* out, std::string* log);

// Text file: a "# classes 32 256 1024" header, then "word<TAB>id<TAB>id<TAB>id<TAB>count" lines.
Status WriteWordClusters(const WordClusters& clusters, const std::string& path,
                         const std::string& comment);
Status ReadWordClusters(const std::string& path, WordClusters* out);

}  // namespace kgraph::nlp
