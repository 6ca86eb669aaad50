// The CLI's contract for the foundation commands: exit codes, messages that name the file and
// problem, and nothing written when input is bad.
#include <filesystem>

#include "core/store.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::RunKgraph;
using testing::ShellQuote;
using testing::TempDir;

const char* kGood =
    "{\"doc\":\"a.txt\",\"subject\":{\"name\":\"NATO\",\"type\":\"ORGANIZATION\"},"
    "\"relation\":\"consults\",\"object\":{\"name\":\"Russia\",\"type\":\"COUNTRY\"},"
    "\"text\":\"NATO met Russia.\"}\n"
    "{\"kind\":\"entity\",\"doc\":\"a.txt\",\"name\":\"Russia\",\"type\":\"COUNTRY\","
    "\"aliases\":[\"Moscow\"]}\n";

TEST(FoundationCliTest, ImportQueryShowRoundTrip) {
  TempDir dir;
  testing::WriteFile(dir / "a.jsonl", kGood);
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  auto r = RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKgraph(db + "query --object moscow --format jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"relation\":\"consults\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"text\":\"NATO met Russia.\""), std::string::npos) << r.out;
  // The jsonl output is the import format: it loads into another store unchanged.
  testing::WriteFile(dir / "copy.jsonl", r.out);
  auto r2 =
      RunKgraph("--db " + ShellQuote(dir / "db2") + " import " + ShellQuote(dir / "copy.jsonl"));
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  auto r3 = RunKgraph("--db " + ShellQuote(dir / "db2") + " query --format jsonl");
  EXPECT_EQ(r3.out, r.out);
  r = RunKgraph(db + "show Moscow");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Russia  (COUNTRY)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Moscow"), std::string::npos);
  r = RunKgraph(db + "docs");
  EXPECT_NE(r.out.find("a.txt"), std::string::npos);
  r = RunKgraph(db + "remove a.txt");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKgraph(db + "stats --json");
  EXPECT_NE(r.out.find("\"statements\":0"), std::string::npos) << r.out;
  // The entities and aliases only that document held went with it.
  EXPECT_NE(r.out.find("\"terms\":0,\"entities\":0"), std::string::npos) << r.out;
  r = RunKgraph(db + "show Moscow");
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("unknown entity 'Moscow'"), std::string::npos) << r.err;
}

TEST(FoundationCliTest, StatsCountTermsByKind) {
  TempDir dir;
  testing::WriteFile(dir / "a.jsonl", kGood);
  testing::WriteFile(dir / "b.nt",
                     "<http://x/s> <http://x/p> \"lit\" .\n_:b <http://x/p> <http://x/s> .\n");
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  auto r = RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl") + " " + ShellQuote(dir / "b.nt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKgraph(db + "stats --json");
  EXPECT_NE(r.out.find("\"terms\":7,\"entities\":2,\"iris\":2,\"blank_nodes\":1,"
                       "\"relations\":1,\"literals\":1,"),
            std::string::npos)
      << r.out;
}

TEST(FoundationCliTest, KgraphDbEnvironmentVariableSelectsTheStore) {
  TempDir dir;
  testing::WriteFile(dir / "a.jsonl", kGood);
  auto r = testing::RunCommand("cd " + ShellQuote(dir.path()) +
                               " && KGRAPH_DB=" + ShellQuote(dir / "envdb") + " " +
                               ShellQuote(testing::KgraphBinary()) + " import a.jsonl");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(dir / "envdb/CURRENT"));
  EXPECT_FALSE(std::filesystem::exists(dir / "kgraph.db"));
}

TEST(FoundationCliTest, BadInputFailsWithFileLineAndWritesNothing) {
  TempDir dir;
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  testing::WriteFile(dir / "a.jsonl", kGood);
  ASSERT_EQ(RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl")).exit_code, 0);
  // The first line is fine, the third is not: nothing from the file may be stored.
  std::string bad = std::string(
      "{\"doc\":\"b.txt\",\"subject\":\"X\",\"relation\":\"r\",\"object\":\"Y\"}\n\n"
      "{\"doc\":\"b.txt\",\"subject\":\"X\",\"relation\":\"r\"\n");
  testing::WriteFile(dir / "bad.jsonl", bad);
  auto r = RunKgraph(db + "import " + ShellQuote(dir / "bad.jsonl"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.jsonl:3:"), std::string::npos) << r.err;
  testing::WriteFile(dir / "bad.nt",
                     "<http://a/s> <http://a/p> <http://a/o> .\n<http://a/s> <http://a/p> .\n");
  r = RunKgraph(db + "import " + ShellQuote(dir / "bad.nt"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.nt:2: column"), std::string::npos) << r.err;
  r = RunKgraph(db + "import " + ShellQuote(dir / "missing.jsonl"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.jsonl: cannot open"), std::string::npos) << r.err;
  r = RunKgraph(db + "stats --json");
  EXPECT_NE(r.out.find("\"documents\":1,\"statements\":1,"), std::string::npos) << r.out;
}

TEST(FoundationCliTest, UsageAndLookupErrorsExitOne) {
  TempDir dir;
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  testing::WriteFile(dir / "a.jsonl", kGood);
  ASSERT_EQ(RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl")).exit_code, 0);
  EXPECT_EQ(RunKgraph(db + "no-such-command").exit_code, 1);
  EXPECT_EQ(RunKgraph(db + "query --format xml").exit_code, 1);
  auto r = RunKgraph(db + "query --subject Atlantis");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unknown subject 'Atlantis'"), std::string::npos) << r.err;
  r = RunKgraph(db + "remove nothing.txt");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(RunKgraph(db + "show Atlantis").exit_code, 1);
  EXPECT_EQ(RunKgraph("--help").exit_code, 0);
  EXPECT_EQ(RunKgraph("import --help").exit_code, 0);
}

TEST(FoundationCliTest, StoreErrorsExitTwo) {
  TempDir dir;
  testing::WriteFile(dir / "a.jsonl", kGood);
  std::filesystem::create_directories(dir / "notastore");
  testing::WriteFile(dir / "notastore/x", "x");
  auto r =
      RunKgraph("--db " + ShellQuote(dir / "notastore") + " import " + ShellQuote(dir / "a.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not a kgraph store"), std::string::npos) << r.err;
  r = RunKgraph("--db " + ShellQuote(dir / "missing") + " stats");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no kgraph store"), std::string::npos) << r.err;
}

TEST(FoundationCliTest, SecondWriterIsToldTheStoreIsLockedWhileReadersWork) {
  TempDir dir;
  testing::WriteFile(dir / "a.jsonl", kGood);
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  ASSERT_EQ(RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl")).exit_code, 0);
  auto writer = Store::Open(dir / "db");  // this test process holds the write lock
  ASSERT_OK(writer);
  auto r = RunKgraph(db + "import " + ShellQuote(dir / "a.jsonl"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("locked by another process"), std::string::npos) << r.err;
  r = RunKgraph(db + "query --subject NATO");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("consults"), std::string::npos);
}

}  // namespace
}  // namespace kgraph
