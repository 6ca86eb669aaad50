// Private to core/: the byte layouts of keys and values in the store's column families.
// Keys use fixed-width big-endian ids so that byte order equals numeric order.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"

namespace kgraph::codec {

// Column families, in the order they are created. Never reorder: the order is on disk.
enum Cf : int {
  kDefault = 0,  // meta: format version, counters
  kIdToTerm,     // id(8) → kind(1) type(1) text
  kTermToId,     // kind(1) type(1) key-text → id(8)
  kSpo,          // s p o (24) → StatementValue
  kPos,          // p o s (24) → ""
  kOsp,          // o s p (24) → ""
  kProvenance,   // doc(8) seq(4) → s p o (24) + provenance fields
  kDocuments,    // doc(8) → document fields
  kDocByPath,    // source path → doc(8)
  kAlias,        // alias \0 id(8); "\x01" slug \0 id(8); "\x02" derived short person name \0 id(8)
  kEntityAlias,  // id(8) surface form → ""
  // Which documents mention which entities (format 2): 'e' id(8) doc(8) → "" and
  // 'd' doc(8) id(8) → ""; which documents gave an entity which alias: 'a' id(8) alias \0
  // doc(8) → "" and 'b' doc(8) id(8) alias → "". Doc 0 stands for "before mentions were
  // recorded".
  kMentions,
  kCfCount,
};
extern const char* const kCfNames[kCfCount];

inline void PutBe64(std::string& out, uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out.append(b, 8);
}
inline void PutBe32(std::string& out, uint32_t v) {
  char b[4];
  for (int i = 3; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out.append(b, 4);
}
inline uint64_t GetBe64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
inline uint32_t GetBe32(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

inline void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}
inline void PutString(std::string& out, std::string_view s) {
  PutVarint(out, s.size());
  out.append(s);
}

// A bounds-checked reader over a value; any overrun sets failed().
class Reader {
 public:
  explicit Reader(std::string_view data) : p_(data.data()), end_(data.data() + data.size()) {}
  bool failed() const { return failed_; }
  bool done() const { return p_ == end_; }
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (p_ >= end_) return Fail();
      unsigned char c = static_cast<unsigned char>(*p_++);
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if (!(c & 0x80)) return v;
    }
    return Fail();
  }
  std::string_view String() {
    uint64_t n = Varint();
    if (failed_ || static_cast<uint64_t>(end_ - p_) < n) return Fail(), std::string_view();
    std::string_view s(p_, n);
    p_ += n;
    return s;
  }
  uint64_t Be64() {
    if (end_ - p_ < 8) return Fail();
    uint64_t v = GetBe64(p_);
    p_ += 8;
    return v;
  }
  uint32_t Be32() {
    if (end_ - p_ < 4) return static_cast<uint32_t>(Fail());
    uint32_t v = GetBe32(p_);
    p_ += 4;
    return v;
  }
  float Float() {
    uint32_t bits = Be32();
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
  }
  uint8_t Byte() {
    if (p_ >= end_) return static_cast<uint8_t>(Fail());
    return static_cast<uint8_t>(*p_++);
  }

 private:
  uint64_t Fail() {
    failed_ = true;
    p_ = end_;
    return 0;
  }
  const char* p_;
  const char* end_;
  bool failed_ = false;
};

inline void PutFloat(std::string& out, float f) {
  uint32_t bits;
  std::memcpy(&bits, &f, 4);
  PutBe32(out, bits);
}

enum class Index { kSpo, kPos, kOsp };
// The 24-byte key of a triple in one index.
std::string TripleKey(Index index, const Triple& t);
void AppendTripleKey(std::string& out, Index index, const Triple& t);
Triple DecodeTripleKey(Index index, const char* key24);

// The dictionary key of a term: entities are keyed by normalized name so that "NATO" and
// "Nato" of one type are one entity.
std::string TermKey(const Term& term);
std::string EncodeTermValue(const Term& term);
bool DecodeTermValue(std::string_view value, Term* term);

// One provenance reference inside a statement's spo value.
struct Ref {
  DocId doc = 0;
  uint32_t seq = 0;
  float confidence = 1;
  uint32_t date = 0;  // yyyymmdd or 0
  bool operator==(const Ref&) const = default;
};
std::string EncodeStatementValue(const std::vector<Ref>& refs);
void AppendStatementValue(std::string& out, const std::vector<Ref>& refs);
bool DecodeStatementValue(std::string_view value, std::vector<Ref>* refs);

std::string ProvenanceKey(DocId doc, uint32_t seq);
// Provenance value: the triple's spo key, then the fields (doc and seq come from the key).
std::string EncodeProvenanceValue(const Triple& t, const Provenance& p);
void AppendProvenanceValue(std::string& out, const Triple& t, const Provenance& p);
bool DecodeProvenanceValue(std::string_view key, std::string_view value, Triple* t, Provenance* p);

std::string DocKey(DocId doc);
std::string EncodeDocumentValue(const Document& d, bool with_text = true);
bool DecodeDocumentValue(std::string_view key, std::string_view value, Document* d);

std::string AliasKey(std::string_view normalized_alias, TermId id);
std::string SlugAliasKey(std::string_view slug, TermId id);
// "\x02" short-form \0 id(8): the first-and-last-name form of a longer person name.
std::string DerivedAliasKey(std::string_view normalized_short, TermId id);
std::string EntityMentionKey(TermId id, DocId doc);  // 'e' id doc
std::string DocMentionKey(DocId doc, TermId id);     // 'd' doc id
std::string EntityMentionPrefix(TermId id);          // 'e' id: the documents mentioning id
std::string DocMentionPrefix(DocId doc);             // 'd' doc: the entities doc mentions
std::string AliasSourceKey(TermId id, std::string_view alias, DocId doc);  // 'a' id alias \0 doc
std::string AliasSourcePrefix(TermId id, std::string_view alias);          // 'a' id alias \0
std::string DocAliasKey(DocId doc, TermId id, std::string_view alias);     // 'b' doc id alias
std::string DocAliasPrefix(DocId doc);                                     // 'b' doc
inline constexpr DocId kLegacyMentions = 0;

// Meta keys in the default column family.
inline constexpr std::string_view kMetaVersion = "format_version";
inline constexpr std::string_view kMetaNextTerm = "next_term_id";
inline constexpr std::string_view kMetaGeneration = "generation";
inline constexpr std::string_view kMetaDocuments = "count_documents";
inline constexpr std::string_view kMetaStatements = "count_statements";
inline constexpr std::string_view kMetaProvenance = "count_provenance";
inline constexpr std::string_view kMetaMagic = "kgraph";

std::string EncodeU64(uint64_t v);
uint64_t DecodeU64(std::string_view s);

}  // namespace kgraph::codec
