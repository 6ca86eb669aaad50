// Names and parsing for the data model's enums and document ids.
#include "core/model.h"

#include <cstdio>

namespace kgraph {

std::string_view EntityTypeName(EntityType type) {
  switch (type) {
    case EntityType::kNone:
      return "";
    case EntityType::kPerson:
      return "PERSON";
    case EntityType::kCountry:
      return "COUNTRY";
    case EntityType::kOrganization:
      return "ORGANIZATION";
    case EntityType::kLocation:
      return "LOCATION";
    case EntityType::kOther:
      return "OTHER";
  }
  return "";
}

std::optional<EntityType> ParseEntityType(std::string_view name) {
  std::string upper;
  for (char c : name) upper.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c);
  if (upper.empty()) return EntityType::kNone;
  for (EntityType t : {EntityType::kPerson, EntityType::kCountry, EntityType::kOrganization,
                       EntityType::kLocation, EntityType::kOther})
    if (EntityTypeName(t) == upper) return t;
  if (upper == "PER") return EntityType::kPerson;
  if (upper == "ORG") return EntityType::kOrganization;
  if (upper == "LOC" || upper == "GPE_LOCATION" || upper == "PLACE") return EntityType::kLocation;
  return std::nullopt;
}

std::string_view TermKindName(TermKind kind) {
  switch (kind) {
    case TermKind::kEntity:
      return "entity";
    case TermKind::kRelation:
      return "relation";
    case TermKind::kIri:
      return "iri";
    case TermKind::kLiteral:
      return "literal";
    case TermKind::kBlank:
      return "blank";
  }
  return "?";
}

std::string FormatDocId(DocId id) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(id));
  return buf;
}

std::optional<DocId> ParseDocId(std::string_view hex) {
  if (hex.empty() || hex.size() > 16) return std::nullopt;
  DocId v = 0;
  for (char c : hex) {
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return std::nullopt;
    v = (v << 4) | static_cast<DocId>(d);
  }
  return v;
}

}  // namespace kgraph
