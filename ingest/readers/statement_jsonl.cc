// JSON Lines statement import: strict validation with file:line errors, then grouping by doc.
#include "ingest/readers/statement_jsonl.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <map>

#include "core/text.h"

namespace kgraph {

namespace {

using rapidjson::Value;

struct LineError {
  std::string message;
};

std::string GetString(const Value& obj, const char* key, bool required, std::string* error) {
  if (!obj.HasMember(key)) {
    if (required) *error = std::string("missing \"") + key + "\"";
    return "";
  }
  const Value& v = obj[key];
  if (v.IsNull()) return "";
  if (!v.IsString()) {
    *error = std::string("\"") + key + "\" must be a string";
    return "";
  }
  return std::string(v.GetString(), v.GetStringLength());
}

bool GetBool(const Value& obj, const char* key, std::string* error) {
  if (!obj.HasMember(key) || obj[key].IsNull()) return false;
  if (!obj[key].IsBool()) {
    *error = std::string("\"") + key + "\" must be true or false";
    return false;
  }
  return obj[key].GetBool();
}

// {"name": ..., "type": ...}, or a bare string naming an untyped entity.
bool GetEntity(const Value& obj, const char* key, Term* term, std::string* error) {
  if (!obj.HasMember(key)) {
    *error = std::string("missing \"") + key + "\"";
    return false;
  }
  const Value& v = obj[key];
  term->kind = TermKind::kEntity;
  if (v.IsString()) {
    term->text.assign(v.GetString(), v.GetStringLength());
    term->type = EntityType::kNone;
  } else if (v.IsObject()) {
    term->text = GetString(v, "name", true, error);
    if (!error->empty()) {
      *error = std::string(key) + ": " + *error;
      return false;
    }
    std::string type = GetString(v, "type", false, error);
    if (!error->empty()) return false;
    auto parsed = ParseEntityType(type);
    if (!parsed) {
      *error = std::string(key) + ": unknown entity type \"" + type + "\"";
      return false;
    }
    term->type = *parsed;
  } else {
    *error = std::string("\"") + key + "\" must be an object {\"name\",\"type\"} or a string";
    return false;
  }
  if (NormalizeAlias(term->text).empty()) {
    *error = std::string(key) + ": empty name";
    return false;
  }
  return true;
}

}  // namespace

Result<std::vector<DocumentBatch>> ParseStatementJsonl(std::string_view text,
                                                       const std::string& origin) {
  std::map<std::string, DocumentBatch> by_doc;   // ordered: deterministic output
  std::map<std::string, std::string> doc_lines;  // the lines of each doc, for its id
  std::vector<std::string> order;
  LineCursor lines(text);
  auto fail = [&](const std::string& msg) {
    return Status::InvalidArgument(origin + ":" + std::to_string(lines.number()) + ": " + msg);
  };
  for (std::string_view line; lines.Next(&line);) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos)
      return fail("invalid UTF-8 at byte " + std::to_string(bad + 1));
    rapidjson::Document obj;
    obj.Parse(line.data(), line.size());
    if (obj.HasParseError())
      return fail(std::string("bad JSON at column ") + std::to_string(obj.GetErrorOffset() + 1) +
                  ": " + rapidjson::GetParseError_En(obj.GetParseError()));
    if (!obj.IsObject()) return fail("expected a JSON object");
    std::string error;
    std::string doc = GetString(obj, "doc", true, &error);
    if (!error.empty()) return fail(error);
    if (doc.empty()) return fail("empty \"doc\"");
    auto [it, inserted] = by_doc.try_emplace(doc);
    DocumentBatch& batch = it->second;
    if (inserted) {
      order.push_back(doc);
      batch.document.source_path = doc;
    }
    doc_lines[doc].append(line).push_back('\n');
    std::string kind = GetString(obj, "kind", false, &error);
    if (!error.empty()) return fail(error);

