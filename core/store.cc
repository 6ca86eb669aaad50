// The RocksDB-backed triple store: open/validate, atomic per-document writes, removal, reads.
#include "core/store.h"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/options.h>
#include <rocksdb/slice.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/codec.h"
#include "core/text.h"

namespace kgraph {

namespace fs = std::filesystem;
using namespace codec;  // NOLINT: this file is the codec's only client besides bulk loading

std::string Status::ToString() const {
  static const char* kNames[] = {
      "OK",   "Invalid argument", "Not found",          "Corruption",    "I/O error",
      "Busy", "Version mismatch", "Not a kgraph store", "Internal error"};
  std::string out = kNames[static_cast<int>(code_)];
  if (!message_.empty()) out += ": " + message_;
  return out;
}

uint32_t DateToInt(std::string_view d) {
  auto digits = [&](size_t pos, size_t n, uint32_t* out) {
    if (pos + n > d.size()) return false;
    uint32_t v = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
      v = v * 10 + static_cast<uint32_t>(d[i] - '0');
    }
    *out = v;
    return true;
  };
  uint32_t y = 0, m = 0, day = 0;
  if (!digits(0, 4, &y)) return 0;
  if (d.size() >= 7 && d[4] == '-' && digits(5, 2, &m)) {
    if (m < 1 || m > 12) return 0;
    if (d.size() >= 10 && d[7] == '-' && digits(8, 2, &day)) {
      if (day < 1 || day > 31) return 0;
    }
  }
  return y * 10000 + m * 100 + day;
}

namespace {

rocksdb::Slice AsSlice(std::string_view s) { return rocksdb::Slice(s.data(), s.size()); }
std::string_view AsView(const rocksdb::Slice& s) { return std::string_view(s.data(), s.size()); }

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::Ok();
  std::string msg = context + ": " + s.ToString();
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsIOError()) {
    // RocksDB reports a held LOCK file as an IO error mentioning the lock.
    if (s.ToString().find("lock") != std::string::npos ||
        s.ToString().find("Resource temporarily unavailable") != std::string::npos)
      return Status::Busy("store " + context + " is locked by another process");
    return Status::IOError(msg);
  }
  return Status::Internal(msg);
}

// Bloom filters only where point lookups happen; the permutation and alias indexes are only
// ever prefix-scanned, where a whole-key filter costs build time and memory for nothing.
rocksdb::ColumnFamilyOptions CfOptions(int cf) {
  // One block cache for every column family: scans of a million-statement graph stay in memory.
  static std::shared_ptr<rocksdb::Cache> cache = rocksdb::NewLRUCache(256 << 20);
  rocksdb::ColumnFamilyOptions o;
  rocksdb::BlockBasedTableOptions t;
  t.block_cache = cache;
  bool point_lookups = cf != kPos && cf != kOsp && cf != kAlias && cf != kEntityAlias;
  if (point_lookups) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10, false));
  t.whole_key_filtering = point_lookups;
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  o.compression = rocksdb::kLZ4Compression;
  return o;
}

rocksdb::Options DbOptions() {
  rocksdb::Options o;
  o.paranoid_checks = true;
  o.max_open_files = 512;
  o.IncreaseParallelism(2);
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  o.keep_log_file_num = 2;
  return o;
}

// Summary of a statement from its refs.
StatementSummary Summarize(const Triple& t, const std::vector<Ref>& refs) {
  StatementSummary s;
  s.triple = t;
  s.record_count = static_cast<uint32_t>(refs.size());
  for (const Ref& r : refs) {
    s.max_confidence = std::max(s.max_confidence, r.confidence);
    if (r.date) {
      if (!s.first_date || r.date < s.first_date) s.first_date = r.date;
      s.last_date = std::max(s.last_date, r.date);
    }
  }
  // Distinct documents without allocating: refs are few, so a quadratic scan is cheapest.
  for (size_t i = 0; i < refs.size(); ++i) {
    bool seen = false;
    for (size_t j = 0; j < i && !seen; ++j) seen = refs[j].doc == refs[i].doc;
    s.source_count += !seen;
  }
  return s;
}

// Scans keys starting with `prefix` in one column family, bounded by an upper bound.
template <typename Fn>
Status ScanPrefix(rocksdb::DB* db, rocksdb::ColumnFamilyHandle* cf, std::string_view prefix,
                  const std::string& path, Fn&& fn) {
  rocksdb::ReadOptions ro;
  std::string upper(prefix);
  // The smallest key greater than every key with this prefix: increment the last non-0xFF byte.
  while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xFF) upper.pop_back();
  rocksdb::Slice upper_slice;
  if (!upper.empty()) {
    upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
    upper_slice = rocksdb::Slice(upper);
    ro.iterate_upper_bound = &upper_slice;
  }
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, cf));
  for (it->Seek(AsSlice(prefix)); it->Valid(); it->Next()) {
    if (!fn(AsView(it->key()), AsView(it->value()))) break;
  }
  return FromRocks(it->status(), path);
}
}  // namespace

// Accumulates one atomic change: a WriteBatch plus in-memory overlays of the terms and
// statement values it touches, so that reads within the change see its own writes.
class WriteSession {
 public:
  explicit WriteSession(Store* store) : store_(store), next_term_id_(store->next_term_id_) {}

