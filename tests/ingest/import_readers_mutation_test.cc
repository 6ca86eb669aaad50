// Deterministic mutation testing of the import readers (the in-suite counterpart of the
// libFuzzer targets in tests/fuzz): random byte edits of valid inputs must be accepted or
// rejected with InvalidArgument, never crash, and accepted terms must lie inside the input.
#include <random>

#include "ingest/readers/ntriples.h"
#include "ingest/readers/statement_jsonl.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

std::string Mutate(std::string s, std::mt19937& rng) {
  static const char kAlphabet[] = "<>\"\\_:@^.# \t\n{}[],uU0aZ\xC3\xA9\xFF\x00";
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    size_t at = s.empty() ? 0 : rng() % (s.size() + 1);
    char c = kAlphabet[rng() % (sizeof kAlphabet - 1)];
    switch (rng() % 3) {
      case 0:
        s.insert(s.begin() + static_cast<long>(at), c);
        break;
      case 1:
        if (at < s.size()) s.erase(at, 1);
        break;
      default:
        if (at < s.size()) s[at] = c;
        break;
    }
  }
  return s;
}

TEST(ReaderMutationTest, NTriplesParserNeverMisbehaves) {
  const std::string seeds[] = {
      "<http://a/s> <http://a/p> <http://a/o> .",
      "_:b1 <http://a/p> \"chat \\\"x\\\"\"@fr-BE .",
      "<http://a/s> <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer> . # c",
  };
  std::mt19937 rng(2024);
  size_t accepted = 0, rejected = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string line = Mutate(seeds[i % 3], rng);
    NtTriple t;
    auto r = ParseNTriplesLine(line, &t);
    if (!r.ok()) {
      ASSERT_TRUE(r.status().IsInvalidArgument());
      ++rejected;
      continue;
    }
    ++accepted;
    if (!*r) continue;
    for (const NtTerm* term : {&t.subject, &t.predicate, &t.object}) {
      ASSERT_GE(term->text.data(), line.data());
      ASSERT_LE(term->text.data() + term->text.size(), line.data() + line.size());
    }
  }
  EXPECT_GT(accepted, 1000u);  // the mutations exercise both outcomes
  EXPECT_GT(rejected, 1000u);
}

TEST(ReaderMutationTest, StatementJsonlNeverMisbehaves) {
  const std::string seed =
      "{\"doc\":\"a\",\"subject\":{\"name\":\"X\",\"type\":\"COUNTRY\"},\"relation\":\"r\","
      "\"object\":\"Y\",\"span\":[1,2],\"confidence\":0.5,\"date\":\"2009-03-05\"}\n";
  std::mt19937 rng(7);
  size_t accepted = 0;
  for (int i = 0; i < 50000; ++i) {
    auto r = ParseStatementJsonl(Mutate(seed, rng), "m");
    if (r.ok()) {
      ++accepted;
    } else {
      ASSERT_TRUE(r.status().IsInvalidArgument()) << r.status().ToString();
    }
  }
  EXPECT_GT(accepted, 100u);
}

}  // namespace
}  // namespace kgraph
