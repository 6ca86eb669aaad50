// Store semantics: round trips, idempotent re-ingest, replacement, removal, index agreement,
// version, not-a-store and corruption handling.
#include "core/store.h"

#include <rocksdb/db.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>

#include "core/bulk_loader.h"
#include "core/text.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::TempDir;
namespace fs = std::filesystem;

Term E(const std::string& name, EntityType type = EntityType::kCountry) {
  return Term{TermKind::kEntity, type, name};
}
Term R(const std::string& label) { return Term{TermKind::kRelation, EntityType::kNone, label}; }

StatementInput St(const std::string& s, const std::string& r, const std::string& o,
                  const std::string& evidence = "", const std::string& date = "") {
  StatementInput st;
  st.subject = E(s);
  st.relation = R(r);
  st.object = E(o);
  st.provenance.evidence = evidence;
  st.provenance.date = date;
  st.provenance.confidence = 0.5f;
  return st;
}

DocumentBatch Doc(const std::string& path, const std::string& text,
                  std::vector<StatementInput> statements) {
  DocumentBatch b;
  b.document.source_path = path;
  b.document.text = text;
  b.document.id = DocumentIdForText(text);
  b.statements = std::move(statements);
  return b;
}

std::set<std::string> AllStatements(const Store& store) {
  std::set<std::string> out;
  EXPECT_TRUE(store
                  .Scan({},
                        [&](const StatementSummary& s) {
                          out.insert(store.GetTerm(s.triple.subject)->text + " " +
                                     store.GetTerm(s.triple.relation)->text + " " +
                                     store.GetTerm(s.triple.object)->text);
                          return true;
                        })
                  .ok());
  return out;
}

TEST(StoreTest, WritesAndReadsBackADocument) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  auto batch = Doc("a.txt", "text a",
                   {St("Russia", "fights", "Georgia", "Russia fought Georgia.", "2008-08-08")});
  batch.entities.push_back({"Russia", EntityType::kCountry, {"Moscow", "Russian Federation"}});
  auto outcome = (*store)->WriteDocument(batch);
  ASSERT_OK(outcome);
  EXPECT_EQ(*outcome, WriteOutcome::kAdded);

  auto russia = (*store)->ResolveName("moscow");
  ASSERT_EQ(russia.size(), 1u);
  EXPECT_EQ((*store)->GetTerm(russia[0])->text, "Russia");
  EXPECT_EQ((*store)->ResolveName("RUSSIA"), russia);
  EXPECT_EQ((*store)->ResolveName("http://kgraph.example/country/russia"), russia);
  EXPECT_TRUE((*store)->ResolveName("Atlantis").empty());

  std::vector<Provenance> prov;
  auto georgia = (*store)->ResolveName("Georgia");
  ASSERT_EQ(georgia.size(), 1u);
  Triple t{russia[0], *(*store)->Find(R("fights")), georgia[0]};
  ASSERT_OK((*store)->GetProvenance(t, &prov));
  ASSERT_EQ(prov.size(), 1u);
  EXPECT_EQ(prov[0].evidence, "Russia fought Georgia.");
  EXPECT_EQ(prov[0].date, "2008-08-08");
  EXPECT_EQ(prov[0].doc, batch.document.id);
  auto summary = (*store)->GetStatement(t);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->first_date, 20080808u);
  EXPECT_FLOAT_EQ(summary->max_confidence, 0.5f);

  auto doc = (*store)->GetDocument(batch.document.id);
  ASSERT_OK(doc);
  EXPECT_EQ(doc->text, "text a");
  EXPECT_EQ(doc->source_path, "a.txt");
}