  Result<TermId> Intern(const Term& term) {
    std::string key = TermKey(term);
    if (auto it = new_terms_.find(key); it != new_terms_.end()) return it->second;
    std::string value;
    rocksdb::Status s =
        store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kTermToId], key, &value);
    if (s.ok()) return DecodeU64(value);
    if (!s.IsNotFound()) return FromRocks(s, store_->path_);
    std::string short_name = term.kind == TermKind::kEntity && term.type == EntityType::kPerson
                                 ? FirstAndLastName(term.text)
                                 : "";
    if (!short_name.empty()) {
      // One person across documents: "Hillary Rodham Clinton" and "Hillary Clinton" share first
      // and last names. A two-word name joins the one person whose full name shortens to it; a
      // longer name joins the one person written with its short form. Ambiguity makes a new
      // person rather than a wrong merge.
      std::string norm_short = NormalizeAlias(short_name);
      bool two_words = norm_short == NormalizeAlias(term.text);
      auto written = PersonsWithAlias(norm_short, /*derived=*/false);
      if (!written.ok()) return written.status();
      std::vector<TermId> candidates = *written;
      if (two_words) {
        auto derived = PersonsWithAlias(norm_short, /*derived=*/true);
        if (!derived.ok()) return derived.status();
        for (TermId d : *derived)
          if (std::find(candidates.begin(), candidates.end(), d) == candidates.end())
            candidates.push_back(d);
      }
      if (candidates.size() == 1) {
        TermId id = candidates[0];
        new_terms_.emplace(key, id);
        batch_.Put(store_->cf_[kTermToId], key, EncodeU64(id));
        AddAlias(id, term.text);
        return id;
      }
    }
    TermId id = next_term_id_++;
    new_terms_.emplace(key, id);
    if (!short_name.empty() && NormalizeAlias(short_name) != NormalizeAlias(term.text)) {
      new_derived_.emplace(NormalizeAlias(short_name), id);
      batch_.Put(store_->cf_[kAlias], DerivedAliasKey(NormalizeAlias(short_name), id), "");
    } else if (!short_name.empty()) {
      new_written_.emplace(NormalizeAlias(short_name), id);
    }
    batch_.Put(store_->cf_[kTermToId], key, EncodeU64(id));
    batch_.Put(store_->cf_[kIdToTerm], EncodeU64(id), EncodeTermValue(term));
    if (term.kind == TermKind::kEntity) {
      AddAlias(id, term.text);
      batch_.Put(store_->cf_[kAlias], SlugAliasKey(EntitySlug(term.type, term.text), id), "");
    }
    return id;
  }

  // "Hillary Rodham Clinton" → "Hillary Clinton"; a two-word name is its own short form.
  static std::string FirstAndLastName(std::string_view name) {
    std::vector<std::string_view> words;
    size_t pos = 0;
    while (pos < name.size()) {
      size_t end = name.find(' ', pos);
      if (end == std::string_view::npos) end = name.size();
      if (end > pos) words.push_back(name.substr(pos, end - pos));
      pos = end + 1;
    }
    if (words.size() < 2) return "";
    return std::string(words.front()) + " " + std::string(words.back());
  }

  // The person entities (stored, or new in this change) with this normalized alias: one they
  // were written with, or (derived) the first-and-last-name form of a longer name.
  Result<std::vector<TermId>> PersonsWithAlias(const std::string& norm, bool derived) {
    std::vector<TermId> out;
    auto& pending = derived ? new_derived_ : new_written_;
    auto [first, last] = pending.equal_range(norm);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    std::string prefix = derived ? "\x02" + norm : norm;
    prefix.push_back('\0');
    std::unique_ptr<rocksdb::Iterator> it(
        store_->db_->NewIterator(rocksdb::ReadOptions(), store_->cf_[kAlias]));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      if (it->key().size() != prefix.size() + 8) continue;
      TermId id = GetBe64(it->key().data() + prefix.size());
      auto t = store_->GetTerm(id);
      if (t.ok() && t->type == EntityType::kPerson &&
          std::find(out.begin(), out.end(), id) == out.end())
        out.push_back(id);
    }
    KG_RETURN_IF_ERROR(FromRocks(it->status(), store_->path_));
    return out;
  }

  void AddAlias(TermId id, std::string_view alias) {
    std::string norm = NormalizeAlias(alias);
    if (norm.empty()) return;
    std::string ea = EncodeU64(id);
    ea.append(alias);
    if (!seen_aliases_.insert(ea).second) return;
    batch_.Put(store_->cf_[kAlias], AliasKey(norm, id), "");
    batch_.Put(store_->cf_[kEntityAlias], ea, "");
    // Which document gave it, so that removing the document can take it back.
    if (alias_doc_ != 0 && alias.find('\0') == std::string_view::npos) {
      batch_.Put(store_->cf_[kMentions], AliasSourceKey(id, alias, alias_doc_), "");
      batch_.Put(store_->cf_[kMentions], DocAliasKey(alias_doc_, id, alias), "");
    }
  }

  // The document whose aliases AddAlias records from now on (0: none).
  void SetAliasDocument(DocId doc) { alias_doc_ = doc; }

  // The statement's refs as this session sees them (loaded once, then edited in memory).
  Result<std::vector<Ref>*> Refs(const Triple& t) {
    auto [it, inserted] = statements_.try_emplace(t);
    if (inserted) {
      std::string value;
      rocksdb::Status s = store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kSpo],
                                           TripleKey(Index::kSpo, t), &value);
      if (s.ok()) {
        if (!DecodeStatementValue(value, &it->second.refs))
          return Status::Corruption(store_->path_ + ": bad statement value");
        it->second.existed = true;
      } else if (!s.IsNotFound()) {
        return FromRocks(s, store_->path_);
      }
    }
    return &it->second.refs;
  }

  Status AddStatement(const Triple& t, const Provenance& p) {
    auto refs = Refs(t);
    if (!refs.ok()) return refs.status();
    (*refs)->push_back({p.doc, p.seq, p.confidence, DateToInt(p.date)});
    batch_.Put(store_->cf_[kProvenance], ProvenanceKey(p.doc, p.seq), EncodeProvenanceValue(t, p));
    ++provenance_delta_;
    return Status::Ok();
  }

  // Removes every provenance record of `doc` and the statements left without support.
  Status RemoveDocument(DocId doc) {
    std::string prefix = DocKey(doc);
    std::string upper = EncodeU64(doc + 1);
    rocksdb::ReadOptions ro;
    rocksdb::Slice upper_slice(upper);
    if (doc != UINT64_MAX) ro.iterate_upper_bound = &upper_slice;
    std::unique_ptr<rocksdb::Iterator> it(store_->db_->NewIterator(ro, store_->cf_[kProvenance]));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      if (it->value().size() < 24) return Status::Corruption(store_->path_ + ": bad provenance");
      Triple t = DecodeTripleKey(Index::kSpo, it->value().data());
      auto refs = Refs(t);
      if (!refs.ok()) return refs.status();
      auto& v = **refs;
      v.erase(std::remove_if(v.begin(), v.end(), [&](const Ref& r) { return r.doc == doc; }),
              v.end());
      batch_.Delete(store_->cf_[kProvenance], it->key());
      --provenance_delta_;
    }
    KG_RETURN_IF_ERROR(FromRocks(it->status(), store_->path_));
    std::string doc_value;
    rocksdb::Status s =
        store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kDocuments], prefix, &doc_value);
    if (s.ok()) {
      Document d;
      if (DecodeDocumentValue(prefix, doc_value, &d)) {
        std::string owner;
        if (store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kDocByPath], d.source_path, &owner)
                .ok() &&
            DecodeU64(owner) == doc)
          batch_.Delete(store_->cf_[kDocByPath], d.source_path);
      }
      batch_.Delete(store_->cf_[kDocuments], prefix);
      --documents_delta_;
    } else if (!s.IsNotFound()) {
      return FromRocks(s, store_->path_);
    }
    // The entities it mentioned: collected at commit unless something else still holds them.
    removed_docs_.push_back(doc);
    if (store_->cf_[kMentions]) {
      std::vector<TermId> mentioned;
      KG_RETURN_IF_ERROR(ScanPrefix(store_->db_.get(), store_->cf_[kMentions],
                                    DocMentionPrefix(doc), store_->path_,
                                    [&](std::string_view key, std::string_view) {
                                      if (key.size() == 17)
                                        mentioned.push_back(GetBe64(key.data() + 9));
                                      return true;
                                    }));
      for (TermId id : mentioned) {
        batch_.Delete(store_->cf_[kMentions], DocMentionKey(doc, id));
        batch_.Delete(store_->cf_[kMentions], EntityMentionKey(id, doc));
        candidates_.insert(id);
      }
      std::vector<std::pair<TermId, std::string>> given;
      KG_RETURN_IF_ERROR(ScanPrefix(store_->db_.get(), store_->cf_[kMentions], DocAliasPrefix(doc),
                                    store_->path_, [&](std::string_view key, std::string_view) {
                                      if (key.size() > 17)
                                        given.emplace_back(GetBe64(key.data() + 9), key.substr(17));
                                      return true;
                                    }));
      for (const auto& [id, alias] : given) {
        batch_.Delete(store_->cf_[kMentions], DocAliasKey(doc, id, alias));
        batch_.Delete(store_->cf_[kMentions], AliasSourceKey(id, alias, doc));
        alias_candidates_.insert({id, alias});
      }
    }
    return Status::Ok();
  }

  // Records that `doc` mentions entity `id` (idempotent).
  void AddMention(TermId id, DocId doc) {
    if (!mentioned_now_.insert(id).second) return;
    batch_.Put(store_->cf_[kMentions], EntityMentionKey(id, doc), "");
    batch_.Put(store_->cf_[kMentions], DocMentionKey(doc, id), "");
  }

  void PutDocument(const Document& d) {
    batch_.Put(store_->cf_[kDocuments], DocKey(d.id), EncodeDocumentValue(d));
    batch_.Put(store_->cf_[kDocByPath], d.source_path, DocKey(d.id));
    ++documents_delta_;
  }

  // Writes statement values and counters, collects the terms nothing holds any more, then
  // commits the batch atomically.
  Status Commit() {
    int64_t statements_delta = 0;
    for (auto& [t, st] : statements_) {
      if (st.refs.empty()) {
        if (st.existed) {
          batch_.Delete(store_->cf_[kSpo], TripleKey(Index::kSpo, t));
          batch_.Delete(store_->cf_[kPos], TripleKey(Index::kPos, t));
          batch_.Delete(store_->cf_[kOsp], TripleKey(Index::kOsp, t));
          --statements_delta;
          candidates_.insert({t.subject, t.relation, t.object});
        }
        continue;
      }
      batch_.Put(store_->cf_[kSpo], TripleKey(Index::kSpo, t), EncodeStatementValue(st.refs));
      if (!st.existed) {
        batch_.Put(store_->cf_[kPos], TripleKey(Index::kPos, t), "");
        batch_.Put(store_->cf_[kOsp], TripleKey(Index::kOsp, t), "");
        ++statements_delta;
      }
    }
    KG_RETURN_IF_ERROR(CollectUnheldTerms());
    auto bump = [&](std::string_view key, int64_t delta) {
      uint64_t v = DecodeU64(store_->GetMeta(key));
      batch_.Put(store_->cf_[kDefault], AsSlice(key),
                 EncodeU64(static_cast<uint64_t>(static_cast<int64_t>(v) + delta)));
    };
    bump(kMetaStatements, statements_delta);
    bump(kMetaProvenance, provenance_delta_);
    bump(kMetaDocuments, documents_delta_);
    bump(kMetaGeneration, 1);
    batch_.Put(store_->cf_[kDefault], AsSlice(kMetaNextTerm), EncodeU64(next_term_id_));
    rocksdb::WriteOptions wo;
    KG_RETURN_IF_ERROR(FromRocks(store_->db_->Write(wo, &batch_), store_->path_));
    store_->next_term_id_ = next_term_id_;
    return Status::Ok();
  }

 private:
  // A term is held by a statement that stays (stored and not emptied by this change, or added
  // by it) or by a mention from a document that stays. Candidates that nothing holds are
  // deleted with their dictionary entries and aliases. Each scan stops at the first holder;
  // the keys it skips are ones this change deletes, so the work is bounded by the change.
  Status CollectUnheldTerms() {
    if (candidates_.empty()) return CollectUngivenAliases();
    std::unordered_set<TermId> in_new_statements;
    std::vector<Triple> emptied;  // sorted (statements_ is ordered)
    for (const auto& [t, st] : statements_) {
      if (!st.refs.empty())
        in_new_statements.insert({t.subject, t.relation, t.object});
      else if (st.existed)
        emptied.push_back(t);
    }
    auto deleted_here = [&](const Triple& t) {
      return std::binary_search(emptied.begin(), emptied.end(), t);
    };
    // One iterator per family; candidates come in id order, so the seeks move forward.
    struct Family {
      Index index;
      int cf;
      std::unique_ptr<rocksdb::Iterator> it;
    };
    Family families[] = {
        {Index::kSpo, kSpo, nullptr}, {Index::kPos, kPos, nullptr}, {Index::kOsp, kOsp, nullptr}};
    for (Family& f : families)
      f.it.reset(store_->db_->NewIterator(rocksdb::ReadOptions(), store_->cf_[f.cf]));
    std::unique_ptr<rocksdb::Iterator> mentions;
    if (store_->cf_[kMentions])
      mentions.reset(store_->db_->NewIterator(rocksdb::ReadOptions(), store_->cf_[kMentions]));
    for (TermId id : candidates_) {
      if (mentioned_now_.count(id) || in_new_statements.count(id)) continue;
      bool held = false;
      std::string id_key = EncodeU64(id);
      for (Family& f : families) {
        for (f.it->Seek(id_key); !held && f.it->Valid() && f.it->key().starts_with(id_key);
             f.it->Next())
          held = f.it->key().size() == 24 &&
                 !deleted_here(DecodeTripleKey(f.index, f.it->key().data()));
        KG_RETURN_IF_ERROR(FromRocks(f.it->status(), store_->path_));
        if (held) break;
      }
      if (!held && mentions) {
        std::string prefix = EntityMentionPrefix(id);
        for (mentions->Seek(prefix);
             !held && mentions->Valid() && mentions->key().starts_with(prefix); mentions->Next()) {
          if (mentions->key().size() != 17) continue;
          DocId doc = GetBe64(mentions->key().data() + 9);
          held = std::find(removed_docs_.begin(), removed_docs_.end(), doc) == removed_docs_.end();
        }
        KG_RETURN_IF_ERROR(FromRocks(mentions->status(), store_->path_));
      }
      if (!held) {
        KG_RETURN_IF_ERROR(DeleteTerm(id));
        deleted_terms_.insert(id);
      }
    }
    return CollectUngivenAliases();
  }

  // An alias that only removed documents gave to an entity that stays goes (the entity's own
  // name never does). Its normalized index key stays while another alias of the entity
  // normalizes the same way.
  Status CollectUngivenAliases() {
    if (alias_candidates_.empty() || !store_->cf_[kMentions]) return Status::Ok();
    std::set<std::pair<TermId, std::string>> dropped;
    for (const auto& [id, alias] : alias_candidates_) {
      if (deleted_terms_.count(id)) continue;  // gone with every alias
      std::string ea = EncodeU64(id);
      ea.append(alias);
      if (seen_aliases_.count(ea)) continue;  // given again by this change
      bool given = false;
      KG_RETURN_IF_ERROR(ScanPrefix(
          store_->db_.get(), store_->cf_[kMentions], AliasSourcePrefix(id, alias), store_->path_,
          [&](std::string_view key, std::string_view) {
            DocId doc = GetBe64(key.data() + key.size() - 8);
            given =
                std::find(removed_docs_.begin(), removed_docs_.end(), doc) == removed_docs_.end();
            return !given;
          }));
      if (given) continue;
      auto term = store_->GetTerm(id);
      if (!term.ok()) return term.status();
      if (alias == term->text) continue;
      batch_.Delete(store_->cf_[kEntityAlias], ea);
      dropped.insert({id, alias});
      // Another spelling of a person joined to this one: its dictionary key goes with it.
      std::string key = TermKey(Term{TermKind::kEntity, term->type, alias}), value;
      if (key != TermKey(*term) &&
          store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kTermToId], key, &value).ok() &&
          DecodeU64(value) == id)
        batch_.Delete(store_->cf_[kTermToId], key);
    }
    // The normalized index key of each dropped alias, unless a remaining alias shares it.
    for (const auto& entry : dropped) {
      const TermId id = entry.first;  // plain names: clang 14 lambdas cannot capture bindings
      const std::string& alias = entry.second;
      std::string norm = NormalizeAlias(alias);
      bool shared = false;
      KG_RETURN_IF_ERROR(ScanPrefix(
          store_->db_.get(), store_->cf_[kEntityAlias], EncodeU64(id), store_->path_,
          [&](std::string_view key, std::string_view) {
            std::string other(key.substr(8));
            shared = other != alias && !dropped.count({id, other}) && NormalizeAlias(other) == norm;
            return !shared;
          }));
      if (!shared) batch_.Delete(store_->cf_[kAlias], AliasKey(norm, id));
    }
    return Status::Ok();
  }

  // Deletes a term's dictionary entries and, for an entity, every alias key that names it.
  Status DeleteTerm(TermId id) {
    auto term = store_->GetTerm(id);
    if (!term.ok()) return term.status().IsNotFound() ? Status::Ok() : term.status();
    auto drop_term_key = [&](const Term& t) -> Status {
      std::string key = TermKey(t), value;
      rocksdb::Status s =
          store_->db_->Get(rocksdb::ReadOptions(), store_->cf_[kTermToId], key, &value);
      if (s.ok() && DecodeU64(value) == id) batch_.Delete(store_->cf_[kTermToId], key);
      return s.ok() || s.IsNotFound() ? Status::Ok() : FromRocks(s, store_->path_);
    };
    batch_.Delete(store_->cf_[kIdToTerm], EncodeU64(id));
    KG_RETURN_IF_ERROR(drop_term_key(*term));
    if (term->kind != TermKind::kEntity) return Status::Ok();
    std::vector<std::string> aliases;
    KG_RETURN_IF_ERROR(ScanPrefix(store_->db_.get(), store_->cf_[kEntityAlias], EncodeU64(id),
                                  store_->path_, [&](std::string_view key, std::string_view) {
                                    if (key.size() > 8) aliases.emplace_back(key.substr(8));
                                    return true;
                                  }));
    for (const std::string& a : aliases) {
      std::string ea = EncodeU64(id);
      ea.append(a);
      batch_.Delete(store_->cf_[kEntityAlias], ea);
      batch_.Delete(store_->cf_[kAlias], AliasKey(NormalizeAlias(a), id));
      // Another spelling of a person that was joined to this one has a dictionary key too.
      KG_RETURN_IF_ERROR(drop_term_key(Term{TermKind::kEntity, term->type, a}));
    }
    batch_.Delete(store_->cf_[kAlias], SlugAliasKey(EntitySlug(term->type, term->text), id));
    std::string short_name = FirstAndLastName(term->text);
    if (!short_name.empty())
      batch_.Delete(store_->cf_[kAlias], DerivedAliasKey(NormalizeAlias(short_name), id));
    return Status::Ok();
  }

  struct PendingStatement {
    std::vector<Ref> refs;
    bool existed = false;
  };
  Store* store_;
  TermId next_term_id_;
  rocksdb::WriteBatch batch_;
  std::unordered_map<std::string, TermId> new_terms_;
  std::unordered_multimap<std::string, TermId> new_written_;  // two-word name → new person
  std::unordered_multimap<std::string, TermId> new_derived_;  // short form → new person
  std::set<std::string> seen_aliases_;
  std::map<Triple, PendingStatement> statements_;
  std::set<TermId> candidates_;     // terms that may have lost their last holder
  std::set<TermId> deleted_terms_;  // candidates this change deletes
  std::set<std::pair<TermId, std::string>> alias_candidates_;  // aliases a removed doc gave
  DocId alias_doc_ = 0;
  std::unordered_set<TermId> mentioned_now_;  // entities this change records mentions of
  std::vector<DocId> removed_docs_;
  int64_t provenance_delta_ = 0;
  int64_t documents_delta_ = 0;
};

