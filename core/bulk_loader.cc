// Bulk loading through sorted SST files and one atomic IngestExternalFiles call.
#include "core/bulk_loader.h"

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/sst_file_writer.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "core/codec.h"
#include "core/text.h"

namespace kgraph {

namespace fs = std::filesystem;
using namespace codec;  // NOLINT

namespace {

Status RocksError(const rocksdb::Status& s, const std::string& what) {
  if (s.ok()) return Status::Ok();
  return Status::IOError(what + ": " + s.ToString());
}

// One statement's provenance record in a bulk load: the document's fields (`prov`), numbered
// by the statement's seq (its line), which is also its sentence.
rocksdb::Status PutProvenance(rocksdb::SstFileWriter& writer, Provenance* prov, const Triple& t,
                              uint32_t seq, std::string* value) {
  prov->seq = seq;
  prov->sentence = static_cast<int32_t>(seq);
  value->clear();
  AppendProvenanceValue(*value, t, *prov);
  return writer.Put(ProvenanceKey(prov->doc, seq), *value);
}

// One SST file for one column family, filled in key order.
struct SstJob {
  int cf;
  std::string file;
  std::vector<std::pair<std::string, std::string>> small;  // for the little column families
  size_t entries = 0;
};

// Triples as one 64-bit key when three ids fit (stores up to 2^21 terms): sorting then
// compares one integer, and a radix sort needs no comparisons at all.
struct PackedTriples {
  int bits = 0;  // per id; 0 when the ids do not fit
  explicit PackedTriples(TermId next_id) {
    int b = std::bit_width(next_id);
    bits = 3 * b <= 64 ? b : 0;
  }
  uint64_t Pack(TermId a, TermId b, TermId c) const { return (a << (2 * bits)) | (b << bits) | c; }
  TermId Part(uint64_t key, int i) const {  // 0, 1, 2 from the left
    return (key >> ((2 - i) * bits)) & ((uint64_t{1} << bits) - 1);
  }
};

// Stable least-significant-digit radix sort of rows by row.key over its low `bits` bits.
template <typename Row>
void RadixSort(std::vector<Row>* rows, int bits) {
  constexpr int kDigit = 11;
  std::vector<Row> out(rows->size());
  for (int shift = 0; shift < bits; shift += kDigit) {
    std::array<size_t, (1 << kDigit) + 1> start{};
    for (const Row& r : *rows) ++start[((r.key >> shift) & ((1 << kDigit) - 1)) + 1];
    for (size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
    for (const Row& r : *rows) out[start[(r.key >> shift) & ((1 << kDigit) - 1)]++] = r;
    rows->swap(out);
  }
}

}  // namespace

// Writes one document's provenance SST from chunks of statements handed over in seq order.
class BulkLoader::ProvenanceWriter {
 public:
  ProvenanceWriter(Store* store, const Document& doc, std::string_view method)
      : dir_(store->path_ + "/bulk-" + FormatDocId(doc.id) + "-provenance"),
        doc_(doc.id),
        options_(store->db_->GetOptions(store->cf_[kProvenance])),
        writer_(rocksdb::EnvOptions(), options_, store->cf_[kProvenance]) {
    prov_.doc = doc.id;
    prov_.method = std::string(method);
    prov_.date = doc.date;
    std::error_code ec;
    fs::remove_all(dir_, ec);
    fs::create_directories(dir_, ec);
    file_ = dir_ + "/provenance.sst";
    status_ = ec ? Status::IOError("cannot create " + dir_ + ": " + ec.message())
                 : RocksError(writer_.Open(file_), file_);
    thread_ = std::thread([this] { Run(); });
  }
  ~ProvenanceWriter() {
    Close();
    std::error_code ec;
    fs::remove_all(dir_, ec);  // after a successful ingest the file has been moved away
  }
  void Push(std::vector<Pending> chunk) {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(chunk));
    ready_.notify_one();
  }
  // Waits for every record; the file is complete when this returns OK.
  Status Finish(DocId doc) {
    Close();
    if (status_.ok() && doc != doc_) status_ = Status::InvalidArgument("another document");
    if (status_.ok() && count_ == 0) status_ = Status::InvalidArgument("no records");
    if (status_.ok()) status_ = RocksError(writer_.Finish(), file_);
    return status_;
  }
  const std::string& file() const { return file_; }
  size_t count() const { return count_; }