    if (kind == "document") {
      batch.document.title = GetString(obj, "title", false, &error);
      batch.document.date = GetString(obj, "date", false, &error);
      batch.document.agency = GetString(obj, "agency", false, &error);
      batch.document.byline = GetString(obj, "byline", false, &error);
      batch.document.dateline = GetString(obj, "dateline", false, &error);
      batch.document.text = GetString(obj, "text", false, &error);
      if (!error.empty()) return fail(error);
      continue;
    }
    if (kind == "entity") {
      EntityInput e;
      e.name = GetString(obj, "name", true, &error);
      std::string type = GetString(obj, "type", false, &error);
      if (!error.empty()) return fail(error);
      auto parsed = ParseEntityType(type);
      if (!parsed) return fail("unknown entity type \"" + type + "\"");
      e.type = *parsed;
      if (obj.HasMember("aliases")) {
        if (!obj["aliases"].IsArray()) return fail("\"aliases\" must be an array of strings");
        for (const auto& a : obj["aliases"].GetArray()) {
          if (!a.IsString()) return fail("\"aliases\" must be an array of strings");
          e.aliases.emplace_back(a.GetString(), a.GetStringLength());
        }
      }
      batch.entities.push_back(std::move(e));
      continue;
    }
    if (!kind.empty() && kind != "triple" && kind != "statement")
      return fail("unknown \"kind\": \"" + kind + "\"");

    StatementInput st;
    if (!GetEntity(obj, "subject", &st.subject, &error)) return fail(error);
    if (!GetEntity(obj, "object", &st.object, &error)) return fail(error);
    std::string relation = GetString(obj, "relation", true, &error);
    if (!error.empty()) return fail(error);
    if (relation.empty()) return fail("empty \"relation\"");
    st.relation = Term{TermKind::kRelation, EntityType::kNone, relation};
    Provenance& p = st.provenance;
    p.phrase = GetString(obj, "phrase", false, &error);
    p.evidence = GetString(obj, "text", false, &error);
    p.date = GetString(obj, "date", false, &error);
    p.attributed_to = GetString(obj, "attributed_to", false, &error);
    p.method = GetString(obj, "method", false, &error);
    if (!error.empty()) return fail(error);
    if (p.method.empty()) p.method = "import-jsonl";
    if (!p.date.empty() && DateToInt(p.date) == 0)
      return fail("\"date\" must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got \"" + p.date +
                  "\"");
    p.negated = GetBool(obj, "negated", &error);
    p.hedged = GetBool(obj, "hedged", &error);
    if (!error.empty()) return fail(error);
    if (obj.HasMember("confidence") && !obj["confidence"].IsNull()) {
      if (!obj["confidence"].IsNumber()) return fail("\"confidence\" must be a number");
      double c = obj["confidence"].GetDouble();
      if (!(c >= 0.0 && c <= 1.0)) return fail("\"confidence\" must be within [0, 1]");
      p.confidence = static_cast<float>(c);
    }
    if (obj.HasMember("sentence") && !obj["sentence"].IsNull()) {
      if (!obj["sentence"].IsInt() || obj["sentence"].GetInt() < 0)
        return fail("\"sentence\" must be a non-negative integer");
      p.sentence = obj["sentence"].GetInt();
    }
    if (obj.HasMember("span") && !obj["span"].IsNull()) {
      const Value& span = obj["span"];
      if (!span.IsArray() || span.Size() != 2 || !span[0].IsUint() || !span[1].IsUint() ||
          span[0].GetUint() > span[1].GetUint())
        return fail("\"span\" must be [begin, end] with 0 <= begin <= end");
      p.span_begin = span[0].GetUint();
      p.span_end = span[1].GetUint();
    }
    batch.statements.push_back(std::move(st));
  }
  std::vector<DocumentBatch> out;
  out.reserve(order.size());
  for (const std::string& doc : order) {
    DocumentBatch& batch = by_doc[doc];
    batch.document.id = DocumentIdForText(doc_lines[doc]);
    out.push_back(std::move(batch));
  }
  return out;
}

}  // namespace kgraph