TEST(StoreTest, IndexesAgreeForEveryPattern) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  std::vector<StatementInput> sts;
  const char* names[] = {"A", "B", "C", "D"};
  const char* rels[] = {"r1", "r2"};
  for (auto s : names)
    for (auto r : rels)
      for (auto o : names)
        if ((s[0] + r[1] + o[0]) % 3 == 0) sts.push_back(St(s, r, o));
  ASSERT_OK((*store)->WriteDocument(Doc("x", "x", sts)));
  std::vector<Triple> all;
  ASSERT_OK((*store)->Scan({}, [&](const StatementSummary& s) {
    all.push_back(s.triple);
    return true;
  }));
  ASSERT_EQ(all.size(), sts.size());
  // Every combination of bound positions returns exactly the matching triples.
  for (const Triple& probe : all) {
    for (int mask = 0; mask < 8; ++mask) {
      TriplePattern p{mask & 1 ? probe.subject : kNoTerm, mask & 2 ? probe.relation : kNoTerm,
                      mask & 4 ? probe.object : kNoTerm};
      std::set<Triple> expected, got;
      for (const Triple& t : all)
        if ((!p.subject || t.subject == p.subject) && (!p.relation || t.relation == p.relation) &&
            (!p.object || t.object == p.object))
          expected.insert(t);
      ASSERT_OK((*store)->Scan(p, [&](const StatementSummary& s) {
        got.insert(s.triple);
        return true;
      }));
      EXPECT_EQ(got, expected) << "mask " << mask;
    }
  }
}

TEST(StoreTest, ReingestingIdenticalContentChangesNothing) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  auto batch = Doc("a.txt", "same text", {St("A", "r", "B")});
  ASSERT_EQ(*(*store)->WriteDocument(batch), WriteOutcome::kAdded);
  StoreStats before = (*store)->Stats();
  ASSERT_EQ(*(*store)->WriteDocument(batch), WriteOutcome::kUnchanged);
  StoreStats after = (*store)->Stats();
  EXPECT_EQ(before.generation, after.generation);
  EXPECT_EQ(before.statements, after.statements);
  EXPECT_EQ(before.provenance_records, after.provenance_records);
  EXPECT_EQ(before.terms, after.terms);
}

TEST(StoreTest, ChangedDocumentReplacesItsProvenanceWithoutOrphans) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(Doc("other.txt", "other", {St("A", "r", "B", "other says")})));
  ASSERT_OK((*store)->WriteDocument(
      Doc("a.txt", "version 1", {St("A", "r", "B", "v1 says"), St("A", "r", "C", "only v1")})));
  auto outcome = (*store)->WriteDocument(Doc("a.txt", "version 2", {St("A", "r", "D", "v2")}));
  ASSERT_OK(outcome);
  EXPECT_EQ(*outcome, WriteOutcome::kReplaced);
  EXPECT_EQ(AllStatements(**store), (std::set<std::string>{"A r B", "A r D"}));
  StoreStats s = (*store)->Stats();
  EXPECT_EQ(s.documents, 2u);
  EXPECT_EQ(s.statements, 2u);
  EXPECT_EQ(s.provenance_records, 2u);
  // A r B keeps only the other document's evidence.
  std::vector<Provenance> prov;
  Triple t{(*store)->ResolveName("A")[0], *(*store)->Find(R("r")), (*store)->ResolveName("B")[0]};
  ASSERT_OK((*store)->GetProvenance(t, &prov));
  ASSERT_EQ(prov.size(), 1u);
  EXPECT_EQ(prov[0].evidence, "other says");
  EXPECT_EQ((*store)->FindDocumentByPath("a.txt"), DocumentIdForText("version 2"));
}

