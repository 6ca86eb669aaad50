// Sentence splitting and tokenization for news text, following UD English EWT conventions
// (do|n't, Russia|'s, green|-|light, $|5, 5|%) and keeping exact byte offsets. Character
// classes come from ICU; the rules (abbreviations, clitics, hyphens, quotes, dashes, URLs,
// ellipses, headlines and paragraphs) are ours, because ICU's word and sentence break
// iterators split "U.S." and "don't" differently from the treebank the models learn from.
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "core/text.h"
#include "ingest/nlp/pipeline.h"

namespace kgraph::nlp {

namespace {

struct Span {
  uint32_t begin, end;
};

// Decodes the code point at byte i (text is valid UTF-8 by the time we get here).
UChar32 At(std::string_view s, size_t i, size_t* next = nullptr) {
  UChar32 c;
  int32_t k = static_cast<int32_t>(i);
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), k, static_cast<int32_t>(s.size()), c);
  if (next) *next = static_cast<size_t>(k);
  return c;
}
// The code point ending just before byte i, and where it starts.
UChar32 Before(std::string_view s, size_t i, size_t* start = nullptr) {
  UChar32 c;
  int32_t k = static_cast<int32_t>(i);
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, k, c);
  if (start) *start = static_cast<size_t>(k);
  return c;
}

bool IsSpace(UChar32 c) { return u_isUWhiteSpace(c) || c == 0xFEFF || c == 0x200B; }
bool IsAlnum(UChar32 c) { return u_isalnum(c); }
bool IsDigit(UChar32 c) { return u_isdigit(c); }

bool IsOpening(UChar32 c) {
  switch (c) {
    case '(':
    case '[':
    case '{':
    case '"':
    case 0x201C:
    case 0x2018:
    case 0xAB:
    case 0x201E:
    case 0xBF:
    case 0xA1:
    case '`':
      return true;
  }
  return false;
}
bool IsClosing(UChar32 c) {
  switch (c) {
    case ')':
    case ']':
    case '}':
    case '"':
    case 0x201D:
    case 0x2019:
    case 0xBB:
    case '\'':
      return true;
  }
  return false;
}
bool IsDash(UChar32 c) { return c == 0x2014 || c == 0x2013 || c == 0x2015 || c == 0x2012; }
bool IsApostrophe(UChar32 c) { return c == '\'' || c == 0x2019; }

