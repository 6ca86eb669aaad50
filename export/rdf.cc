// RDF, GraphML and CSV exports. One Emit() per triple keeps every format streaming.
#include "export/rdf.h"

#include <algorithm>
#include <cstdio>
#include <unordered_map>

#include "core/text.h"

namespace kgraph::exporting {

namespace {

constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr const char* kRdfs = "http://www.w3.org/2000/01/rdf-schema#";
constexpr const char* kXsd = "http://www.w3.org/2001/XMLSchema#";
constexpr const char* kSchema = "http://schema.org/";
constexpr const char* kSkos = "http://www.w3.org/2004/02/skos/core#";
constexpr const char* kProv = "http://www.w3.org/ns/prov#";

struct RdfTerm {
  enum Kind { kIri, kBlank, kLiteral } kind = kIri;
  std::string value;  // IRI, blank label, or the literal's lexical form (unescaped)
  std::string lang;
  std::string datatype;  // "" for plain strings
};

RdfTerm Iri(std::string v) { return {RdfTerm::kIri, std::move(v), "", ""}; }
RdfTerm Lit(std::string v, std::string datatype = "") {
  return {RdfTerm::kLiteral, std::move(v), "", std::move(datatype)};
}

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80)
    out.push_back(static_cast<char>(cp));
  else if (cp < 0x800)
    out.push_back(static_cast<char>(0xC0 | (cp >> 6))),
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Undoes N-Triples escapes (ECHAR and UCHAR).
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 't':
        out.push_back('\t');
        break;
      case 'b':
        out.push_back('\b');
        break;
      case 'n':
        out.push_back('\n');
        break;
      case 'r':
        out.push_back('\r');
        break;
      case 'f':
        out.push_back('\f');
        break;
      case 'u':
      case 'U': {
        size_t len = e == 'u' ? 4 : 8;
        if (i + len < s.size() + 1) {
          AppendUtf8(out, static_cast<uint32_t>(
                              std::stoul(std::string(s.substr(i + 1, len)), nullptr, 16)));
          i += len;
        }
        break;
      }
      default:
        out.push_back(e);
    }
  }
  return out;
}

// A literal kept as written in N-Triples syntax: "lex"@lang or "lex"^^<dt>.
RdfTerm ParseWrittenLiteral(const std::string& written) {
  RdfTerm t{RdfTerm::kLiteral, "", "", ""};
  size_t close = written.rfind('"');
  if (written.empty() || written[0] != '"' || close == 0 || close == std::string::npos) {
    t.value = written;
    return t;
  }
  t.value = Unescape(std::string_view(written).substr(1, close - 1));
  std::string_view rest = std::string_view(written).substr(close + 1);
  if (rest.starts_with("@")) t.lang = std::string(rest.substr(1));
  if (rest.starts_with("^^<") && rest.ends_with(">"))
    t.datatype = Unescape(rest.substr(3, rest.size() - 4));
  return t;
}

// Writes triples one at a time in the chosen syntax. Turtle and JSON-LD group consecutive
// triples of one subject (Turtle: "s p o ; p o ." with prefixed names; JSON-LD: one node object
// per run of a subject, at most kMaxRunValues values, so memory stays bounded).
class Writer {
 public:
  Writer(const Store& store, RdfFormat format, const RdfOptions& o, std::ostream& out)
      : store_(store), format_(format), o_(o), out_(out) {
    const std::string& b = o_.base;
    prefixes_ = {{"rdf", kRdf},
                 {"rdfs", kRdfs},
                 {"xsd", kXsd},
                 {"schema", kSchema},
                 {"skos", kSkos},
                 {"prov", kProv},
                 {"kg", b + "vocab/"},
                 {"open", b + "vocab/open/"},
                 {"doc", b + "doc/"},
                 {"st", b + "statement/"},
                 {"person", b + "person/"},
                 {"country", b + "country/"},
                 {"organization", b + "organization/"},
                 {"location", b + "location/"},
                 {"other", b + "other/"},
                 {"thing", b + "thing/"}};
  }

  void Begin() {
    if (format_ == RdfFormat::kTurtle) {
      for (const auto& [name, ns] : prefixes_)
        out_ << "@prefix " << name << ": <" << EscapeIri(ns) << "> .\n";
      out_ << "\n";
    } else if (format_ == RdfFormat::kJsonLd) {
      out_ << "{\"@context\":{";
      for (size_t i = 0; i < prefixes_.size(); ++i)
        out_ << (i ? "," : "") << JsonQuote(prefixes_[i].first) << ":"
             << JsonQuote(prefixes_[i].second);
      out_ << "},\n\"@graph\":[\n";
    }
  }
  void End() {
    if (format_ == RdfFormat::kTurtle && subject_open_) out_ << " .\n";
    if (format_ == RdfFormat::kJsonLd) {
      FlushNode();
      out_ << "\n]}\n";
    }
    subject_open_ = false;
  }

