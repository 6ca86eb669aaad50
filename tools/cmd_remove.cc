// `kgraph remove DOC…`: deletes documents (by id or source path) with every statement only they
// supported and every entity, term and alias nothing else holds, each in one atomic write.
#include <iostream>

#include "tools/command.h"

namespace kgraph::cli {
namespace {

int RunRemove(const std::vector<std::string>& docs, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/false);
  if (!store.ok()) return Fail(store.status());
  for (const std::string& name : docs) {
    std::optional<DocId> id = (*store)->FindDocumentByPath(name);
    if (!id) {
      id = ParseDocId(name);
      if (id && !(*store)->GetDocument(*id).ok()) id.reset();
    }
    if (!id)
      return Fail(Status::InvalidArgument("no document '" + name +
                                          "' (give a path or id from 'kgraph docs')"));
    Status s = (*store)->RemoveDocument(*id);
    if (!s.ok()) return Fail(s);
    if (!g.quiet) std::cerr << "removed " << FormatDocId(*id) << " " << name << "\n";
  }
  return kExitOk;
}

std::function<int()> SetupRemove(CLI::App& app, const GlobalOptions& g) {
  auto docs = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "remove", "Remove documents and every statement, entity and alias only they gave");
  cmd->add_option("docs", *docs, "Document ids or source paths (see 'kgraph docs')")->required();
  return [docs, &g] { return RunRemove(*docs, g); };
}

}  // namespace
KGRAPH_COMMAND(70, SetupRemove);
}  // namespace kgraph::cli
