// Article readers on small committed samples (tests/data/articles) and must-fail inputs.
#include <gtest/gtest.h>

#include <algorithm>

#include "ingest/readers/article.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::SourceDir;

std::string Sample(const std::string& name) { return SourceDir() + "/tests/data/articles/" + name; }

const Document* FindDoc(const ArticleBatch& b, const std::string& suffix) {
  for (const Document& d : b.documents)
    if (d.source_path.ends_with(suffix)) return &d;
  return nullptr;
}

TEST(ReaderArticleTest, DatesInEveryWrittenForm) {
  EXPECT_EQ(ParseDate("05/03/2009"), "2009-03-05");  // day-first
  EXPECT_EQ(ParseDate("2009-03-05"), "2009-03-05");
  EXPECT_EQ(ParseDate("March 5, 2009"), "2009-03-05");
  EXPECT_EQ(ParseDate("5 March 2009"), "2009-03-05");
  EXPECT_EQ(ParseDate("26-FEB-1987 15:01:01.79"), "1987-02-26");
  EXPECT_EQ(ParseDate("no date here"), "");
  EXPECT_EQ(ParseDate("45/13/2009"), "");
}

TEST(ReaderArticleTest, SeedStyleHeadlineDateDatelineByline) {
  ArticleBatch b = ReadArticles({Sample("seed_style.txt")});
  ASSERT_EQ(b.documents.size(), 1u);
  const Document& d = b.documents[0];
  EXPECT_EQ(d.title, "Ministers agree on river treaty");  // breadcrumb dropped
  EXPECT_EQ(d.date, "2011-04-07");
  EXPECT_EQ(d.dateline, "Nairobi");
  EXPECT_EQ(d.byline, "Jane Otieno");
  EXPECT_EQ(d.agency, "AFP/Example");
  EXPECT_TRUE(d.text.starts_with("Kenya and Tanzania signed")) << d.text;
  EXPECT_EQ(d.text.find("Otieno"), std::string::npos);
  EXPECT_EQ(d.source_path, Sample("seed_style.txt"));
  EXPECT_NE(d.id, 0u);
}

TEST(ReaderArticleTest, DashDatelineAndTrailingAgencyTag) {
  ArticleBatch b = ReadArticles({Sample("dash_dateline.txt")});
  ASSERT_EQ(b.documents.size(), 1u);
  EXPECT_EQ(b.documents[0].title, "Talks resume in Vienna");
  EXPECT_EQ(b.documents[0].dateline, "Vienna");
  EXPECT_EQ(b.documents[0].agency, "dpa");
  EXPECT_EQ(b.documents[0].text, "Austria welcomed the talks on Monday, officials said.");
}

TEST(ReaderArticleTest, DirectoryWalkCoversEveryFormat) {
  ArticleBatch b = ReadArticles({SourceDir() + "/tests/data/articles"});
  EXPECT_TRUE(b.skipped.empty());
  const Document* topical = FindDoc(b, "nested/topical.txt");
  ASSERT_NE(topical, nullptr);
  EXPECT_EQ(topical->title, "Brazil hosts a trade summit");
  EXPECT_EQ(topical->date, "2012-06-01");
  EXPECT_EQ(topical->agency, "Example Ministry (example.org)");
  EXPECT_EQ(topical->text, "Brazil hosted a summit with Argentina.");
  const Document* reuters = FindDoc(b, "sample.sgm#7");
  ASSERT_NE(reuters, nullptr);
  EXPECT_EQ(reuters->title, "COCOA EXPORTS RISE");
  EXPECT_EQ(reuters->date, "1987-02-26");
  EXPECT_EQ(reuters->text,
            "Showers continued throughout the week in the cocoa zone <said> traders.");
  EXPECT_EQ(FindDoc(b, "sample.sgm#8"), nullptr);  // no body
  const Document* j1 = FindDoc(b, "sample.jsonl#a1");
  ASSERT_NE(j1, nullptr);
  EXPECT_EQ(j1->date, "2010-03-05");
  EXPECT_EQ(j1->text, "Chile praised Peru.");
  ASSERT_NE(FindDoc(b, "sample.jsonl#a2"), nullptr);
}

TEST(ReaderArticleTest, Latin1IsConvertedWithAWarning) {
  ArticleBatch b = ReadArticles({Sample("latin1.txt")});
  ASSERT_EQ(b.documents.size(), 1u);
  EXPECT_EQ(b.documents[0].title, "Caf\xc3\xa9 owners protest");
  ASSERT_EQ(b.warnings.size(), 1u);
  EXPECT_NE(b.warnings[0].find("latin1.txt"), std::string::npos);
}

TEST(ReaderArticleTest, UnreadableAndMalformedFilesAreSkippedByName) {
  testing::TempDir dir;
  testing::WriteFile(dir / "bad.jsonl", "{\"title\":\"x\",\"text\":\"ok\"}\n{not json\n");
  testing::WriteFile(dir / "binary.txt", std::string("abc\0def", 7));
  testing::WriteFile(dir / "empty.txt", "  \n");
  ArticleBatch b =
      ReadArticles({dir / "missing.txt", dir / "bad.jsonl", dir / "binary.txt", dir / "empty.txt"});
  EXPECT_TRUE(b.documents.empty());
  ASSERT_EQ(b.skipped.size(), 4u);
  EXPECT_NE(b.skipped[0].reason.find("cannot open"), std::string::npos);
  EXPECT_NE(b.skipped[1].reason.find(":2:"), std::string::npos) << b.skipped[1].reason;
  EXPECT_NE(b.skipped[2].reason.find("NUL"), std::string::npos);
  EXPECT_NE(b.skipped[3].reason.find("empty"), std::string::npos);
}

}  // namespace
}  // namespace kgraph
