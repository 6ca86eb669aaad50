// `kgraph import FILE…`: statements given directly, as JSON Lines (the extract format) or
// N-Triples. Every file is validated completely before anything from it is written; each
// document is written atomically.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "ingest/readers/ntriples_import.h"
#include "ingest/readers/statement_jsonl.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  std::string format = "auto";
};

Result<std::string> ReadInput(const std::string& file) {
  std::stringstream ss;
  if (file == "-") {
    ss << std::cin.rdbuf();
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    return Status::InvalidArgument(file + ": is a directory (import takes files)");
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return Status::InvalidArgument(file + ": cannot open file");
  std::streamoff size = in.tellg();
  if (size < 0) return Status::InvalidArgument(file + ": not a regular file");
  std::string content(static_cast<size_t>(size), '\0');
  in.seekg(0);
  in.read(content.data(), size);
  if (!in) return Status::InvalidArgument(file + ": read error");
  return content;
}

std::string DetectFormat(const std::string& file, std::string_view content) {
  auto ends_with = [&](std::string_view suffix) { return file.ends_with(suffix); };
  if (ends_with(".nt") || ends_with(".ntriples")) return "nt";
  if (ends_with(".jsonl") || ends_with(".json") || ends_with(".ndjson")) return "jsonl";
  size_t first = content.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && content[first] == '{') return "jsonl";
  return "nt";
}

struct Counts {
  size_t documents_added = 0, documents_unchanged = 0, documents_replaced = 0, statements = 0;
};

void Tally(WriteOutcome outcome, Counts* counts) {
  if (outcome == WriteOutcome::kAdded) ++counts->documents_added;
  if (outcome == WriteOutcome::kUnchanged) ++counts->documents_unchanged;
  if (outcome == WriteOutcome::kReplaced) ++counts->documents_replaced;
}

Status ImportNTriplesFile(Store* store, const std::string& file, const std::string& content,
                          Counts* counts) {
  // Piped inputs have no path: name each by its content so that two different pipes add up
  // instead of replacing each other as versions of one file would.
  std::string source = file == "-" ? "stdin:" + FormatDocId(DocumentIdForText(content)) : file;
  auto result = ImportNTriples(store, content, source);
  if (!result.ok()) return result.status();
  Tally(result->outcome, counts);
  if (result->outcome != WriteOutcome::kUnchanged) counts->statements += result->statements;
  return Status::Ok();
}

Status ImportJsonl(Store* store, const std::string& file, const std::string& content,
                   Counts* counts) {
  auto batches = ParseStatementJsonl(content, file == "-" ? "<stdin>" : file);
  if (!batches.ok()) return batches.status();
  for (const DocumentBatch& batch : *batches) {
    auto outcome = store->WriteDocument(batch);
    if (!outcome.ok()) return outcome.status();
    Tally(*outcome, counts);
    if (*outcome != WriteOutcome::kUnchanged) counts->statements += batch.statements.size();
  }
  return Status::Ok();
}

int RunImport(const ImportOptions& o, const GlobalOptions& g) {
  // Read and check every input before opening the store for writing.
  std::vector<std::pair<std::string, std::string>> inputs;
  for (const std::string& file : o.files) {
    auto content = ReadInput(file);
    if (!content.ok()) return Fail(content.status());
    inputs.emplace_back(file, std::move(*content));
  }
  auto store = OpenStore(g, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  Counts counts;
  for (auto& [file, content] : inputs) {
    std::string format = o.format == "auto" ? DetectFormat(file, content) : o.format;
    Status s = format == "nt" ? ImportNTriplesFile(store->get(), file, content, &counts)
                              : ImportJsonl(store->get(), file, content, &counts);
    if (!s.ok()) return Fail(s);
  }
  if (!g.quiet)
    std::cerr << "imported " << counts.statements << " statements: " << counts.documents_added
              << " documents added, " << counts.documents_replaced << " replaced, "
              << counts.documents_unchanged << " unchanged\n";
  return kExitOk;
}

std::function<int()> SetupImport(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<ImportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "import", "Import statements from JSON Lines (the extract format) or N-Triples");
  cmd->add_option("files", opts->files, "Input files; '-' reads standard input")->required();
  cmd->add_option("--format", opts->format, "auto (by extension/content), jsonl or nt")
      ->check(CLI::IsMember({"auto", "jsonl", "nt"}));
  cmd->footer(
      "Examples:\n  kgraph import statements.jsonl\n  kgraph import dump.nt\n"
      "  kgraph query --format jsonl | kgraph --db copy.db import -");
  return [opts, &g] { return RunImport(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(20, SetupImport);
}  // namespace kgraph::cli
