// The relation schema: entity types and relation labels (CAMEO-based by default), loaded from a
// JSON data file that users can copy and change. The default is seeds/schema.json.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kgraph {

// CAMEO's four quad classes, plus the lasting (structural) relations outside CAMEO.
enum class QuadClass : uint8_t {
  kStructural = 0,
  kVerbalCooperation = 1,
  kMaterialCooperation = 2,
  kVerbalConflict = 3,
  kMaterialConflict = 4,
};
std::string_view QuadClassName(QuadClass q);  // "verbal cooperation", ...

struct RelationDef {
  std::string label;  // "member_of", "consults", ...
  std::string cameo;  // CAMEO root code "04", or "" for structural relations
  QuadClass quad_class = QuadClass::kStructural;
  std::vector<EntityType> domain;     // allowed subject types; empty: any
  std::vector<EntityType> range;      // allowed object types; empty: any
  std::vector<std::string> triggers;  // lemma phrases that signal the relation ("call on")
  std::string description;
};

struct Schema {
  std::string name;
  int version = 1;
  std::vector<RelationDef> relations;

  const RelationDef* Find(std::string_view label) const;
};

// $KGRAPH_SCHEMA if set, else seeds/schema.json in the source tree.
std::string DefaultSchemaPath();

// Parses a schema file; errors name the file and the problem.
Result<Schema> LoadSchema(const std::string& path);
Result<Schema> ParseSchema(std::string_view json, const std::string& origin);

}  // namespace kgraph