Store::~Store() {
  if (db_) {
    for (auto* h : cf_)
      if (h) db_->DestroyColumnFamilyHandle(h);
    db_->Close().PermitUncheckedError();
  }
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const StoreOptions& options) {
  std::unique_ptr<Store> store(new Store());
  Status s = store->OpenImpl(path, options);
  if (!s.ok()) return s;
  return store;
}

Status Store::OpenImpl(const std::string& path, const StoreOptions& options) {
  path_ = path;
  read_only_ = options.read_only;
  std::error_code ec;
  bool exists = fs::exists(path, ec);
  bool fresh = false;
  if (exists && !fs::is_directory(path, ec))
    return Status::NotAStore(path + " is a file, not a kgraph store directory");
  if (exists && !fs::exists(fs::path(path) / "CURRENT", ec)) {
    if (!fs::is_empty(path, ec))
      return Status::NotAStore(path + " is not a kgraph store (no RocksDB CURRENT file)");
    fresh = true;
  }
  if (!exists) {
    if (read_only_ || !options.create_if_missing)
      return Status::NotFound("no kgraph store at " + path +
                              " (create one with 'kgraph ingest' or 'kgraph import')");
    fresh = true;
  }

  rocksdb::Options db_options = DbOptions();
  // Format 1 stores lack the last column family (mentions).
  bool format1_families = false;
  if (!fresh) {
    std::vector<std::string> existing;
    rocksdb::Status ls = rocksdb::DB::ListColumnFamilies(db_options, path, &existing);
    if (!ls.ok()) return FromRocks(ls, path);
    std::vector<std::string> expected(kCfNames, kCfNames + kCfCount);
    std::vector<std::string> format1(kCfNames, kCfNames + kMentions);
    std::sort(existing.begin(), existing.end());
    std::sort(expected.begin(), expected.end());
    std::sort(format1.begin(), format1.end());
    format1_families = existing == format1;
    if (existing != expected && !format1_families)
      return Status::NotAStore(path +
                               " is a RocksDB database but not a kgraph store "
                               "(its column families differ)");
  }
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  int families = read_only_ && format1_families ? static_cast<int>(kMentions) : kCfCount;
  for (int i = 0; i < families; ++i) descriptors.emplace_back(kCfNames[i], CfOptions(i));

  rocksdb::DB* raw = nullptr;
  rocksdb::Status rs;
  if (read_only_) {
    rs = rocksdb::DB::OpenForReadOnly(db_options, path, descriptors, &cf_, &raw);
  } else {
    db_options.create_if_missing = fresh;
    db_options.create_missing_column_families = fresh || format1_families;
    rs = rocksdb::DB::Open(db_options, path, descriptors, &cf_, &raw);
  }
  if (!rs.ok()) {
    cf_.clear();
    Status st = FromRocks(rs, path);
    if (st.IsBusy()) return st;
    return st.WithContext("cannot open store");
  }
  db_.reset(raw);
  cf_.resize(kCfCount, nullptr);  // a format-1 store read as it is has no mentions family
  if (!read_only_) {
    // Leftovers of a bulk load that was interrupted before its atomic ingest: nothing in them
    // ever became part of the store, and holding the lock means no load is running now.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(path, ec))
      if (entry.is_directory(ec) && entry.path().filename().string().rfind("bulk-", 0) == 0)
        std::filesystem::remove_all(entry.path(), ec);
  }

  std::string version = GetMeta(kMetaVersion);
  if (fresh) {
    rocksdb::WriteBatch batch;
    batch.Put(cf_[kDefault], AsSlice(kMetaMagic), "kgraph triple store");
    batch.Put(cf_[kDefault], AsSlice(kMetaVersion), std::to_string(kStoreFormatVersion));
    batch.Put(cf_[kDefault], AsSlice(kMetaNextTerm), EncodeU64(1));
    KG_RETURN_IF_ERROR(FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), path));
  } else {
    if (GetMeta(kMetaMagic).empty())
      return Status::NotAStore(path + " is a RocksDB database but not a kgraph store");
    if (version == "1" && !read_only_) {
      KG_RETURN_IF_ERROR(UpgradeFromFormat1());
    } else if (version == "1") {
      // Read as it is: reads do not use the mentions.
    } else if (version != std::to_string(kStoreFormatVersion))
      return Status::VersionMismatch(path + " has store format version " +
                                     (version.empty() ? "?" : version) +
                                     "; this kgraph reads "
                                     "version " +
                                     std::to_string(kStoreFormatVersion));
  }
  next_term_id_ = std::max<uint64_t>(1, DecodeU64(GetMeta(kMetaNextTerm)));
  return Status::Ok();
}

