// CoNLL-U reader and writer.
#include "ingest/nlp/conllu.h"

#include <fstream>
#include <optional>
#include <sstream>

namespace kgraph::nlp {

namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> cols;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    cols.push_back(line.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return cols;
}

Status Finish(ConlluSentence* s) {
  // Rebuild offsets from the forms: against "# text" when it matches, else by joining.
  std::string joined;
  for (size_t i = 0; i < s->sentence.tokens.size(); ++i) {
    Token& t = s->sentence.tokens[i];
    size_t at = std::string::npos;
    if (!s->text.empty()) at = s->text.find(t.form, joined.size());
    if (at != std::string::npos && !s->text.empty()) {
      t.begin = static_cast<uint32_t>(at);
      t.end = static_cast<uint32_t>(at + t.form.size());
      joined.resize(t.end, ' ');
    } else {
      t.begin = static_cast<uint32_t>(joined.size());
      joined.append(t.form);
      t.end = static_cast<uint32_t>(joined.size());
    }
    if (s->text.empty() && s->space_after[i]) joined.push_back(' ');
  }
  if (s->text.empty()) s->text = joined;
  s->sentence.begin = 0;
  s->sentence.end = static_cast<uint32_t>(s->text.size());
  return Status::Ok();
}

}  // namespace

Status ReadConllu(std::istream& in, std::vector<ConlluSentence>* out) {
  std::string line;
  size_t line_no = 0;
  ConlluSentence current;
  bool open = false;
  auto flush = [&]() -> Status {
    if (open && !current.sentence.tokens.empty()) {
      KG_RETURN_IF_ERROR(Finish(&current));
      out->push_back(std::move(current));
    }
    current = ConlluSentence();
    open = false;
    return Status::Ok();
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      KG_RETURN_IF_ERROR(flush());
      continue;
    }
    open = true;
    if (line[0] == '#') {
      std::string_view l(line);
      auto value = [&](std::string_view key) -> std::optional<std::string> {
        if (!l.starts_with(key)) return std::nullopt;
        std::string_view v = l.substr(key.size());
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        if (v.starts_with("=")) v.remove_prefix(1);
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        return std::string(v);
      };
      if (auto v = value("# text ="))
        current.text = *v;
      else if (auto v2 = value("# sent_id ="))
        current.sent_id = *v2;
      else if (auto v3 = value("# newdoc id ="))
        current.newdoc_id = *v3;
      else if (l.starts_with("# newdoc"))
        current.newdoc_id = "_";
      if (l.starts_with("# newpar")) current.new_paragraph = true;
      continue;
    }
    auto cols = SplitTabs(line);
    if (cols.size() != 10)
      return Status::InvalidArgument("line " + std::to_string(line_no) +
                                     ": expected 10 columns, got " + std::to_string(cols.size()));
    std::string_view id = cols[0];
    if (id.find('-') != std::string_view::npos || id.find('.') != std::string_view::npos) continue;
    Token t;
    t.form = std::string(cols[1]);
    t.lemma = std::string(cols[2]);
    t.upos = std::string(cols[3]);
    t.xpos = std::string(cols[4]);
    t.feats = std::string(cols[5]);
    int head = 0;
    try {
      head = cols[6] == "_" ? 0 : std::stoi(std::string(cols[6]));
    } catch (...) {
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": bad head '" +
                                     std::string(cols[6]) + "'");
    }
    t.head = head - 1;
    t.deprel = std::string(cols[7]);
    current.space_after.push_back(cols[9].find("SpaceAfter=No") == std::string_view::npos);
    current.sentence.tokens.push_back(std::move(t));
  }
  return flush();
}

Status ReadConlluFile(const std::string& path, std::vector<ConlluSentence>* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  Status s = ReadConllu(in, out);
  return s.WithContext(path);
}

void WriteConllu(const Sentence& sentence, const std::string& text, std::string* out) {
  if (!text.empty()) *out += "# text = " + text + "\n";
  for (size_t i = 0; i < sentence.tokens.size(); ++i) {
    const Token& t = sentence.tokens[i];
    bool space_after = i + 1 >= sentence.tokens.size() || sentence.tokens[i + 1].begin > t.end;
    auto col = [](const std::string& s) { return s.empty() ? std::string("_") : s; };
    *out += std::to_string(i + 1) + "\t" + col(t.form) + "\t" + col(t.lemma) + "\t" + col(t.upos) +
            "\t" + col(t.xpos) + "\t" + col(t.feats) + "\t" + std::to_string(t.head + 1) + "\t" +
            col(t.deprel) + "\t_\t" + (space_after ? "_" : "SpaceAfter=No") + "\n";
  }
  *out += "\n";
}

Sentence BareSentence(const ConlluSentence& gold) {
  Sentence s;
  s.begin = gold.sentence.begin;
  s.end = gold.sentence.end;
  s.tokens.reserve(gold.sentence.tokens.size());
  for (const Token& t : gold.sentence.tokens) {
    Token bare;
    bare.begin = t.begin;
    bare.end = t.end;
    bare.form = t.form;
    s.tokens.push_back(std::move(bare));
  }
  return s;
}

}  // namespace kgraph::nlp
