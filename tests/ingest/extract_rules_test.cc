// Extraction rules pinned with small sentences written for these tests, run through the real
// NLP pipeline, the shipped gazetteers and the default schema.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/extract/extractor.h"
#include "tests/test_util.h"

namespace kgraph::extract {
namespace {

const Extractor& Shared() {
  static ExtractorBundle* bundle = [] {
    auto b = LoadExtractor("");
    if (!b.ok()) {
      ADD_FAILURE() << b.status().message();
      return static_cast<ExtractorBundle*>(nullptr);
    }
    return new ExtractorBundle(std::move(*b));
  }();
  if (bundle == nullptr) std::abort();
  return *bundle->extractor;
}

Extraction ExtractText(const std::string& text, const std::string& date = "2015-06-10") {
  Document doc;
  doc.text = text;
  doc.date = date;
  Extraction ex;
  Status st = Shared().Extract(doc, &ex);
  EXPECT_TRUE(st.ok()) << st.message();
  return ex;
}

const StatementInput* Find(const Extraction& ex, const std::string& s, const std::string& r,
                           const std::string& o) {
  for (const StatementInput& st : ex.statements)
    if (st.subject.text == s && st.relation.text == r && st.object.text == o) return &st;
  return nullptr;
}

std::string Dump(const Extraction& ex) {
  std::string out;
  for (const StatementInput& st : ex.statements)
    out += st.subject.text + " | " + st.relation.text + " | " + st.object.text + "\n";
  return out;
}

const EntityInput* Entity(const Extraction& ex, const std::string& name) {
  for (const EntityInput& e : ex.entities)
    if (e.name == name) return &e;
  return nullptr;
}

TEST(ExtractRulesTest, GazetteerNamesAndTypes) {
  Extraction ex =
      ExtractText("The United States of America and the OSCE met Ethiopian officials in Addis Ababa.");
  const EntityInput* us = Entity(ex, "United States");
  ASSERT_NE(us, nullptr);
  EXPECT_EQ(us->type, EntityType::kCountry);
  EXPECT_EQ(us->aliases, std::vector<std::string>{"United States of America"});
  const EntityInput* osce = Entity(ex, "Organization for Security and Co-operation in Europe");
  ASSERT_NE(osce, nullptr);
  EXPECT_EQ(osce->type, EntityType::kOrganization);
  const EntityInput* city = Entity(ex, "Addis Ababa");
  ASSERT_NE(city, nullptr);
  EXPECT_EQ(city->type, EntityType::kLocation);  // "in <capital>" is a place, not a government
}

TEST(ExtractRulesTest, CoordinatedSubjectsAndObjects) {
  Extraction ex = ExtractText("Brazil and Chile criticized Peru and Bolivia.");
  for (const char* s : {"Brazil", "Chile"})
    for (const char* o : {"Peru", "Bolivia"})
      EXPECT_NE(Find(ex, s, "disapproves", o), nullptr) << s << " " << o << "\n" << Dump(ex);
  EXPECT_EQ(Find(ex, "Brazil", "disapproves", "Chile"), nullptr);
}

TEST(ExtractRulesTest, PassiveAgentBecomesSubject) {
  Extraction ex = ExtractText("Somalia was attacked by Eritrea on Monday.");
  const StatementInput* st = Find(ex, "Eritrea", "assaults", "Somalia");
  ASSERT_NE(st, nullptr) << Dump(ex);
  EXPECT_EQ(st->provenance.date, "2015-06-08");  // the Monday before a Wednesday article
}

TEST(ExtractRulesTest, ChainHedgeAndDate) {
  Extraction ex = ExtractText("Kenya may decide to restore diplomatic ties with Somalia.");
  const StatementInput* st = Find(ex, "Kenya", "diplomatic_cooperation", "Somalia");
  ASSERT_NE(st, nullptr) << Dump(ex);
  EXPECT_TRUE(st->provenance.hedged);
  EXPECT_FALSE(st->provenance.negated);
  EXPECT_EQ(st->provenance.date, "2015-06-10");  // no date in the text: the publication date
}

TEST(ExtractRulesTest, NegationAndAttribution) {
  Extraction ex = ExtractText("Finland did not criticize Sweden, officials said.");
  const StatementInput* st = Find(ex, "Finland", "disapproves", "Sweden");
  ASSERT_NE(st, nullptr) << Dump(ex);
  EXPECT_TRUE(st->provenance.negated);
  EXPECT_EQ(st->provenance.attributed_to, "officials");
}

TEST(ExtractRulesTest, TitlesAppositionsAndEnvoys) {
  Extraction ex =
      ExtractText("French Foreign Minister Laurent Dubois met Kenya's envoy to the African Union, "
          "Ambassador Grace Wanjiru.");
  EXPECT_NE(Find(ex, "Laurent Dubois", "official_of", "France"), nullptr) << Dump(ex);
  EXPECT_NE(Find(ex, "Grace Wanjiru", "envoy_to", "African Union"), nullptr) << Dump(ex);
  EXPECT_NE(Find(ex, "Grace Wanjiru", "official_of", "Kenya"), nullptr) << Dump(ex);
  const EntityInput* p = Entity(ex, "Grace Wanjiru");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->type, EntityType::kPerson);  // the title is not part of the name
}

TEST(ExtractRulesTest, PossessiveNominalAndRelativeMonth) {
  Extraction ex = ExtractText("Egypt's invasion of Libya last March angered observers.");
  const StatementInput* st = Find(ex, "Egypt", "fights", "Libya");
  ASSERT_NE(st, nullptr) << Dump(ex);
  EXPECT_EQ(st->provenance.date, "2015-03");
}

TEST(ExtractRulesTest, CapitalActingPoliticallyIsItsCountry) {
  Extraction ex = ExtractText("Ottawa threatened Mexico with sanctions.");
  EXPECT_NE(Find(ex, "Canada", "threatens", "Mexico"), nullptr) << Dump(ex);
  const EntityInput* c = Entity(ex, "Canada");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->aliases, std::vector<std::string>{"Ottawa"});
}