TEST(StoreTest, RemoveDeletesStatementsOnlyThatDocumentSupported) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  auto a = Doc("a", "a", {St("A", "r", "B"), St("A", "r", "C")});
  auto b = Doc("b", "b", {St("A", "r", "B")});
  ASSERT_OK((*store)->WriteDocument(a));
  ASSERT_OK((*store)->WriteDocument(b));
  auto t = (*store)->GetStatement(
      {(*store)->ResolveName("A")[0], *(*store)->Find(R("r")), (*store)->ResolveName("B")[0]});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->source_count, 2u);
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  EXPECT_EQ(AllStatements(**store), (std::set<std::string>{"A r B"}));
  EXPECT_FALSE((*store)->GetDocument(a.document.id).ok());
  EXPECT_FALSE((*store)->FindDocumentByPath("a").has_value());
  EXPECT_EQ((*store)->Stats().provenance_records, 1u);
  EXPECT_TRUE((*store)->RemoveDocument(a.document.id).IsNotFound());
  ASSERT_OK((*store)->RemoveDocument(b.document.id));
  EXPECT_TRUE(AllStatements(**store).empty());
  EXPECT_EQ((*store)->Stats().statements, 0u);
  // No index entry survives in pos/osp either.
  size_t n = 0;
  ASSERT_OK((*store)->Scan({kNoTerm, *(*store)->Find(R("r")), kNoTerm},
                           [&](auto&) { return ++n, true; }));
  EXPECT_EQ(n, 0u);
}

TEST(StoreTest, SecondWriterInTheSameProcessIsBusyAndReadersWork) {
  TempDir dir;
  auto writer = Store::Open(dir / "db");
  ASSERT_OK(writer);
  ASSERT_OK((*writer)->WriteDocument(Doc("a", "a", {St("A", "r", "B")})));
  auto second = Store::Open(dir / "db");
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsBusy()) << second.status().ToString();
  EXPECT_NE(second.status().message().find("locked by another process"), std::string::npos);
  StoreOptions ro;
  ro.read_only = true;
  auto reader = Store::Open(dir / "db", ro);
  ASSERT_OK(reader);
  EXPECT_EQ((*reader)->Stats().statements, 1u);
  EXPECT_TRUE((*reader)->WriteDocument(Doc("b", "b", {})).status().IsInvalidArgument());
}

// Opens the store's RocksDB directly (every column family), as another program would.
void WithRawRocksDb(
    const std::string& path,
    const std::function<void(rocksdb::DB*, std::vector<rocksdb::ColumnFamilyHandle*>&)>& fn) {
  rocksdb::Options options;
  std::vector<std::string> cfs;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, path, &cfs).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> desc;
  for (auto& n : cfs) desc.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db;
  ASSERT_TRUE(rocksdb::DB::Open(options, path, desc, &handles, &db).ok());
  fn(db, handles);
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  delete db;
}

TEST(StoreTest, RejectsAnotherFormatVersion) {
  TempDir dir;
  {
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
  }
  // Rewrite the version key directly, as a future kgraph would have.
  WithRawRocksDb(dir / "db", [](rocksdb::DB* db, auto&) {
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "format_version", "999").ok());
  });
  auto store = Store::Open(dir / "db");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kVersionMismatch);
  EXPECT_NE(store.status().message().find("999"), std::string::npos);
}

TEST(StoreTest, RejectsDirectoriesThatAreNotStores) {
  TempDir dir;
  fs::create_directories(dir / "notes");
  testing::WriteFile(dir / "notes/readme.txt", "hello");
  auto s1 = Store::Open(dir / "notes");
  ASSERT_FALSE(s1.ok());
  EXPECT_EQ(s1.status().code(), Status::Code::kNotAStore);
  testing::WriteFile(dir / "file", "x");
  auto s2 = Store::Open(dir / "file");
  ASSERT_FALSE(s2.ok());
  EXPECT_EQ(s2.status().code(), Status::Code::kNotAStore);
  {
    rocksdb::DB* db;
    rocksdb::Options options;
    options.create_if_missing = true;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir / "plain", &db).ok());
    delete db;
  }
  auto s3 = Store::Open(dir / "plain");
  ASSERT_FALSE(s3.ok());
  EXPECT_EQ(s3.status().code(), Status::Code::kNotAStore);
  StoreOptions ro;
  ro.read_only = true;
  EXPECT_TRUE(Store::Open(dir / "missing", ro).status().IsNotFound());
}

