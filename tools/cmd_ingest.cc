// `kgraph ingest PATH…`: read articles, extract, and store each document atomically.
#include <unistd.h>

#include <chrono>
#include <iostream>

#include "tools/command.h"
#include "tools/extraction_runner.h"

namespace kgraph::cli {
namespace {

struct IngestOptions {
  std::vector<std::string> paths;
  std::string schema;
};

int RunIngest(const IngestOptions& o, const GlobalOptions& g) {
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> files;
  if (Status s = ListArticleFiles(o.paths, &files); !s.ok()) return Fail(s);
  auto runner = ExtractionRunner::Create(o.schema);
  if (!runner.ok()) return Fail(runner.status());
  auto store = OpenStore(g, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  bool tty = isatty(STDERR_FILENO) && !g.quiet;
  size_t added = 0, replaced = 0, unchanged = 0, sentences = 0, statements = 0, entities = 0;
  std::vector<std::string> skipped;
  for (size_t i = 0; i < files.size(); ++i) {
    if (tty && files.size() > 1)
      std::cerr << "\r[" << i + 1 << "/" << files.size() << "] " << files[i].substr(0, 60) << "\033[K" << std::flush;
    std::vector<std::string> warnings;
    auto docs = (*runner)->Run(files[i], &warnings);
    for (const std::string& w : warnings) {
      if (tty) std::cerr << "\n";
      std::cerr << "kgraph: warning: " << w << "\n";
    }
    if (!docs.ok()) {
      skipped.push_back(docs.status().message());
      continue;
    }
    for (ExtractedDocument& ed : *docs) {
      DocumentBatch batch;
      batch.document = std::move(ed.document);
      batch.entities = std::move(ed.extraction.entities);
      batch.statements = std::move(ed.extraction.statements);
      auto outcome = (*store)->WriteDocument(batch);
      if (!outcome.ok()) {
        if (tty) std::cerr << "\n";
        return Fail(outcome.status());  // a store error stops the run; earlier documents stay
      }
      added += *outcome == WriteOutcome::kAdded;
      replaced += *outcome == WriteOutcome::kReplaced;
      unchanged += *outcome == WriteOutcome::kUnchanged;
      sentences += ed.sentences;
      statements += batch.statements.size();
      entities += batch.entities.size();
    }
  }
  if (tty && files.size() > 1) std::cerr << "\r\033[K";
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!g.quiet) {
    std::cerr << "ingested " << files.size() - skipped.size() << " of " << files.size() << " files: "
              << added << " documents added, " << replaced << " replaced, " << unchanged
              << " unchanged; " << sentences << " sentences, " << entities << " entity mentions, "
              << statements << " statements in " << seconds << " s";
    if (seconds > 0) std::cerr << " (" << static_cast<long>(sentences / seconds) << " sentences/s)";
    std::cerr << "\n";
    for (const std::string& s : skipped) std::cerr << "kgraph: skipped " << s << "\n";
  }
  return skipped.empty() ? kExitOk : kExitBadInput;
}

std::function<int()> SetupIngest(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<IngestOptions>();
  CLI::App* cmd = app.add_subcommand("ingest", "Extract triples from articles and store them");
  cmd->add_option("paths", opts->paths, "Article files or directories (walked recursively)")->required();
  cmd->add_option("--schema", opts->schema, "Relation schema file (default: seeds/schema.json)");
  cmd->footer("Example:\n  kgraph ingest seeds/\n  kgraph --db news.db ingest articles/ more.jsonl");
  return [opts, &g] { return RunIngest(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(10, SetupIngest);
}  // namespace kgraph::cli
