// UD conventions restored on a parsed tree: paired punctuation, passive subjects.
#include "ingest/nlp/tree_rules.h"

#include <string_view>
#include <utility>
#include <vector>

namespace kgraph::nlp {

namespace {

// The closing mark of an opening one, or "" if `form` opens no pair. A straight double quote
// closes the innermost open one before it opens another (see PairedMarks).
std::string_view Closer(std::string_view form) {
  if (form == "\"") return "\"";
  if (form == "\u201C") return "\u201D";  // “ ”
  if (form == "\u2018") return "\u2019";  // ‘ ’
  if (form == "(") return ")";
  if (form == "[") return "]";
  return "";
}

// (open, close) token indexes of matched punctuation pairs, inner pairs first.
std::vector<std::pair<size_t, size_t>> PairedMarks(const std::vector<Token>& t) {
  std::vector<std::pair<size_t, size_t>> pairs;
  std::vector<size_t> open;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].upos != "PUNCT") continue;
    if (!open.empty() && t[i].form == Closer(t[open.back()].form)) {
      pairs.emplace_back(open.back(), i);
      open.pop_back();
    } else if (!Closer(t[i].form).empty()) {
      open.push_back(i);
    }
  }
  return pairs;
}

// Whether `tok` hangs on a token of a sentence of n tokens (not the root, not out of range).
bool HasHeadIn(const Token& tok, size_t n) {
  return tok.head >= 0 && static_cast<size_t>(tok.head) < n;
}

bool Inside(int k, size_t open, size_t close) {
  return k > static_cast<int>(open) && k < static_cast<int>(close);
}

// Pairs enclosing more tokens than this are left alone: it bounds the work on pathological
// input (thousands of nested brackets) to linear; no pair in EWT train or dev encloses 100.
constexpr size_t kMaxEnclosed = 128;

size_t AttachPairedMarks(std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  const std::vector<std::pair<size_t, size_t>> pairs = PairedMarks(t);
  if (pairs.empty()) return 0;  // most sentences: no dependents to count
  std::vector<int> children(t.size(), 0);
  for (const Token& tok : t)
    if (HasHeadIn(tok, t.size())) ++children[tok.head];
  size_t changed = 0;
  for (auto [open, close] : pairs) {
    if (close - open - 1 > kMaxEnclosed) continue;
    int span_head = -1;
    int outside = 0;
    for (size_t k = open + 1; k < close; ++k) {
      if (Inside(t[k].head, open, close)) continue;
      span_head = static_cast<int>(k);
      ++outside;
    }
    if (outside != 1) continue;
    for (size_t mark : {open, close}) {
      Token& m = t[mark];
      if (children[mark] > 0 || (m.head == span_head && m.deprel == "punct")) continue;
      if (HasHeadIn(m, t.size())) --children[m.head];
      ++children[span_head];
      m.head = span_head;
      m.deprel = "punct";
      ++changed;
    }
  }
  return changed;
}

size_t MatchPassiveSubjects(std::vector<Token>* tokens) {
  std::vector<Token>& t = *tokens;
  std::vector<char> has_aux_pass(t.size(), 0);
  for (const Token& tok : t)
    if (tok.deprel == "aux:pass" && HasHeadIn(tok, t.size())) has_aux_pass[tok.head] = 1;
  size_t changed = 0;
  for (Token& tok : t) {
    if (!HasHeadIn(tok, t.size())) continue;
    bool passive = has_aux_pass[tok.head];
    const char* want = nullptr;
    if (tok.deprel == "nsubj" || tok.deprel == "nsubj:pass")
      want = passive ? "nsubj:pass" : "nsubj";
    else if (tok.deprel == "csubj" || tok.deprel == "csubj:pass")
      want = passive ? "csubj:pass" : "csubj";
    if (want != nullptr && tok.deprel != want) {
      tok.deprel = want;
      ++changed;
    }
  }
  return changed;
}

}  // namespace

size_t ApplyTreeConventions(Sentence* sentence) {
  return AttachPairedMarks(&sentence->tokens) + MatchPassiveSubjects(&sentence->tokens);
}

}  // namespace kgraph::nlp
