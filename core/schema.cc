// Loading the JSON schema file with RapidJSON.
#include "core/schema.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kgraph {

std::string_view QuadClassName(QuadClass q) {
  switch (q) {
    case QuadClass::kStructural:
      return "structural";
    case QuadClass::kVerbalCooperation:
      return "verbal cooperation";
    case QuadClass::kMaterialCooperation:
      return "material cooperation";
    case QuadClass::kVerbalConflict:
      return "verbal conflict";
    case QuadClass::kMaterialConflict:
      return "material conflict";
  }
  return "structural";
}

const RelationDef* Schema::Find(std::string_view label) const {
  for (const RelationDef& r : relations)
    if (r.label == label) return &r;
  return nullptr;
}

std::string DefaultSchemaPath() {
  const char* env = std::getenv("KGRAPH_SCHEMA");
  if (env && *env) return env;
  return std::string(KGRAPH_SOURCE_DIR) + "/seeds/schema.json";
}

Result<Schema> ParseSchema(std::string_view json, const std::string& origin) {
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError())
    return Status::InvalidArgument(origin + ": offset " + std::to_string(doc.GetErrorOffset()) +
                                   ": " + rapidjson::GetParseError_En(doc.GetParseError()));
  if (!doc.IsObject() || !doc.HasMember("relations") || !doc["relations"].IsArray())
    return Status::InvalidArgument(origin + ": a schema is an object with a \"relations\" array");
  Schema schema;
  if (doc.HasMember("name") && doc["name"].IsString()) schema.name = doc["name"].GetString();
  if (doc.HasMember("version") && doc["version"].IsInt()) schema.version = doc["version"].GetInt();
  auto types = [&](const rapidjson::Value& v, const std::string& where,
                   std::vector<EntityType>* out) -> Status {
    if (!v.IsArray()) return Status::InvalidArgument(origin + ": " + where + " must be an array");
    for (const auto& t : v.GetArray()) {
      auto type = t.IsString() ? ParseEntityType(t.GetString()) : std::nullopt;
      if (!type) return Status::InvalidArgument(origin + ": " + where + ": unknown entity type");
      out->push_back(*type);
    }
    return Status::Ok();
  };
  size_t index = 0;
  for (const auto& r : doc["relations"].GetArray()) {
    std::string where = "relations[" + std::to_string(index++) + "]";
    if (!r.IsObject() || !r.HasMember("label") || !r["label"].IsString())
      return Status::InvalidArgument(origin + ": " + where + " needs a string \"label\"");
    RelationDef def;
    def.label = r["label"].GetString();
    if (def.label.empty() || schema.Find(def.label))
      return Status::InvalidArgument(origin + ": " + where + ": empty or duplicate label '" +
                                     def.label + "'");
    if (r.HasMember("cameo") && r["cameo"].IsString()) def.cameo = r["cameo"].GetString();
    if (r.HasMember("quad_class")) {
      std::string q = r["quad_class"].IsString() ? r["quad_class"].GetString() : "";
      bool found = false;
      for (QuadClass c :
           {QuadClass::kStructural, QuadClass::kVerbalCooperation, QuadClass::kMaterialCooperation,
            QuadClass::kVerbalConflict, QuadClass::kMaterialConflict})
        if (QuadClassName(c) == q) def.quad_class = c, found = true;
      if (!found)
        return Status::InvalidArgument(origin + ": " + where + ": unknown quad_class '" + q + "'");
    }
    if (r.HasMember("domain"))
      KG_RETURN_IF_ERROR(types(r["domain"], where + ".domain", &def.domain));
    if (r.HasMember("range")) KG_RETURN_IF_ERROR(types(r["range"], where + ".range", &def.range));
    if (r.HasMember("triggers")) {
      if (!r["triggers"].IsArray())
        return Status::InvalidArgument(origin + ": " + where + ".triggers must be an array");
      for (const auto& t : r["triggers"].GetArray())
        if (t.IsString()) def.triggers.emplace_back(t.GetString());
    }
    if (r.HasMember("description") && r["description"].IsString())
      def.description = r["description"].GetString();
    schema.relations.push_back(std::move(def));
  }
  return schema;
}

Result<Schema> LoadSchema(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument("cannot read schema file " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ParseSchema(ss.str(), path);
}

}  // namespace kgraph
