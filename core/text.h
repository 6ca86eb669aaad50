// Small text helpers shared by every layer: alias normalization, IRI slugs, content hashing,
// UTF-8 validation and escaping. Pure functions, no state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/model.h"

namespace kgraph {

// The key under which an alias is indexed: Unicode case-folded, whitespace runs collapsed to
// one space, trimmed, curly apostrophes made straight. "  Hillary  CLINTON " → "hillary clinton".
std::string NormalizeAlias(std::string_view text);

// A stable, IRI-safe slug: lowercase ASCII letters and digits kept, other ASCII runs become '_',
// non-ASCII bytes percent-encoded. "Jaap de Hoop Scheffer" → "jaap_de_hoop_scheffer".
std::string Slugify(std::string_view text);

// The path under a base IRI that names an entity: "country/russia", "person/dmitry_rogozin".
std::string EntitySlug(EntityType type, std::string_view canonical_name);

// 64-bit FNV-1a over bytes, finished with a strong mix. Stable across platforms and runs.
uint64_t Hash64(std::string_view bytes);

// The document id: Hash64 of the content with line endings unified and trailing spaces and
// blank-line runs folded, so cosmetic whitespace changes do not make a new document.
DocId DocumentIdForText(std::string_view text);

// Returns the byte offset of the first invalid UTF-8 sequence, or npos when valid.
size_t FindInvalidUtf8(std::string_view text);

// Appends `text` as the inside of a JSON string (quotes not included), escaping as RFC 8259
// requires. Invalid UTF-8 bytes become U+FFFD.
void AppendJsonEscaped(std::string& out, std::string_view text);
std::string JsonQuote(std::string_view text);

// Walks the lines of a text without copying ("\n"-separated; a final line without "\n" counts).
//   LineCursor lines(text);
//   for (std::string_view line; lines.Next(&line);) use(line, lines.number());
class LineCursor {
 public:
  explicit LineCursor(std::string_view text) : text_(text) {}
  bool Next(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    *line = text_.substr(pos_, end - pos_);
    pos_ = end + 1;
    ++number_;
    return true;
  }
  size_t number() const { return number_; }  // 1-based number of the last line returned

 private:
  std::string_view text_;
  size_t pos_ = 0;
  size_t number_ = 0;
};

// Converts Latin-1 (ISO 8859-1) bytes to UTF-8.
std::string Latin1ToUtf8(std::string_view text);

}  // namespace kgraph
