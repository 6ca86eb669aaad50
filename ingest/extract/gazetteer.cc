// Loading and matching the gazetteers.
#include "ingest/extract/gazetteer.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kgraph::extract {

namespace {

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::stringstream ss(s);
  while (std::getline(ss, cur, sep)) out.push_back(cur);
  if (!s.empty() && s.back() == sep) out.push_back("");
  return out;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAcronym(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    letter |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  return letter;
}

// Token count of a name as the tokenizer would split it (spaces only; good enough for names).
size_t TokenCount(std::string_view name) {
  size_t n = 1;
  for (char c : name) n += c == ' ';
  return n;
}

}  // namespace

std::string Gazetteer::DefaultDirectory() {
  const char* env = std::getenv("KGRAPH_DATA");
  if (env && *env) return env;
  return std::string(KGRAPH_SOURCE_DIR) + "/ingest/data";
}

Result<Gazetteer> Gazetteer::Load(const std::string& directory) {
  Gazetteer g;
  auto add_entry = [&](GazetteerEntry e) {
    size_t index = g.entries_.size();
    std::vector<std::string> names = e.aliases;
    names.push_back(e.canonical);
    for (const std::string& n : names) {
      if (n.empty()) continue;
      g.max_tokens_ = std::max(g.max_tokens_, TokenCount(n));
      if (IsAcronym(n))
        g.by_name_.emplace(n, index);
      else
        g.by_lower_.emplace(Lower(n), index);
    }
    g.entries_.push_back(std::move(e));
  };
  {
    std::string path = directory + "/countries.tsv";
    std::ifstream in(path);
    if (!in) return Status::InvalidArgument("cannot read gazetteer " + path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto cols = Split(line, '\t');
      if (cols.size() < 2) return Status::InvalidArgument(path + ": bad line: " + line);
      GazetteerEntry e{cols[0], EntityType::kCountry, "", {}};
      if (cols.size() > 2 && !cols[2].empty()) e.aliases = Split(cols[2], '|');
      add_entry(std::move(e));
    }
  }
  std::string path = directory + "/gazetteer.tsv";
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument("cannot read gazetteer " + path);
  std::string line;
  std::vector<std::pair<std::string, std::string>> demonyms, capitals;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = Split(line, '\t');
    if (cols.size() < 3) return Status::InvalidArgument(path + ": bad line: " + line);
    if (cols[0] == "ORG" || cols[0] == "LOC") {
      GazetteerEntry e{cols[1], cols[0] == "ORG" ? EntityType::kOrganization : EntityType::kLocation,
                       cols[2], {}};
      if (cols.size() > 3 && !cols[3].empty()) e.aliases = Split(cols[3], '|');
      add_entry(std::move(e));
    } else if (cols[0] == "DEMONYM") {
      demonyms.emplace_back(cols[1], cols[2]);
    } else if (cols[0] == "CAPITAL") {
      capitals.emplace_back(cols[1], cols[2]);
    } else if (cols[0] == "TITLE") {
      g.titles_.emplace(cols[1], cols[2]);
    } else {
      return Status::InvalidArgument(path + ": unknown kind '" + cols[0] + "'");
    }
  }
  for (auto& [word, country] : demonyms) {
    auto it = g.by_lower_.find(Lower(country));
    if (it == g.by_lower_.end()) return Status::InvalidArgument(path + ": unknown country " + country);
    g.demonyms_.emplace(word, it->second);
  }
  for (auto& [city, country] : capitals) {
    auto it = g.by_lower_.find(Lower(country));
    if (it == g.by_lower_.end()) return Status::InvalidArgument(path + ": unknown country " + country);
    g.capitals_.emplace(city, it->second);
  }
  return g;
}

size_t Gazetteer::Match(const std::vector<nlp::Token>& tokens, size_t i,
                        const GazetteerEntry** entry) const {
  std::string phrase;
  size_t best = 0;
  for (size_t n = 1; n <= max_tokens_ && i + n <= tokens.size(); ++n) {
    if (n > 1) phrase.push_back(' ');
    phrase += tokens[i + n - 1].form;
    if (auto it = by_name_.find(phrase); it != by_name_.end()) {
      *entry = &entries_[it->second];
      best = n;
      continue;
    }
    if (!std::isupper(static_cast<unsigned char>(tokens[i].form[0]))) continue;
    if (auto it = by_lower_.find(Lower(phrase)); it != by_lower_.end()) {
      *entry = &entries_[it->second];
      best = n;
    }
  }
  return best;
}

const GazetteerEntry* Gazetteer::Find(std::string_view canonical) const {
  auto it = by_lower_.find(Lower(canonical));
  if (it == by_lower_.end()) {
    auto ac = by_name_.find(std::string(canonical));
    return ac == by_name_.end() ? nullptr : &entries_[ac->second];
  }
  return &entries_[it->second];
}

const GazetteerEntry* Gazetteer::Demonym(std::string_view adjective) const {
  auto it = demonyms_.find(std::string(adjective));
  return it == demonyms_.end() ? nullptr : &entries_[it->second];
}

const GazetteerEntry* Gazetteer::Capital(std::string_view city) const {
  auto it = capitals_.find(std::string(city));
  return it == capitals_.end() ? nullptr : &entries_[it->second];
}

std::string_view Gazetteer::TitleClass(std::string_view lowercase_title) const {
  auto it = titles_.find(std::string(lowercase_title));
  return it == titles_.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace kgraph::extract
