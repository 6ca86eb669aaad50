// N-Triples parsing: one pass over the line, no allocation on the success path.
#include "ingest/readers/ntriples.h"

#include <array>
#include <cctype>
#include <string>

namespace kgraph {

namespace {

class LineParser {
 public:
  explicit LineParser(std::string_view line) : s_(line) {}

  Status Error(const std::string& what) const {
    return Status::InvalidArgument("column " + std::to_string(pos_ + 1) + ": " + what);
  }
  void SkipSpace() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
  }
  bool AtEnd() const { return pos_ >= s_.size(); }
  char Peek() const { return pos_ < s_.size() ? s_[pos_] : '\0'; }

  bool Hex(size_t n) {
    if (pos_ + n > s_.size()) return false;
    for (size_t i = 0; i < n; ++i) {
      char c = s_[pos_ + i];
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
        return false;
    }
    pos_ += n;
    return true;
  }

  Status Iri(NtTerm* t) {
    size_t start = ++pos_;  // after '<'
    static const auto kSpecial = [] {
      // 1: forbidden in an IRI, 2: '\\' (an escape), 3: '>' (the end)
      std::array<uint8_t, 256> t{};
      for (int c = 0; c <= 0x20; ++c) t[c] = 1;
      for (unsigned char c : std::string_view("<\"{}|^`")) t[c] = 1;
      t['\\'] = 2;
      t['>'] = 3;
      return t;
    }();
    while (pos_ < s_.size()) {
      uint8_t kind = kSpecial[static_cast<unsigned char>(s_[pos_])];
      if (kind == 0) {
        ++pos_;
        continue;
      }
      if (kind == 3) break;
      if (kind == 1) return Error("character not allowed in an IRI");
      ++pos_;  // a backslash: only \uXXXX and \UXXXXXXXX escapes are allowed
      char e = Peek();
      ++pos_;
      if (!((e == 'u' && Hex(4)) || (e == 'U' && Hex(8)))) return Error("bad \\u escape in an IRI");
    }
    if (AtEnd()) return Error("IRI without closing '>'");
    t->kind = TermKind::kIri;
    t->text = s_.substr(start, pos_ - start);
    if (t->text.find(':') == std::string_view::npos)
      return Error("relative IRI <" + std::string(t->text) + ">");
    ++pos_;
    return Status::Ok();
  }

  static bool LabelChar(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c >= 0x80;
  }

  Status Blank(NtTerm* t) {
    if (pos_ + 1 >= s_.size() || s_[pos_ + 1] != ':') return Error("expected '_:'");
    pos_ += 2;
    size_t start = pos_;
    if (AtEnd() || !LabelChar(static_cast<unsigned char>(Peek())) || Peek() == '-' || Peek() == '.')
      return Error("empty or bad blank node label");
    while (pos_ < s_.size() && LabelChar(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    while (pos_ > start && s_[pos_ - 1] == '.') --pos_;  // a trailing '.' ends the statement
    t->kind = TermKind::kBlank;
    t->text = s_.substr(start, pos_ - start);
    return Status::Ok();
  }

  Status Literal(NtTerm* t) {
    size_t start = pos_++;
    while (pos_ < s_.size() && s_[pos_] != '"') {
      char c = s_[pos_];
      if (c == '\n' || c == '\r') return Error("line break inside a literal");
      if (c == '\\') {
        ++pos_;
        char e = Peek();
        ++pos_;
        if (e == 'u') {
          if (!Hex(4)) return Error("bad \\u escape");
        } else if (e == 'U') {
          if (!Hex(8)) return Error("bad \\U escape");
        } else if (!(e == 't' || e == 'b' || e == 'n' || e == 'r' || e == 'f' || e == '"' ||
                     e == '\'' || e == '\\')) {
          return Error("bad escape in a literal");
        }
        continue;
      }
      ++pos_;
    }
    if (AtEnd()) return Error("literal without closing quote");
    ++pos_;
    if (Peek() == '@') {
      ++pos_;
      size_t tag = pos_;
      while (pos_ < s_.size() &&
             ((s_[pos_] >= 'a' && s_[pos_] <= 'z') || (s_[pos_] >= 'A' && s_[pos_] <= 'Z')))
        ++pos_;
      if (pos_ == tag) return Error("empty language tag");
      while (Peek() == '-') {
        size_t sub = ++pos_;
        while (pos_ < s_.size() && std::isalnum(static_cast<unsigned char>(s_[pos_]))) ++pos_;
        if (pos_ == sub) return Error("bad language tag");
      }
    } else if (Peek() == '^') {
      if (pos_ + 2 >= s_.size() || s_[pos_ + 1] != '^' || s_[pos_ + 2] != '<')
        return Error("expected '^^<' after a literal");
      pos_ += 2;
      NtTerm dt;
      KG_RETURN_IF_ERROR(Iri(&dt));
    }
    t->kind = TermKind::kLiteral;
    t->text = s_.substr(start, pos_ - start);
    return Status::Ok();
  }

  // The final '.', then nothing but spaces or a comment.
  Status Finish() {
    SkipSpace();
    if (Peek() != '.') return Error("expected '.' at the end of the triple");
    ++pos_;
    SkipSpace();
    if (!AtEnd() && Peek() != '#') return Error("unexpected text after '.'");
    return Status::Ok();
  }

  Status Term(NtTerm* t, bool allow_blank, bool allow_literal, const char* what) {
    SkipSpace();
    char c = Peek();
    if (c == '<') return Iri(t);
    if (c == '_' && allow_blank) return Blank(t);
    if (c == '"' && allow_literal) return Literal(t);
    return Error(std::string("expected ") + what);
  }

 private:
  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace

Result<bool> ParseNTriplesLine(std::string_view line, NtTriple* out) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  LineParser p(line);
  p.SkipSpace();
  if (p.AtEnd() || p.Peek() == '#') return false;
  KG_RETURN_IF_ERROR(p.Term(&out->subject, true, false, "an IRI or blank node as subject"));
  KG_RETURN_IF_ERROR(p.Term(&out->predicate, false, false, "an IRI as predicate"));
  KG_RETURN_IF_ERROR(p.Term(&out->object, true, true, "an IRI, blank node or literal as object"));
  KG_RETURN_IF_ERROR(p.Finish());
  return true;
}

}  // namespace kgraph
