// Gazetteers for entity recognition: countries (ISO names and conventional forms), demonyms,
// capitals, international organizations with acronyms, and office titles (ingest/data/).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kgraph::extract {

struct GazetteerEntry {
  std::string canonical;
  EntityType type = EntityType::kNone;
  std::string kind;  // organizations: the noun that can refer back to them ("alliance")
};

struct Gazetteer {
  // Surface form (case-sensitive, tokens joined by one space) → entry.
  std::unordered_map<std::string, GazetteerEntry> names;
  std::unordered_map<std::string, std::string> demonym_to_country;  // "Russian" → "Russia"
  std::unordered_map<std::string, std::string> capital_to_country;  // "Moscow" → "Russia"
  std::unordered_set<std::string> titles;                           // lower-case: "ambassador"
  size_t max_tokens = 1;  // longest surface form in tokens (bounds the matcher)
};

// $KGRAPH_DATA if set, else ingest/data in the source tree.
std::string DefaultDataDir();

// Loads countries.tsv, demonyms_capitals.tsv, organizations.tsv and titles.txt from `dir`.
Result<Gazetteer> LoadGazetteer(const std::string& dir);

}  // namespace kgraph::extract
