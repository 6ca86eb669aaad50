// A second engine checks the graph queries: Oxigraph (npm) loads kgraph's N-Triples export and
// answers with SPARQL property paths what `kgraph path` and `kgraph neighbors` answer from the
// store, on a random graph with hostile names and parallel, open and looping statements.
#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>

#include "core/text.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::RunCommand;
using testing::RunKgraph;
using testing::ShellQuote;
using testing::TempDir;

const std::vector<std::string> kNames = {"Alpha",   "Bad \"Quote\" \\ <Tag> & {Brace}",
                                         "Москва",  "Ελλάδα",
                                         "O'Neil",  "x<y>z",
                                         "Beta",    "Gamma",
                                         "Delta",   "Line\nBreak",
                                         "Epsilon", "Zeta",
                                         "Eta",     "Theta"};
const std::vector<std::string> kRelations = {"consults", "fights", "provides_aid",
                                             "pledged money to"};  // the last is open

TEST(SparqlConformanceTest, OxigraphFindsWhatPathAndNeighborsFind) {
  std::string conformance = testing::SourceDir() + "/tests/conformance";
  ASSERT_EQ(RunCommand("command -v node").exit_code, 0) << "node missing: run tools/setup.sh";
  ASSERT_TRUE(std::filesystem::exists(conformance + "/node_modules/oxigraph"))
      << "npm packages missing in tests/conformance: run tools/setup.sh";
  TempDir dir;
  std::string db = "--db " + ShellQuote(dir / "db") + " ";

  // A sparse random graph: paths of several hops, some pairs unreachable one way, loops.
  std::mt19937 rng(2026);
  std::string jsonl;
  size_t n = kNames.size();
  auto type = [](size_t i) { return i % 2 ? "\"COUNTRY\"" : "\"ORGANIZATION\""; };
  for (size_t i = 0; i < 22; ++i) {
    size_t s = i < n ? i : rng() % n, o = rng() % n;  // every name in some statement
    std::string relation = kRelations[rng() % kRelations.size()];
    jsonl += "{\"doc\":\"d" + std::to_string(i % 4) +
             ".txt\",\"subject\":{\"name\":" + JsonQuote(kNames[s]) + ",\"type\":" + type(s) +
             "},\"relation\":" + JsonQuote(relation) +
             ",\"object\":{\"name\":" + JsonQuote(kNames[o]) + ",\"type\":" + type(o) +
             "},\"text\":\"s" + std::to_string(i) + "\"}\n";
  }
  testing::WriteFile(dir / "in.jsonl", jsonl);
  auto r = RunKgraph(db + "import " + ShellQuote(dir / "in.jsonl"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunKgraph(db + "export --format nt -o " + ShellQuote(dir / "out.nt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // kgraph's answers, and the same questions for the SPARQL side.
  std::vector<int> kgraph_hops;  // -1: no path
  std::vector<std::map<std::string, int>> kgraph_rings;
  std::string queries = "[";
  for (bool undirected : {false, true}) {
    std::string pairs;
    for (size_t a = 0; a < n; ++a)
      for (size_t b = 0; b < n; b += 3)
        if (a != b && kNames[a].find('\n') == std::string::npos &&
            kNames[b].find('\n') == std::string::npos) {
          pairs += kNames[a] + "\t" + kNames[b] + "\n";
          queries += std::string(queries.size() > 1 ? "," : "") +
                     "{\"kind\":\"path\",\"from\":" + JsonQuote(kNames[a]) +
                     ",\"to\":" + JsonQuote(kNames[b]) +
                     ",\"undirected\":" + (undirected ? "true" : "false") + ",\"max\":8}";
        }
    testing::WriteFile(dir / "pairs.tsv", pairs);
    r = RunKgraph(db + "path --max-hops 8 --format json --pairs " + ShellQuote(dir / "pairs.tsv") +
                  (undirected ? " --undirected" : ""));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    size_t answered = 0;
    for (size_t at = 0, end; (end = r.out.find('\n', at)) != std::string::npos; at = end + 1) {
      rapidjson::Document d;
      d.Parse(r.out.substr(at, end - at).c_str());
      ASSERT_FALSE(d.HasParseError()) << r.out;
      kgraph_hops.push_back(d["found"].GetBool() ? static_cast<int>(d["paths"][0].Size()) : -1);
      ++answered;
    }
    ASSERT_EQ(static_cast<size_t>(std::count(pairs.begin(), pairs.end(), '\n')), answered);
  }
  for (size_t c : {0, 1, 2, 4, 9}) {  // the centres: plain, hostile, non-Latin, newline
    r = RunKgraph(db + "neighbors --hops 3 --format json " + ShellQuote(kNames[c]));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, int> ring;
    for (size_t at = 0, end; (end = r.out.find('\n', at)) != std::string::npos; at = end + 1) {
      rapidjson::Document d;
      d.Parse(r.out.substr(at, end - at).c_str());
      ASSERT_FALSE(d.HasParseError()) << r.out;
      ring[d["name"].GetString()] = d["hops"].GetInt();
    }
    kgraph_rings.push_back(ring);
    queries += ",{\"kind\":\"neighbors\",\"of\":" + JsonQuote(kNames[c]) + ",\"hops\":3}";
  }
  queries += "]";
  testing::WriteFile(dir / "queries.json", queries);

  r = RunCommand("node " + ShellQuote(conformance + "/sparql_paths.mjs") + " " +
                 ShellQuote(dir / "out.nt") + " " + ShellQuote(dir / "queries.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  rapidjson::Document answers;
  answers.Parse(r.out.c_str());
  ASSERT_TRUE(answers.IsArray()) << r.out;
  ASSERT_EQ(answers.Size(), kgraph_hops.size() + kgraph_rings.size());
  int reachable = 0;
  for (size_t i = 0; i < kgraph_hops.size(); ++i) {
    const auto& a = answers[static_cast<rapidjson::SizeType>(i)];
    int sparql = a.IsNull() ? -1 : a.GetInt();
    EXPECT_EQ(kgraph_hops[i], sparql) << "path query " << i;
    reachable += sparql > 0;
  }
  EXPECT_GT(reachable, 20);  // the graph is connected enough to test something
  const size_t centres[] = {0, 1, 2, 4, 9};
  for (size_t i = 0; i < kgraph_rings.size(); ++i) {
    const auto& a = answers[static_cast<rapidjson::SizeType>(kgraph_hops.size() + i)];
    std::map<std::string, int> sparql;
    for (auto m = a.MemberBegin(); m != a.MemberEnd(); ++m)
      sparql[m->name.GetString()] = m->value.GetInt();
    EXPECT_EQ(kgraph_rings[i], sparql) << "neighbours of " << kNames[centres[i]];
    EXPECT_FALSE(sparql.empty());
  }
}

}  // namespace
}  // namespace kgraph