// Overwrites every file of one kind (OPTIONS files are advisory, so not among them) with garbage of
// the same size; opening must fail cleanly.
TEST(StoreTest, CorruptStoreGivesAnErrorNotACrash) {
  for (const char* victim : {"MANIFEST", "CURRENT", ".sst"}) {
    TempDir dir;
    {
      auto store = Store::Open(dir / "db");
      ASSERT_OK(store);
      std::vector<StatementInput> sts;
      for (int i = 0; i < 200; ++i) sts.push_back(St("A" + std::to_string(i), "r", "B"));
      ASSERT_OK((*store)->WriteDocument(Doc("a", "a", sts)));
    }
    // Flush the memtables so that the data is in SST files.
    WithRawRocksDb(dir / "db", [](rocksdb::DB* db, auto& handles) {
      ASSERT_TRUE(db->Flush(rocksdb::FlushOptions(), handles).ok());
    });
    int damaged = 0;
    for (auto& entry : fs::directory_iterator(dir / "db")) {
      std::string name = entry.path().filename().string();
      if (name.find(victim) == std::string::npos) continue;
      auto size = fs::file_size(entry.path());
      std::ofstream out(entry.path(), std::ios::binary | std::ios::trunc);
      for (uintmax_t i = 0; i < std::max<uintmax_t>(size, 64); ++i)
        out.put(static_cast<char>(i * 37 + 11));
      ++damaged;
    }
    ASSERT_GT(damaged, 0) << victim;
    auto store = Store::Open(dir / "db");
    if (store.ok()) {
      // Some damage is only found when data is read: reads must report it, not crash.
      Status s = (*store)->Scan({}, [](auto&) { return true; });
      EXPECT_FALSE(s.ok()) << victim << " damaged but every read succeeded";
    } else {
      EXPECT_FALSE(store.status().message().empty());
    }
  }
}

TEST(BulkLoaderTest, MergesWithExistingStatementsAndIsIdempotent) {
  TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  auto iri = [](const std::string& s) { return Term{TermKind::kIri, EntityType::kNone, s}; };
  DocumentBatch first = Doc("first.nt", "first", {});
  StatementInput st;
  st.subject = iri("http://x/a");
  st.relation = iri("http://x/p");
  st.object = iri("http://x/b");
  first.statements.push_back(st);
  ASSERT_OK((*store)->WriteDocument(first));

  auto load = [&](const std::string& path, const std::string& content) {
    BulkLoader loader(store->get());
    TermId a = *loader.Intern(TermKind::kIri, "http://x/a");
    TermId p = *loader.Intern(TermKind::kIri, "http://x/p");
    TermId b = *loader.Intern(TermKind::kIri, "http://x/b");
    TermId c = *loader.Intern(TermKind::kLiteral, "\"c\"@en");
    loader.Add({a, p, b}, 1);
    loader.Add({a, p, c}, 2);
    loader.Add({a, p, c}, 3);  // a duplicate line: one statement, two records
    Document d;
    d.id = DocumentIdForText(content);
    d.source_path = path;
    return loader.Finish(d, "import-nt");
  };
  auto outcome = load("second.nt", "second");
  ASSERT_OK(outcome);
  EXPECT_EQ(*outcome, WriteOutcome::kAdded);
  StoreStats s = (*store)->Stats();
  EXPECT_EQ(s.statements, 2u);
  EXPECT_EQ(s.provenance_records, 4u);
  EXPECT_EQ(s.documents, 2u);
  auto ab = (*store)->GetStatement({(*store)->ResolveName("<http://x/a>")[0],
                                    (*store)->ResolveName("<http://x/p>")[0],
                                    (*store)->ResolveName("http://x/b")[0]});
  ASSERT_TRUE(ab.has_value());
  EXPECT_EQ(ab->source_count, 2u);  // merged with the first document's record
  EXPECT_EQ(*load("second.nt", "second"), WriteOutcome::kUnchanged);
  EXPECT_EQ((*store)->Stats().generation, s.generation);
  // New content at the same path replaces the old version atomically.
  EXPECT_EQ(*load("second.nt", "second, edited"), WriteOutcome::kReplaced);
  EXPECT_EQ((*store)->Stats().documents, 2u);
  EXPECT_EQ((*store)->Stats().provenance_records, 4u);
}