// Format 1 → 2: every entity already stored counts as mentioned by "doc 0", which is never
// removed, so the upgrade keeps everything that was there. One atomic batch (Puts only: an
// interrupted upgrade is simply redone at the next open).
Status Store::UpgradeFromFormat1() {
  rocksdb::WriteBatch batch;
  KG_RETURN_IF_ERROR(ForEachTerm([&](TermId id, const Term& t) {
    if (t.kind == TermKind::kEntity) {
      batch.Put(cf_[kMentions], EntityMentionKey(id, kLegacyMentions), "");
      batch.Put(cf_[kMentions], DocMentionKey(kLegacyMentions, id), "");
      for (const std::string& alias : Aliases(id)) {
        batch.Put(cf_[kMentions], AliasSourceKey(id, alias, kLegacyMentions), "");
        batch.Put(cf_[kMentions], DocAliasKey(kLegacyMentions, id, alias), "");
      }
    }
    return true;
  }));
  batch.Put(cf_[kDefault], AsSlice(kMetaVersion), std::to_string(kStoreFormatVersion));
  return FromRocks(db_->Write(rocksdb::WriteOptions(), &batch), path_);
}

std::string Store::GetMeta(std::string_view key) const {
  std::string v;
  if (!db_->Get(rocksdb::ReadOptions(), cf_[kDefault], AsSlice(key), &v).ok()) return "";
  return v;
}

