// The kgraph triple store on RocksDB: a term dictionary, spo/pos/osp permutation indexes over
// fixed-width big-endian ids, provenance, documents and an alias index.
//
// Thread safety: a Store may be read from many threads; writes (WriteDocument, RemoveDocument,
// BulkLoader) must come from one thread at a time. A writer holds RocksDB's LOCK file, so a
// second writing process gets Status::Busy; read-only opens never take the lock.
//
// Example:
//   auto store = Store::Open("kgraph.db", {});
//   if (!store.ok()) return store.status();
//   DocumentBatch batch;  ... fill batch.document and batch.statements ...
//   auto outcome = (*store)->WriteDocument(batch);
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace rocksdb {
class DB;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace kgraph {

// The on-disk format this build reads and writes. Bump on any incompatible change.
// Version 2 added the mentions column family; version-1 stores are upgraded when opened for
// writing (every entity they hold counts as mentioned, so none is ever collected) and read as
// they are when opened read-only.
constexpr int kStoreFormatVersion = 2;

struct StoreOptions {
  // Open without taking the write lock; every write returns InvalidArgument. Default: false.
  bool read_only = false;
  // Create an empty store when the directory is missing or empty (writers only). Default: true.
  bool create_if_missing = true;
};

// One entity with the surface forms one document used for it.
struct EntityInput {
  std::string name;
  EntityType type = EntityType::kNone;
  std::vector<std::string> aliases;
};

// One statement given by value. The store interns the terms and fills provenance.doc.
struct StatementInput {
  Term subject;
  Term relation;
  Term object;
  Provenance provenance;
};

// Everything one document contributes; written in one atomic WriteBatch.
struct DocumentBatch {
  Document document;  // document.id must be set (DocumentIdForText or a hash of the input)
  std::vector<EntityInput> entities;
  std::vector<StatementInput> statements;
};

enum class WriteOutcome {
  kAdded,      // a new document
  kUnchanged,  // the same content was already stored: nothing written
  kReplaced,   // same source path, new content: the old document's provenance was replaced
};

// A statement as the indexes summarize it: enough for graph snapshots without reading
// provenance records.
struct StatementSummary {
  Triple triple;
  uint32_t source_count = 0;  // distinct documents
  uint32_t record_count = 0;  // provenance records
  float max_confidence = 0;
  uint32_t first_date = 0;  // yyyymmdd of the earliest dated record, 0 when none
  uint32_t last_date = 0;
};

// Which positions of a triple pattern are bound; kNoTerm means "any".
struct TriplePattern {
  TermId subject = kNoTerm;
  TermId relation = kNoTerm;
  TermId object = kNoTerm;
};

struct StoreStats {
  uint64_t documents = 0;
  uint64_t statements = 0;
  uint64_t provenance_records = 0;
  uint64_t terms = 0;
  // Terms by kind (Stats only): extracted entities, IRIs and blank nodes (from imported RDF;
  // an IRI may be a node, a predicate or both), relation labels, literals.
  uint64_t entities = 0;
  uint64_t iris = 0;
  uint64_t blank_nodes = 0;
  uint64_t relations = 0;
  uint64_t literals = 0;
  uint64_t generation = 0;
};

class BulkLoader;

class Store {
 public:
  // Opens (or creates) the store at `path`. Errors: NotAStore for a directory that is not a
  // kgraph store, VersionMismatch, Busy when another process holds the write lock,
  // Corruption, NotFound for a read-only open of a missing store.
  static Result<std::unique_ptr<Store>> Open(const std::string& path,
                                             const StoreOptions& options = {});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const { return path_; }
  bool read_only() const { return read_only_; }

  // ---- writes -------------------------------------------------------------------------
  // Writes one document, its entities' aliases and its statements atomically. Identical
  // content already stored → kUnchanged; a stored document with the same source path and
  // other content is removed in the same batch → kReplaced.
  Result<WriteOutcome> WriteDocument(const DocumentBatch& batch);

  // Deletes a document, its provenance, every statement only it supported, and every term no
  // remaining statement uses and no remaining document mentions (with its aliases).
  Status RemoveDocument(DocId id);

  // ---- dictionary ---------------------------------------------------------------------
  std::optional<TermId> Find(const Term& term) const;
  Result<Term> GetTerm(TermId id) const;
  // Entities, IRIs and blank nodes a user-typed name may mean: canonical names and aliases
  // (case-insensitive), entity IRIs (".../country/russia") and IRIs as stored. Sorted, unique.
  std::vector<TermId> ResolveName(std::string_view name) const;
  std::vector<std::string> Aliases(TermId entity) const;
  // Calls fn(normalized alias, entity) for every alias entry; stops when fn returns false.
  Status ForEachAlias(const std::function<bool(std::string_view, TermId)>& fn) const;
  Status ForEachTerm(const std::function<bool(TermId, const Term&)>& fn) const;

  // ---- statements ---------------------------------------------------------------------
  // Bounded prefix scan of the index that fits the pattern; fn returns false to stop.
  Status Scan(const TriplePattern& pattern,
              const std::function<bool(const StatementSummary&)>& fn) const;
  std::optional<StatementSummary> GetStatement(const Triple& triple) const;
  Status GetProvenance(const Triple& triple, std::vector<Provenance>* out) const;

  // ---- documents ----------------------------------------------------------------------
  Result<Document> GetDocument(DocId id) const;
  std::optional<DocId> FindDocumentByPath(std::string_view source_path) const;
  // Documents without their text, in id order.
  Status ForEachDocument(const std::function<bool(const Document&)>& fn) const;
  // The statements one document supports (one per provenance record).
  Status ForEachDocumentStatement(
      DocId id, const std::function<bool(const Triple&, const Provenance&)>& fn) const;

  // Every count; entities and relations come from a scan of the dictionary.
  StoreStats Stats() const;
  // The counters kept in the store's metadata only (no scan): entities/relations left 0.
  StoreStats Counters() const;
  // Changes with every committed write; lets callers reuse snapshots of an unchanged store.
  uint64_t Generation() const;
  // A string unique to this store since its creation (RocksDB's DB identity), so that caches
  // keyed by generation never confuse a store with a newer one created at the same path.
  std::string Identity() const;

 private:
  friend class BulkLoader;
  friend class WriteSession;
  Store() = default;
  Status OpenImpl(const std::string& path, const StoreOptions& options);
  std::string GetMeta(std::string_view key) const;
  Status UpgradeFromFormat1();

  std::string path_;
  bool read_only_ = false;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<rocksdb::ColumnFamilyHandle*> cf_;  // indexed by the Cf enum in store.cc
  uint64_t next_term_id_ = 1;
};

// Converts "2009-03-05" (or "2009-03", "2009") to 20090305 (20090300, 20090000); 0 otherwise.
uint32_t DateToInt(std::string_view iso_date);

}  // namespace kgraph
