// `kgraph extract` and `kgraph ingest` end to end: the JSON Lines format round-trips through
// `kgraph import`; bad files are reported by name with exit code 1 and nothing half-written.
#include <gtest/gtest.h>

#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::RunKgraph;
using testing::ShellQuote;

const char kArticle[] =
    "Border talks resume\n\nPublished on 02/09/2014\n\nVienna - Kenya criticized Uganda on "
    "Tuesday.\n\nTanzania and Rwanda signed a trade agreement.\n";

TEST(ExtractCliTest, JsonlHasDocumentEntitiesAndTriplesAndImports) {
  testing::TempDir dir;
  std::string file = dir / "article.txt";
  testing::WriteFile(file, kArticle);
  auto r = RunKgraph("extract " + ShellQuote(file) + " --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("{\"kind\":\"document\",\"doc\":" + std::string("\"") + file +
                       "\",\"title\":\"Border talks resume\",\"date\":\"2014-09-02\""),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"kind\":\"entity\",\"doc\":\"" + file +
                       "\",\"name\":\"Kenya\",\"type\":\"COUNTRY\""),
            std::string::npos);
  EXPECT_NE(
      r.out.find(
          "\"subject\":{\"name\":\"Kenya\",\"type\":\"COUNTRY\"},\"relation\":\"disapproves\""),
      std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"date\":\"2014-09-02\",\"confidence\":"), std::string::npos);
  std::string jsonl = dir / "out.jsonl";
  testing::WriteFile(jsonl, r.out);
  std::string db = dir / "db";
  auto imp = RunKgraph("--db " + ShellQuote(db) + " import " + ShellQuote(jsonl));
  EXPECT_EQ(imp.exit_code, 0) << imp.err;
}

TEST(ExtractCliTest, IngestWritesDocumentsAndReportsBadFiles) {
  testing::TempDir dir;
  testing::WriteFile(dir / "good.txt", kArticle);
  testing::WriteFile(dir / "broken.jsonl", "{\"text\": \n");
  std::string db = dir / "db";
  auto r = RunKgraph("--db " + ShellQuote(db) + " ingest " + ShellQuote(dir / "good.txt") + " " +
                     ShellQuote(dir / "broken.jsonl") + " " + ShellQuote(dir / "missing.txt"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("broken.jsonl"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ingested 1 documents"), std::string::npos) << r.err;
  auto docs = RunKgraph("--db " + ShellQuote(db) + " stats");
  EXPECT_NE(docs.out.find("documents:          1"), std::string::npos) << docs.out;
  // Ingesting the same file again changes nothing.
  auto again = RunKgraph("--db " + ShellQuote(db) + " ingest " + ShellQuote(dir / "good.txt"));
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("(1 unchanged)"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace kgraph
