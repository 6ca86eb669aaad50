// Kills `kgraph import` with SIGKILL at random moments, many times, and checks that the store
// still opens and holds each document entirely or not at all, with consistent counters.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "core/store.h"
#include "core/text.h"
#include "tests/test_util.h"

extern char** environ;

namespace kgraph {
namespace {

using testing::TempDir;

constexpr int kStatementsPerDoc = 40;

std::string JsonlInput(int round, int docs, std::map<std::string, int>* expected) {
  std::string out;
  for (int d = 0; d < docs; ++d) {
    std::string doc = "round" + std::to_string(round) + "/doc" + std::to_string(d) + ".txt";
    for (int i = 0; i < kStatementsPerDoc; ++i) {
      // Statements overlap across documents so removal bookkeeping is exercised too.
      out += "{\"doc\":\"" + doc + "\",\"subject\":{\"name\":\"E" + std::to_string((d + i) % 97) +
             "\",\"type\":\"COUNTRY\"},\"relation\":\"r" + std::to_string(i % 5) +
             "\",\"object\":{\"name\":\"E" + std::to_string((d * 7 + i) % 89) +
             "\",\"type\":\"ORGANIZATION\"},\"text\":\"round " + std::to_string(round) +
             " statement " + std::to_string(i) + "\"}\n";
    }
    (*expected)[doc] = kStatementsPerDoc;
  }
  return out;
}

std::string NtInput(int round, int lines) {
  std::string out;
  for (int i = 0; i < lines; ++i)
    out += "<http://x/e" + std::to_string(i % 1000) + "> <http://x/r" + std::to_string(i % 7) +
           "> <http://x/e" + std::to_string((i * 31 + round) % 1000) + "> .\n";
  return out;
}

// Every statement's provenance resolves, every record's document exists, counters match.
void CheckConsistent(const Store& store) {
  uint64_t statements = 0, records = 0;
  std::vector<Provenance> prov;
  Status inner;
  ASSERT_OK(store.Scan({}, [&](const StatementSummary& s) {
    ++statements;
    inner = store.GetProvenance(s.triple, &prov);
    if (!inner.ok()) return false;
    records += prov.size();
    for (const Provenance& p : prov) {
      if (!store.GetDocument(p.doc).ok()) {
        inner = Status::Corruption("provenance of a missing document");
        return false;
      }
    }
    return prov.size() == s.record_count;
  }));
  ASSERT_OK(inner);
  StoreStats stats = store.Stats();
  EXPECT_EQ(stats.statements, statements);
  EXPECT_EQ(stats.provenance_records, records);
}

TEST(CrashTest, KilledImportsLeaveWholeDocumentsOrNone) {
  TempDir dir;
  std::mt19937 rng(12345);
  std::string db = dir / "db";
  int killed_mid_write = 0;
  const int kRounds = 24;
  int full_run_ms = 0;  // how long one uninterrupted import takes, measured in round 0
  for (int round = 0; round < kRounds; ++round) {
    std::map<std::string, int> expected;
    std::string input = dir / ("in" + std::to_string(round));
    bool nt = round % 3 == 2;
    if (nt) {
      input += ".nt";
      testing::WriteFile(input, NtInput(round, 60000));
      expected[input] = 60000;
    } else {
      input += ".jsonl";
      testing::WriteFile(input, JsonlInput(round, 400, &expected));
    }
    std::string bin = testing::KgraphBinary();
    const char* argv[] = {bin.c_str(), "--db", db.c_str(), "-q", "import", input.c_str(), nullptr};
    pid_t pid;
    ASSERT_EQ(posix_spawn(&pid, bin.c_str(), nullptr, nullptr, const_cast<char**>(argv), environ),
              0);
    auto start = std::chrono::steady_clock::now();
    int status = 0;
    if (round == 0) {
      waitpid(pid, &status, 0);  // the reference run: let it finish
      full_run_ms = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::steady_clock::now() - start)
                                         .count());
      ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    } else {
      int delay_ms = std::uniform_int_distribution<int>(0, std::max(1, full_run_ms))(rng);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    bool was_killed = WIFSIGNALED(status);

    auto store = Store::Open(db);
    ASSERT_OK(store);
    size_t present = 0;
    for (auto& [path, count] : expected) {
      auto id = (*store)->FindDocumentByPath(path);
      if (!id) continue;
      ++present;
      int records = 0;
      ASSERT_OK((*store)->ForEachDocumentStatement(
          *id, [&](const Triple&, const Provenance&) { return ++records, true; }));
      EXPECT_EQ(records, count) << "document " << path << " is half-written";
    }
    if (was_killed && present > 0 && present < expected.size()) ++killed_mid_write;
    if (round % 6 == 5 || round == kRounds - 1) CheckConsistent(**store);
  }
  // The random delays must actually have hit writes in progress, or the test proves nothing.
  EXPECT_GT(killed_mid_write, 3) << "kills never landed in the middle of an import";
}

}  // namespace
}  // namespace kgraph
