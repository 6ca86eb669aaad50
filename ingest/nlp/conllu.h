// Reading and writing CoNLL-U (Universal Dependencies treebanks). Multiword-token ranges and
// empty nodes are skipped; offsets are rebuilt from the forms and SpaceAfter=No.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/nlp/annotation.h"

namespace kgraph::nlp {

struct ConlluSentence {
  std::string sent_id;
  std::string text;       // "# text = ..." when present, else the forms joined
  std::string newdoc_id;  // "# newdoc id = ..." on the first sentence of a document, else ""
  bool new_paragraph = false;
  Sentence sentence;  // token offsets are relative to `text`
  std::vector<bool> space_after;
};

// Reads every sentence; errors name the line number.
Status ReadConllu(std::istream& in, std::vector<ConlluSentence>* out);
Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out);

// The sentence with only its tokens' forms and offsets (gold tokenization, nothing predicted):
// what the tagger and parser are given when they are evaluated against the treebank.
Sentence BareSentence(const ConlluSentence& gold);

// Writes one sentence in CoNLL-U (10 columns, 1-based heads, 0 for the root).
void WriteConllu(const Sentence& sentence, const std::string& text, std::string* out);

}  // namespace kgraph::nlp