Result<WriteOutcome> Store::WriteDocument(const DocumentBatch& batch) {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  const Document& doc = batch.document;
  if (doc.id == 0) return Status::InvalidArgument("document has no id: " + doc.source_path);
  std::string existing;
  rocksdb::Status gs = db_->Get(rocksdb::ReadOptions(), cf_[kDocuments], DocKey(doc.id), &existing);
  if (gs.ok()) return WriteOutcome::kUnchanged;
  if (!gs.IsNotFound()) return FromRocks(gs, path_);

  WriteSession session(this);
  WriteOutcome outcome = WriteOutcome::kAdded;
  if (auto old = FindDocumentByPath(doc.source_path); old && *old != doc.id) {
    KG_RETURN_IF_ERROR(session.RemoveDocument(*old));
    outcome = WriteOutcome::kReplaced;
  }
  session.PutDocument(doc);
  session.SetAliasDocument(doc.id);
  for (const EntityInput& e : batch.entities) {
    auto id = session.Intern(Term{TermKind::kEntity, e.type, e.name});
    if (!id.ok()) return id.status();
    for (const std::string& a : e.aliases) session.AddAlias(*id, a);
    session.AddMention(*id, doc.id);
  }
  uint32_t seq = 0;
  for (const StatementInput& st : batch.statements) {
    auto s = session.Intern(st.subject);
    if (!s.ok()) return s.status();
    auto p = session.Intern(st.relation);
    if (!p.ok()) return p.status();
    auto o = session.Intern(st.object);
    if (!o.ok()) return o.status();
    if (st.subject.kind == TermKind::kEntity) session.AddMention(*s, doc.id);
    if (st.object.kind == TermKind::kEntity) session.AddMention(*o, doc.id);
    Provenance prov = st.provenance;
    prov.doc = doc.id;
    prov.seq = seq++;
    KG_RETURN_IF_ERROR(session.AddStatement(Triple{*s, *p, *o}, prov));
  }
  KG_RETURN_IF_ERROR(session.Commit());
  return outcome;
}

