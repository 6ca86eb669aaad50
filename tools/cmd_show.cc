// `kgraph show ENTITY`: an entity's type, aliases and every statement in and out with sources.
#include <iostream>

#include "tools/command.h"
#include "tools/output.h"

namespace kgraph::cli {
namespace {

int RunShow(const std::string& name, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  const Store& st = **store;
  auto ids = st.ResolveName(name);
  if (ids.empty()) return Fail(Status::InvalidArgument("unknown entity '" + name + "'"));
  std::vector<Provenance> provenance;
  for (TermId id : ids) {
    auto term = st.GetTerm(id);
    if (!term.ok()) return Fail(term.status());
    std::cout << DisplayTerm(*term);
    if (term->type != EntityType::kNone) std::cout << "  (" << EntityTypeName(term->type) << ")";
    std::cout << "\n";
    auto aliases = st.Aliases(id);
    if (!aliases.empty()) {
      std::cout << "  aliases:";
      for (size_t i = 0; i < aliases.size(); ++i) std::cout << (i ? ", " : " ") << aliases[i];
      std::cout << "\n";
    }
    for (int direction = 0; direction < 2; ++direction) {
      TriplePattern pattern;
      (direction == 0 ? pattern.subject : pattern.object) = id;
      std::cout << (direction == 0 ? "  out:\n" : "  in:\n");
      Status error;
      Status s = st.Scan(pattern, [&](const StatementSummary& sum) {
        const Triple& t = sum.triple;
        std::cout << "    " << (direction == 0 ? "" : DisplayTerm(st, t.subject) + " ") << "—"
                  << DisplayTerm(st, t.relation) << "→ "
                  << (direction == 0 ? DisplayTerm(st, t.object) : std::string("*")) << "  ["
                  << sum.source_count << (sum.source_count == 1 ? " source]\n" : " sources]\n");
        error = st.GetProvenance(t, &provenance);
        if (!error.ok()) return false;
        for (const Provenance& p : provenance) {
          auto doc = st.GetDocument(p.doc);
          std::cout << "        " << (doc.ok() ? doc->source_path : FormatDocId(p.doc));
          if (!p.evidence.empty()) std::cout << ": " << Ellipsize(p.evidence, 200);
          std::cout << "\n";
        }
        return true;
      });
      if (!error.ok()) return Fail(error);
      if (!s.ok()) return Fail(s);
    }
  }
  return kExitOk;
}

std::function<int()> SetupShow(CLI::App& app, const GlobalOptions& g) {
  auto name = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("show", "Show an entity: type, aliases, statements, sources");
  cmd->add_option("entity", *name, "Name, alias or IRI")->required();
  cmd->footer("Example:\n  kgraph show Russia");
  return [name, &g] { return RunShow(*name, g); };
}

}  // namespace
KGRAPH_COMMAND(50, SetupShow);
}  // namespace kgraph::cli
