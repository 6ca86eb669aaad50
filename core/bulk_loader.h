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

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/store.h"

namespace kgraph {

class BulkLoader {
 public:
  // REQUIRES: `store` is open for writing and outlives the loader; no other write runs
  // on it until Finish returns.
  // `pack_ids` = false forces the general path that stores with more than 2^21 terms take
  // (ids too wide to pack three into 64 bits); tests use it to cover that path.
  explicit BulkLoader(Store* store, bool pack_ids = true);
  ~BulkLoader();

  // Interns a non-entity term (IRI, literal, blank node, relation label) in memory; the
  // store's dictionary is consulted once per distinct term.
  Result<TermId> Intern(TermKind kind, std::string_view text) {
    return InternHashed(kind, text, TermHash(kind, text));
  }

  // The same in three steps, for callers that intern many terms at once: hash every term and
  // Prefetch its slot, then PrefetchText, then InternHashed each in order. The cache misses
  // of a batch then overlap instead of running one after another (ids are the same).
  static uint64_t TermHash(TermKind kind, std::string_view text);
  void Prefetch(uint64_t hash) const { __builtin_prefetch(&slots_[hash & (slots_.size() - 1)]); }
  void PrefetchText(uint64_t hash) const {
    const Slot& slot = slots_[hash & (slots_.size() - 1)];
    if (slot.id != kNoTerm) __builtin_prefetch(arena_.data() + slot.offset);
  }
  Result<TermId> InternHashed(TermKind kind, std::string_view text, uint64_t hash);

  // Optional, before the first Add, when the document is known up front: its provenance
  // records (in seq order) are then written to their SST file on a second thread while the
  // caller goes on parsing. Finish falls back to the ordinary path if seqs do not increase.
  void StartProvenanceWriter(const Document& document, std::string_view method);

  // Adds one statement; `seq` numbers its provenance record within the document (a line).
  void Add(const Triple& triple, uint32_t seq) {
    pending_.push_back({triple, seq});
    if (provenance_writer_ && pending_.size() - handed_over_ == kProvenanceChunk)
      HandOverProvenance();
  }
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
  // A flat open-addressing table over a byte arena: one cache miss per probe instead of the
  // three of a node-based map, which dominated parse-and-intern time.
  struct Slot {
    uint64_t hash = 0;
    uint32_t offset = 0;  // of the text in arena_
    uint32_t length = 0;
    TermId id = kNoTerm;  // kNoTerm: empty slot
    TermKind kind = TermKind::kIri;
  };
  TermId* FindSlot(TermKind kind, std::string_view text, uint64_t hash, Slot** empty);
  class ProvenanceWriter;  // bulk_loader.cc
  static constexpr size_t kProvenanceChunk = 1 << 14;
  void HandOverProvenance();
  void Grow();

  Store* store_;
  std::vector<Slot> slots_ = std::vector<Slot>(1 << 16);
  size_t used_slots_ = 0;
  std::string arena_;
  std::vector<std::pair<TermId, std::string>> new_terms_;  // id, encoded term value
  std::vector<Pending> pending_;
  std::unique_ptr<ProvenanceWriter> provenance_writer_;
  size_t handed_over_ = 0;  // pending_[0, handed_over_) went to the provenance writer
  TermId next_term_id_;
  bool pack_ids_;
  std::string key_buffer_;
};

}  // namespace kgraph
