// Byte layouts of the store's keys and values (see codec.h for the map of column families).
#include "core/codec.h"

#include "core/text.h"

namespace kgraph::codec {

const char* const kCfNames[kCfCount] = {
    "default",    "id_to_term", "term_to_id",  "spo",   "pos",          "osp",
    "provenance", "documents",  "doc_by_path", "alias", "entity_alias", "mentions",
};

void AppendTripleKey(std::string& out, Index index, const Triple& t) {
  switch (index) {
    case Index::kSpo:
      PutBe64(out, t.subject), PutBe64(out, t.relation), PutBe64(out, t.object);
      break;
    case Index::kPos:
      PutBe64(out, t.relation), PutBe64(out, t.object), PutBe64(out, t.subject);
      break;
    case Index::kOsp:
      PutBe64(out, t.object), PutBe64(out, t.subject), PutBe64(out, t.relation);
      break;
  }
}

std::string TripleKey(Index index, const Triple& t) {
  std::string out;
  out.reserve(24);
  AppendTripleKey(out, index, t);
  return out;
}

Triple DecodeTripleKey(Index index, const char* k) {
  uint64_t a = GetBe64(k), b = GetBe64(k + 8), c = GetBe64(k + 16);
  switch (index) {
    case Index::kSpo:
      return {a, b, c};
    case Index::kPos:
      return {c, a, b};
    case Index::kOsp:
      return {b, c, a};
  }
  return {};
}

std::string TermKey(const Term& term) {
  std::string key;
  key.push_back(static_cast<char>(term.kind));
  key.push_back(static_cast<char>(term.kind == TermKind::kEntity ? term.type : EntityType::kNone));
  if (term.kind == TermKind::kEntity)
    key.append(NormalizeAlias(term.text));
  else
    key.append(term.text);
  return key;
}

std::string EncodeTermValue(const Term& term) {
  std::string v;
  v.push_back(static_cast<char>(term.kind));
  v.push_back(static_cast<char>(term.type));
  v.append(term.text);
  return v;
}

bool DecodeTermValue(std::string_view value, Term* term) {
  if (value.size() < 2) return false;
  uint8_t kind = static_cast<uint8_t>(value[0]), type = static_cast<uint8_t>(value[1]);
  if (kind < 1 || kind > 5 || type > 5) return false;
  term->kind = static_cast<TermKind>(kind);
  term->type = static_cast<EntityType>(type);
  term->text.assign(value.substr(2));
  return true;
}

std::string EncodeStatementValue(const std::vector<Ref>& refs) {
  std::string v;
  v.reserve(1 + refs.size() * 20);
  AppendStatementValue(v, refs);
  return v;
}

void AppendStatementValue(std::string& v, const std::vector<Ref>& refs) {
  PutVarint(v, refs.size());
  for (const Ref& r : refs) {
    PutBe64(v, r.doc);
    PutBe32(v, r.seq);
    PutFloat(v, r.confidence);
    PutBe32(v, r.date);
  }
}

bool DecodeStatementValue(std::string_view value, std::vector<Ref>* refs) {
  Reader r(value);
  uint64_t n = r.Varint();
  if (r.failed() || n > value.size() / 20 + 1) return false;
  refs->clear();
  refs->reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    Ref ref;
    ref.doc = r.Be64();
    ref.seq = r.Be32();
    ref.confidence = r.Float();
    ref.date = r.Be32();
    refs->push_back(ref);
  }
  return !r.failed() && r.done();
}

std::string ProvenanceKey(DocId doc, uint32_t seq) {
  std::string k;
  k.reserve(12);
  PutBe64(k, doc);
  PutBe32(k, seq);
  return k;
}

std::string EncodeProvenanceValue(const Triple& t, const Provenance& p) {
  std::string v;
  v.reserve(64 + p.evidence.size() + p.phrase.size());
  AppendProvenanceValue(v, t, p);
  return v;
}

void AppendProvenanceValue(std::string& v, const Triple& t, const Provenance& p) {
  AppendTripleKey(v, Index::kSpo, t);
  PutVarint(v, static_cast<uint64_t>(static_cast<int64_t>(p.sentence) + 1));
  PutVarint(v, p.span_begin);
  PutVarint(v, p.span_end);
  PutFloat(v, p.confidence);
  v.push_back(static_cast<char>((p.negated ? 1 : 0) | (p.hedged ? 2 : 0)));
  PutString(v, p.evidence);
  PutString(v, p.phrase);
  PutString(v, p.method);
  PutString(v, p.date);
  PutString(v, p.attributed_to);
}