Status Store::RemoveDocument(DocId id) {
  if (read_only_) return Status::InvalidArgument("store " + path_ + " is open read-only");
  std::string existing;
  rocksdb::Status gs = db_->Get(rocksdb::ReadOptions(), cf_[kDocuments], DocKey(id), &existing);
  if (gs.IsNotFound()) return Status::NotFound("no document " + FormatDocId(id) + " in " + path_);
  KG_RETURN_IF_ERROR(FromRocks(gs, path_));
  WriteSession session(this);
  KG_RETURN_IF_ERROR(session.RemoveDocument(id));
  return session.Commit();
}

std::optional<TermId> Store::Find(const Term& term) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), cf_[kTermToId], TermKey(term), &value).ok())
    return std::nullopt;
  return DecodeU64(value);
}

Result<Term> Store::GetTerm(TermId id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_[kIdToTerm], EncodeU64(id), &value);
  if (s.IsNotFound()) return Status::NotFound("no term with id " + std::to_string(id));
  KG_RETURN_IF_ERROR(FromRocks(s, path_));
  Term t;
  if (!DecodeTermValue(value, &t))
    return Status::Corruption(path_ + ": bad term value for id " + std::to_string(id));
  return t;
}

std::vector<TermId> Store::ResolveName(std::string_view name) const {
  std::vector<TermId> ids;
  auto collect = [&](std::string_view key, std::string_view) {
    if (key.size() >= 8) ids.push_back(GetBe64(key.data() + key.size() - 8));
    return true;
  };
  std::string norm = NormalizeAlias(name);
  if (!norm.empty()) {
    std::string prefix = norm;
    prefix.push_back('\0');
    ScanPrefix(db_.get(), cf_[kAlias], prefix, path_, collect).IgnoreError();
    ScanPrefix(db_.get(), cf_[kAlias], "\x02" + prefix, path_, collect).IgnoreError();
  }
  std::string_view iri = name;
  if (iri.size() >= 2 && iri.front() == '<' && iri.back() == '>')
    iri = iri.substr(1, iri.size() - 2);
  if (auto id = Find(Term{TermKind::kIri, EntityType::kNone, std::string(iri)})) ids.push_back(*id);
  if (name.starts_with("_:")) {
    if (auto id = Find(Term{TermKind::kBlank, EntityType::kNone, std::string(name.substr(2))}))
      ids.push_back(*id);
  }
  // An entity IRI ends in "<type>/<slug>".
  size_t last = iri.rfind('/');
  if (last != std::string_view::npos && last > 0) {
    size_t prev = iri.rfind('/', last - 1);
    if (prev != std::string_view::npos) {
      std::string prefix = "\x01";
      prefix.append(iri.substr(prev + 1));
      prefix.push_back('\0');
      ScanPrefix(db_.get(), cf_[kAlias], prefix, path_, collect).IgnoreError();
    }
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

std::vector<std::string> Store::Aliases(TermId entity) const {
  std::vector<std::string> out;
  ScanPrefix(db_.get(), cf_[kEntityAlias], EncodeU64(entity), path_,
             [&](std::string_view key, std::string_view) {
               out.emplace_back(key.substr(8));
               return true;
             })
      .IgnoreError();
  return out;
}

Status Store::ForEachAlias(const std::function<bool(std::string_view, TermId)>& fn) const {
  return ScanPrefix(db_.get(), cf_[kAlias], "", path_, [&](std::string_view key, std::string_view) {
    if (key.size() < 9 || key[0] == '\x01' || key[0] == '\x02') return true;
    return fn(key.substr(0, key.size() - 9), GetBe64(key.data() + key.size() - 8));
  });
}

Status Store::ForEachTerm(const std::function<bool(TermId, const Term&)>& fn) const {
  Term t;
  Status bad;
  Status s = ScanPrefix(db_.get(), cf_[kIdToTerm], "", path_,
                        [&](std::string_view key, std::string_view value) {
                          if (key.size() != 8 || !DecodeTermValue(value, &t)) {
                            bad = Status::Corruption(path_ + ": bad dictionary entry");
                            return false;
                          }
                          return fn(GetBe64(key.data()), t);
                        });
  return bad.ok() ? s : bad;
}

Status Store::Scan(const TriplePattern& pattern,
                   const std::function<bool(const StatementSummary&)>& fn) const {
  // Pick the index whose key starts with the bound positions (Oxigraph's quads_for_pattern).
  bool s = pattern.subject != kNoTerm, p = pattern.relation != kNoTerm,
       o = pattern.object != kNoTerm;
  Index index;
  std::string prefix;
  if (s) {
    if (!p && o) {
      index = Index::kOsp;
      PutBe64(prefix, pattern.object), PutBe64(prefix, pattern.subject);
    } else {
      index = Index::kSpo;
      PutBe64(prefix, pattern.subject);
      if (p) PutBe64(prefix, pattern.relation);
      if (p && o) PutBe64(prefix, pattern.object);
    }
  } else if (p) {
    index = Index::kPos;
    PutBe64(prefix, pattern.relation);
    if (o) PutBe64(prefix, pattern.object);
  } else if (o) {
    index = Index::kOsp;
    PutBe64(prefix, pattern.object);
  } else {
    index = Index::kSpo;
  }
  int cf = index == Index::kSpo ? kSpo : index == Index::kPos ? kPos : kOsp;
  std::vector<Ref> refs;
  Status bad;
  Status st = ScanPrefix(db_.get(), cf_[cf], prefix, path_,
                         [&](std::string_view key, std::string_view value) {
                           if (key.size() != 24) {
                             bad = Status::Corruption(path_ + ": bad index key");
                             return false;
                           }
                           Triple t = DecodeTripleKey(index, key.data());
                           if (index == Index::kSpo) {
                             if (!DecodeStatementValue(value, &refs)) {
                               bad = Status::Corruption(path_ + ": bad statement value");
                               return false;
                             }
                             return fn(Summarize(t, refs));
                           }
                           auto summary = GetStatement(t);
                           if (!summary) {
                             bad = Status::Corruption(path_ + ": index entry without statement");
                             return false;
                           }
                           return fn(*summary);
                         });
  return bad.ok() ? st : bad;
}

std::optional<StatementSummary> Store::GetStatement(const Triple& t) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), cf_[kSpo], TripleKey(Index::kSpo, t), &value).ok())
    return std::nullopt;
  std::vector<Ref> refs;
  if (!DecodeStatementValue(value, &refs)) return std::nullopt;
  return Summarize(t, refs);
}

