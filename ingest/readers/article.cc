// Article readers. Format detection is by extension and by content; every format ends in the
// same cleaned Document so that extraction never sees site furniture.
#include "ingest/readers/article.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "core/text.h"

namespace kgraph {

namespace fs = std::filesystem;

namespace {

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  LineCursor cursor(text);
  for (std::string_view line; cursor.Next(&line);) out.push_back(Trim(line));
  return out;
}

int MonthNumber(std::string name) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return 0;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (name.compare(0, 3, kMonths[i]) == 0) return i + 1;
  return 0;
}

std::string IsoDate(int y, int m, int d) {
  if (y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The story with the headline first, paragraphs separated by blank lines.
std::string JoinStory(const std::string& title, const std::vector<std::string>& paragraphs) {
  std::string text = title;
  for (const std::string& p : paragraphs) {
    if (p.empty()) continue;
    if (!text.empty()) text += "\n\n";
    text += p;
  }
  return text;
}

// "Brussels — NATO ..." / "Brussels - NATO ..." / "MOSCOW (Reuters) - ...": a dateline is one
// to three capitalized words (or an upper-case place) before a dash at the start.
bool SplitDateline(std::string* paragraph, std::string* dateline) {
  static const std::regex kDateline(
      "^((?:[A-Z][A-Za-z.'\\-]+)(?: [A-Z][A-Za-z.'\\-]+){0,2})(?:,? \\([^)]{1,30}\\))?"
      " ?(?:\xE2\x80\x94|\xE2\x80\x93|-{1,2}) (.+)$");
  std::smatch m;
  if (!std::regex_match(*paragraph, m, kDateline)) return false;
  *dateline = m[1].str();
  *paragraph = m[2].str();
  return true;
}

}  // namespace

std::string ParseDate(const std::string& text) {
  std::smatch m;
  static const std::regex kIso("(\\d{4})-(\\d{2})-(\\d{2})");
  static const std::regex kSlash("(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})");
  static const std::regex kMonthFirst("([A-Z][a-z]+)\\.? (\\d{1,2}),? (\\d{4})");
  static const std::regex kDayFirst("(\\d{1,2}) ([A-Z][a-z]+)\\.?,? (\\d{4})");
  if (std::regex_search(text, m, kIso))
    return IsoDate(std::stoi(m[1]), std::stoi(m[2]), std::stoi(m[3]));
  // Slashed dates are read day first, as European sites write them; an impossible month
  // (13/05/2009) shows the date is month-first instead.
  if (std::regex_search(text, m, kSlash)) {
    int a = std::stoi(m[1]), b = std::stoi(m[2]), y = std::stoi(m[3]);
    return b <= 12 ? IsoDate(y, b, a) : IsoDate(y, a, b);
  }
  if (std::regex_search(text, m, kMonthFirst) && MonthNumber(m[1]))
    return IsoDate(std::stoi(m[3]), MonthNumber(m[1]), std::stoi(m[2]));
  if (std::regex_search(text, m, kDayFirst) && MonthNumber(m[2]))
    return IsoDate(std::stoi(m[3]), MonthNumber(m[2]), std::stoi(m[1]));
  return "";
}

Document ParsePlainArticle(const std::string& raw, const std::string& source_path) {
  Document doc;
  doc.source_path = source_path;
  std::vector<std::string> lines = Lines(raw);
  std::vector<std::string> kept;
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    if (line.empty()) {
      kept.push_back(line);
      continue;
    }
    // A breadcrumb ("Home News <headline>") repeats the headline that follows it.
    std::string next;
    for (size_t j = i + 1; j < lines.size() && next.empty(); ++j) next = lines[j];
    if (!next.empty() && line.size() > next.size() && line.ends_with(next) &&
        line.starts_with("Home"))
      continue;
    // "Published on 05/03/2009", "Published: March 5, 2009", "Date: ..."
    static const std::regex kPublished("^(Published( on)?|Posted( on)?|Date|Updated)[: ].*",
                                       std::regex::icase);
    if (std::regex_match(line, kPublished)) {
      if (doc.date.empty()) doc.date = ParseDate(line);
      continue;
    }
    kept.push_back(line);
  }
  // Paragraphs: runs of non-empty lines; a file with one line per paragraph and no blank lines
  // (common in wire copy) gives one paragraph per line.
  bool has_blank = std::count(kept.begin(), kept.end(), std::string()) > 0;
  std::vector<std::string> paragraphs;
  std::string current;
  for (const std::string& line : kept) {
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(current);
      current.clear();
    } else if (!has_blank) {
      paragraphs.push_back(line);
    } else {
      current += current.empty() ? line : " " + line;
    }
  }
  if (!current.empty()) paragraphs.push_back(current);
  if (paragraphs.empty()) return doc;

  doc.title = paragraphs.front();
  paragraphs.erase(paragraphs.begin());
  // A standalone date line right after the headline.
  if (!paragraphs.empty() && paragraphs.front().size() < 40 && !ParseDate(paragraphs.front()).empty()) {
    if (doc.date.empty()) doc.date = ParseDate(paragraphs.front());
    paragraphs.erase(paragraphs.begin());
  }
  if (!paragraphs.empty()) SplitDateline(&paragraphs.front(), &doc.dateline);

  // Byline and agency at the end: "Pascal Mallet/AFP/Expatica", "(dpa)", "(AFP)".
  if (!paragraphs.empty()) {
    std::string& last = paragraphs.back();
    static const std::regex kSlashByline("^([A-Z][\\w.' \\-]{1,40}?)((?:/[A-Za-z][\\w.\\- ]{0,30})+)$");
    static const std::regex kAgencyTail("^(.*?)\\s*\\(([A-Za-z][A-Za-z/\\- ]{1,20})\\)\\s*$");
    std::smatch m;
    if (std::regex_match(last, m, kSlashByline)) {
      doc.byline = m[1].str();
      doc.agency = m[2].str().substr(1);
      paragraphs.pop_back();
    } else if (std::regex_match(last, m, kAgencyTail) && m[1].length() > 0 &&
               std::string(".!?\"\xE2\x80\x9D").find(m[1].str().back()) != std::string::npos) {
      doc.agency = m[2].str();
      last = m[1].str();
    }
  }
  doc.text = JoinStory(doc.title, paragraphs);
  doc.id = DocumentIdForText(doc.text);
  return doc;
}

