// Tree conventions applied after parsing: paired punctuation and passive subjects.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/nlp/tree_rules.h"

namespace kgraph::nlp {
namespace {

// A sentence from (form, upos, head, deprel) rows; heads are token indexes, -1 the root.
struct Row {
  std::string form, upos;
  int head;
  std::string deprel;
};
Sentence Make(const std::vector<Row>& rows) {
  Sentence s;
  for (const Row& r : rows) {
    Token t;
    t.form = r.form;
    t.upos = r.upos;
    t.head = r.head;
    t.deprel = r.deprel;
    s.tokens.push_back(t);
  }
  return s;
}

TEST(TreeRulesTest, QuotesAttachToTheHeadOfWhatTheyEnclose) {
  // He called it " a disgrace " .  — the parser hung the quotes on "called" and "it".
  Sentence s = Make({{"He", "PRON", 1, "nsubj"},
                     {"called", "VERB", -1, "root"},
                     {"it", "PRON", 1, "obj"},
                     {"\"", "PUNCT", 1, "punct"},
                     {"a", "DET", 5, "det"},
                     {"disgrace", "NOUN", 1, "xcomp"},
                     {"\"", "PUNCT", 2, "punct"},
                     {".", "PUNCT", 1, "punct"}});
  EXPECT_EQ(ApplyTreeConventions(&s), 2u);
  EXPECT_EQ(s.tokens[3].head, 5);
  EXPECT_EQ(s.tokens[6].head, 5);
  EXPECT_EQ(s.tokens[6].deprel, "punct");
  EXPECT_EQ(s.tokens[7].head, 1);           // unpaired marks are not touched
  EXPECT_EQ(ApplyTreeConventions(&s), 0u);  // idempotent
}

TEST(TreeRulesTest, CurlyQuotesParenthesesAndNestedPairs) {
  // ( “ yes ” , she said )
  Sentence s = Make({{"(", "PUNCT", 6, "punct"},
                     {"\u201C", "PUNCT", 6, "punct"},
                     {"yes", "INTJ", 6, "ccomp"},
                     {"\u201D", "PUNCT", 6, "punct"},
                     {",", "PUNCT", 6, "punct"},
                     {"she", "PRON", 6, "nsubj"},
                     {"said", "VERB", -1, "root"},
                     {")", "PUNCT", 2, "punct"}});
  ApplyTreeConventions(&s);
  EXPECT_EQ(s.tokens[1].head, 2);  // “ ” enclose "yes"
  EXPECT_EQ(s.tokens[3].head, 2);
  EXPECT_EQ(s.tokens[0].head, 6);  // ( ) enclose the clause headed by "said"
  EXPECT_EQ(s.tokens[7].head, 6);
}

TEST(TreeRulesTest, MarksAreLeftAloneWhenTheSpanHasNoSingleHeadOrTheMarkHasDependents) {
  // The two enclosed words hang on "saw", outside the pair: no single head.
  Sentence split = Make({{"\"", "PUNCT", 4, "punct"},
                         {"a", "NOUN", 4, "nsubj"},
                         {"b", "NOUN", 4, "obj"},
                         {"\"", "PUNCT", 4, "punct"},
                         {"saw", "VERB", -1, "root"}});
  EXPECT_EQ(ApplyTreeConventions(&split), 0u);

  Sentence parent = Make({{"\"", "PUNCT", 3, "punct"},
                          {"a", "NOUN", 0, "nsubj"},  // a dependent of the opening mark
                          {"\"", "PUNCT", 3, "punct"},
                          {"saw", "VERB", -1, "root"}});
  EXPECT_EQ(ApplyTreeConventions(&parent), 1u);  // only the closing mark moves
  EXPECT_EQ(parent.tokens[0].head, 3);
  EXPECT_EQ(parent.tokens[2].head, 1);
}

TEST(TreeRulesTest, LongPairsAreLeftAlone) {
  // ( w w … w ) with every word on the last one: one head inside, but 129 or 128 words.
  for (int words : {129, 128}) {
    std::vector<Row> rows = {{"(", "PUNCT", words + 2, "punct"}};
    for (int i = 0; i < words; ++i) rows.push_back({"w", "NOUN", words, "compound"});
    rows.back().head = words + 2;
    rows.push_back({")", "PUNCT", words + 2, "punct"});
    rows.push_back({"end", "VERB", -1, "root"});
    Sentence s = Make(rows);
    EXPECT_EQ(ApplyTreeConventions(&s), words == 128 ? 2u : 0u) << words;
  }
}

TEST(TreeRulesTest, SubjectsArePassiveExactlyWithAPassiveAuxiliary) {
  // Georgia was attacked ; Russia denied ; that it happened was reported
  Sentence s = Make({{"Georgia", "PROPN", 2, "nsubj"},
                     {"was", "AUX", 2, "aux:pass"},
                     {"attacked", "VERB", -1, "root"},
                     {";", "PUNCT", 5, "punct"},
                     {"Russia", "PROPN", 5, "nsubj:pass"},
                     {"denied", "VERB", 2, "parataxis"},
                     {"that", "SCONJ", 8, "mark"},
                     {"it", "PRON", 8, "nsubj"},
                     {"happened", "VERB", 10, "csubj"},
                     {"was", "AUX", 10, "aux:pass"},
                     {"reported", "VERB", 2, "parataxis"},
                     {"they", "PRON", 2, "nsubj:outer"}});
  EXPECT_EQ(ApplyTreeConventions(&s), 3u);
  EXPECT_EQ(s.tokens[0].deprel, "nsubj:pass");
  EXPECT_EQ(s.tokens[4].deprel, "nsubj");
  EXPECT_EQ(s.tokens[7].deprel, "nsubj");  // "happened" has no passive auxiliary
  EXPECT_EQ(s.tokens[8].deprel, "csubj:pass");
  EXPECT_EQ(s.tokens[11].deprel, "nsubj:outer");  // other subtypes are kept
}

}  // namespace
}  // namespace kgraph::nlp