Status Store::GetProvenance(const Triple& t, std::vector<Provenance>* out) const {
  out->clear();
  std::string value;
  rocksdb::Status s =
      db_->Get(rocksdb::ReadOptions(), cf_[kSpo], TripleKey(Index::kSpo, t), &value);
  if (s.IsNotFound()) return Status::NotFound("no such statement");
  KG_RETURN_IF_ERROR(FromRocks(s, path_));
  std::vector<Ref> refs;
  if (!DecodeStatementValue(value, &refs))
    return Status::Corruption(path_ + ": bad statement value");
  for (const Ref& r : refs) {
    std::string key = ProvenanceKey(r.doc, r.seq), pv;
    KG_RETURN_IF_ERROR(FromRocks(db_->Get(rocksdb::ReadOptions(), cf_[kProvenance], key, &pv),
                                 path_ + ": provenance"));
    Triple stored;
    Provenance p;
    if (!DecodeProvenanceValue(key, pv, &stored, &p) || !(stored == t))
      return Status::Corruption(path_ + ": bad provenance record");
    out->push_back(std::move(p));
  }
  return Status::Ok();
}

Result<Document> Store::GetDocument(DocId id) const {
  std::string value;
  rocksdb::Status s = db_->Get(rocksdb::ReadOptions(), cf_[kDocuments], DocKey(id), &value);
  if (s.IsNotFound()) return Status::NotFound("no document " + FormatDocId(id));
  KG_RETURN_IF_ERROR(FromRocks(s, path_));
  Document d;
  if (!DecodeDocumentValue(DocKey(id), value, &d))
    return Status::Corruption(path_ + ": bad document record");
  return d;
}