std::string LowerAscii(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

template <size_t N>
bool InList(const std::array<const char*, N>& list, std::string_view w) {
  for (const char* x : list)
    if (w == x) return true;
  return false;
}

// Abbreviations (lower case, without the period) after which a sentence never ends: titles,
// months (followed by a day), and the like.
constexpr std::array<const char*, 52> kTitleAbbrevs = {
    "mr",   "mrs",  "ms",   "dr",   "prof", "gen", "sen",    "rep",  "gov",    "lt",  "col",
    "capt", "maj",  "sgt",  "cpl",  "adm",  "rev", "hon",    "pres", "st",     "mt",  "ft",
    "vs",   "v",    "nos",  "vol",  "fig",  "jan", "feb",    "mar",  "apr",    "jun", "jul",
    "aug",  "sep",  "sept", "oct",  "nov",  "dec", "approx", "cf",   "messrs", "mme", "gens",
    "supt", "insp", "det",  "cmdr", "brig", "ave", "dept",   "pp"};
// Abbreviations that may also end a sentence.
constexpr std::array<const char*, 46> kOtherAbbrevs = {
    "inc",  "corp", "ltd",  "co",   "bros",  "jr",   "sr",   "etc",  "al",  "blvd", "rd",  "univ",
    "est",  "ala",  "ariz", "ark",  "calif", "colo", "conn", "del",  "fla", "ga",   "ill", "ind",
    "kan",  "ky",   "la",   "md",   "mass",  "mich", "minn", "miss", "mo",  "mont", "neb", "nev",
    "okla", "ore",  "pa",   "tenn", "tex",   "va",   "vt",   "wash", "wis", "wyo"};
// Capitalized words that start sentences often and proper nouns rarely: after "U.S." or
// "Inc." they signal a sentence boundary.
constexpr std::array<const char*, 58> kStarters = {
    "the",   "a",     "an",   "he",    "she",   "it",     "they",     "we",        "i",
    "you",   "but",   "and",  "in",    "on",    "this",   "that",     "these",     "those",
    "there", "his",   "her",  "its",   "their", "our",    "as",       "at",        "for",
    "if",    "so",    "when", "while", "after", "before", "however",  "meanwhile", "also",
    "some",  "many",  "most", "what",  "who",   "why",    "how",      "where",     "one",
    "both",  "all",   "no",   "yet",   "then",  "since",  "although", "though",    "because",
    "still", "other", "such", "my"};
// Prefixes kept attached by a hyphen, as in EWT/GUM (e-mail, non-stop, co-founder).
constexpr std::array<const char*, 36> kHyphenPrefixes = {
    "e",    "non",  "co",     "pre",   "post",  "re",    "semi",    "pro",   "multi",
    "mid",  "ex",   "anti",   "pan",   "sub",   "inter", "counter", "de",    "un",
    "bi",   "tri",  "neo",    "quasi", "ultra", "mega",  "micro",   "mini",  "extra",
    "vice", "self", "psycho", "over",  "under", "cross", "intra",   "trans", "x"};

enum class Abbrev { kNone, kTitle, kOther };

// `w` is a word that ends with '.'.
Abbrev ClassifyAbbrev(std::string_view w) {
  std::string_view core = w.substr(0, w.size() - 1);
  if (core.empty()) return Abbrev::kNone;
  // Single letter: an initial ("J. Smith") or a list label.
  size_t next;
  UChar32 c0 = At(core, 0, &next);
  if (next == core.size() && u_isalpha(c0)) return u_isupper(c0) ? Abbrev::kTitle : Abbrev::kOther;
  // Letter-period sequences: U.S, e.g, a.m, U.N.
  bool dotted = core.find('.') != std::string_view::npos;
  if (dotted) {
    bool ok = true;
    for (size_t i = 0; i < core.size(); ++i) {
      char c = core[i];
      bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
      if (i % 2 == 0 ? !letter : c != '.') ok = false;
    }
    if (ok) return Abbrev::kOther;
  }
  std::string lower = LowerAscii(core);
  if (InList(kTitleAbbrevs, lower)) return Abbrev::kTitle;
  if (InList(kOtherAbbrevs, lower)) return Abbrev::kOther;
  // "R-Ariz.": the part after the last hyphen decides.
  if (size_t h = core.rfind('-'); h != std::string_view::npos && h + 1 < core.size())
    return ClassifyAbbrev(w.substr(h + 1));
  return Abbrev::kNone;
}

bool IsUrlStart(std::string_view w) {
  std::string l = LowerAscii(w.substr(0, std::min<size_t>(w.size(), 8)));
  return l.starts_with("http://") || l.starts_with("https://") || l.starts_with("www.") ||
         l.starts_with("ftp://");
}
bool IsEmail(std::string_view w) {
  size_t at = w.find('@');
  if (at == std::string_view::npos || at == 0) return false;
  size_t dot = w.find('.', at);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < w.size();
}

// Splits the inside of a chunk (no leading or trailing punctuation left) into tokens.
void SplitCore(std::string_view text, size_t a, size_t b, std::vector<Span>* out) {
  if (a >= b) return;
  std::string_view w = text.substr(a, b - a);
  std::string lw = LowerAscii(w);
  // Whole-word splits of EWT multiword tokens.
  struct Fixed {
    const char* word;
    size_t cut;
  };
  static constexpr Fixed kFixed[] = {{"cannot", 3}, {"gonna", 3}, {"wanna", 3}, {"gotta", 3}};
  for (const Fixed& f : kFixed) {
    if (lw == f.word) {
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(a + f.cut)});
      out->push_back({static_cast<uint32_t>(a + f.cut), static_cast<uint32_t>(b)});
      return;
    }
  }
  // Internal split points.
  size_t start = a;
  size_t i = a;
  auto flush = [&](size_t end) {
    if (end > start) out->push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(end)});
  };
  std::vector<Span> pieces;
  while (i < b) {
    size_t next;
    UChar32 c = At(text, i, &next);
    UChar32 prev = i > a ? Before(text, i) : 0;
    UChar32 after = next < b ? At(text, next) : 0;
    bool split_here = false;
    size_t tok_end = next;
    if (IsDash(c) || c == 0x2026 || c == '(' || c == ')' || c == '[' || c == ']' || c == '"' ||
        c == 0x201C || c == 0x201D || c == ';' || c == '!' || c == '?') {
      split_here = true;
    } else if (c == '-' && after == '-') {
      split_here = true;
      while (tok_end < b && text[tok_end] == '-') ++tok_end;
    } else if (c == '.' && after == '.') {
      split_here = true;
      while (tok_end < b && text[tok_end] == '.') ++tok_end;
    } else if (c == '-' && i > a && prev == '.' && u_isalpha(after)) {
      split_here = true;  // U.S.-led → U.S. - led
    } else if (c == '-' && i > a && IsAlnum(prev) && IsAlnum(after)) {
      // Hyphen between word characters: EWT splits it (green - light, 26 - member) except
      // after common prefixes and inside digit groups (phone numbers, ranges like 4-12).
      std::string left = LowerAscii(text.substr(start, i - start));
      bool digits_both = IsDigit(prev) && IsDigit(after);
      split_here = !digits_both && !InList(kHyphenPrefixes, left);
    } else if ((c == ',' || c == '/' || c == ':') && i > a) {
      split_here = !(IsDigit(prev) && IsDigit(after));
    } else if (c == ',' || c == '/') {
      split_here = true;
    }
    if (split_here) {
      flush(i);
      out->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(tok_end)});
      start = tok_end;
      i = tok_end;
      continue;
    }
    i = next;
  }
  flush(b);
}

