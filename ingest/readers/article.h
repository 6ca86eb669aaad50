// Article readers: plain-text news articles (seed style, BBC, the topical title/date/source
// layout), Reuters-21578 SGML and JSON Lines, into core Documents with headline, publication
// date, dateline, agency and byline found and site boilerplate dropped.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kgraph {

// Expands files and directories (walked recursively, sorted, hidden entries skipped; only
// .txt, .text, .jsonl, .ndjson, .sgm and extension-less files) into the list of files to read. Missing paths are errors naming the path.
Status ListArticleFiles(const std::vector<std::string>& paths, std::vector<std::string>* files);

// Reads every article in one file (a JSON Lines or SGML file may hold many). Text that is not
// valid UTF-8 is read as Latin-1 and converted, with a warning appended to `warnings`.
// Document.text is the cleaned story: the headline, a blank line, then the body paragraphs
// separated by blank lines, without dateline, byline or boilerplate. Ids are content hashes;
// source_path is `path` (with "#N" for the N-th article of a multi-article file).
Result<std::vector<Document>> ReadArticles(const std::string& path,
                                           std::vector<std::string>* warnings);

// Parses one plain-text article already in memory (exposed for tests).
Document ParsePlainArticle(const std::string& text, const std::string& source_path);

// "05/03/2009" (day first), "2009-03-05", "March 5, 2009", "5 March 2009" → "2009-03-05";
// "" when no date is recognized.
std::string ParseDate(const std::string& text);

}  // namespace kgraph
