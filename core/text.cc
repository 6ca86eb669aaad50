// Implementation of the text helpers. Case folding uses ICU so that "ÉTATS-UNIS" and
// "États-Unis" index to the same alias.
#include "core/text.h"

#include <unicode/unistr.h>

#include <array>
#include <cstdio>
#include <cstring>

namespace kgraph {

std::string NormalizeAlias(std::string_view text) {
  std::string collapsed;
  collapsed.reserve(text.size());
  bool pending_space = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = !collapsed.empty();
      continue;
    }
    if (pending_space) collapsed.push_back(' ');
    pending_space = false;
    // U+2019 RIGHT SINGLE QUOTATION MARK (E2 80 99) and U+2018 → '
    if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(text[i + 2]) == 0x99 ||
         static_cast<unsigned char>(text[i + 2]) == 0x98)) {
      collapsed.push_back('\'');
      i += 2;
      continue;
    }
    collapsed.push_back(static_cast<char>(c));
  }
  bool ascii = true;
  for (char c : collapsed) ascii &= static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    for (char& c : collapsed)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return collapsed;
  }
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(collapsed);
  u.foldCase();
  std::string out;
  u.toUTF8String(out);
  return out;
}

std::string Slugify(std::string_view text) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  bool pending_sep = false;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      if (pending_sep && !out.empty()) out.push_back('_');
      pending_sep = false;
      if (c >= 0x80) {
        out.push_back('%');
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
      } else {
        out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      }
    } else {
      pending_sep = true;
    }
  }
  if (out.empty()) out = "_";
  return out;
}

std::string EntitySlug(EntityType type, std::string_view canonical_name) {
  std::string_view type_name = EntityTypeName(type);
  std::string prefix = type_name.empty() ? std::string("thing") : Slugify(type_name);
  return prefix + "/" + Slugify(canonical_name);
}

namespace {
inline uint64_t Mix(uint64_t h) {
  // splitmix64 finalizer
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 31;
  return h;
}
}  // namespace

uint64_t Hash64(std::string_view bytes) {
  // Eight bytes per step (little-endian loads), then the tail; finished with a strong mix.
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (bytes.size() * 0xff51afd7ed558ccdULL);
  const char* p = bytes.data();
  size_t n = bytes.size();
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ Mix(w)) * 0x100000001b3ULL;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i)
    tail |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
  h = (h ^ Mix(tail ^ 0x5bd1e995ULL)) * 0x100000001b3ULL;
  return Mix(h);
}

DocId DocumentIdForText(std::string_view text) {
  // Hash of the normalized lines, computed line by line without building a normalized copy:
  // trailing spaces and \r dropped, runs of blank lines counted as one separator.
  uint64_t h = 0x6a09e667f3bcc909ULL;
  size_t pos = 0;
  bool pending_blank = false, any = false;
  while (pos <= text.size()) {
    const char* nl =
        static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    size_t end = nl ? static_cast<size_t>(nl - text.data()) : text.size();
    std::string_view line = text.substr(pos, end - pos);
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.empty()) {
      pending_blank = any;
    } else {
      h = Mix(h ^ (pending_blank ? 0x2545f4914f6cdd1dULL : 0x1ULL)) ^ Hash64(line);
      pending_blank = false;
      any = true;
    }
    pos = end + 1;
  }
  DocId id = Mix(h);
  return id == 0 ? 1 : id;  // 0 is reserved for "no document"
}

size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    // Fast path: eight ASCII bytes at a time.
    if (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, s + i, 8);
      if ((w & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (size_t k = 1; k < len; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    // Overlong forms, surrogates and out-of-range code points are invalid.
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return i;
    i += len;
  }
  return std::string_view::npos;
}

void AppendJsonEscaped(std::string& out, std::string_view text) {
  static const char* kHex = "0123456789abcdef";
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      size_t bad = FindInvalidUtf8(text.substr(i, std::min<size_t>(4, text.size() - i)));
      size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
      if (len == 1 || i + len > text.size() || (bad != std::string_view::npos && bad < len)) {
        out.append("\xEF\xBF\xBD");  // U+FFFD
        ++i;
      } else {
        out.append(text.substr(i, len));
        i += len;
      }
      continue;
    }
    switch (c) {
      case '"':
        out.append("\\\"");
        break;
      case '\\':
        out.append("\\\\");
        break;
      case '\n':
        out.append("\\n");
        break;
      case '\r':
        out.append("\\r");
        break;
      case '\t':
        out.append("\\t");
        break;
      case '\b':
        out.append("\\b");
        break;
      case '\f':
        out.append("\\f");
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out.append("\\u00");
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
}

std::string JsonQuote(std::string_view text) {
  std::string out = "\"";
  AppendJsonEscaped(out, text);
  out.push_back('"');
  return out;
}

std::string Latin1ToUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (unsigned char c : text) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

}  // namespace kgraph
