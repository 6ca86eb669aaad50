// The data model: interned terms, triples, provenance records and documents.
// Everything downstream of ingest speaks in TermIds; strings live in the store's dictionary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kgraph {

// Dense ids handed out by the store's dictionary, starting at 1 (0 means "none").
using TermId = uint64_t;
constexpr TermId kNoTerm = 0;

// A document is identified by a 64-bit hash of its normalized content.
using DocId = uint64_t;

enum class TermKind : uint8_t {
  kEntity = 1,    // a named, typed real-world entity (from extraction or JSON import)
  kRelation = 2,  // a relation label: a schema label or an open relation phrase
  kIri = 3,       // an IRI kept as written (N-Triples import)
  kLiteral = 4,   // an RDF literal in N-Triples syntax, kept as written: "x"@en, "1"^^<...>
  kBlank = 5,     // a blank node label, without "_:"
};

enum class EntityType : uint8_t {
  kNone = 0,  // not an entity, or a type not given
  kPerson = 1,
  kCountry = 2,
  kOrganization = 3,
  kLocation = 4,
  kOther = 5,
};

std::string_view EntityTypeName(EntityType type);             // "PERSON", ... "" for kNone
std::optional<EntityType> ParseEntityType(std::string_view);  // case-insensitive; "" → kNone
std::string_view TermKindName(TermKind kind);                 // "entity", "relation", ...

// A term as stored in the dictionary. For entities, `text` is the canonical name.
struct Term {
  TermKind kind = TermKind::kEntity;
  EntityType type = EntityType::kNone;  // entities only
  std::string text;

  bool operator==(const Term&) const = default;
};

struct Triple {
  TermId subject = kNoTerm;
  TermId relation = kNoTerm;
  TermId object = kNoTerm;

  bool operator==(const Triple&) const = default;
  auto operator<=>(const Triple&) const = default;
};

// Where a statement came from. One statement has one or more of these.
struct Provenance {
  DocId doc = 0;
  uint32_t seq = 0;         // the record's number within its document (line for N-Triples)
  int32_t sentence = -1;    // sentence index in the document, -1 when unknown
  uint32_t span_begin = 0;  // character span of the evidence in the document text (UTF-8 bytes)
  uint32_t span_end = 0;
  float confidence = 1.0f;
  bool negated = false;
  bool hedged = false;
  std::string evidence;       // the sentence that states it
  std::string phrase;         // the open relation phrase as written
  std::string method;         // extraction method: "import-jsonl", "import-nt", "dep-rules", ...
  std::string date;           // ISO date the statement refers to, or ""
  std::string attributed_to;  // "diplomats" in "..., diplomats said"

  bool operator==(const Provenance&) const = default;
};

struct Document {
  DocId id = 0;  // hash of normalized content
  std::string source_path;
  std::string title;
  std::string date;  // ISO 8601 publication date, or ""
  std::string agency;
  std::string byline;
  std::string dateline;
  std::string text;

  bool operator==(const Document&) const = default;
};

// "0123456789abcdef": how document ids are shown to users.
std::string FormatDocId(DocId id);
std::optional<DocId> ParseDocId(std::string_view hex);

}  // namespace kgraph
