// Loading of the gazetteer tables shipped in ingest/data/.
#include "ingest/extract/gazetteer.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace kgraph::extract {
namespace {

std::vector<std::string> SplitTabs(const std::string& line, char sep = '\t') {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string field;
  while (std::getline(ss, field, sep)) out.push_back(field);
  return out;
}

Result<std::vector<std::vector<std::string>>> ReadTable(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::InvalidArgument(path + ": cannot open gazetteer table");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    rows.push_back(SplitTabs(line));
  }
  return rows;
}

size_t TokenCount(const std::string& s) {
  // Tokens the NLP tokenizer will produce, roughly: words, hyphen parts and punctuation.
  size_t n = 1;
  for (char c : s)
    if (c == ' ' || c == '-' || c == '.') ++n;
  return n;
}

}  // namespace

std::string DefaultDataDir() {
  if (const char* env = std::getenv("KGRAPH_DATA"); env != nullptr && *env != '\0') return env;
#ifdef KGRAPH_DATA_DIR
  return KGRAPH_DATA_DIR;
#else
  return "ingest/data";
#endif
}

Result<Gazetteer> LoadGazetteer(const std::string& dir) {
  Gazetteer g;
  auto add = [&](const std::string& name, const GazetteerEntry& e) {
    if (name.empty()) return;
    g.names.emplace(name, e);
    g.max_tokens = std::max(g.max_tokens, TokenCount(name));
  };
  std::unordered_map<std::string, std::string> code_to_country;
  auto countries = ReadTable(dir + "/countries.tsv");
  if (!countries.ok()) return countries.status();
  for (const auto& row : *countries) {
    if (row.size() < 2) continue;
    code_to_country[row[0]] = row[1];
    for (size_t i = 1; i < row.size(); ++i) add(row[i], {row[1], EntityType::kCountry, ""});
  }
  auto dc = ReadTable(dir + "/demonyms_capitals.tsv");
  if (!dc.ok()) return dc.status();
  for (const auto& row : *dc) {
    if (row.size() < 3) continue;
    auto it = code_to_country.find(row[0]);
    if (it == code_to_country.end())
      return Status::InvalidArgument(dir + "/demonyms_capitals.tsv: unknown code " + row[0]);
    for (const std::string& d : SplitTabs(row[1], ',')) g.demonym_to_country[d] = it->second;
    for (const std::string& c : SplitTabs(row[2], ',')) g.capital_to_country[c] = it->second;
  }
  auto orgs = ReadTable(dir + "/organizations.tsv");
  if (!orgs.ok()) return orgs.status();
  for (const auto& row : *orgs) {
    if (row.size() < 2) continue;
    GazetteerEntry e{row[0], EntityType::kOrganization, row.back()};
    for (size_t i = 0; i + 1 < row.size(); ++i) add(row[i], e);
  }
  std::ifstream titles(dir + "/titles.txt");
  if (!titles) return Status::InvalidArgument(dir + "/titles.txt: cannot open gazetteer table");
  std::string line;
  while (std::getline(titles, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::string lower;
    for (char c : line) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    g.titles.insert(lower);
  }
  return g;
}

}  // namespace kgraph::extract