  void Emit(const RdfTerm& s, const std::string& p, const RdfTerm& o,
            const std::string& graph = "") {
    bool same_subject = subject_open_ && s.kind == subject_.kind && s.value == subject_.value;
    if (format_ == RdfFormat::kJsonLd) {
      if (!same_subject || run_values_ >= kMaxRunValues) {
        FlushNode();
        subject_ = s;
        subject_open_ = true;
      }
      std::string value;
      if (o.kind == RdfTerm::kLiteral) {
        value = "{\"@value\":" + JsonQuote(o.value);
        if (!o.lang.empty()) value += ",\"@language\":" + JsonQuote(o.lang);
        if (!o.datatype.empty()) value += ",\"@type\":" + JsonQuote(o.datatype);
        value += "}";
      } else {
        value = "{\"@id\":" + JsonQuote(o.kind == RdfTerm::kBlank ? "_:" + o.value : o.value) + "}";
      }
      auto it = std::find_if(properties_.begin(), properties_.end(),
                             [&](const auto& kv) { return kv.first == p; });
      if (it == properties_.end()) {
        properties_.emplace_back(p, std::move(value));
      } else {
        it->second += ",";
        it->second += value;
      }
      ++run_values_;
      return;
    }
    if (format_ == RdfFormat::kTurtle) {
      if (same_subject) {
        out_ << " ;\n    ";
      } else {
        if (subject_open_) out_ << " .\n";
        WriteTurtle(s);
        out_ << " ";
        subject_ = s;
        subject_open_ = true;
      }
      if (p == kRdfType)
        out_ << "a";
      else
        WriteTurtleIri(p);
      out_ << " ";
      WriteTurtle(o);
      return;
    }
    Write(s);
    out_ << " <" << EscapeIri(p) << "> ";
    Write(o);
    if (format_ == RdfFormat::kNQuads && !graph.empty()) out_ << " <" << EscapeIri(graph) << ">";
    out_ << " .\n";
  }

  // The RDF term for a dictionary term (cached; the cache is bounded).
  RdfTerm TermFor(TermId id) {
    if (auto it = cache_.find(id); it != cache_.end()) return it->second;
    if (cache_.size() > 1000000) cache_.clear();
    RdfTerm t;
    auto term = store_.GetTerm(id);
    if (!term.ok()) {
      t = Iri(o_.base + "term/" + std::to_string(id));
    } else {
      switch (term->kind) {
        case TermKind::kEntity:
          t = Iri(o_.base + EntitySlug(term->type, term->text));
          break;
        case TermKind::kRelation:
          t = Iri(RelationIri(term->text));
          break;
        case TermKind::kIri:
          t = Iri(Unescape(term->text));
          break;
        case TermKind::kBlank:
          t = {RdfTerm::kBlank, term->text, "", ""};
          break;
        case TermKind::kLiteral:
          t = ParseWrittenLiteral(term->text);
          break;
      }
    }
    cache_.emplace(id, t);
    return t;
  }

  std::string RelationIri(const std::string& label) const {
    if (o_.schema && o_.schema->Find(label)) return o_.base + "vocab/" + label;
    return o_.base + "vocab/open/" + Slugify(label);
  }

  RdfFormat format() const { return format_; }

 private:
  void Write(const RdfTerm& t) {
    if (t.kind == RdfTerm::kIri) {
      out_ << "<" << EscapeIri(t.value) << ">";
    } else if (t.kind == RdfTerm::kBlank) {
      out_ << "_:" << t.value;
    } else {
      out_ << "\"" << EscapeLiteral(t.value) << "\"";
      if (!t.lang.empty())
        out_ << "@" << t.lang;
      else if (!t.datatype.empty())
        out_ << "^^<" << EscapeIri(t.datatype) << ">";
    }
  }