std::optional<DocId> Store::FindDocumentByPath(std::string_view source_path) const {
  std::string value;
  if (!db_->Get(rocksdb::ReadOptions(), cf_[kDocByPath], AsSlice(source_path), &value).ok())
    return std::nullopt;
  return DecodeU64(value);
}

Status Store::ForEachDocument(const std::function<bool(const Document&)>& fn) const {
  Document d;
  Status bad;
  Status s = ScanPrefix(db_.get(), cf_[kDocuments], "", path_,
                        [&](std::string_view key, std::string_view value) {
                          if (!DecodeDocumentValue(key, value, &d)) {
                            bad = Status::Corruption(path_ + ": bad document record");
                            return false;
                          }
                          d.text.clear();
                          return fn(d);
                        });
  return bad.ok() ? s : bad;
}

Status Store::ForEachDocumentStatement(
    DocId id, const std::function<bool(const Triple&, const Provenance&)>& fn) const {
  Triple t;
  Provenance p;
  Status bad;
  Status s = ScanPrefix(db_.get(), cf_[kProvenance], DocKey(id), path_,
                        [&](std::string_view key, std::string_view value) {
                          if (!DecodeProvenanceValue(key, value, &t, &p)) {
                            bad = Status::Corruption(path_ + ": bad provenance record");
                            return false;
                          }
                          return fn(t, p);
                        });
  return bad.ok() ? s : bad;
}

StoreStats Store::Stats() const {
  StoreStats s = Counters();
  ForEachTerm([&](TermId, const Term& t) {
    s.entities += t.kind == TermKind::kEntity;
    s.iris += t.kind == TermKind::kIri;
    s.blank_nodes += t.kind == TermKind::kBlank;
    s.relations += t.kind == TermKind::kRelation;
    s.literals += t.kind == TermKind::kLiteral;
    return true;
  }).IgnoreError();
  // Terms in the dictionary now (ids are never reused, so this can be less than ids issued).
  s.terms = s.entities + s.iris + s.blank_nodes + s.relations + s.literals;
  return s;
}

StoreStats Store::Counters() const {
  StoreStats s;
  s.documents = DecodeU64(GetMeta(kMetaDocuments));
  s.statements = DecodeU64(GetMeta(kMetaStatements));
  s.provenance_records = DecodeU64(GetMeta(kMetaProvenance));
  s.generation = DecodeU64(GetMeta(kMetaGeneration));
  s.terms = next_term_id_ - 1;
  return s;
}

uint64_t Store::Generation() const { return DecodeU64(GetMeta(kMetaGeneration)); }

std::string Store::Identity() const {
  std::string id;
  if (!db_->GetDbIdentity(id).ok()) id.clear();
  return id;
}

}  // namespace kgraph