TEST(ExtractRulesTest, ShortenedNameIsTheSamePerson) {
  // "Lindqvist also praised …": with word classes (nlp3) the tagger reads the unknown
  // sentence-initial "Lindqvist" right before "praised" as an adverb (RB), which is a tagging
  // error this test is not about (docs/performance.md, NLP pipeline).
  Extraction ex =
      ExtractText("Prime Minister Anna Lindqvist visited Finland. Lindqvist also praised Norway.");
  const EntityInput* p = Entity(ex, "Anna Lindqvist");
  ASSERT_NE(p, nullptr);
  EXPECT_NE(std::find(p->aliases.begin(), p->aliases.end(), "Lindqvist"), p->aliases.end());
  EXPECT_EQ(Entity(ex, "Lindqvist"), nullptr);
  EXPECT_NE(Find(ex, "Anna Lindqvist", "diplomatic_cooperation", "Norway"), nullptr) << Dump(ex);
}

TEST(ExtractRulesTest, ParticipleClauseOfACoordinatedGroup) {
  Extraction ex =
      ExtractText("Serbia and Croatia, both hoping to join the European Union, welcomed the plan.");
  EXPECT_NE(Find(ex, "Serbia", "seeks_membership", "European Union"), nullptr) << Dump(ex);
  EXPECT_NE(Find(ex, "Croatia", "seeks_membership", "European Union"), nullptr) << Dump(ex);
}

TEST(ExtractRulesTest, TalksBetweenTwoParties) {
  Extraction ex = ExtractText("Talks between Japan and India ended early.");
  EXPECT_NE(Find(ex, "Japan", "consults", "India"), nullptr) << Dump(ex);
}

TEST(ExtractRulesTest, AppealIsNotMutual) {
  Extraction ex = ExtractText("Brazil, Argentina and Chile have called for new talks.");
  EXPECT_EQ(Find(ex, "Brazil", "consults", "Argentina"), nullptr) << Dump(ex);
}

TEST(ExtractRulesTest, LocativeObjectIsNotAParticipant) {
  Extraction ex = ExtractText("Austria and Hungary are cooperating in Serbia.");
  EXPECT_NE(Find(ex, "Austria", "material_cooperation", "Hungary"), nullptr) << Dump(ex);
  EXPECT_EQ(Find(ex, "Austria", "material_cooperation", "Serbia"), nullptr) << Dump(ex);
}

TEST(ExtractRulesTest, DatesResolveAgainstPublication) {
  EXPECT_EQ(ResolveDate({"thursday"}, "2009-03-05", false), "2009-03-05");
  EXPECT_EQ(ResolveDate({"wednesday"}, "2009-03-05", true), "2009-03-04");
  EXPECT_EQ(ResolveDate({"friday"}, "2009-03-05", false), "2009-03-06");
  EXPECT_EQ(ResolveDate({"last", "august"}, "2009-03-05", false), "2008-08");
  EXPECT_EQ(ResolveDate({"december"}, "2009-03-05", true), "2008-12");
  EXPECT_EQ(ResolveDate({"thursday"}, "", false), "");
}

}  // namespace
}  // namespace kgraph::extract