namespace {

// The topical layout: title, ISO date, "source | url", blank, body.
bool LooksTopical(const std::vector<std::string>& lines) {
  static const std::regex kIsoLine("^\\d{4}-\\d{2}-\\d{2}$");
  return lines.size() >= 4 && std::regex_match(lines[1], kIsoLine) &&
         lines[2].find(" | ") != std::string::npos && lines[3].empty();
}

Document ParseTopical(const std::string& raw, const std::string& path) {
  std::vector<std::string> lines = Lines(raw);
  Document doc;
  doc.source_path = path;
  doc.title = lines[0];
  doc.date = lines[1];
  doc.agency = Trim(lines[2].substr(0, lines[2].find(" | ")));
  std::vector<std::string> paragraphs;
  std::string current;
  for (size_t i = 4; i < lines.size(); ++i) {
    if (lines[i].empty()) {
      if (!current.empty()) paragraphs.push_back(current);
      current.clear();
    } else {
      current += current.empty() ? lines[i] : " " + lines[i];
    }
  }
  if (!current.empty()) paragraphs.push_back(current);
  if (!paragraphs.empty()) SplitDateline(&paragraphs.front(), &doc.dateline);
  doc.text = JoinStory(doc.title, paragraphs);
  doc.id = DocumentIdForText(doc.text);
  return doc;
}

std::string SgmlText(const std::string& block, const std::string& tag) {
  size_t open = block.find("<" + tag);
  if (open == std::string::npos) return "";
  open = block.find('>', open);
  size_t close = block.find("</" + tag + ">", open);
  if (open == std::string::npos || close == std::string::npos) return "";
  std::string s = block.substr(open + 1, close - open - 1);
  // Reuters-21578 uses a few SGML entities and a trailing " Reuter\n&#3;".
  for (auto [from, to] : {std::pair<std::string, std::string>{"&lt;", "<"},
                          {"&gt;", ">"}, {"&amp;", "&"}, {"&#3;", ""}}) {
    for (size_t at; (at = s.find(from)) != std::string::npos;) s.replace(at, from.size(), to);
  }
  return s;
}

std::vector<Document> ParseReuters(const std::string& raw, const std::string& path) {
  std::vector<Document> docs;
  size_t pos = 0;
  while ((pos = raw.find("<REUTERS", pos)) != std::string::npos) {
    size_t end = raw.find("</REUTERS>", pos);
    if (end == std::string::npos) break;
    std::string block = raw.substr(pos, end - pos);
    pos = end;
    std::string body = SgmlText(block, "BODY");
    if (Trim(body).empty()) continue;
    Document doc;
    doc.title = Trim(SgmlText(block, "TITLE"));
    doc.date = ParseDate(SgmlText(block, "DATE"));
    if (doc.date.empty()) {
      // "26-FEB-1987 15:01:01.79"
      static const std::regex kReutersDate("(\\d{1,2})-([A-Z]{3})-(\\d{4})");
      std::smatch m;
      std::string d = SgmlText(block, "DATE");
      if (std::regex_search(d, m, kReutersDate))
        doc.date = IsoDate(std::stoi(m[3]), MonthNumber(m[2]), std::stoi(m[1]));
    }
    doc.dateline = Trim(SgmlText(block, "DATELINE"));
    doc.agency = "Reuters";
    std::string text = body;
    if (text.size() > 8 && Trim(text).ends_with("Reuter")) text = Trim(text).substr(0, Trim(text).size() - 6);
    // Reuters bodies are hard-wrapped; blank-ish lines separate paragraphs.
    std::vector<std::string> paragraphs;
    std::string current;
    for (const std::string& line : Lines(text)) {
      if (line.empty()) {
        if (!current.empty()) paragraphs.push_back(current);
        current.clear();
      } else {
        current += current.empty() ? line : " " + line;
      }
    }
    if (!current.empty()) paragraphs.push_back(current);
    if (!paragraphs.empty()) SplitDateline(&paragraphs.front(), &doc.dateline);
    doc.text = JoinStory(doc.title, paragraphs);
    doc.id = DocumentIdForText(doc.text);
    doc.source_path = path + "#" + std::to_string(docs.size() + 1);
    docs.push_back(std::move(doc));
  }
  return docs;
}

Result<std::vector<Document>> ParseJsonl(const std::string& raw, const std::string& path) {
  std::vector<Document> docs;
  LineCursor lines(raw);
  for (std::string_view line; lines.Next(&line);) {
    if (Trim(line).empty()) continue;
    rapidjson::Document obj;
    obj.Parse(line.data(), line.size());
    auto where = path + ":" + std::to_string(lines.number()) + ": ";
    if (obj.HasParseError() || !obj.IsObject())
      return Status::InvalidArgument(where + "expected a JSON object per line");
    if (!obj.HasMember("text") || !obj["text"].IsString())
      return Status::InvalidArgument(where + "missing string \"text\"");
    Document doc;
    auto str = [&](const char* key) -> std::string {
      return obj.HasMember(key) && obj[key].IsString() ? obj[key].GetString() : "";
    };
    doc.title = str("title");
    doc.date = ParseDate(str("date"));
    doc.agency = str("source");
    std::string id = str("id");
    std::vector<std::string> paragraphs;
    std::string current;
    for (const std::string& l : Lines(str("text"))) {
      if (l.empty()) {
        if (!current.empty()) paragraphs.push_back(current);
        current.clear();
      } else {
        current += current.empty() ? l : " " + l;
      }
    }
    if (!current.empty()) paragraphs.push_back(current);
    if (!paragraphs.empty()) SplitDateline(&paragraphs.front(), &doc.dateline);
    doc.text = JoinStory(doc.title, paragraphs);
    doc.id = DocumentIdForText(doc.text);
    doc.source_path = path + "#" + (id.empty() ? std::to_string(lines.number()) : id);
    docs.push_back(std::move(doc));
  }
  return docs;
}

}  // namespace