// Splits clitics off the end of a word token: do|n't, Russia|'s, they|'re (straight or curly).
void SplitClitics(std::string_view text, std::vector<Span>* toks, size_t from) {
  std::vector<Span> result(toks->begin(), toks->begin() + static_cast<long>(from));
  for (size_t k = from; k < toks->size(); ++k) {
    Span s = (*toks)[k];
    std::string_view w = text.substr(s.begin, s.end - s.begin);
    std::string lw = LowerAscii(w);
    size_t cut = std::string::npos;
    auto ends_with_clitic = [&](std::string_view clitic_ascii, size_t* at) {
      // clitic_ascii begins with an apostrophe; match ' or ’ (3 bytes).
      std::string_view rest = clitic_ascii.substr(1);
      if (lw.size() < rest.size() + 2) return false;
      if (lw.compare(lw.size() - rest.size(), rest.size(), rest) != 0) return false;
      size_t apos_end = lw.size() - rest.size();
      if (lw[apos_end - 1] == '\'') {
        *at = apos_end - 1;
        return true;
      }
      if (apos_end >= 3 && lw.compare(apos_end - 3, 3, "\xE2\x80\x99") == 0) {
        *at = apos_end - 3;
        return true;
      }
      return false;
    };
    size_t at;
    if (ends_with_clitic("'t", &at) && at >= 1 && lw[at - 1] == 'n' && at >= 2) {
      cut = at - 1;  // do|n't, ca|n't, wo|n't
    } else {
      for (const char* c : {"'s", "'re", "'ve", "'ll", "'d", "'m"}) {
        if (ends_with_clitic(c, &at) && at > 0) {
          cut = at;
          break;
        }
      }
    }
    if (cut != std::string::npos && cut > 0) {
      result.push_back({s.begin, static_cast<uint32_t>(s.begin + cut)});
      result.push_back({static_cast<uint32_t>(s.begin + cut), s.end});
    } else {
      result.push_back(s);
    }
  }
  *toks = std::move(result);
}

