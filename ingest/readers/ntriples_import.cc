// N-Triples import: parse and intern line by line, then one atomic bulk load.
#include "ingest/readers/ntriples_import.h"

#include "core/bulk_loader.h"
#include "core/text.h"
#include "ingest/readers/ntriples.h"

namespace kgraph {

Result<NTriplesImportResult> ImportNTriples(Store* store, std::string_view text,
                                            const std::string& source_path) {
  BulkLoader loader(store);
  NtTriple t;
  LineCursor lines(text);
  auto where = [&] { return source_path + ":" + std::to_string(lines.number()); };
  for (std::string_view line; lines.Next(&line);) {
    auto parsed = ParseNTriplesLine(line, &t);
    if (!parsed.ok()) return parsed.status().WithContext(where());
    if (!*parsed) continue;
    if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos)
      return Status::InvalidArgument(where() + ": invalid UTF-8 at byte " +
                                     std::to_string(bad + 1));
    auto s = loader.Intern(t.subject.kind, t.subject.text);
    if (!s.ok()) return s.status();
    auto p = loader.Intern(TermKind::kIri, t.predicate.text);
    if (!p.ok()) return p.status();
    auto o = loader.Intern(t.object.kind, t.object.text);
    if (!o.ok()) return o.status();
    loader.Add(Triple{*s, *p, *o}, static_cast<uint32_t>(lines.number()));
  }
  Document doc;
  doc.id = DocumentIdForText(text);
  doc.source_path = source_path;
  NTriplesImportResult result;
  result.statements = loader.size();
  auto outcome = loader.Finish(doc, "import-nt");
  if (!outcome.ok()) return outcome.status();
  result.outcome = *outcome;
  return result;
}

}  // namespace kgraph
