// `kgraph ingest PATH…`: reads articles, extracts entities and triples, and writes each document
// to the store atomically; progress on a terminal, a summary line, rejected files by name.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "ingest/extract/extractor.h"
#include "ingest/readers/article.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct IngestOptions {
  std::vector<std::string> paths;
  std::string schema;
};

int RunIngest(const IngestOptions& o, const GlobalOptions& g) {
  auto start = std::chrono::steady_clock::now();
  auto bundle = extract::LoadExtractor(o.schema);
  if (!bundle.ok()) return Fail(bundle.status());
  ArticleBatch batch = ReadArticles(o.paths);
  for (const std::string& w : batch.warnings)
    if (!g.quiet) std::cerr << "kgraph: warning: " << w << "\n";
  auto store = OpenStore(g, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  bool tty = isatty(STDERR_FILENO) != 0 && !g.quiet && batch.documents.size() > 20;
  size_t sentences = 0, entities = 0, statements = 0, written = 0, unchanged = 0;
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    const Document& doc = batch.documents[i];
    extract::Extraction ex;
    Status st = bundle->extractor->Extract(doc, &ex);
    if (!st.ok()) {
      batch.skipped.push_back({doc.source_path, st.message()});
      continue;
    }
    DocumentBatch b;
    b.document = doc;
    b.entities = std::move(ex.entities);
    b.statements = std::move(ex.statements);
    auto outcome = (*store)->WriteDocument(b);
    if (!outcome.ok()) return Fail(outcome.status());  // store errors stop the run
    if (*outcome == WriteOutcome::kUnchanged) ++unchanged;
    ++written;
    sentences += ex.sentences;
    entities += b.entities.size();
    statements += b.statements.size();
    if (tty && (i % 10 == 0 || i + 1 == batch.documents.size())) {
      size_t width = 40, done = (i + 1) * width / batch.documents.size();
      std::cerr << "\r[" << std::string(done, '#') << std::string(width - done, ' ') << "] "
                << i + 1 << "/" << batch.documents.size() << std::flush;
    }
  }
  if (tty) std::cerr << "\n";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  for (const SkippedFile& s : batch.skipped)
    std::cerr << "kgraph: skipped " << s.path << ": " << s.reason << "\n";
  if (!g.quiet) {
    char secs[32];
    std::snprintf(secs, sizeof(secs), "%.2f", seconds);
    std::cerr << "ingested " << written << " documents (" << unchanged << " unchanged), "
              << sentences << " sentences, " << entities << " entities, " << statements
              << " statements in " << secs << " s; " << batch.skipped.size() << " files skipped\n";
  }
  return batch.skipped.empty() ? kExitOk : kExitBadInput;
}

std::function<int()> SetupIngest(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<IngestOptions>();
  CLI::App* cmd =
      app.add_subcommand("ingest", "Read articles, extract entities and triples, and store them");
  cmd->add_option("paths", opts->paths, "Article files or directories (walked recursively)")
      ->required();
  cmd->add_option("--schema", opts->schema, "Relation schema file (default: seeds/schema.json)");
  cmd->footer("Examples:\n  kgraph ingest seeds/\n  kgraph ingest news/ --schema my-schema.json");
  return [opts, &g] { return RunIngest(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(12, SetupIngest);
}  // namespace kgraph::cli
