// Implementation of the shared CLI output helpers.
#include "tools/output.h"

#include "core/text.h"

namespace kgraph::cli {

std::string DisplayTerm(const Term& term) {
  switch (term.kind) {
    case TermKind::kIri:
      return "<" + term.text + ">";
    case TermKind::kBlank:
      return "_:" + term.text;
    default:
      return term.text;
  }
}

std::string DisplayTerm(const Store& store, TermId id) {
  auto term = store.GetTerm(id);
  return term.ok() ? DisplayTerm(*term) : "#" + std::to_string(id);
}

namespace {
void AppendEntity(std::string& out, const Store& store, TermId id) {
  auto term = store.GetTerm(id);
  out += "{\"name\":";
  out += JsonQuote(term.ok() ? DisplayTerm(*term) : "#" + std::to_string(id));
  out += ",\"type\":";
  out += JsonQuote(term.ok() ? EntityTypeName(term->type) : "");
  out += "}";
}
}  // namespace

std::string StatementJsonLine(const Store& store, const Triple& t, const Provenance& p) {
  std::string out = "{\"doc\":";
  auto doc = store.GetDocument(p.doc);
  out += JsonQuote(doc.ok() ? doc->source_path : FormatDocId(p.doc));
  out += ",\"subject\":";
  AppendEntity(out, store, t.subject);
  out += ",\"relation\":" + JsonQuote(DisplayTerm(store, t.relation));
  out += ",\"phrase\":" + JsonQuote(p.phrase);
  out += ",\"object\":";
  AppendEntity(out, store, t.object);
  out += ",\"text\":" + JsonQuote(p.evidence);
  if (p.sentence >= 0) out += ",\"sentence\":" + std::to_string(p.sentence);
  if (p.span_end > p.span_begin)
    out += ",\"span\":[" + std::to_string(p.span_begin) + "," + std::to_string(p.span_end) + "]";
  out += ",\"date\":" + JsonQuote(p.date);
  char conf[32];
  std::snprintf(conf, sizeof conf, "%.4g", p.confidence);
  out += std::string(",\"confidence\":") + conf;
  out += std::string(",\"negated\":") + (p.negated ? "true" : "false");
  out += std::string(",\"hedged\":") + (p.hedged ? "true" : "false");
  out += ",\"attributed_to\":" + JsonQuote(p.attributed_to);
  out += ",\"method\":" + JsonQuote(p.method);
  out += "}";
  return out;
}

std::string Ellipsize(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

}  // namespace kgraph::cli