  // Turtle: a prefixed name where the IRI is in a known namespace and the rest is a plain
  // local name (letters, digits, '_' and '-', not starting with '-'); else <IRI>.
  void WriteTurtleIri(const std::string& iri) {
    for (const auto& [name, ns] : prefixes_) {
      if (iri.size() <= ns.size() || iri.compare(0, ns.size(), ns) != 0) continue;
      std::string_view local = std::string_view(iri).substr(ns.size());
      bool plain = local[0] != '-';
      for (char c : local)
        plain = plain && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '-');
      if (!plain) continue;
      out_ << name << ":" << local;
      return;
    }
    out_ << "<" << EscapeIri(iri) << ">";
  }
  void WriteTurtle(const RdfTerm& t) {
    if (t.kind == RdfTerm::kIri) {
      WriteTurtleIri(t.value);
    } else if (t.kind == RdfTerm::kLiteral && t.lang.empty() && !t.datatype.empty()) {
      out_ << "\"" << EscapeLiteral(t.value) << "\"^^";
      WriteTurtleIri(t.datatype);
    } else {
      Write(t);
    }
  }
  // JSON-LD: writes the node object of the current subject's run.
  void FlushNode() {
    if (!subject_open_ || properties_.empty()) return;
    out_ << (first_ ? "" : ",\n") << "{\"@id\":"
         << JsonQuote(subject_.kind == RdfTerm::kBlank ? "_:" + subject_.value : subject_.value);
    for (const auto& [p, values] : properties_)
      out_ << "," << JsonQuote(p) << ":[" << values << "]";
    out_ << "}";
    first_ = false;
    properties_.clear();
    run_values_ = 0;
  }

  static constexpr size_t kMaxRunValues = 1000;
  static inline const std::string kRdfType = std::string(kRdf) + "type";
  const Store& store_;
  RdfFormat format_;
  const RdfOptions& o_;
  std::ostream& out_;
  std::unordered_map<TermId, RdfTerm> cache_;
  std::vector<std::pair<std::string, std::string>> prefixes_;  // name, namespace IRI
  RdfTerm subject_;  // the subject of the open run (Turtle, JSON-LD)
  bool subject_open_ = false;
  std::vector<std::pair<std::string, std::string>> properties_;  // JSON-LD run: key, values
  size_t run_values_ = 0;
  bool first_ = true;
};

std::string SchemaType(EntityType t) {
  switch (t) {
    case EntityType::kPerson:
      return std::string(kSchema) + "Person";
    case EntityType::kCountry:
      return std::string(kSchema) + "Country";
    case EntityType::kOrganization:
      return std::string(kSchema) + "Organization";
    case EntityType::kLocation:
      return std::string(kSchema) + "Place";
    default:
      return std::string(kSchema) + "Thing";
  }
}

std::string Decimal(float f) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", f);
  return buf;
}

}  // namespace

std::string EscapeLiteral(std::string_view text) {
  // Most literals need no escape: copy them whole.
  bool plain = std::none_of(text.begin(), text.end(), [](char ch) {
    unsigned char c = static_cast<unsigned char>(ch);
    return c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
  });
  if (plain && FindInvalidUtf8(text) == std::string_view::npos) return std::string(text);
  std::string out;
  static const char* kHex = "0123456789ABCDEF";
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  // Invalid UTF-8 never reaches the store, but be safe: replace it.
  if (FindInvalidUtf8(out) != std::string::npos) return EscapeLiteral(Latin1ToUtf8(out));
  return out;
}

