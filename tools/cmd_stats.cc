// `kgraph stats` and `kgraph docs`: what the store holds.
#include <iostream>

#include "core/text.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

int RunStats(const GlobalOptions& g, bool json) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  StoreStats s = (*store)->Stats();
  if (json) {
    std::cout << "{\"documents\":" << s.documents << ",\"statements\":" << s.statements
              << ",\"provenance_records\":" << s.provenance_records << ",\"terms\":" << s.terms
              << ",\"entities\":" << s.entities << ",\"iris\":" << s.iris
              << ",\"blank_nodes\":" << s.blank_nodes << ",\"relations\":" << s.relations
              << ",\"literals\":" << s.literals << ",\"generation\":" << s.generation << "}\n";
  } else {
    std::cout << "store:              " << (*store)->path() << "\n"
              << "documents:          " << s.documents << "\n"
              << "statements:         " << s.statements << "\n"
              << "provenance records: " << s.provenance_records << "\n"
              << "entities:           " << s.entities << "\n"
              << "relation labels:    " << s.relations << "\n"
              << "IRIs:               " << s.iris << " (nodes and predicates of imported RDF)\n"
              << "blank nodes:        " << s.blank_nodes << "\n"
              << "literals:           " << s.literals << "\n"
              << "terms:              " << s.terms << "\n";
  }
  return kExitOk;
}

int RunDocs(const GlobalOptions& g, bool json) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  const Store& st = **store;
  Status error;
  Status s = st.ForEachDocument([&](const Document& d) {
    size_t records = 0;
    error = st.ForEachDocumentStatement(d.id, [&](const Triple&, const Provenance&) {
      ++records;
      return true;
    });
    if (!error.ok()) return false;
    if (json) {
      std::cout << "{\"id\":\"" << FormatDocId(d.id) << "\",\"path\":" << JsonQuote(d.source_path)
                << ",\"title\":" << JsonQuote(d.title) << ",\"date\":" << JsonQuote(d.date)
                << ",\"agency\":" << JsonQuote(d.agency) << ",\"statements\":" << records << "}\n";
    } else {
      std::cout << FormatDocId(d.id) << "  " << (d.date.empty() ? "----------" : d.date) << "  "
                << records << " statements  " << d.source_path;
      if (!d.title.empty()) std::cout << "  \"" << d.title << "\"";
      std::cout << "\n";
    }
    return true;
  });
  if (!error.ok()) return Fail(error);
  return s.ok() ? kExitOk : Fail(s);
}

std::function<int()> SetupStats(CLI::App& app, const GlobalOptions& g) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("stats", "Count documents, statements and entities");
  cmd->add_flag("--json", *json, "Print one JSON object");
  return [json, &g] { return RunStats(g, *json); };
}

std::function<int()> SetupDocs(CLI::App& app, const GlobalOptions& g) {
  auto json = std::make_shared<bool>(false);
  CLI::App* cmd = app.add_subcommand("docs", "List stored documents (id, date, statements, path)");
  cmd->add_flag("--json", *json, "Print JSON Lines");
  return [json, &g] { return RunDocs(g, *json); };
}

}  // namespace
KGRAPH_COMMAND(60, SetupStats);
KGRAPH_COMMAND(61, SetupDocs);
}  // namespace kgraph::cli