TEST(BulkLoaderTest, LeftoversOfAnInterruptedLoadGoAtTheNextWritableOpen) {
  TempDir dir;
  { ASSERT_OK(Store::Open(dir / "db")); }
  std::filesystem::create_directories(dir / "db/bulk-0123-provenance");
  testing::WriteFile(dir / "db/bulk-0123-provenance/provenance.sst", "partial");
  {
    StoreOptions read_only;
    read_only.read_only = true;
    auto reader = Store::Open(dir / "db", read_only);
    ASSERT_OK(reader);
    EXPECT_TRUE(std::filesystem::exists(dir / "db/bulk-0123-provenance"));  // readers never delete
  }
  { ASSERT_OK(Store::Open(dir / "db")); }
  EXPECT_FALSE(std::filesystem::exists(dir / "db/bulk-0123-provenance"));
}

// The provenance file written on a second thread during parsing holds exactly what the ordinary
// path writes after it, across chunk boundaries, with duplicates, and when seqs are out of
// order (the loader then falls back to the ordinary path); packed and unpacked ids agree.
TEST(BulkLoaderTest, ProvenanceWrittenAlongsideParsingEqualsTheOrdinaryPath) {
  // kUnpacked: the general path of stores with ids too wide to pack.
  enum Mode { kOrdinary, kAlongside, kAlongsideOutOfOrder, kUnpacked };
  auto load = [](Mode mode, Store* store) {
    BulkLoader loader(store, /*pack_ids=*/mode != kUnpacked);
    Document d;
    d.id = DocumentIdForText("content");
    d.source_path = "big.nt";
    if (mode != kOrdinary) loader.StartProvenanceWriter(d, "import-nt");
    std::vector<TermId> ids;
    for (int i = 0; i < 500; ++i)
      ids.push_back(*loader.Intern(TermKind::kIri, "http://x/" + std::to_string(i)));
    const uint32_t n = 40000;  // more than two chunks
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t seq = mode == kAlongsideOutOfOrder && i == n / 2 ? 1 : i + 2;
      loader.Add({ids[i % 500], ids[i % 7], ids[(i * 13) % 499]}, seq);
    }
    return loader.Finish(d, "import-nt");
  };
  TempDir dir;
  std::vector<std::unique_ptr<Store>> stores;
  for (Mode mode : {kOrdinary, kAlongside, kAlongsideOutOfOrder, kUnpacked}) {
    auto store = Store::Open(dir / ("db" + std::to_string(mode)));
    ASSERT_OK(store);
    auto outcome = load(mode, store->get());
    ASSERT_OK(outcome);
    EXPECT_EQ(*outcome, WriteOutcome::kAdded);
    stores.push_back(std::move(*store));
  }
  for (size_t k = 1; k < stores.size(); ++k) {
    StoreStats a = stores[0]->Stats(), b = stores[k]->Stats();
    EXPECT_EQ(a.statements, b.statements);
    EXPECT_EQ(a.provenance_records, b.provenance_records);
    std::vector<Provenance> pa, pb;
    size_t compared = 0;
    ASSERT_OK(stores[0]->Scan({}, [&](const StatementSummary& st) {
      if (compared++ % 97) return true;
      EXPECT_TRUE(stores[0]->GetProvenance(st.triple, &pa).ok());
      EXPECT_TRUE(stores[k]->GetProvenance(st.triple, &pb).ok());
      EXPECT_EQ(pa.size(), pb.size());
      for (size_t i = 0; i < pa.size() && i < pb.size(); ++i) EXPECT_EQ(pa[i].seq, pb[i].seq);
      return true;
    }));
    EXPECT_GT(compared, 1000u);
    // The pos and osp permutations answer the same patterns (predicates are x/0 … x/6).
    auto id = [&](int i) {
      auto ids = stores[0]->ResolveName("<http://x/" + std::to_string(i) + ">");
      return ids.size() == 1 ? ids[0] : kNoTerm;
    };
    for (TriplePattern pattern :
         {TriplePattern{kNoTerm, id(0), kNoTerm}, TriplePattern{kNoTerm, id(6), kNoTerm},
          TriplePattern{kNoTerm, kNoTerm, id(17)}, TriplePattern{kNoTerm, kNoTerm, id(250)}}) {
      size_t in_first = 0, in_other = 0;
      ASSERT_OK(stores[0]->Scan(pattern, [&](const StatementSummary&) { return ++in_first; }));
      ASSERT_OK(stores[k]->Scan(pattern, [&](const StatementSummary&) { return ++in_other; }));
      EXPECT_EQ(in_first, in_other);
      EXPECT_GT(in_first, 0u);
    }
  }
  EXPECT_EQ(stores[0]->Stats().provenance_records, 40000u);
}

}  // namespace
}  // namespace kgraph

