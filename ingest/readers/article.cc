// Article readers: format detection, plain-text metadata heuristics, Reuters SGML, JSON Lines.
#include "ingest/readers/article.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/text.h"

namespace kgraph {
namespace {

std::string_view Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && (std::isspace(static_cast<unsigned char>(s[b])) != 0)) ++b;
  while (e > b && (std::isspace(static_cast<unsigned char>(s[e - 1])) != 0)) --e;
  return s.substr(b, e - b);
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(pos, nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    pos = nl + 1;
  }
  return lines;
}

int MonthNumber(std::string_view word) {
  static const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                  "jul", "aug", "sep", "oct", "nov", "dec"};
  if (word.size() < 3) return 0;
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (int i = 0; i < 12; ++i)
    if (lower.compare(0, 3, kMonths[i]) == 0) return i + 1;
  return 0;
}

std::string FormatDate(int y, int m, int d) {
  if (y < 1000 || m < 1 || m > 12 || d < 1 || d > 31) return "";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", y, m, d);
  return buf;
}

// Splits into alphanumeric words (keeping their order) for date parsing.
std::vector<std::string> Words(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      cur += c;
    } else {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool IsBreadcrumb(std::string_view line) {
  line = Trim(line);
  return line.starts_with("Home ") && (line.find(" News ") != std::string_view::npos ||
                                       line.find('>') != std::string_view::npos ||
                                       line.find("\xE2\x80\xBA") != std::string_view::npos ||
                                       line.find('|') != std::string_view::npos);
}

// A line that is only a publication date ("Published on 05/03/2009", "2009-03-05", "Date: ...").
std::string DateLine(std::string_view line) {
  line = Trim(line);
  if (line.empty() || line.size() > 60) return "";
  std::string_view rest = line;
  for (std::string_view prefix :
       {"Published on", "Published:", "Published", "Posted on", "Posted", "Date:", "Updated:"}) {
    if (rest.starts_with(prefix)) {
      rest = Trim(rest.substr(prefix.size()));
      break;
    }
  }
  std::string date = ParseDate(rest);
  if (date.empty()) return "";
  // Only short lines made of the date (and a weekday/time) count as a date line.
  return Words(rest).size() <= 7 ? date : "";
}

bool IsUpperInitial(std::string_view w) {
  return !w.empty() && std::isupper(static_cast<unsigned char>(w[0])) != 0;
}

// "Brussels — text" / "BRUSSELS, Belgium (AFP) - text": returns the place and the body offset.
bool SplitDateline(std::string_view para, std::string* place, size_t* body_begin) {
  static const std::string_view kDashes[] = {" \xE2\x80\x94 ", " \xE2\x80\x93 ", " - ", " -- "};
  for (std::string_view dash : kDashes) {
    size_t pos = para.find(dash);
    if (pos == std::string_view::npos || pos == 0 || pos > 60) continue;
    std::string_view head = Trim(para.substr(0, pos));
    // Strip an "(AFP)" style agency tag after the place.
    size_t paren = head.find('(');
    if (paren != std::string_view::npos) head = Trim(head.substr(0, paren));
    size_t comma = head.find(',');
    std::string_view city = comma == std::string_view::npos ? head : Trim(head.substr(0, comma));
    std::vector<std::string> words = Words(head);
    if (words.empty() || words.size() > 5) return false;
    for (const std::string& w : words)
      if (!IsUpperInitial(w)) return false;
    std::string c(city);
    // "BRUSSELS" → "Brussels"
    bool all_upper = std::none_of(c.begin(), c.end(), [](char ch) {
      return std::islower(static_cast<unsigned char>(ch)) != 0;
    });
    if (all_upper) {
      bool start = true;
      for (char& ch : c) {
        if (std::isalpha(static_cast<unsigned char>(ch)) != 0) {
          ch = start ? ch : static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
          start = false;
        } else {
          start = true;
        }
      }
    }
    *place = c;
    *body_begin = pos + dash.size();
    return true;
  }
  return false;
}

// "Pascal Mallet/AFP/Expatica": a short slash-separated line of capitalized names.
bool ParseAgencyLine(std::string_view line, std::string* agency, std::string* byline) {
  line = Trim(line);
  if (line.size() > 80 || line.find('/') == std::string_view::npos) return false;
  std::vector<std::string> parts;
  size_t pos = 0;
  while (pos <= line.size()) {
    size_t slash = line.find('/', pos);
    if (slash == std::string_view::npos) slash = line.size();
    std::string_view part = Trim(line.substr(pos, slash - pos));
    if (part.empty() || !IsUpperInitial(part) || Words(part).size() > 4) return false;
    if (part.find('.') != std::string_view::npos && part.size() > 20) return false;
    parts.emplace_back(part);
    pos = slash + 1;
  }
  if (parts.size() < 2) return false;
  size_t first_agency = 0;
  if (parts[0].find(' ') != std::string::npos) {  // a person's name comes first
    *byline = parts[0];
    first_agency = 1;
  }
  std::string joined;
  for (size_t i = first_agency; i < parts.size(); ++i) {
    if (!joined.empty()) joined += '/';
    joined += parts[i];
  }
  *agency = joined;
  return true;
}

// "... the meeting. (dpa)": an agency tag closing the text.
bool StripTrailingAgency(std::string* para, std::string* agency) {
  std::string_view p = Trim(*para);
  if (p.empty() || p.back() != ')') return false;
  size_t open = p.rfind('(');
  if (open == std::string_view::npos) return false;
  std::string_view tag = p.substr(open + 1, p.size() - open - 2);
  if (tag.empty() || tag.size() > 12 || tag.find(' ') != std::string_view::npos) return false;
  for (char c : tag)
    if (std::isalpha(static_cast<unsigned char>(c)) == 0 && c != '-') return false;
  *agency = std::string(tag);
  *para = std::string(Trim(p.substr(0, open)));
  return true;
}

std::string DecodeSgmlEntities(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 6) {
        std::string_view ent = s.substr(i + 1, semi - i - 1);
        if (ent == "lt")
          out += '<';
        else if (ent == "gt")
          out += '>';
        else if (ent == "amp")
          out += '&';
        else if (ent == "quot")
          out += '"';
        else if (ent.starts_with("#")) { /* control characters such as &#3; are dropped */
        } else
          out.append(s.substr(i, semi - i + 1));
        i = semi;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

std::string_view TagContent(std::string_view block, std::string_view tag) {
  std::string open = "<" + std::string(tag);
  size_t b = block.find(open);
  if (b == std::string_view::npos) return {};
  b = block.find('>', b);
  if (b == std::string_view::npos) return {};
  std::string close = "</" + std::string(tag) + ">";
  size_t e = block.find(close, b);
  if (e == std::string_view::npos) e = block.size();
  return block.substr(b + 1, e - b - 1);
}

}  // namespace

std::string ParseDate(std::string_view text) {
  std::string_view t = Trim(text);
  std::vector<std::string> w = Words(t);
  if (w.empty()) return "";
  // ISO: 2009-03-05 (also at the start of "2009-03-05T10:00")
  if (t.size() >= 10 && t[4] == '-' && t[7] == '-' && AllDigits(std::string(t.substr(0, 4))))
    return FormatDate(std::atoi(std::string(t.substr(0, 4)).c_str()),
                      std::atoi(std::string(t.substr(5, 2)).c_str()),
                      std::atoi(std::string(t.substr(8, 2)).c_str()));
  for (size_t i = 0; i + 2 < w.size() + 0; ++i) {
    const std::string &a = w[i], &b = w[i + 1], &c = w[i + 2];
    // Day-first numeric: 05/03/2009 (the convention of European sources).
    if (AllDigits(a) && AllDigits(b) && AllDigits(c) && c.size() == 4)
      return FormatDate(std::stoi(c), std::stoi(b), std::stoi(a));
    // March 5, 2009
    if (MonthNumber(a) != 0 && AllDigits(b) && b.size() <= 2 && AllDigits(c) && c.size() == 4)
      return FormatDate(std::stoi(c), MonthNumber(a), std::stoi(b));
    // 5 March 2009, 26-FEB-1987
    if (AllDigits(a) && a.size() <= 2 && MonthNumber(b) != 0 && AllDigits(c) && c.size() == 4)
      return FormatDate(std::stoi(c), MonthNumber(b), std::stoi(a));
  }
  return "";
}

Document ParseArticleText(std::string_view text, const std::string& source_path) {
  Document doc;
  doc.source_path = source_path;
  std::vector<std::string_view> lines = SplitLines(text);
  size_t i = 0;
  // Header: breadcrumbs, the headline, date and source lines before the first paragraph.
  std::vector<std::string> paragraphs;
  std::string current;
  bool in_header = true;
  for (; i < lines.size(); ++i) {
    std::string_view line = Trim(lines[i]);
    if (in_header) {
      if (line.empty()) continue;
      if (IsBreadcrumb(line)) continue;
      if (doc.title.empty()) {
        doc.title = std::string(line);
        continue;
      }
      if (line == doc.title) continue;  // the headline repeated under a breadcrumb
      std::string date = DateLine(line);
      if (!date.empty() && doc.date.empty()) {
        doc.date = date;
        continue;
      }
      // The topical layout: a source line "Publisher (site), license | URL" after the date.
      if (!doc.date.empty() && paragraphs.empty() && current.empty() &&
          line.find(" | http") != std::string_view::npos) {
        doc.agency = std::string(Trim(line.substr(0, line.find(','))));
        continue;
      }
      in_header = false;
    }
    if (line.empty()) {
      if (!current.empty()) paragraphs.push_back(std::move(current));
      current.clear();
      continue;
    }
    // Seed style and BBC style: one paragraph per line; blank lines between are optional.
    if (!current.empty()) {
      paragraphs.push_back(std::move(current));
      current.clear();
    }
    current = std::string(line);
  }
  if (!current.empty()) paragraphs.push_back(std::move(current));
  // A date line may also follow the first paragraph in some layouts.
  // Agency/byline at the end.
  while (!paragraphs.empty()) {
    std::string agency, byline;
    if (ParseAgencyLine(paragraphs.back(), &agency, &byline)) {
      doc.agency = agency;
      doc.byline = byline;
      paragraphs.pop_back();
      continue;
    }
    break;
  }
  if (!paragraphs.empty()) {
    std::string agency;
    if (StripTrailingAgency(&paragraphs.back(), &agency) && doc.agency.empty()) doc.agency = agency;
    if (paragraphs.back().empty()) paragraphs.pop_back();
  }
  if (!paragraphs.empty()) {
    std::string place;
    size_t body = 0;
    if (SplitDateline(paragraphs.front(), &place, &body)) {
      doc.dateline = place;
      paragraphs.front() = paragraphs.front().substr(body);
    }
  }
  for (const std::string& p : paragraphs) {
    if (!doc.text.empty()) doc.text += "\n\n";
    doc.text += p;
  }
  doc.id = DocumentIdForText(text);
  return doc;
}

std::vector<Document> ParseReutersSgml(std::string_view content, const std::string& source_path) {
  std::vector<Document> docs;
  size_t pos = 0;
  while ((pos = content.find("<REUTERS", pos)) != std::string_view::npos) {
    size_t end = content.find("</REUTERS>", pos);
    if (end == std::string_view::npos) end = content.size();
    std::string_view block = content.substr(pos, end - pos);
    pos = end;
    std::string body = DecodeSgmlEntities(TagContent(block, "BODY"));
    if (Trim(body).empty()) continue;
    Document doc;
    doc.source_path = source_path;
    std::string_view newid;
    size_t id = block.find("NEWID=\"");
    if (id != std::string_view::npos) {
      size_t q = block.find('"', id + 7);
      newid = block.substr(id + 7, q - id - 7);
    }
    if (!newid.empty()) doc.source_path = source_path + "#" + std::string(newid);
    doc.title = std::string(Trim(DecodeSgmlEntities(TagContent(block, "TITLE"))));
    doc.date = ParseDate(TagContent(block, "DATE"));
    // Reuters bodies wrap lines at ~70 columns; paragraphs start with an indented line.
    std::string text;
    for (std::string_view line : SplitLines(body)) {
      std::string_view t = Trim(line);
      if (t.empty()) continue;
      if (!line.empty() && line[0] == ' ' && !text.empty())
        text += "\n\n";
      else if (!text.empty())
        text += ' ';
      text += t;
    }
    // The agency signature closing every Reuters body.
    for (std::string_view sig : {"\n\nReuter", " Reuter"})
      if (text.ends_with(sig)) text.resize(text.size() - sig.size());
    std::string place;
    size_t b = 0;
    if (SplitDateline(text, &place, &b)) {
      doc.dateline = place;
      text = text.substr(b);
    }
    doc.agency = "Reuters";
    doc.text = text;
    doc.id = DocumentIdForText(doc.title + "\n" + doc.text);
    docs.push_back(std::move(doc));
  }
  return docs;
}

Result<std::vector<Document>> ParseArticleJsonl(std::string_view content,
                                                const std::string& source_path) {
  std::vector<Document> docs;
  size_t line_no = 0;
  for (std::string_view line : SplitLines(content)) {
    ++line_no;
    if (Trim(line).empty()) continue;
    rapidjson::Document json;
    json.Parse(line.data(), line.size());
    std::string where = source_path + ":" + std::to_string(line_no);
    if (json.HasParseError() || !json.IsObject())
      return Status::InvalidArgument(where + ": not a JSON object");
    auto str = [&](const char* key) -> std::string {
      auto it = json.FindMember(key);
      if (it == json.MemberEnd() || !it->value.IsString()) return "";
      return std::string(it->value.GetString(), it->value.GetStringLength());
    };
    Document doc;
    doc.text = str("text");
    if (doc.text.empty()) return Status::InvalidArgument(where + ": no \"text\"");
    doc.title = str("title");
    doc.date = ParseDate(str("date"));
    std::string id = str("id");
    doc.source_path = id.empty() ? where : source_path + "#" + id;
    doc.id = DocumentIdForText(doc.title + "\n" + doc.text);
    docs.push_back(std::move(doc));
  }
  return docs;
}

ArticleBatch ReadArticles(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  ArticleBatch batch;
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string name = it->path().filename().string();
        if (name.starts_with(".")) continue;
        std::string ext = it->path().extension().string();
        if (ext == ".txt" || ext == ".sgm" || ext == ".jsonl" || ext == ".text" || ext.empty())
          found.push_back(it->path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
      if (ec) batch.skipped.push_back({path, "cannot walk directory: " + ec.message()});
    } else {
      files.push_back(path);
    }
  }
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      batch.skipped.push_back({file, "cannot open file"});
      continue;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
      batch.skipped.push_back({file, "read error"});
      continue;
    }
    std::string content = ss.str();
    if (content.find('\0') != std::string::npos) {
      batch.skipped.push_back({file, "binary file (contains NUL bytes)"});
      continue;
    }
    if (FindInvalidUtf8(content) != std::string::npos) {
      size_t at = FindInvalidUtf8(content);
      content = Latin1ToUtf8(content);
      batch.warnings.push_back(file + ": invalid UTF-8 at byte " + std::to_string(at) +
                               ", converted from Latin-1");
    }
    if (Trim(content).empty()) {
      batch.skipped.push_back({file, "empty file"});
      continue;
    }
    if (file.ends_with(".sgm") || content.find("<REUTERS") != std::string::npos) {
      auto docs = ParseReutersSgml(content, file);
      if (docs.empty()) batch.skipped.push_back({file, "no Reuters articles with a body"});
      for (auto& d : docs) batch.documents.push_back(std::move(d));
      continue;
    }
    if (file.ends_with(".jsonl") || Trim(content).front() == '{') {
      auto docs = ParseArticleJsonl(content, file);
      if (!docs.ok()) {
        batch.skipped.push_back({file, docs.status().message()});
        continue;
      }
      for (auto& d : *docs) batch.documents.push_back(std::move(d));
      continue;
    }
    batch.documents.push_back(ParseArticleText(content, file));
  }
  return batch;
}

}  // namespace kgraph
