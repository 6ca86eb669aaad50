// Article readers: plain-text news (seed style, topical layout, BBC), Reuters-21578 SGML and
// JSON Lines ({"id","title","date","text"}) turned into core Documents with their metadata.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kgraph {

// One file the readers could not use, with the reason.
struct SkippedFile {
  std::string path;
  std::string reason;
};

struct ArticleBatch {
  std::vector<Document> documents;
  std::vector<std::string> warnings;  // e.g. "x.txt: not valid UTF-8, read as Latin-1"
  std::vector<SkippedFile> skipped;
};

// Parses one plain-text article: headline, publication date, dateline, agency/byline; drops
// breadcrumb boilerplate. document.text holds the body paragraphs (dateline and agency removed).
Document ParseArticleText(std::string_view text, const std::string& source_path);

// Parses a date written as ISO (2009-03-05), day-first numeric (05/03/2009), "March 5, 2009"
// or "5 March 2009", or Reuters "26-FEB-1987"; returns "YYYY-MM-DD" or "".
std::string ParseDate(std::string_view text);

// Documents of a Reuters-21578 SGML file (articles without a body are left out).
std::vector<Document> ParseReutersSgml(std::string_view content, const std::string& source_path);

// Documents of a JSON Lines file; errors name the line.
Result<std::vector<Document>> ParseArticleJsonl(std::string_view content,
                                                const std::string& source_path);

// Reads files and directories (recursively, in sorted order). A file that cannot be read or
// parsed is reported in `skipped`; invalid UTF-8 is converted from Latin-1 with a warning.
ArticleBatch ReadArticles(const std::vector<std::string>& paths);

}  // namespace kgraph
