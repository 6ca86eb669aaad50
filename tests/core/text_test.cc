// Text helpers: alias normalization, slugs, document ids, UTF-8 checks, JSON escaping.
#include "core/text.h"

#include "core/schema.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

TEST(TextTest, NormalizeAliasFoldsCaseSpaceAndApostrophes) {
  EXPECT_EQ(NormalizeAlias("  Hillary  CLINTON "), "hillary clinton");
  EXPECT_EQ(NormalizeAlias("Russia\xE2\x80\x99s"), "russia's");
  EXPECT_EQ(NormalizeAlias("\xC3\x89TATS-UNIS"), "\xC3\xA9tats-unis");  // ÉTATS → états
  EXPECT_EQ(NormalizeAlias(" \t\n"), "");
}

TEST(TextTest, SlugsAreStableAndIriSafe) {
  EXPECT_EQ(Slugify("Jaap de Hoop Scheffer"), "jaap_de_hoop_scheffer");
  EXPECT_EQ(Slugify("NATO-Russia Council"), "nato_russia_council");
  EXPECT_EQ(Slugify("<\"}\\"), "_");
  EXPECT_EQ(Slugify("Москва"), "%D0%9C%D0%BE%D1%81%D0%BA%D0%B2%D0%B0");
  EXPECT_EQ(EntitySlug(EntityType::kCountry, "South Ossetia"), "country/south_ossetia");
}

TEST(TextTest, DocumentIdIgnoresCosmeticWhitespaceOnly) {
  EXPECT_EQ(DocumentIdForText("a\r\nb  \n\n\n\nc"), DocumentIdForText("a\nb\n\nc\n"));
  EXPECT_NE(DocumentIdForText("a\nb"), DocumentIdForText("a\n\nb"));
  EXPECT_NE(DocumentIdForText("a b"), DocumentIdForText("a  b"));
}

TEST(TextTest, FindsInvalidUtf8) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xE9 au lait"), 3u);  // Latin-1 é
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);         // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);   // UTF-16 surrogate
  EXPECT_EQ(FindInvalidUtf8("x\xF0\x9F\x98"), 1u);    // truncated
  EXPECT_EQ(Latin1ToUtf8("caf\xE9"), "caf\xC3\xA9");
}

TEST(TextTest, JsonEscapingHandlesHostileText) {
  EXPECT_EQ(JsonQuote("a\"b\\c\n\x01"), "\"a\\\"b\\\\c\\n\\u0001\"");
  EXPECT_EQ(JsonQuote("bad\xFF"
                      "byte"),
            "\"bad\xEF\xBF\xBD"
            "byte\"");
  EXPECT_EQ(JsonQuote("Москва"), "\"Москва\"");
}

TEST(SchemaTest, DefaultSchemaLoadsWithCameoLabels) {
  auto schema = LoadSchema(std::string(KGRAPH_SOURCE_DIR) + "/seeds/schema.json");
  ASSERT_OK(schema);
  const RelationDef* fights = schema->Find("fights");
  ASSERT_NE(fights, nullptr);
  EXPECT_EQ(fights->cameo, "19");
  EXPECT_EQ(fights->quad_class, QuadClass::kMaterialConflict);
  EXPECT_EQ(schema->Find("member_of")->quad_class, QuadClass::kStructural);
  EXPECT_EQ(schema->relations.size(), 26u);
}

TEST(SchemaTest, BadSchemasAreRejectedWithTheProblem) {
  EXPECT_TRUE(ParseSchema("{", "s.json").status().message().starts_with("s.json"));
  EXPECT_FALSE(ParseSchema("{\"relations\": [{\"label\": \"x\"}, {\"label\": \"x\"}]}", "s").ok());
  EXPECT_FALSE(
      ParseSchema("{\"relations\": [{\"label\": \"x\", \"quad_class\": \"nice\"}]}", "s").ok());
  EXPECT_FALSE(
      ParseSchema("{\"relations\": [{\"label\": \"x\", \"domain\": [\"ALIEN\"]}]}", "s").ok());
}

}  // namespace
}  // namespace kgraph