std::string EscapeIri(std::string_view iri) {
  static const char* kHex = "0123456789ABCDEF";
  auto needs_escape = [](unsigned char c) {
    return c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' ||
           c == '^' || c == '`' || c == '\\' || c == 0x7F;
  };
  if (std::none_of(iri.begin(), iri.end(), [&](char c) { return needs_escape(c); }))
    return std::string(iri);
  std::string out;
  for (unsigned char c : iri) {
    if (needs_escape(c)) {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

Status ExportRdf(const Store& store, RdfFormat format, const RdfOptions& o, std::ostream& out) {
  if (o.base.find(':') == std::string::npos || (!o.base.ends_with("/") && !o.base.ends_with("#")))
    return Status::InvalidArgument("--base must be an absolute IRI ending in '/' or '#': " +
                                   o.base);
  Writer w(store, format, o, out);
  w.Begin();
  const std::string type = std::string(kRdf) + "type", label = std::string(kRdfs) + "label";
  const std::string vocab = o.base + "vocab/";

  // The vocabulary: every schema label with its CAMEO code and quad class.
  if (o.schema) {
    for (const RelationDef& r : o.schema->relations) {
      RdfTerm iri = Iri(vocab + r.label);
      w.Emit(iri, type, Iri(std::string(kRdf) + "Property"));
      w.Emit(iri, label, Lit(r.label));
      if (!r.cameo.empty()) w.Emit(iri, vocab + "cameoCode", Lit(r.cameo));
      w.Emit(iri, vocab + "quadClass", Lit(std::string(QuadClassName(r.quad_class))));
      if (!r.description.empty()) w.Emit(iri, std::string(kRdfs) + "comment", Lit(r.description));
    }
  }
  // Documents.
  auto doc_iri = [&](DocId id) { return o.base + "doc/" + FormatDocId(id); };
  Status s = store.ForEachDocument([&](const Document& d) {
    RdfTerm iri = Iri(doc_iri(d.id));
    w.Emit(iri, type, Iri(std::string(kSchema) + "NewsArticle"));
    if (!d.title.empty()) w.Emit(iri, std::string(kSchema) + "headline", Lit(d.title));
    if (DateToInt(d.date) % 100 != 0 && d.date.size() == 10)
      w.Emit(iri, std::string(kSchema) + "datePublished", Lit(d.date, std::string(kXsd) + "date"));
    if (!d.agency.empty()) w.Emit(iri, std::string(kSchema) + "publisher", Lit(d.agency));
    if (!d.byline.empty()) w.Emit(iri, std::string(kSchema) + "author", Lit(d.byline));
    w.Emit(iri, vocab + "sourcePath", Lit(d.source_path));
    return true;
  });
  KG_RETURN_IF_ERROR(s);
  // Entities and open relations.
  s = store.ForEachTerm([&](TermId id, const Term& t) {
    if (t.kind == TermKind::kEntity) {
      RdfTerm iri = w.TermFor(id);
      w.Emit(iri, type, Iri(SchemaType(t.type)));
      w.Emit(iri, label, Lit(t.text));
      for (const std::string& a : store.Aliases(id))
        if (a != t.text) w.Emit(iri, std::string(kSkos) + "altLabel", Lit(a));
    } else if (t.kind == TermKind::kRelation && !(o.schema && o.schema->Find(t.text))) {
      RdfTerm iri = w.TermFor(id);
      w.Emit(iri, type, Iri(std::string(kRdf) + "Property"));
      w.Emit(iri, label, Lit(t.text));
      w.Emit(iri, vocab + "openRelation", Lit("true", std::string(kXsd) + "boolean"));
    }
    return true;
  });
  KG_RETURN_IF_ERROR(s);
  // Statements (N-Quads: in the graph of each document that supports them, below).
  auto exportable = [](const RdfTerm& subject, const RdfTerm& predicate) {
    return subject.kind != RdfTerm::kLiteral && predicate.kind == RdfTerm::kIri;
  };
  if (format != RdfFormat::kNQuads || !o.provenance) {
    s = store.Scan({}, [&](const StatementSummary& st) {
      RdfTerm subject = w.TermFor(st.triple.subject), predicate = w.TermFor(st.triple.relation);
      if (exportable(subject, predicate))
        w.Emit(subject, predicate.value, w.TermFor(st.triple.object));
      return true;
    });
    KG_RETURN_IF_ERROR(s);
  }
  // Provenance, document by document: one sequential scan of the provenance records instead of
  // a point lookup per statement (a third of the time of a 1M-statement export).
  std::vector<DocId> docs;
  if (o.provenance) {
    KG_RETURN_IF_ERROR(store.ForEachDocument([&](const Document& d) {
      docs.push_back(d.id);
      return true;
    }));
  }
  for (DocId doc : docs) {
    s = store.ForEachDocumentStatement(doc, [&](const Triple& t, const Provenance& p) {
      RdfTerm subject = w.TermFor(t.subject), predicate = w.TermFor(t.relation);
      if (!exportable(subject, predicate)) return true;
      RdfTerm object = w.TermFor(t.object);
      if (format == RdfFormat::kNQuads) {
        w.Emit(subject, predicate.value, object, doc_iri(doc));
        return true;
      }
      RdfTerm node = Iri(o.base + "statement/" + FormatDocId(p.doc) + "-" + std::to_string(p.seq));
      w.Emit(node, type, Iri(std::string(kRdf) + "Statement"));
      w.Emit(node, std::string(kRdf) + "subject", subject);
      w.Emit(node, std::string(kRdf) + "predicate", predicate);
      w.Emit(node, std::string(kRdf) + "object", object);
      w.Emit(node, std::string(kProv) + "wasDerivedFrom", Iri(doc_iri(p.doc)));
      if (!p.evidence.empty()) w.Emit(node, vocab + "evidence", Lit(p.evidence));
      if (!p.phrase.empty()) w.Emit(node, vocab + "phrase", Lit(p.phrase));
      w.Emit(node, vocab + "confidence", Lit(Decimal(p.confidence), std::string(kXsd) + "decimal"));
      if (p.date.size() == 10)
        w.Emit(node, std::string(kSchema) + "date", Lit(p.date, std::string(kXsd) + "date"));
      if (p.negated) w.Emit(node, vocab + "negated", Lit("true", std::string(kXsd) + "boolean"));
      if (p.hedged) w.Emit(node, vocab + "hedged", Lit("true", std::string(kXsd) + "boolean"));
      if (!p.attributed_to.empty()) w.Emit(node, vocab + "attributedTo", Lit(p.attributed_to));
      return true;
    });
    KG_RETURN_IF_ERROR(s);
  }
  w.End();
  out.flush();
  if (!out) return Status::IOError("write failed");
  return Status::Ok();
}

namespace {
std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
          out += ' ';
        else
          out.push_back(c);
    }
  }
  return out;
}
std::string CsvField(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"')
      out += "\"\"";
    else
      out.push_back(c);
  }
  return out + "\"";
}
// Nodes of the graph: every non-literal term in a statement.
template <typename Fn>
Status ForEachNode(const Store& store, Fn&& fn) {
  return store.ForEachTerm([&](TermId id, const Term& t) {
    if (t.kind == TermKind::kEntity || t.kind == TermKind::kIri || t.kind == TermKind::kBlank)
      fn(id, t);
    return true;
  });
}
}  // namespace

