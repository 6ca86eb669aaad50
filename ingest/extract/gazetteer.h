// Gazetteers for entity recognition: countries (from iso-codes), international organizations,
// places, demonyms, capitals and titles, loaded from ingest/data/. Immutable after loading.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "ingest/nlp/annotation.h"

namespace kgraph::extract {

struct GazetteerEntry {
  std::string canonical;
  EntityType type = EntityType::kNone;
  std::string kind;  // organizations: alliance, union, body, agency, company, media
  std::vector<std::string> aliases;
};

class Gazetteer {
 public:
  // $KGRAPH_DATA if set, else the source tree's ingest/data.
  static std::string DefaultDirectory();
  static Result<Gazetteer> Load(const std::string& directory);

  // The longest entry whose name or alias spells tokens[i..i+n); n = 0 when none. Acronyms
  // (all capitals) match case-sensitively; other names case-insensitively but must start with
  // a capital letter in the text.
  size_t Match(const std::vector<nlp::Token>& tokens, size_t i, const GazetteerEntry** entry) const;
  const GazetteerEntry* Find(std::string_view canonical) const;
  const GazetteerEntry* Demonym(std::string_view adjective) const;  // "Russian" → Russia
  const GazetteerEntry* Capital(std::string_view city) const;       // "Moscow" → Russia
  // The role class of a title ("secretary general" → "head"), or "" when not a title.
  std::string_view TitleClass(std::string_view lowercase_title) const;

 private:
  std::vector<GazetteerEntry> entries_;
  std::unordered_map<std::string, size_t> by_name_;       // exact alias (acronyms) → entry
  std::unordered_map<std::string, size_t> by_lower_;      // lowercase alias → entry
  std::unordered_map<std::string, size_t> demonyms_, capitals_;
  std::unordered_map<std::string, std::string> titles_;
  size_t max_tokens_ = 1;
};

}  // namespace kgraph::extract