Status ListArticleFiles(const std::vector<std::string>& paths, std::vector<std::string>* files) {
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) return Status::InvalidArgument(path + ": " + ec.message());
        std::string name = it->path().filename().string();
        if (name.starts_with(".")) {
          if (it->is_directory()) it.disable_recursion_pending();
          continue;
        }
        // In a directory walk only article files count (a schema.json beside the articles is
        // not one); files named explicitly are always read.
        std::string ext = it->path().extension().string();
        bool article = ext.empty() || ext == ".txt" || ext == ".jsonl" || ext == ".ndjson" ||
                       ext == ".sgm" || ext == ".text";
        if (it->is_regular_file() && article) found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files->insert(files->end(), found.begin(), found.end());
    } else if (fs::exists(path, ec)) {
      files->push_back(path);
    } else {
      return Status::InvalidArgument(path + ": no such file or directory");
    }
  }
  return Status::Ok();
}

Result<std::vector<Document>> ReadArticles(const std::string& path,
                                           std::vector<std::string>* warnings) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::InvalidArgument(path + ": cannot open file");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  if (raw.find('\0') != std::string::npos)
    return Status::InvalidArgument(path + ": binary file (contains NUL bytes), not an article");
  if (size_t bad = FindInvalidUtf8(raw); bad != std::string::npos) {
    warnings->push_back(path + ": not valid UTF-8 (byte " + std::to_string(bad + 1) +
                        "); read as Latin-1 and converted");
    raw = Latin1ToUtf8(raw);
  }
  if (path.ends_with(".jsonl") || path.ends_with(".ndjson")) return ParseJsonl(raw, path);
  if (path.ends_with(".sgm") || raw.find("<REUTERS") != std::string::npos) {
    std::vector<Document> docs = ParseReuters(raw, path);
    return docs;
  }
  std::vector<std::string> lines = Lines(raw);
  Document doc = LooksTopical(lines) ? ParseTopical(raw, path) : ParsePlainArticle(raw, path);
  if (doc.text.empty()) return Status::InvalidArgument(path + ": no article text");
  return std::vector<Document>{std::move(doc)};
}

}  // namespace kgraph
