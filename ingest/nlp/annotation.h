// The output of the NLP pipeline: sentences of tokens with exact character offsets, tags,
// lemmas and a labelled dependency tree (Universal Dependencies conventions). This header is
// the contract between ingest/nlp (which fills it) and ingest/extract (which reads it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kgraph::nlp {

struct Token {
  uint32_t begin = 0;  // byte offset of the token in the original text (UTF-8)
  uint32_t end = 0;    // one past the last byte
  std::string form;    // the text as written (may be normalized: curly quotes kept)
  std::string upos;    // Universal POS tag: NOUN, PROPN, VERB, ...
  std::string xpos;    // Penn Treebank tag: NN, NNP, VBD, ...
  std::string lemma;   // "sparked" → "spark"
  std::string feats;   // UD features when known, "_" otherwise
  int head = -1;       // index of the head token within the sentence; -1 for the root
  std::string deprel;  // UD relation with subtype: nsubj, obl:tmod, compound, root, ...
};

struct Sentence {
  uint32_t begin = 0;  // byte span of the sentence in the original text
  uint32_t end = 0;
  std::vector<Token> tokens;
};

}  // namespace kgraph::nlp
