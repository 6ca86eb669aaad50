// BulkLoader: the fast path for one large document (an N-Triples file): terms interned in
// memory, statements sorted once per index, written as SST files and ingested atomically with
// IngestExternalFiles (the way Oxigraph's bulk loader and RocksDB's PrepareForBulkLoad work).
//
// Example:
//   BulkLoader loader(store.get());
//   TermId s = *loader.Intern(TermKind::kIri, "http://example.org/a");
//   ...; loader.Add({s, p, o}, line_number);
//   auto outcome = loader.Finish(document, "import-nt");
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/store.h"

namespace kgraph {

class BulkLoader {
 public:
  // REQUIRES: `store` is open for writing and outlives the loader; no other write runs
  // on it until Finish returns.
  explicit BulkLoader(Store* store);

  // Interns a non-entity term (IRI, literal, blank node, relation label) in memory; the
  // store's dictionary is consulted once per distinct term.
  Result<TermId> Intern(TermKind kind, std::string_view text);

  // Adds one statement; `seq` numbers its provenance record within the document (a line).
  void Add(const Triple& triple, uint32_t seq) { pending_.push_back({triple, seq}); }
  size_t size() const { return pending_.size(); }

  // Writes the document, its statements and new terms atomically. A document whose content is
  // already stored is left alone (kUnchanged); one that replaces an older version at the same
  // source path goes through an ordinary atomic WriteBatch instead of SST ingestion.
  Result<WriteOutcome> Finish(const Document& document, std::string_view method);

 private:
  struct Pending {
    Triple triple;
    uint32_t seq;
  };
  struct TransparentHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  Store* store_;
  std::unordered_map<std::string, TermId, TransparentHash, std::equal_to<>> terms_;
  std::vector<std::pair<TermId, std::string>> new_terms_;  // id, encoded term value
  std::vector<Pending> pending_;
  TermId next_term_id_;
  std::string key_buffer_;
};

}  // namespace kgraph