namespace kgraph {
namespace {

StatementInput PersonSt(const std::string& person, const std::string& object) {
  StatementInput st;
  st.subject = Term{TermKind::kEntity, EntityType::kPerson, person};
  st.relation = Term{TermKind::kRelation, EntityType::kNone, "official_of"};
  st.object = Term{TermKind::kEntity, EntityType::kCountry, object};
  return st;
}

DocumentBatch PersonDoc(const std::string& path, std::vector<StatementInput> sts) {
  DocumentBatch b;
  b.document.source_path = path;
  b.document.id = DocumentIdForText(path);
  b.statements = std::move(sts);
  return b;
}

TEST(StoreTest, OnePersonAcrossDocumentsWhateverTheOrder) {
  for (bool long_first : {false, true}) {
    testing::TempDir dir;
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    std::string a = long_first ? "Ann Marie Example" : "Ann Example";
    std::string b = long_first ? "Ann Example" : "Ann Marie Example";
    ASSERT_OK((*store)->WriteDocument(PersonDoc("a", {PersonSt(a, "Xland")})));
    ASSERT_OK((*store)->WriteDocument(PersonDoc("b", {PersonSt(b, "Yland")})));
    auto ids = (*store)->ResolveName("Ann Marie Example");
    ASSERT_EQ(ids.size(), 1u);
    EXPECT_EQ((*store)->ResolveName("ann example"), ids);
    size_t out = 0;
    ASSERT_OK((*store)->Scan({ids[0], kNoTerm, kNoTerm}, [&](auto&) { return ++out, true; }));
    EXPECT_EQ(out, 2u) << "long_first=" << long_first;
  }
}

TEST(StoreTest, AmbiguousShortNamesMakeANewPerson) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(PersonDoc(
      "a", {PersonSt("Ann Marie Example", "Xland"), PersonSt("Ann Beth Example", "Yland")})));
  ASSERT_OK((*store)->WriteDocument(PersonDoc("b", {PersonSt("Ann Example", "Zland")})));
  // Two people answer to "Ann Example": it must not be merged into either.
  EXPECT_EQ((*store)->ResolveName("Ann Example").size(), 3u);
  EXPECT_EQ((*store)->ResolveName("Ann Marie Example").size(), 1u);
  EXPECT_NE((*store)->ResolveName("Ann Marie Example"), (*store)->ResolveName("Ann Beth Example"));
}

}  // namespace
}  // namespace kgraph