bool DecodeProvenanceValue(std::string_view key, std::string_view value, Triple* t, Provenance* p) {
  if (key.size() != 12 || value.size() < 24) return false;
  p->doc = GetBe64(key.data());
  p->seq = GetBe32(key.data() + 8);
  *t = DecodeTripleKey(Index::kSpo, value.data());
  Reader r(value.substr(24));
  p->sentence = static_cast<int32_t>(static_cast<int64_t>(r.Varint()) - 1);
  p->span_begin = static_cast<uint32_t>(r.Varint());
  p->span_end = static_cast<uint32_t>(r.Varint());
  p->confidence = r.Float();
  uint8_t flags = r.Byte();
  p->negated = flags & 1;
  p->hedged = flags & 2;
  p->evidence.assign(r.String());
  p->phrase.assign(r.String());
  p->method.assign(r.String());
  p->date.assign(r.String());
  p->attributed_to.assign(r.String());
  return !r.failed() && r.done();
}

std::string DocKey(DocId doc) {
  std::string k;
  PutBe64(k, doc);
  return k;
}

std::string EncodeDocumentValue(const Document& d, bool with_text) {
  std::string v;
  PutString(v, d.source_path);
  PutString(v, d.title);
  PutString(v, d.date);
  PutString(v, d.agency);
  PutString(v, d.byline);
  PutString(v, d.dateline);
  PutString(v, with_text ? std::string_view(d.text) : std::string_view());
  return v;
}

bool DecodeDocumentValue(std::string_view key, std::string_view value, Document* d) {
  if (key.size() != 8) return false;
  d->id = GetBe64(key.data());
  Reader r(value);
  d->source_path.assign(r.String());
  d->title.assign(r.String());
  d->date.assign(r.String());
  d->agency.assign(r.String());
  d->byline.assign(r.String());
  d->dateline.assign(r.String());
  d->text.assign(r.String());
  return !r.failed() && r.done();
}

std::string AliasKey(std::string_view normalized_alias, TermId id) {
  std::string k(normalized_alias);
  k.push_back('\0');
  PutBe64(k, id);
  return k;
}

// Slugs and derived person names share the alias family, set apart by a leading byte that no
// normalized alias starts with.
std::string SlugAliasKey(std::string_view slug, TermId id) {
  return AliasKey(std::string("\x01").append(slug), id);
}

std::string EntityMentionKey(TermId id, DocId doc) {
  std::string k = EntityMentionPrefix(id);
  PutBe64(k, doc);
  return k;
}

std::string EntityMentionPrefix(TermId id) {
  std::string k("e");
  PutBe64(k, id);
  return k;
}

std::string DocMentionPrefix(DocId doc) {
  std::string k("d");
  PutBe64(k, doc);
  return k;
}

std::string AliasSourcePrefix(TermId id, std::string_view alias) {
  std::string k("a");
  PutBe64(k, id);
  k.append(alias);
  k.push_back('\0');
  return k;
}

std::string AliasSourceKey(TermId id, std::string_view alias, DocId doc) {
  std::string k = AliasSourcePrefix(id, alias);
  PutBe64(k, doc);
  return k;
}

std::string DocAliasPrefix(DocId doc) {
  std::string k("b");
  PutBe64(k, doc);
  return k;
}

std::string DocAliasKey(DocId doc, TermId id, std::string_view alias) {
  std::string k = DocAliasPrefix(doc);
  PutBe64(k, id);
  k.append(alias);
  return k;
}

std::string DocMentionKey(DocId doc, TermId id) {
  std::string k = DocMentionPrefix(doc);
  PutBe64(k, id);
  return k;
}

std::string DerivedAliasKey(std::string_view normalized_short, TermId id) {
  return AliasKey(std::string("\x02").append(normalized_short), id);
}

std::string EncodeU64(uint64_t v) {
  std::string s;
  PutBe64(s, v);
  return s;
}

uint64_t DecodeU64(std::string_view s) { return s.size() == 8 ? GetBe64(s.data()) : 0; }

}  // namespace kgraph::codec
