// `kgraph extract PATH… --format jsonl`: what ingest would store, printed, the store untouched.
#include <iostream>

#include "core/text.h"
#include "tools/command.h"
#include "tools/extraction_runner.h"

namespace kgraph::cli {
namespace {

struct ExtractOptions {
  std::vector<std::string> paths;
  std::string format = "jsonl";
  std::string schema;
};

void PrintJsonl(const ExtractedDocument& ed, const std::string& doc_name) {
  const Document& d = ed.document;
  std::cout << "{\"kind\":\"document\",\"doc\":" << JsonQuote(doc_name) << ",\"title\":" << JsonQuote(d.title)
            << ",\"date\":" << JsonQuote(d.date) << ",\"agency\":" << JsonQuote(d.agency)
            << ",\"byline\":" << JsonQuote(d.byline) << ",\"dateline\":" << JsonQuote(d.dateline) << "}\n";
  for (const EntityInput& e : ed.extraction.entities) {
    std::cout << "{\"kind\":\"entity\",\"doc\":" << JsonQuote(doc_name) << ",\"name\":" << JsonQuote(e.name)
              << ",\"type\":" << JsonQuote(EntityTypeName(e.type)) << ",\"aliases\":[";
    for (size_t i = 0; i < e.aliases.size(); ++i) std::cout << (i ? "," : "") << JsonQuote(e.aliases[i]);
    std::cout << "]}\n";
  }
  for (const StatementInput& st : ed.extraction.statements) {
    const Provenance& p = st.provenance;
    char conf[32];
    std::snprintf(conf, sizeof conf, "%.3f", p.confidence);
    std::cout << "{\"doc\":" << JsonQuote(doc_name) << ",\"subject\":{\"name\":" << JsonQuote(st.subject.text)
              << ",\"type\":" << JsonQuote(EntityTypeName(st.subject.type)) << "},\"relation\":"
              << JsonQuote(st.relation.text) << ",\"phrase\":" << JsonQuote(p.phrase)
              << ",\"object\":{\"name\":" << JsonQuote(st.object.text) << ",\"type\":"
              << JsonQuote(EntityTypeName(st.object.type)) << "},\"text\":" << JsonQuote(p.evidence)
              << ",\"sentence\":" << p.sentence << ",\"span\":[" << p.span_begin << "," << p.span_end
              << "],\"date\":" << JsonQuote(p.date) << ",\"confidence\":" << conf
              << ",\"negated\":" << (p.negated ? "true" : "false") << ",\"hedged\":"
              << (p.hedged ? "true" : "false") << ",\"attributed_to\":" << JsonQuote(p.attributed_to)
              << "}\n";
  }
}

int RunExtract(const ExtractOptions& o, const GlobalOptions& g) {
  std::vector<std::string> files;
  if (Status s = ListArticleFiles(o.paths, &files); !s.ok()) return Fail(s);
  auto runner = ExtractionRunner::Create(o.schema);
  if (!runner.ok()) return Fail(runner.status());
  int exit_code = kExitOk;
  for (const std::string& file : files) {
    std::vector<std::string> warnings;
    auto docs = (*runner)->Run(file, &warnings);
    for (const std::string& w : warnings) std::cerr << "kgraph: warning: " << w << "\n";
    if (!docs.ok()) {
      Fail(docs.status());
      exit_code = kExitBadInput;
      continue;
    }
    for (const ExtractedDocument& ed : *docs)
      // A one-article file is named by its path as given; articles of a multi-article file by
      // their own source path (path#N).
      PrintJsonl(ed, docs->size() == 1 ? file : ed.document.source_path);
  }
  return exit_code;
}

std::function<int()> SetupExtract(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<ExtractOptions>();
  CLI::App* cmd = app.add_subcommand("extract", "Print the documents, entities and triples found in articles");
  cmd->add_option("paths", opts->paths, "Article files or directories (walked recursively)")->required();
  cmd->add_option("--format", opts->format, "Output format")->check(CLI::IsMember({"jsonl"}));
  cmd->add_option("--schema", opts->schema, "Relation schema file (default: seeds/schema.json)");
  cmd->footer("Example:\n  kgraph extract seeds/*.txt --format jsonl > triples.jsonl\n  kgraph import triples.jsonl");
  return [opts, &g] { return RunExtract(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(11, SetupExtract);
}  // namespace kgraph::cli