namespace kgraph {
namespace {

// Every dictionary term and alias key, as text, for before/after comparisons.
std::set<std::string> TermsAndAliases(const Store& store) {
  std::set<std::string> out;
  EXPECT_TRUE(store
                  .ForEachTerm([&](TermId id, const Term& t) {
                    out.insert("term " + t.text);
                    for (const std::string& a : store.Aliases(id)) out.insert("alias " + a);
                    return true;
                  })
                  .ok());
  EXPECT_TRUE(store
                  .ForEachAlias([&](std::string_view alias, TermId) {
                    out.insert("index " + std::string(alias));
                    return true;
                  })
                  .ok());
  return out;
}

// Removing a document takes with it the entities and relation labels nothing else holds: no
// remaining statement uses them and no remaining document mentions them. Shared ones stay.
TEST(StoreTest, RemoveCollectsTermsNothingElseHolds) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  DocumentBatch a = Doc("a", "a", {St("A", "r", "B"), St("A", "only_a", "C")});
  a.entities.push_back({"Mentioned Only In A", EntityType::kLocation, {"MOIA"}});
  a.entities.push_back({"Mentioned In Both", EntityType::kLocation, {"MIB"}});
  DocumentBatch b = Doc("b", "b", {St("A", "r", "D")});
  b.entities.push_back({"Mentioned In Both", EntityType::kLocation, {"Both"}});
  ASSERT_OK((*store)->WriteDocument(b));
  auto before_a = TermsAndAliases(**store);
  ASSERT_OK((*store)->WriteDocument(a));
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  EXPECT_TRUE((*store)->ResolveName("C").empty());
  EXPECT_TRUE((*store)->ResolveName("Mentioned Only In A").empty());
  EXPECT_TRUE((*store)->ResolveName("MOIA").empty());
  EXPECT_FALSE((*store)->Find(R("only_a")).has_value());
  EXPECT_EQ((*store)->ResolveName("Mentioned In Both").size(), 1u);
  EXPECT_EQ((*store)->ResolveName("A").size(), 1u);
  // "A r B" was only in a, so B goes too.
  EXPECT_TRUE((*store)->ResolveName("B").empty());
  // Everything a added is gone, the alias it gave to an entity that stays ("MIB") too.
  EXPECT_EQ(TermsAndAliases(**store), before_a);
  EXPECT_TRUE((*store)->ResolveName("MIB").empty());
  StoreStats stats = (*store)->Stats();
  EXPECT_EQ(stats.entities, 3u);  // A, D, Mentioned In Both
  EXPECT_EQ(stats.relations, 1u);
  EXPECT_EQ(stats.terms, 4u);
  // The same names come back when a document mentions them again.
  ASSERT_OK((*store)->WriteDocument(a));
  EXPECT_EQ((*store)->ResolveName("MOIA").size(), 1u);
  EXPECT_EQ(AllStatements(**store), (std::set<std::string>{"A r B", "A only_a C", "A r D"}));
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  ASSERT_OK((*store)->RemoveDocument(b.document.id));
  EXPECT_TRUE(TermsAndAliases(**store).empty());
  EXPECT_EQ((*store)->Stats().terms, 0u);
}

// An alias stays while any remaining document gave it; the entity's own name always stays, and
// an index key shared by two spellings stays while one of them does.
TEST(StoreTest, AliasesGoWithTheLastDocumentThatGaveThem) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  DocumentBatch a = Doc("a", "a", {});
  a.entities.push_back({"NATO",
                        EntityType::kOrganization,
                        {"NATO", "the military alliance", "the alliance", "The Alliance"}});
  DocumentBatch b = Doc("b", "b", {});
  b.entities.push_back({"NATO", EntityType::kOrganization, {"the alliance"}});
  ASSERT_OK((*store)->WriteDocument(a));
  ASSERT_OK((*store)->WriteDocument(b));
  auto id = (*store)->ResolveName("NATO");
  ASSERT_EQ(id.size(), 1u);
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  auto aliases = (*store)->Aliases(id[0]);
  std::sort(aliases.begin(), aliases.end());
  EXPECT_EQ(aliases, (std::vector<std::string>{"NATO", "the alliance"}));
  EXPECT_TRUE((*store)->ResolveName("the military alliance").empty());
  EXPECT_EQ((*store)->ResolveName("THE ALLIANCE"), id);  // "The Alliance" went, its key stayed
  ASSERT_OK((*store)->RemoveDocument(b.document.id));
  EXPECT_TRUE((*store)->ResolveName("NATO").empty());
}

