// Open extraction tuples for small sentences written for the test, through the real pipeline.
#include <gtest/gtest.h>

#include "ingest/extract/openie.h"
#include "ingest/nlp/pipeline.h"
#include "tests/test_util.h"

namespace kgraph::extract {
namespace {

std::vector<OpenTuple> Tuples(const std::string& text) {
  static auto* pipeline = [] {
    auto p = nlp::Pipeline::Load(nlp::DefaultModelPath());
    EXPECT_TRUE(p.ok());
    return p.ok() ? p->release() : nullptr;
  }();
  if (pipeline == nullptr) return {};
  std::vector<nlp::Sentence> sentences;
  EXPECT_TRUE(pipeline->Annotate(text, &sentences).ok());
  std::vector<OpenTuple> out;
  for (const auto& s : sentences)
    for (auto& t : OpenExtract(s, text)) out.push_back(t);
  return out;
}

bool Has(const std::vector<OpenTuple>& ts, const std::string& rel,
         const std::vector<std::string>& args) {
  for (const OpenTuple& t : ts)
    if (t.relation == rel && t.args == args && t.confidence > 0 && t.confidence <= 1) return true;
  return false;
}

TEST(ExtractOpenieTest, SubjectVerbObject) {
  auto ts = Tuples("The farmer sold three cows.");
  EXPECT_TRUE(Has(ts, "sold", {"The farmer", "three cows"}));
}

TEST(ExtractOpenieTest, PrepositionJoinsTheRelation) {
  auto ts = Tuples("The old bridge collapsed in the storm.");
  EXPECT_TRUE(Has(ts, "collapsed in", {"The old bridge", "the storm"}));
}

TEST(ExtractOpenieTest, CopulaAndPassive) {
  auto ts = Tuples("The museum is a popular attraction.");
  EXPECT_TRUE(Has(ts, "is", {"The museum", "a popular attraction"}));
  auto passive = Tuples("The letter was written by a clerk.");
  EXPECT_TRUE(Has(passive, "was written by", {"The letter", "a clerk"}));
}

// (The sentence has no second prepositional phrase: whether "in Ohio" in "opened a factory in
// Ohio" hangs on the verb or the noun is a parser choice, not what this test is about.)
TEST(ExtractOpenieTest, FrontedAdverbialGoesLast) {
  auto ts = Tuples("In 2004, the company opened a new factory.");
  EXPECT_TRUE(Has(ts, "opened", {"the company", "a new factory", "In 2004"}));
}

TEST(ExtractOpenieTest, CoordinatedObjectsAreSplit) {
  auto ts = Tuples("The shop sells apples, pears and plums.");
  EXPECT_TRUE(Has(ts, "sells", {"The shop", "apples"}));
  EXPECT_TRUE(Has(ts, "sells", {"The shop", "pears"}));
  EXPECT_TRUE(Has(ts, "sells", {"The shop", "plums"}));
}

TEST(ExtractOpenieTest, RelativeClauseOnAPredicateNounTakesTheSubject) {
  auto ts = Tuples("Anna is a teacher who works at the local school.");
  EXPECT_TRUE(Has(ts, "is", {"Anna", "a teacher"}));
  EXPECT_TRUE(Has(ts, "works at", {"Anna", "the local school"}));
}

TEST(ExtractOpenieTest, NominalComplementOfAVerb) {
  auto ts = Tuples("The village became a popular resort.");
  EXPECT_TRUE(Has(ts, "became", {"The village", "a popular resort"}));
}

TEST(ExtractOpenieTest, OwnSubjectRanksAboveRelativeClause) {
  auto ts = Tuples("Anna is a teacher who works at the local school.");
  float is = 0, works = 0;
  for (const OpenTuple& t : ts) {
    if (t.relation == "is") is = t.confidence;
    if (t.relation == "works at") works = t.confidence;
  }
  EXPECT_GT(is, works);
}

}  // namespace
}  // namespace kgraph::extract
