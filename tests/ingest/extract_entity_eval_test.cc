// The GUM entity evaluation: reading the Entity= layer, mention alignment, the coreference
// metrics on the worked example of Pradhan et al. (2014), and `kgraph eval-entities` on a
// small document written for the tests in GUM's format (tests/data/gum/sample_news.conllu).
#include <gtest/gtest.h>

#include <sstream>

#include "ingest/extract/entity_eval.h"
#include "tests/test_util.h"

namespace kgraph::extract {
namespace {

const std::string kSample = testing::SourceDir() + "/tests/data/gum/sample_news.conllu";

// Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i} (a..i = 0..8).
const Clusters kKey = {{0, 1, 2}, {3, 4, 5, 6}};
const Clusters kResponse = {{0, 1}, {2, 3}, {5, 6, 7, 8}};

TEST(EntityEvalTest, MucOnTheReferenceExample) {
  PrfCounts c = Muc(kKey, kResponse);
  EXPECT_DOUBLE_EQ(c.R(), 0.4);
  EXPECT_DOUBLE_EQ(c.P(), 0.4);
}

TEST(EntityEvalTest, BCubedOnTheReferenceExample) {
  PrfCounts c = BCubed(kKey, kResponse);
  EXPECT_NEAR(c.R(), (4.0 / 3 + 1.0 / 3 + 1.0 / 4 + 1.0) / 7, 1e-9);  // 0.42
  EXPECT_DOUBLE_EQ(c.P(), 0.5);
}

TEST(EntityEvalTest, CeafEOnTheReferenceExample) {
  PrfCounts c = CeafE(kKey, kResponse);
  EXPECT_NEAR(c.R(), 0.65, 1e-9);  // (0.8 + 0.5) / 2: {a,b,c}–{a,b}, {d,e,f,g}–{f,g,h,i}
  EXPECT_NEAR(c.P(), 1.3 / 3, 1e-9);
}

TEST(EntityEvalTest, IdenticalPartitionsScoreOne) {
  for (PrfCounts c : {Muc(kKey, kKey), BCubed(kKey, kKey), CeafE(kKey, kKey)}) {
    EXPECT_DOUBLE_EQ(c.P(), 1.0);
    EXPECT_DOUBLE_EQ(c.R(), 1.0);
  }
}

TEST(EntityEvalTest, ReadsTextMentionsHeadsAndChains) {
  std::vector<GumDocument> docs;
  ASSERT_TRUE(ReadGumFile(kSample, &docs).ok());
  ASSERT_EQ(docs.size(), 1u);
  const GumDocument& d = docs[0];
  EXPECT_EQ(d.id, "sample_news_ferry");
  EXPECT_EQ(d.date, "2024-03-05");
  EXPECT_EQ(d.text,
            "Ferry link between Norway and Denmark reopens\n\n"
            "Transport minister Maria Jensen said the route will run daily. "
            "She said Denmark paid half of the cost.\n\n"
            "The European Union welcomed the deal.");
  ASSERT_EQ(d.tokens.size(), 34u);
  EXPECT_EQ(d.text.substr(d.tokens[16].begin, d.tokens[16].end - d.tokens[16].begin), "daily");
  EXPECT_EQ(d.tokens[16].head, 15);  // "run", document-level index
  ASSERT_EQ(d.mentions.size(), 11u);
  // "Transport minister Maria Jensen": head Maria (its head "said" is outside), linked.
  const GumMention* jensen = nullptr;
  for (const GumMention& m : d.mentions)
    if (m.chain == "4" && m.end - m.begin == 4) jensen = &m;
  ASSERT_NE(jensen, nullptr);
  EXPECT_EQ(jensen->begin, 7);
  EXPECT_EQ(jensen->head, 9);
  EXPECT_EQ(jensen->type, "person");
  EXPECT_EQ(jensen->identity, "Maria_Jensen");
  EXPECT_TRUE(jensen->named);
  // Nested mentions closing on one token: "half of the cost" and "the cost".
  int abstract = 0;
  for (const GumMention& m : d.mentions) abstract += m.type == "abstract" ? 1 : 0;
  EXPECT_EQ(abstract, 2);
  // "She" is scored but not named, though linked like every mention of its entity.
  for (const GumMention& m : d.mentions)
    if (d.tokens[m.head].form == "She") {
      EXPECT_EQ(m.identity, "Maria_Jensen");
      EXPECT_FALSE(m.named);
    }
}

TEST(EntityEvalTest, RejectsUnbalancedEntities) {
  std::istringstream in(
      "# newdoc id = x\n# text = Oslo\n1\tOslo\tOslo\tPROPN\tNNP\t_\t0\troot\t_\tEntity=5)\n\n");
  std::vector<GumDocument> docs;
  Status s = ReadGumDocuments(in, &docs);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
}

// Predicted mentions by their text (the n-th occurrence), with a chain and a type.
PredictedMention At(const GumDocument& d, const std::string& text, int nth, int chain,
                    EntityType type) {
  size_t p = 0;
  for (int i = 0; i <= nth; ++i) p = d.text.find(text, i == 0 ? 0 : p + 1);
  EXPECT_NE(p, std::string::npos) << text;
  return {static_cast<uint32_t>(p), static_cast<uint32_t>(p + text.size()), chain, type};
}

TEST(EntityEvalTest, ScoresDetectionTypingAndCoreference) {
  std::vector<GumDocument> docs;
  ASSERT_TRUE(ReadGumFile(kSample, &docs).ok());
  const GumDocument& d = docs[0];
  std::vector<PredictedMention> pred = {
      At(d, "Norway", 0, 0, EntityType::kCountry),
      At(d, "Denmark", 0, 1, EntityType::kCountry),
      At(d, "Maria Jensen", 0, 2, EntityType::kPerson),  // title left out: head match only
      At(d, "the route", 0, 5, EntityType::kLocation),   // gold object: another type
      At(d, "She", 0, 2, EntityType::kPerson),
      At(d, "Denmark", 1, 3, EntityType::kCountry),        // coreference missed
      At(d, "European Union", 0, 4, EntityType::kPerson),  // mistyped
  };
  EntityScores exact = ScoreEntities(d, pred, {});
  EXPECT_DOUBLE_EQ(exact.detection.P(), 4.0 / 7);
  EXPECT_DOUBLE_EQ(exact.detection.R(), 4.0 / 6);
  EXPECT_EQ(exact.other_type, 1u);

  EntityScores head = ScoreEntities(d, pred, {.named_only = false, .head_match = true});
  EXPECT_DOUBLE_EQ(head.detection.P(), 6.0 / 7);
  EXPECT_DOUBLE_EQ(head.detection.R(), 1.0);
  EXPECT_EQ(head.aligned, 6u);
  EXPECT_EQ(head.type_correct, 5u);
  EXPECT_DOUBLE_EQ(head.typed.P(), 5.0 / 7);
  // Key {Norway} {Denmark, Denmark} {Jensen, She} {EU}; response splits the Denmarks.
  EXPECT_DOUBLE_EQ(head.muc.R(), 0.5);
  EXPECT_DOUBLE_EQ(head.muc.P(), 1.0);
  EXPECT_DOUBLE_EQ(head.b3.R(), 5.0 / 6);
  EXPECT_DOUBLE_EQ(head.b3.P(), 6.0 / 7);
  EXPECT_NEAR(head.ceafe.R(), (3 + 2.0 / 3) / 4, 1e-9);
  EXPECT_NEAR(head.ceafe.P(), (3 + 2.0 / 3) / 6, 1e-9);

  // Names only: "She" is neither counted right nor wrong.
  EntityScores named = ScoreEntities(d, pred, {.named_only = true, .head_match = true});
  EXPECT_DOUBLE_EQ(named.detection.P(), 5.0 / 6);
  EXPECT_DOUBLE_EQ(named.detection.R(), 1.0);

  std::vector<std::string> errors;
  ScoreEntities(d, pred, {.named_only = false, .head_match = true}, &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], "spurious LOCATION \"the route\" (gold object)");
  EXPECT_EQ(errors[1], "mistyped PERSON \"European Union\" (gold organization)");
}

TEST(EntityEvalCliTest, RunsTheExtractorOnTheSample) {
  auto r = testing::RunKgraph("eval-entities " + testing::ShellQuote(kSample));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("GUM entities: 1 documents, 34 tokens"), std::string::npos) << r.out;
  // The extractor finds the two countries, the minister, "She" and the Union (head match).
  std::istringstream rows(r.out);
  std::string line;
  bool seen = false;
  while (std::getline(rows, line)) {
    if (!line.starts_with("all/head")) continue;
    std::istringstream f(line.substr(8));
    double gold, sys, p, rec;
    f >> gold >> sys >> p >> rec;
    EXPECT_EQ(gold, 6);
    EXPECT_GE(p, 0.8) << line;
    EXPECT_GE(rec, 0.8) << line;
    seen = true;
  }
  EXPECT_TRUE(seen) << r.out;
  auto bad = testing::RunKgraph("eval-entities /nonexistent.conllu");
  EXPECT_EQ(bad.exit_code, 1);
}

}  // namespace
}  // namespace kgraph::extract
