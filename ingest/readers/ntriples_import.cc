// N-Triples import: parse and intern line by line, then one atomic bulk load.
#include "ingest/readers/ntriples_import.h"

#include <array>

#include "core/bulk_loader.h"
#include "core/text.h"
#include "ingest/readers/ntriples.h"

namespace kgraph {

constexpr std::string_view kMethod = "import-nt";

Result<NTriplesImportResult> ImportNTriples(Store* store, std::string_view text,
                                            const std::string& source_path) {
  BulkLoader loader(store);
  Document doc;
  doc.id = DocumentIdForText(text);
  doc.source_path = source_path;
  loader.StartProvenanceWriter(doc, kMethod);
  // Lines are parsed and checked one by one (errors name their line), then interned in
  // batches so that the hash-table misses of a batch overlap (BulkLoader::Prefetch).
  constexpr size_t kBatch = 64;
  std::array<NtTriple, kBatch> triples;
  std::array<uint32_t, kBatch> line_numbers;
  std::array<uint64_t, 3 * kBatch> hashes;
  size_t pending = 0;
  auto flush = [&]() -> Status {
    for (size_t i = 0; i < pending; ++i) {
      const NtTriple& t = triples[i];
      hashes[3 * i] = BulkLoader::TermHash(t.subject.kind, t.subject.text);
      hashes[3 * i + 1] = BulkLoader::TermHash(TermKind::kIri, t.predicate.text);
      hashes[3 * i + 2] = BulkLoader::TermHash(t.object.kind, t.object.text);
      for (size_t k = 0; k < 3; ++k) loader.Prefetch(hashes[3 * i + k]);
    }
    for (size_t i = 0; i < 3 * pending; ++i) loader.PrefetchText(hashes[i]);
    for (size_t i = 0; i < pending; ++i) {
      const NtTriple& t = triples[i];
      auto s = loader.InternHashed(t.subject.kind, t.subject.text, hashes[3 * i]);
      if (!s.ok()) return s.status();
      auto p = loader.InternHashed(TermKind::kIri, t.predicate.text, hashes[3 * i + 1]);
      if (!p.ok()) return p.status();
      auto o = loader.InternHashed(t.object.kind, t.object.text, hashes[3 * i + 2]);
      if (!o.ok()) return o.status();
      loader.Add(Triple{*s, *p, *o}, line_numbers[i]);
    }
    pending = 0;
    return Status::Ok();
  };
  LineCursor lines(text);
  auto where = [&] { return source_path + ":" + std::to_string(lines.number()); };
  for (std::string_view line; lines.Next(&line);) {
    auto parsed = ParseNTriplesLine(line, &triples[pending]);
    if (!parsed.ok()) return parsed.status().WithContext(where());
    if (!*parsed) continue;
    if (size_t bad = FindInvalidUtf8(line); bad != std::string_view::npos)
      return Status::InvalidArgument(where() + ": invalid UTF-8 at byte " +
                                     std::to_string(bad + 1));
    line_numbers[pending] = static_cast<uint32_t>(lines.number());
    if (++pending == kBatch) KG_RETURN_IF_ERROR(flush());
  }
  KG_RETURN_IF_ERROR(flush());
  NTriplesImportResult result;
  result.statements = loader.size();
  auto outcome = loader.Finish(doc, kMethod);
  if (!outcome.ok()) return outcome.status();
  result.outcome = *outcome;
  return result;
}

}  // namespace kgraph