// Tokenizes one whitespace-free chunk [a, b).
void SplitChunk(std::string_view text, size_t a, size_t b, std::vector<Span>* out) {
  size_t first = out->size();
  // Leading punctuation: opening brackets and quotes, dashes, currency signs.
  while (a < b) {
    size_t next;
    UChar32 c = At(text, a, &next);
    if (IsOpening(c) || IsDash(c)) {
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(next)});
      a = next;
    } else if (c == '\'' && next < b && u_isalpha(At(text, next))) {
      // 'quoted' — but keep 's 're 'em 'til 'cause as words.
      std::string rest = LowerAscii(text.substr(next, b - next));
      bool clitic = rest == "s" || rest == "re" || rest == "ve" || rest == "ll" || rest == "d" ||
                    rest == "m" || rest == "em" || rest == "til" || rest == "cause" || rest == "t";
      if (clitic) break;
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(next)});
      a = next;
    } else if ((c == '$' || c == 0xA3 || c == 0x20AC || c == 0xA5 || c == '#') && next < b) {
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(next)});
      a = next;
    } else if (c == '-' && next < b && text[next] == '-') {
      size_t e = next;
      while (e < b && text[e] == '-') ++e;
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(e)});
      a = e;
    } else if (c == '.' && next < b && text[next] == '.') {
      size_t e = next;
      while (e < b && text[e] == '.') ++e;
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(e)});
      a = e;
    } else {
      break;
    }
  }
  if (a >= b) return;
  // URLs and e-mail addresses stay whole (minus trailing punctuation).
  std::vector<Span> tail;  // trailing tokens, collected right to left
  std::string_view rest = text.substr(a, b - a);
  bool url = IsUrlStart(rest) || IsEmail(rest);
  // Trailing punctuation.
  while (b > a) {
    size_t start;
    UChar32 c = Before(text, b, &start);
    if (c == '.') {
      size_t s = start;
      while (s > a && text[s - 1] == '.') --s;
      if (b - s >= 2) {  // "..." ellipsis
        tail.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(b)});
        b = s;
        continue;
      }
      if (!url && ClassifyAbbrev(text.substr(a, b - a)) != Abbrev::kNone) break;
      tail.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(b)});
      b = start;
      continue;
    }
    if (c == '!' || c == '?') {
      size_t s = start;
      while (s > a && (text[s - 1] == '!' || text[s - 1] == '?')) --s;
      tail.push_back({static_cast<uint32_t>(s), static_cast<uint32_t>(b)});
      b = s;
      continue;
    }
    bool peel = c == ',' || c == ';' || c == ':' || c == 0x2026 || c == '%' || IsDash(c) ||
                (IsClosing(c) && !(url && c == ')' && rest.find('(') != std::string_view::npos));
    if (c == '\'' || c == 0x2019) {
      // Closing quote or plural possessive (parents'); but keep "ta'"-like words rare enough.
      peel = b - a > 1;
    }
    if (!peel) break;
    tail.push_back({static_cast<uint32_t>(start), static_cast<uint32_t>(b)});
    b = start;
  }
  if (b > a) {
    if (url) {
      out->push_back({static_cast<uint32_t>(a), static_cast<uint32_t>(b)});
    } else {
      size_t core_from = out->size();
      SplitCore(text, a, b, out);
      SplitClitics(text, out, core_from);
    }
  }
  for (auto it = tail.rbegin(); it != tail.rend(); ++it) out->push_back(*it);
  (void)first;
}

struct Tok {
  Span span;
  int newlines_before;  // newlines in the whitespace before the token
  bool space_before;
};

bool IsTerminal(std::string_view w) {
  if (w.empty()) return false;
  if (w == "\xE2\x80\xA6") return true;  // …
  for (char c : w)
    if (c != '.' && c != '!' && c != '?') return false;
  return true;
}
bool IsClosingTok(std::string_view w) {
  return w == ")" || w == "]" || w == "}" || w == "\"" || w == "'" || w == "\xE2\x80\x9D" ||
         w == "\xE2\x80\x99" || w == "\xC2\xBB";
}

// Does the token look like the first word of a sentence?
bool StartsSentence(std::string_view text, const Tok& t) {
  UChar32 c = At(text, t.span.begin);
  return u_isupper(c) || u_istitle(c) || IsDigit(c) || IsOpening(c) || IsDash(c) || c == '\'' ||
         c == 0x2018;
}

}  // namespace