 private:
  void Close() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      closed_ = true;
      ready_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
  }
  void Run() {
    std::string value;
    for (;;) {
      std::vector<Pending> chunk;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return closed_ || !queue_.empty(); });
        if (queue_.empty()) return;
        chunk = std::move(queue_.front());
        queue_.pop_front();
      }
      for (const Pending& p : chunk) {
        if (!status_.ok()) break;  // keep draining so Push never blocks
        if (count_ && p.seq <= last_seq_) {
          status_ = Status::InvalidArgument("provenance seqs out of order");
          break;
        }
        last_seq_ = p.seq;
        status_ = RocksError(PutProvenance(writer_, &prov_, p.triple, p.seq, &value), file_);
        ++count_;
      }
    }
  }

  std::string dir_, file_;
  DocId doc_;
  Provenance prov_;
  rocksdb::Options options_;
  rocksdb::SstFileWriter writer_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::deque<std::vector<Pending>> queue_;
  bool closed_ = false;
  Status status_;
  size_t count_ = 0;
  uint32_t last_seq_ = 0;
  std::thread thread_;
};

BulkLoader::BulkLoader(Store* store, bool pack_ids)
    : store_(store), next_term_id_(store->next_term_id_), pack_ids_(pack_ids) {}

BulkLoader::~BulkLoader() = default;

void BulkLoader::StartProvenanceWriter(const Document& document, std::string_view method) {
  if (!pending_.empty() || store_->read_only_) return;
  provenance_writer_ = std::make_unique<ProvenanceWriter>(store_, document, method);
}

void BulkLoader::HandOverProvenance() {
  provenance_writer_->Push(
      std::vector<Pending>(pending_.begin() + static_cast<long>(handed_over_), pending_.end()));
  handed_over_ = pending_.size();
}

TermId* BulkLoader::FindSlot(TermKind kind, std::string_view text, uint64_t hash, Slot** empty) {
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    Slot& slot = slots_[i];
    if (slot.id == kNoTerm) {
      *empty = &slot;
      return nullptr;
    }
    if (slot.hash == hash && slot.kind == kind && slot.length == text.size() &&
        std::memcmp(arena_.data() + slot.offset, text.data(), text.size()) == 0)
      return &slot.id;
  }
}

void BulkLoader::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id == kNoTerm) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].id != kNoTerm) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

uint64_t BulkLoader::TermHash(TermKind kind, std::string_view text) {
  return Hash64(text) ^ ((static_cast<uint64_t>(kind) + 1) * 0x9e3779b97f4a7c15ULL);
}

Result<TermId> BulkLoader::InternHashed(TermKind kind, std::string_view text, uint64_t hash) {
  Slot* empty = nullptr;
  if (TermId* found = FindSlot(kind, text, hash, &empty)) return *found;
  // A term not met before in this load: look it up in the store's dictionary (kind, type,
  // text is its key there), unless the dictionary is empty (the common first bulk load).
  key_buffer_.clear();
  key_buffer_.push_back(static_cast<char>(kind));
  key_buffer_.push_back(static_cast<char>(EntityType::kNone));
  key_buffer_.append(text);
  std::string value;
  rocksdb::Status s =
      store_->next_term_id_ == 1
          ? rocksdb::Status::NotFound()
          : store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kTermToId], key_buffer_, &value);
  TermId id;
  if (s.ok()) {
    id = DecodeU64(value);
  } else if (s.IsNotFound()) {
    id = next_term_id_++;
    new_terms_.emplace_back(id, EncodeTermValue(Term{kind, EntityType::kNone, std::string(text)}));
  } else {
    return Status::IOError(store_->path_ + ": " + s.ToString());
  }
  if (arena_.size() + text.size() > UINT32_MAX)
    return Status::InvalidArgument("bulk load: more than 4 GiB of distinct terms");
  *empty = Slot{hash, static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(text.size()), id,
                kind};
  arena_.append(text);
  if (++used_slots_ * 2 > slots_.size()) Grow();
  return id;
}

