// `kgraph extract PATH… --format jsonl`: runs the extraction pipeline and prints documents,
// entities and triples as JSON Lines (the format `kgraph import` reads) without a store.
#include <iostream>

#include "core/text.h"
#include "ingest/extract/extractor.h"
#include "ingest/readers/article.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  std::string schema;
  bool open = true;
};

void PrintEntityRef(std::string& out, const Term& t) {
  out += "{\"name\":" + JsonQuote(t.text) + ",\"type\":" + JsonQuote(EntityTypeName(t.type)) + "}";
}

int RunExtract(const ExtractOptions& o, const GlobalOptions& g) {
  auto bundle = extract::LoadExtractor(o.schema);
  if (!bundle.ok()) return Fail(bundle.status());
  ArticleBatch batch = ReadArticles(o.paths);
  for (const std::string& w : batch.warnings) std::cerr << "kgraph: warning: " << w << "\n";
  std::string out;
  for (const Document& doc : batch.documents) {
    extract::Extraction ex;
    Status st = bundle->extractor->Extract(doc, &ex);
    if (!st.ok()) {
      batch.skipped.push_back({doc.source_path, st.message()});
      continue;
    }
    out.clear();
    out += "{\"kind\":\"document\",\"doc\":" + JsonQuote(doc.source_path) +
           ",\"title\":" + JsonQuote(doc.title) + ",\"date\":" + JsonQuote(doc.date) +
           ",\"agency\":" + JsonQuote(doc.agency) + ",\"byline\":" + JsonQuote(doc.byline) +
           ",\"dateline\":" + JsonQuote(doc.dateline) + "}\n";
    for (const EntityInput& e : ex.entities) {
      out += "{\"kind\":\"entity\",\"doc\":" + JsonQuote(doc.source_path) +
             ",\"name\":" + JsonQuote(e.name) + ",\"type\":" + JsonQuote(EntityTypeName(e.type)) +
             ",\"aliases\":[";
      for (size_t i = 0; i < e.aliases.size(); ++i) out += (i ? "," : "") + JsonQuote(e.aliases[i]);
      out += "]}\n";
    }
    for (size_t i = 0; i < ex.statements.size(); ++i) {
      if (!o.open && !ex.typed[i]) continue;
      const StatementInput& s = ex.statements[i];
      const Provenance& p = s.provenance;
      out += "{\"doc\":" + JsonQuote(doc.source_path) + ",\"subject\":";
      PrintEntityRef(out, s.subject);
      out += ",\"relation\":" + JsonQuote(s.relation.text) + ",\"phrase\":" + JsonQuote(p.phrase) +
             ",\"object\":";
      PrintEntityRef(out, s.object);
      char conf[16];
      std::snprintf(conf, sizeof(conf), "%.3f", p.confidence);
      out += ",\"text\":" + JsonQuote(p.evidence) + ",\"sentence\":" + std::to_string(p.sentence) +
             ",\"span\":[" + std::to_string(p.span_begin) + "," + std::to_string(p.span_end) +
             "],\"date\":" + JsonQuote(p.date) + ",\"confidence\":" + conf +
             ",\"negated\":" + (p.negated ? "true" : "false") +
             ",\"hedged\":" + (p.hedged ? "true" : "false") +
             ",\"attributed_to\":" + JsonQuote(p.attributed_to) + "}\n";
    }
    std::cout << out;
  }
  std::cout.flush();
  for (const SkippedFile& s : batch.skipped)
    std::cerr << "kgraph: " << s.path << ": " << s.reason << "\n";
  (void)g;
  return batch.skipped.empty() ? kExitOk : kExitBadInput;
}

std::function<int()> SetupExtract(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand(
      "extract", "Extract entities and triples from articles and print them (no store)");
  cmd->add_option("paths", opts->paths, "Article files or directories")->required();
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"jsonl"}));
  cmd->add_option("--schema", opts->schema, "Relation schema file (default: seeds/schema.json)");
  cmd->add_flag("!--no-open", opts->open, "Leave out open (unlabelled) relations");
  cmd->footer("Example:\n  kgraph extract seeds/*.txt --format jsonl > triples.jsonl");
  return [opts, &g] { return RunExtract(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(15, SetupExtract);
}  // namespace kgraph::cli
