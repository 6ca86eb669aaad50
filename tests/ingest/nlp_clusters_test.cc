// Word clusters: the exchange algorithm separates words by their contexts, is deterministic,
// and the cluster file round-trips.
#include <string>
#include <vector>

#include "ingest/nlp/clusters.h"
#include "tests/test_util.h"

namespace kgraph::nlp {
namespace {

// Two kinds of words in two kinds of contexts: "on" DAY "morning", "in" CITY "airport". (With
// many more classes than needed the exchange search leaves similar words apart: merging words
// of identical contexts does not raise the likelihood. The 4-class level must group them.)
std::vector<std::vector<std::string>> ToyCorpus() {
  std::vector<std::string> days = {"Monday", "Tuesday", "Friday", "Sunday"};
  std::vector<std::string> cities = {"London", "Paris", "Rome", "Berlin"};
  std::vector<std::vector<std::string>> out;
  for (int rep = 0; rep < 5; ++rep)
    for (size_t i = 0; i < days.size(); ++i) {
      out.push_back({"they", "met", "on", days[i], "morning", "."});
      out.push_back({"they", "met", "in", cities[(i + rep) % cities.size()], "airport", "."});
      out.push_back({"she", "left", "on", days[(i + rep) % days.size()], "morning", "."});
      out.push_back({"she", "lives", "in", cities[i], "airport", "."});
    }
  return out;
}

TEST(NlpClustersTest, SeparatesWordsByContext) {
  ClusterOptions o;
  o.classes = {2, 4, 8};
  o.min_count = 2;
  WordClusters wc;
  std::string log;
  ASSERT_OK(LearnWordClusters(ToyCorpus(), o, &wc, &log));
  auto id = [&](const std::string& w, size_t level) {
    for (size_t i = 0; i < wc.words.size(); ++i)
      if (wc.words[i] == w) return static_cast<int>(wc.ids[i][level]);
    return -1;
  };
  ASSERT_GE(id("monday", 1), 0);  // keys are lower case
  EXPECT_EQ(id("monday", 1), id("friday", 1));
  EXPECT_EQ(id("london", 1), id("berlin", 1));
  EXPECT_NE(id("monday", 1), id("london", 1));

  WordClusters again;
  ASSERT_OK(LearnWordClusters(ToyCorpus(), o, &again, &log));
  EXPECT_EQ(wc.ids, again.ids);
}

TEST(NlpClustersTest, FileRoundTrips) {
  ClusterOptions o;
  o.classes = {2, 4, 8};
  o.min_count = 2;
  WordClusters wc;
  ASSERT_OK(LearnWordClusters(ToyCorpus(), o, &wc, nullptr));
  testing::TempDir dir;
  std::string path = dir.path() + "/c.tsv";
  ASSERT_OK(WriteWordClusters(wc, path, "toy corpus\nsecond line"));
  WordClusters back;
  ASSERT_OK(ReadWordClusters(path, &back));
  EXPECT_EQ(back.classes, wc.classes);
  EXPECT_EQ(back.words, wc.words);
  EXPECT_EQ(back.ids, wc.ids);
  EXPECT_EQ(back.counts, wc.counts);
  EXPECT_EQ(ClusterKey("Russia\xE2\x80\x99s"), "russia's");
}

}  // namespace
}  // namespace kgraph::nlp