Status ExportGraphMl(const Store& store, const RdfOptions& o, std::ostream& out) {
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
         "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
         "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
         "  <key id=\"sources\" for=\"edge\" attr.name=\"sources\" attr.type=\"int\"/>\n"
         "  <key id=\"confidence\" for=\"edge\" attr.name=\"confidence\" attr.type=\"double\"/>\n"
         "  <graph id=\"kgraph\" edgedefault=\"directed\">\n";
  KG_RETURN_IF_ERROR(ForEachNode(store, [&](TermId id, const Term& t) {
    out << "    <node id=\"n" << id << "\"><data key=\"label\">" << XmlEscape(t.text)
        << "</data><data key=\"type\">" << EntityTypeName(t.type) << "</data></node>\n";
  }));
  size_t edge = 0;
  Status s = store.Scan({}, [&](const StatementSummary& st) {
    auto o_term = store.GetTerm(st.triple.object);
    if (o_term.ok() && (o_term->kind == TermKind::kLiteral || o_term->kind == TermKind::kRelation))
      return true;
    auto rel = store.GetTerm(st.triple.relation);
    out << "    <edge id=\"e" << edge++ << "\" source=\"n" << st.triple.subject << "\" target=\"n"
        << st.triple.object << "\"><data key=\"relation\">" << XmlEscape(rel.ok() ? rel->text : "?")
        << "</data><data key=\"sources\">" << st.source_count << "</data><data key=\"confidence\">"
        << Decimal(st.max_confidence) << "</data></edge>\n";
    return true;
  });
  KG_RETURN_IF_ERROR(s);
  out << "  </graph>\n</graphml>\n";
  return Status::Ok();
}

Status ExportCsv(const Store& store, const RdfOptions& o, std::ostream& nodes,
                 std::ostream& edges) {
  nodes << "id:ID,name,iri,:LABEL\n";
  KG_RETURN_IF_ERROR(ForEachNode(store, [&](TermId id, const Term& t) {
    std::string iri = t.kind == TermKind::kEntity ? o.base + EntitySlug(t.type, t.text) : t.text;
    std::string label = t.kind == TermKind::kEntity && t.type != EntityType::kNone
                            ? std::string(EntityTypeName(t.type))
                            : "Resource";
    nodes << "n" << id << "," << CsvField(t.text) << "," << CsvField(iri) << "," << label << "\n";
  }));
  edges << ":START_ID,:END_ID,:TYPE,relation,sources:int,confidence:float\n";
  return store.Scan({}, [&](const StatementSummary& st) {
    auto o_term = store.GetTerm(st.triple.object);
    if (o_term.ok() && (o_term->kind == TermKind::kLiteral || o_term->kind == TermKind::kRelation))
      return true;
    auto rel = store.GetTerm(st.triple.relation);
    std::string name = rel.ok() ? rel->text : "?";
    std::string type = o.schema && o.schema->Find(name) ? name : "open_relation";
    edges << "n" << st.triple.subject << ",n" << st.triple.object << "," << type << ","
          << CsvField(name) << "," << st.source_count << "," << Decimal(st.max_confidence) << "\n";
    return true;
  });
}

}  // namespace kgraph::exporting