Result<WriteOutcome> BulkLoader::Finish(const Document& doc, std::string_view method) {
  if (store_->read_only_) return Status::InvalidArgument("store is open read-only");
  if (store_->GetDocument(doc.id).ok()) return WriteOutcome::kUnchanged;

  // Replacing an older version must be atomic with removing it: use one WriteBatch.
  if (auto old = store_->FindDocumentByPath(doc.source_path); old && *old != doc.id) {
    DocumentBatch batch;
    batch.document = doc;
    batch.statements.reserve(pending_.size());
    // Rebuild terms by value: the ordinary path interns them again inside its batch.
    std::unordered_map<TermId, Term> by_id;
    for (auto& [id, value] : new_terms_) {
      Term t;
      DecodeTermValue(value, &t);
      by_id.emplace(id, std::move(t));
    }
    auto term_of = [&](TermId id) -> Result<Term> {
      if (auto it = by_id.find(id); it != by_id.end()) return it->second;
      return store_->GetTerm(id);
    };
    std::sort(pending_.begin(), pending_.end(),
              [](const Pending& a, const Pending& b) { return a.seq < b.seq; });
    for (const Pending& p : pending_) {
      StatementInput st;
      auto s = term_of(p.triple.subject), r = term_of(p.triple.relation),
           o = term_of(p.triple.object);
      if (!s.ok()) return s.status();
      if (!r.ok()) return r.status();
      if (!o.ok()) return o.status();
      st.subject = *s, st.relation = *r, st.object = *o;
      st.provenance.method = std::string(method);
      st.provenance.sentence = static_cast<int32_t>(p.seq);
      batch.statements.push_back(std::move(st));
    }
    return store_->WriteDocument(batch);
  }

  // The provenance file written alongside parsing, when there is one and it is complete.
  std::unique_ptr<ProvenanceWriter> provenance = std::move(provenance_writer_);
  if (provenance) {
    if (handed_over_ < pending_.size()) {
      provenance->Push(
          std::vector<Pending>(pending_.begin() + static_cast<long>(handed_over_), pending_.end()));
    }
    if (!provenance->Finish(doc.id).ok()) provenance.reset();  // write it below instead
  }

  // Merge duplicates: one statement per distinct triple, refs in seq order.
  const PackedTriples packed(pack_ids_ ? next_term_id_ : ~TermId{0});
  if (packed.bits) {
    struct Row {
      uint64_t key;
      uint32_t seq;
    };
    std::vector<Row> rows;
    rows.reserve(pending_.size());
    bool in_seq_order = true;  // what a stable sort needs to keep refs in seq order
    for (size_t i = 0; i < pending_.size(); ++i) {
      const Triple& t = pending_[i].triple;
      rows.push_back({packed.Pack(t.subject, t.relation, t.object), pending_[i].seq});
      in_seq_order &= i == 0 || pending_[i - 1].seq < pending_[i].seq;
    }
    if (in_seq_order) {
      RadixSort(&rows, 3 * packed.bits);
    } else {
      std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
        return a.key < b.key || (a.key == b.key && a.seq < b.seq);
      });
    }
    for (size_t i = 0; i < rows.size(); ++i)
      pending_[i] = {
          {packed.Part(rows[i].key, 0), packed.Part(rows[i].key, 1), packed.Part(rows[i].key, 2)},
          rows[i].seq};
  } else {
    std::sort(pending_.begin(), pending_.end(), [](const Pending& a, const Pending& b) {
      return a.triple < b.triple || (a.triple == b.triple && a.seq < b.seq);
    });
  }
  Provenance prov;
  prov.doc = doc.id;
  prov.method = std::string(method);
  prov.date = doc.date;
  uint32_t date = DateToInt(doc.date);

  bool store_has_statements = store_->Counters().statements > 0;
  std::vector<Triple> triples;        // distinct, in spo order
  std::string spo_values;             // every statement value, back to back
  std::vector<size_t> spo_value_end;  // where each one ends
  uint64_t new_statements = 0;
  std::vector<Ref> refs;
  for (size_t i = 0; i < pending_.size();) {
    size_t j = i;
    refs.clear();
    const Triple t = pending_[i].triple;
    bool existed = false;
    if (store_has_statements) {
      std::string value;
      rocksdb::Status s = store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kSpo],
                                           TripleKey(Index::kSpo, t), &value);
      if (s.ok()) {
        if (!DecodeStatementValue(value, &refs))
          return Status::Corruption(store_->path_ + ": bad statement value");
        existed = true;
      }
    }
    for (; j < pending_.size() && pending_[j].triple == t; ++j)
      refs.push_back({doc.id, pending_[j].seq, 1.0f, date});
    triples.push_back(t);
    AppendStatementValue(spo_values, refs);
    spo_value_end.push_back(spo_values.size());
    new_statements += !existed;
    i = j;
  }

  std::string tmp_dir = store_->path_ + "/bulk-" + FormatDocId(doc.id);
  std::error_code ec;
  fs::remove_all(tmp_dir, ec);
  fs::create_directories(tmp_dir, ec);
  if (ec) return Status::IOError("cannot create " + tmp_dir + ": " + ec.message());
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code e;
      fs::remove_all(dir, e);
    }
  } cleanup{tmp_dir};

  auto write_sst = [&](int cf, int part, auto&& fill, std::string* file, size_t* count) -> Status {
    *file = tmp_dir + "/" + kCfNames[cf] + "-" + std::to_string(part) + ".sst";
    // Uncompressed: these files are written once and compacted (and compressed) later by
    // RocksDB in the background; compressing here costs a fifth of the load time.
    rocksdb::Options sst_options = store_->db_->GetOptions(store_->cf_[cf]);
    sst_options.compression = rocksdb::kNoCompression;
    rocksdb::SstFileWriter writer(rocksdb::EnvOptions(), sst_options, store_->cf_[cf]);
    KG_RETURN_IF_ERROR(RocksError(writer.Open(*file), *file));
    Status st = fill(writer, count);
    if (!st.ok()) return st;
    if (*count == 0) {
      file->clear();
      return Status::Ok();  // SstFileWriter refuses to finish an empty file
    }
    return RocksError(writer.Finish(), *file);
  };
  auto put = [](rocksdb::SstFileWriter& w, std::string_view k, std::string_view v) {
    return RocksError(w.Put(rocksdb::Slice(k.data(), k.size()), rocksdb::Slice(v.data(), v.size())),
                      "sst put");
  };

  // The permutation indexes, each in its own key order. With packed ids, pos and osp are
  // radix-sorted up front (on two threads) so that every index can be written as two files of
  // half its key range, which keeps both writer threads busy to the end.
  struct PackedKey {
    uint64_t key;
  };
  std::vector<PackedKey> pos_keys, osp_keys;
  if (packed.bits) {
    auto sort_keys = [&](std::vector<PackedKey>* keys, bool pos) {
      keys->reserve(triples.size());
      for (const Triple& t : triples)
        keys->push_back({pos ? packed.Pack(t.relation, t.object, t.subject)
                             : packed.Pack(t.object, t.subject, t.relation)});
      RadixSort(keys, 3 * packed.bits);
    };
    std::thread osp_sorter(sort_keys, &osp_keys, false);
    sort_keys(&pos_keys, true);
    osp_sorter.join();
  }
  // Keys [begin, end) of one index (end == SIZE_MAX: all of it).
  auto index_filler = [&](Index index, size_t begin, size_t end) {
    return [&, index, begin, end](rocksdb::SstFileWriter& w, size_t* count) -> Status {
      std::string k;
      size_t last = std::min(end, triples.size());
      *count = last > begin ? last - begin : 0;
      if (index == Index::kSpo) {  // already in spo order
        for (size_t idx = begin; idx < last; ++idx) {
          k.clear();
          AppendTripleKey(k, index, triples[idx]);
          size_t value_begin = idx == 0 ? 0 : spo_value_end[idx - 1];
          KG_RETURN_IF_ERROR(put(
              w, k,
              std::string_view(spo_values).substr(value_begin, spo_value_end[idx] - value_begin)));
        }
        return Status::Ok();
      }
      if (packed.bits) {
        const std::vector<PackedKey>& keys = index == Index::kPos ? pos_keys : osp_keys;
        for (size_t idx = begin; idx < last; ++idx) {
          k.clear();
          for (int part = 0; part < 3; ++part) PutBe64(k, packed.Part(keys[idx].key, part));
          KG_RETURN_IF_ERROR(put(w, k, std::string_view()));
        }
        return Status::Ok();
      }
      // Ids too wide to pack (over 2^21 terms): sort flat permuted keys, one file per index.
      std::vector<std::array<uint64_t, 3>> keys;
      keys.reserve(triples.size());
      for (const Triple& t : triples)
        keys.push_back(index == Index::kPos ? std::array{t.relation, t.object, t.subject}
                                            : std::array{t.object, t.subject, t.relation});
      std::sort(keys.begin(), keys.end());
      for (const auto& key : keys) {
        k.clear();
        PutBe64(k, key[0]), PutBe64(k, key[1]), PutBe64(k, key[2]);
        KG_RETURN_IF_ERROR(put(w, k, std::string_view()));
      }
      *count = keys.size();
      return Status::Ok();
    };
  };
  auto provenance_filler = [&](rocksdb::SstFileWriter& w, size_t* count) -> Status {
    // Records in seq order. Seqs are line numbers, so placing them by value is linear; a
    // sparse numbering falls back to sorting.
    uint32_t max_seq = 0;
    for (const Pending& p : pending_) max_seq = std::max(max_seq, p.seq);
    std::vector<const Pending*> order;
    if (max_seq < 4 * pending_.size() + 1024) {
      order.assign(static_cast<size_t>(max_seq) + 1, nullptr);
      for (const Pending& p : pending_) {
        if (order[p.seq]) return Status::InvalidArgument("bulk load: duplicate seq");
        order[p.seq] = &p;
      }
    } else {
      for (const Pending& p : pending_) order.push_back(&p);
      std::sort(order.begin(), order.end(),
                [](const Pending* a, const Pending* b) { return a->seq < b->seq; });
      for (size_t k = 1; k < order.size(); ++k)
        if (order[k]->seq == order[k - 1]->seq)
          return Status::InvalidArgument("bulk load: duplicate seq");
    }
    std::string value;
    for (const Pending* p : order) {
      if (!p) continue;
      KG_RETURN_IF_ERROR(RocksError(PutProvenance(w, &prov, p->triple, p->seq, &value), "sst put"));
    }
    *count = pending_.size();
    return Status::Ok();
  };
  auto sorted_pairs_filler = [&](std::vector<std::pair<std::string, std::string>> kv) {
    return [&, kv = std::move(kv)](rocksdb::SstFileWriter& w, size_t* count) mutable -> Status {
      std::sort(kv.begin(), kv.end());
      for (auto& [k, v] : kv) KG_RETURN_IF_ERROR(put(w, k, v));
      *count = kv.size();
      return Status::Ok();
    };
  };

  // Small column families: dictionary, documents, meta counters.
  std::vector<std::pair<std::string, std::string>> id_to_term, term_to_id;
  for (auto& [id, value] : new_terms_) {
    id_to_term.emplace_back(EncodeU64(id), value);
    std::string key = value;  // kind(1) type(1) text: the same layout as TermKey for non-entities
    term_to_id.emplace_back(std::move(key), EncodeU64(id));
  }
  StoreStats before = store_->Counters();
  std::vector<std::pair<std::string, std::string>> meta = {
      {std::string(kMetaNextTerm), EncodeU64(next_term_id_)},
      {std::string(kMetaStatements), EncodeU64(before.statements + new_statements)},
      {std::string(kMetaProvenance), EncodeU64(before.provenance_records + pending_.size())},
      {std::string(kMetaDocuments), EncodeU64(before.documents + 1)},
      {std::string(kMetaGeneration), EncodeU64(before.generation + 1)},
  };
  std::vector<std::pair<std::string, std::string>> docs = {
      {DocKey(doc.id), EncodeDocumentValue(doc)}};
  std::vector<std::pair<std::string, std::string>> by_path = {{doc.source_path, DocKey(doc.id)}};

  struct Job {
    Job(int c, std::function<Status(rocksdb::SstFileWriter&, size_t*)> f, int p = 0)
        : cf(c), part(p), fill(std::move(f)) {}
    int cf, part;
    std::function<Status(rocksdb::SstFileWriter&, size_t*)> fill;
    std::string file;
    size_t count = 0;
    Status status;
  };
  std::vector<Job> jobs;
  jobs.reserve(12);
  const size_t half = packed.bits ? triples.size() / 2 : SIZE_MAX;
  for (auto [cf, index] :
       {std::pair{kSpo, Index::kSpo}, std::pair{kPos, Index::kPos}, std::pair{kOsp, Index::kOsp}}) {
    jobs.emplace_back(cf, index_filler(index, 0, half), 0);
    if (half != SIZE_MAX) jobs.emplace_back(cf, index_filler(index, half, SIZE_MAX), 1);
  }
  if (!provenance) jobs.emplace_back(kProvenance, provenance_filler);
  jobs.emplace_back(kIdToTerm, sorted_pairs_filler(std::move(id_to_term)));
  jobs.emplace_back(kTermToId, sorted_pairs_filler(std::move(term_to_id)));
  jobs.emplace_back(kDocuments, sorted_pairs_filler(std::move(docs)));
  jobs.emplace_back(kDocByPath, sorted_pairs_filler(std::move(by_path)));
  jobs.emplace_back(kDefault, sorted_pairs_filler(std::move(meta)));

  // Two workers: this machine class has two cores, and the big files dominate.
  std::atomic<size_t> next{0};
  auto worker = [&] {
    for (size_t k; (k = next.fetch_add(1)) < jobs.size();)
      jobs[k].status =
          write_sst(jobs[k].cf, jobs[k].part, jobs[k].fill, &jobs[k].file, &jobs[k].count);
  };
  std::thread helper(worker);
  worker();
  helper.join();

  // One argument per column family, its files in key order (the parts of an index do not
  // overlap).
  std::map<int, std::vector<std::string>> files;
  if (provenance) files[kProvenance].push_back(provenance->file());
  for (Job& job : jobs) {
    KG_RETURN_IF_ERROR(job.status);
    if (!job.file.empty()) files[job.cf].push_back(job.file);
  }
  std::vector<rocksdb::IngestExternalFileArg> args;
  for (auto& [cf, cf_files] : files) {
    rocksdb::IngestExternalFileArg arg;
    arg.column_family = store_->cf_[cf];
    arg.external_files = std::move(cf_files);
    arg.options.move_files = true;
    arg.options.allow_global_seqno = true;
    arg.options.allow_blocking_flush = true;
    args.push_back(std::move(arg));
  }
  KG_RETURN_IF_ERROR(RocksError(store_->db_->IngestExternalFiles(args), "ingest " + tmp_dir));
  store_->next_term_id_ = next_term_id_;
  pending_.clear();
  new_terms_.clear();
  return WriteOutcome::kAdded;
}

}  // namespace kgraph