// A new version of a document at the same path drops what only the old version held.
TEST(StoreTest, ReplacingADocumentCollectsWhatOnlyTheOldVersionHeld) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->WriteDocument(Doc("a.txt", "v1", {St("A", "r", "Old")})));
  auto outcome = (*store)->WriteDocument(Doc("a.txt", "v2", {St("A", "r", "New")}));
  ASSERT_OK(outcome);
  EXPECT_EQ(*outcome, WriteOutcome::kReplaced);
  EXPECT_TRUE((*store)->ResolveName("Old").empty());
  EXPECT_EQ((*store)->ResolveName("A").size(), 1u);
  EXPECT_EQ((*store)->ResolveName("New").size(), 1u);
}

// A person joined across spellings has a dictionary key per spelling; all go with the person,
// and the spellings make a fresh person afterwards.
TEST(StoreTest, RemovingAJoinedPersonDropsEverySpelling) {
  testing::TempDir dir;
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  auto a = PersonDoc("a", {PersonSt("Ann Marie Example", "Xland")});
  auto b = PersonDoc("b", {PersonSt("Ann Example", "Yland")});
  ASSERT_OK((*store)->WriteDocument(a));
  ASSERT_OK((*store)->WriteDocument(b));
  ASSERT_EQ((*store)->ResolveName("Ann Example"), (*store)->ResolveName("Ann Marie Example"));
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  EXPECT_EQ((*store)->ResolveName("Ann Example").size(), 1u);  // b still mentions the person
  ASSERT_OK((*store)->RemoveDocument(b.document.id));
  EXPECT_TRUE((*store)->ResolveName("Ann Example").empty());
  EXPECT_TRUE((*store)->ResolveName("Ann Marie Example").empty());
  EXPECT_FALSE((*store)->Find(Term{TermKind::kEntity, EntityType::kPerson, "Ann Example"}));
  ASSERT_OK((*store)->WriteDocument(b));
  auto ids = (*store)->ResolveName("Ann Example");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ((*store)->GetTerm(ids[0])->text, "Ann Example");
}

// A format-1 store (no mentions family) is upgraded when opened for writing: what it held
// counts as mentioned for good, so removing its documents keeps every entity it had.
TEST(StoreTest, FormatOneStoresAreUpgradedWithoutLosingEntities) {
  testing::TempDir dir;
  auto a = Doc("a", "a", {St("A", "r", "B")});
  a.entities.push_back({"Only Mentioned", EntityType::kLocation, {}});
  {
    auto store = Store::Open(dir / "db");
    ASSERT_OK(store);
    ASSERT_OK((*store)->WriteDocument(a));
  }
  // Make it a format-1 store: drop the mentions family and write version 1.
  WithRawRocksDb(dir / "db", [](rocksdb::DB* db, auto& handles) {
    for (auto* h : handles)
      if (h->GetName() == "mentions") ASSERT_TRUE(db->DropColumnFamily(h).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "format_version", "1").ok());
  });
  {
    auto reader = Store::Open(dir / "db", {.read_only = true});
    ASSERT_OK(reader);
    EXPECT_EQ((*reader)->ResolveName("Only Mentioned").size(), 1u);
  }
  auto store = Store::Open(dir / "db");
  ASSERT_OK(store);
  ASSERT_OK((*store)->RemoveDocument(a.document.id));
  EXPECT_TRUE(AllStatements(**store).empty());
  EXPECT_EQ((*store)->ResolveName("Only Mentioned").size(), 1u);
  EXPECT_EQ((*store)->ResolveName("A").size(), 1u);
  EXPECT_EQ((*store)->Stats().entities, 3u);
}

}  // namespace
}  // namespace kgraph