Status Tokenize(std::string_view text, std::vector<Sentence>* out) {
  if (text.size() >= (uint64_t{1} << 31))
    return Status::InvalidArgument("text too large for the tokenizer (" +
                                   std::to_string(text.size()) + " bytes; limit 2 GiB)");
  if (size_t bad = FindInvalidUtf8(text); bad != std::string_view::npos)
    return Status::InvalidArgument("invalid UTF-8 at byte " + std::to_string(bad));
  if (const void* nul = std::memchr(text.data(), '\0', text.size()); nul != nullptr)
    return Status::InvalidArgument("NUL byte at byte " +
                                   std::to_string(static_cast<const char*>(nul) - text.data()) +
                                   " (binary input?)");

  // 1. Chunks between whitespace, then tokens.
  std::vector<Tok> toks;
  std::vector<Span> spans;
  size_t i = 0;
  int newlines = 2;  // the text start acts as a paragraph start
  bool space = false;
  while (i < text.size()) {
    size_t next;
    UChar32 c = At(text, i, &next);
    if (IsSpace(c) || c < 0x20) {
      if (c == '\n' || c == 0x2029 || c == 0x2028) ++newlines;
      space = true;
      i = next;
      continue;
    }
    size_t j = next;
    while (j < text.size()) {
      size_t n2;
      UChar32 d = At(text, j, &n2);
      if (IsSpace(d) || d < 0x20) break;
      j = n2;
    }
    spans.clear();
    SplitChunk(text, i, j, &spans);
    for (size_t k = 0; k < spans.size(); ++k)
      toks.push_back({spans[k], k == 0 ? newlines : 0, k == 0 && space});
    newlines = 0;
    space = false;
    i = j;
  }

  auto word = [&](size_t k) {
    return text.substr(toks[k].span.begin, toks[k].span.end - toks[k].span.begin);
  };
  // "No. 10", "Nos. 3": the period belongs to the abbreviation when a number follows (the
  // chunk splitter cannot tell "No. 10" from "He said no.").
  {
    size_t kept = 0;
    for (size_t k = 0; k < toks.size(); ++k) {
      if (kept > 0 && k + 1 < toks.size() && word(k) == "." &&
          toks[k].span.begin == toks[kept - 1].span.end) {
        std::string_view prev = word(kept - 1);
        if ((prev == "No" || prev == "no" || prev == "Nos" || prev == "nos") &&
            IsDigit(At(text, toks[k + 1].span.begin))) {
          toks[kept - 1].span.end = toks[k].span.end;
          continue;
        }
      }
      toks[kept++] = toks[k];
    }
    toks.resize(kept);
  }

  // 2. Sentence boundaries.
  // Quotations: a sentence never ends inside a quotation that closes in the same paragraph
  // ("We would be satisfied. Our representatives could meet," he told AFP.). Straight quotes
  // alternate open/close; unclosed quotes (multi-paragraph quotations) protect nothing.
  std::vector<bool> inside(toks.size(), false);
  {
    long open = -1;
    for (size_t k = 0; k < toks.size(); ++k) {
      if (toks[k].newlines_before >= 2) open = -1;
      std::string_view w = word(k);
      bool straight = w == "\"";
      bool curly_open = w == "\xE2\x80\x9C";
      bool curly_close = w == "\xE2\x80\x9D";
      if (!straight && !curly_open && !curly_close) continue;
      if (curly_open || (straight && open < 0)) {
        open = static_cast<long>(k);
      } else if (open >= 0) {
        for (size_t q = static_cast<size_t>(open) + 1; q <= k; ++q) inside[q] = true;
        open = -1;
      }
    }
  }
  Sentence current;
  auto close = [&]() {
    if (current.tokens.empty()) return;
    current.begin = current.tokens.front().begin;
    current.end = current.tokens.back().end;
    out->push_back(std::move(current));
    current = Sentence();
  };
  for (size_t k = 0; k < toks.size(); ++k) {
    if (k > 0) {
      const Tok& t = toks[k];
      bool brk = false;
      if (t.newlines_before >= 2) {
        brk = true;
      } else if (t.newlines_before == 1) {
        // A line that ends without terminal punctuation is a headline or list item.
        size_t p = k - 1;
        while (p > 0 && IsClosingTok(word(p))) --p;
        std::string_view pw = word(p);
        if (IsTerminal(pw)) {
          brk = StartsSentence(text, t);
        } else if (pw.size() > 1 && pw.back() == '.' && ClassifyAbbrev(pw) != Abbrev::kNone) {
          brk = ClassifyAbbrev(pw) == Abbrev::kOther && StartsSentence(text, t);
        } else {
          brk = true;
        }
      } else {
        // Terminal punctuation (plus closing quotes/brackets glued to it) before a word that
        // starts a sentence.
        size_t p = k - 1;
        while (p > 0 && IsClosingTok(word(p)) && !toks[p].space_before) --p;
        std::string_view pw = word(p);
        if (IsTerminal(pw)) {
          brk = StartsSentence(text, t);
          // A closing quote after the boundary candidate that has a space before it opens
          // the next sentence rather than closing this one: only break before it.
          if (brk && p + 1 < k && toks[p + 1].space_before) brk = false;
        } else if (p == k - 1 && pw.size() > 2 && pw.back() == '.' &&
                   ClassifyAbbrev(pw) == Abbrev::kOther) {
          // "... in the U.S. The ..." — break only before a typical sentence opener.
          std::string lw = LowerAscii(word(k));
          brk = StartsSentence(text, t) &&
                (InList(kStarters, lw) || IsOpening(At(text, t.span.begin)));
        }
      }
      // Never break before a closing quote or bracket glued to the previous token, nor
      // inside a quotation.
      if (brk && t.newlines_before < 2 && (inside[k] || (!t.space_before && IsClosingTok(word(k)))))
        brk = false;
      if (brk) close();
    }
    Token tok;
    tok.begin = toks[k].span.begin;
    tok.end = toks[k].span.end;
    tok.form = std::string(word(k));
    current.tokens.push_back(std::move(tok));
  }
  close();
  return Status::Ok();
}

}  // namespace kgraph::nlp
