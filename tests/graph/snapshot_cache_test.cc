// Snapshot reuse: served from memory and from disk while the store is unchanged, rebuilt after
// any write or for a new store at the same path, and damaged cache files never crash a query.
#include "graph/snapshot_cache.h"

#include <filesystem>
#include <fstream>
#include <random>

#include "core/text.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::TempDir;

DocumentBatch RandomDocument(int seed, int entities, int statements) {
  std::mt19937 rng(static_cast<unsigned>(seed));
  DocumentBatch batch;
  batch.document.source_path = "doc" + std::to_string(seed);
  batch.document.id = DocumentIdForText(batch.document.source_path);
  for (int i = 0; i < statements; ++i) {
    StatementInput st;
    st.subject =
        Term{TermKind::kEntity, EntityType::kPerson, "P" + std::to_string(rng() % entities)};
    st.relation = Term{TermKind::kRelation, EntityType::kNone, i % 2 ? "meets" : "praises"};
    st.object =
        Term{TermKind::kEntity, EntityType::kCountry, "C" + std::to_string(rng() % entities)};
    st.provenance.confidence = 0.5f + 0.1f * static_cast<float>(i % 5);
    batch.statements.push_back(st);
  }
  return batch;
}

void ExpectSameSnapshot(const graph::Snapshot& a, const graph::Snapshot& b) {
  EXPECT_EQ(a.vertex_term, b.vertex_term);
  EXPECT_EQ(a.vertex_of, b.vertex_of);
  ASSERT_EQ(a.statements.size(), b.statements.size());
  for (uint32_t i = 0; i < a.statements.size(); ++i) {
    EXPECT_EQ(a.Summary(i).triple, b.Summary(i).triple);
    EXPECT_EQ(a.statements[i].max_confidence, b.statements[i].max_confidence);
  }
  EXPECT_EQ(a.graph.m_forward.m_rowstart, b.graph.m_forward.m_rowstart);
  EXPECT_EQ(a.graph.m_backward.m_column, b.graph.m_backward.m_column);
}

graph::SnapshotCacheOptions AlwaysOnDisk() {
  graph::SnapshotCacheOptions o;
  o.min_edges_on_disk = 0;
  return o;
}

TEST(SnapshotCacheTest, ReusedWhileUnchangedAndRebuiltAfterAWrite) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(RandomDocument(1, 30, 120)));
  graph::SnapshotFilter all;
  auto first = graph::LoadSnapshot(**store, all, AlwaysOnDisk());
  ASSERT_OK(first);
  auto again = graph::LoadSnapshot(**store, all, AlwaysOnDisk());
  ASSERT_OK(again);
  EXPECT_EQ(first->get(), again->get());  // the same object: from memory

  // Another process would find the file: read it directly and compare with a fresh build.
  std::string file;
  for (const auto& e : std::filesystem::directory_iterator(dir / "db/snapshots"))
    file = e.path().string();
  ASSERT_FALSE(file.empty());
  auto built = graph::BuildSnapshot(**store, all);
  ASSERT_OK(built);
  auto from_disk = graph::ReadSnapshotFile(file, (*store)->Identity(), (*store)->Generation(),
                                           graph::FilterKey(all));
  ASSERT_OK(from_disk);
  ExpectSameSnapshot(**built, **from_disk);

  // A filter is its own entry.
  graph::SnapshotFilter confident;
  confident.min_confidence = 0.8f;
  auto filtered = graph::LoadSnapshot(**store, confident, AlwaysOnDisk());
  ASSERT_OK(filtered);
  EXPECT_LT((*filtered)->statements.size(), (*first)->statements.size());

  // Any write makes both stale.
  ASSERT_OK((*store)->WriteDocument(RandomDocument(2, 40, 50)));
  auto after = graph::LoadSnapshot(**store, all, AlwaysOnDisk());
  ASSERT_OK(after);
  EXPECT_NE(after->get(), first->get());
  auto rebuilt = graph::BuildSnapshot(**store, all);
  ASSERT_OK(rebuilt);
  ExpectSameSnapshot(**rebuilt, **after);
  EXPECT_FALSE(graph::ReadSnapshotFile(file, (*store)->Identity(), (*store)->Generation() - 1,
                                       graph::FilterKey(all))
                   .ok());
}

TEST(SnapshotCacheTest, ANewStoreAtTheSamePathIsNotServedTheOldSnapshot) {
  TempDir dir;
  graph::SnapshotFilter all;
  size_t old_edges = 0;
  {
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    ASSERT_OK((*store)->WriteDocument(RandomDocument(1, 30, 120)));
    auto snap = graph::LoadSnapshot(**store, all, AlwaysOnDisk());
    ASSERT_OK(snap);
    old_edges = (*snap)->statements.size();
  }
  std::filesystem::rename(dir / "db/snapshots", dir / "saved");
  std::filesystem::remove_all(dir / "db");
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(RandomDocument(7, 10, 20)));  // same generation, other content
  std::filesystem::rename(dir / "saved", dir / "db/snapshots");
  auto snap = graph::LoadSnapshot(**store, all, AlwaysOnDisk());
  ASSERT_OK(snap);
  EXPECT_NE((*snap)->statements.size(), old_edges);
  auto built = graph::BuildSnapshot(**store, all);
  ASSERT_OK(built);
  ExpectSameSnapshot(**built, **snap);
}

TEST(SnapshotCacheTest, DamagedFilesAreRejectedNeverTrusted) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(RandomDocument(3, 25, 100)));
  graph::SnapshotFilter all;
  auto built = graph::BuildSnapshot(**store, all);
  ASSERT_OK(built);
  std::string identity = (*store)->Identity(), key = graph::FilterKey(all);
  std::string good = dir / "good.kgs";
  ASSERT_OK(graph::SaveSnapshotFile(**built, identity, key, good));
  std::string bytes = testing::ReadFile(good);
  uint64_t generation = (*store)->Generation();

  // Truncated at every length: always an error.
  for (size_t len = 0; len < bytes.size(); len += 1 + bytes.size() / 200) {
    testing::WriteFile(dir / "cut.kgs", bytes.substr(0, len));
    EXPECT_FALSE(graph::ReadSnapshotFile(dir / "cut.kgs", identity, generation, key).ok()) << len;
  }
  // Bytes overwritten with large values anywhere: either rejected, or every index in range (a
  // payload field such as a confidence changed), so queries over it stay in bounds.
  std::mt19937 rng(11);
  int rejected = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::string damaged = bytes;
    size_t at = rng() % damaged.size();
    damaged[at] = static_cast<char>(0xff);
    testing::WriteFile(dir / "bad.kgs", damaged);
    auto snap = graph::ReadSnapshotFile(dir / "bad.kgs", identity, generation, key);
    if (!snap.ok()) {
      ++rejected;
      continue;
    }
    const graph::Snapshot& s = **snap;
    for (uint32_t v = 0; v < s.vertex_term.size(); ++v)
      graph::ShortestPath(s, 0, v, {4, true});  // must not read out of bounds (ASan build)
  }
  EXPECT_GT(rejected, 100);
}

}  // namespace
}  // namespace kgraph
