// kgraph: the command-line entry point. Parses global options, then runs the chosen command.
#include <algorithm>
#include <cstdlib>
#include <iostream>

#include "tools/command.h"

namespace kgraph::cli {

std::vector<CommandEntry>& CommandRegistry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

int ExitCodeFor(const Status& status) {
  if (status.ok()) return kExitOk;
  switch (status.code()) {
    case Status::Code::kInvalidArgument:
    case Status::Code::kNotFound:
      return kExitBadInput;
    default:
      return kExitStoreError;
  }
}

int Fail(const Status& status) {
  std::cerr << "kgraph: " << status.ToString() << "\n";
  return ExitCodeFor(status);
}

Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& options, bool read_only) {
  StoreOptions so;
  so.read_only = read_only;
  auto store = Store::Open(options.db_path, so);
  if (!store.ok() && store.status().code() == Status::Code::kNotFound)
    return Status::Internal(store.status().message());  // a missing store is a store error (2)
  return store;
}

}  // namespace kgraph::cli

int main(int argc, char** argv) {
  using namespace kgraph::cli;
  CLI::App app{"kgraph: build a knowledge graph from news articles, query it, draw and export it"};
  app.require_subcommand(1);
  app.set_help_all_flag("--help-all", "Show help for every command");
  GlobalOptions g;
  const char* env_db = std::getenv("KGRAPH_DB");
  g.db_path = env_db && *env_db ? env_db : "kgraph.db";
  app.add_option("--db", g.db_path, "Store directory (default: $KGRAPH_DB or ./kgraph.db)");
  app.add_flag("-q,--quiet", g.quiet, "Print less");

  auto& registry = CommandRegistry();
  std::stable_sort(registry.begin(), registry.end(),
                   [](const CommandEntry& a, const CommandEntry& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, std::function<int()>>> runners;
  for (auto& entry : registry) {
    size_t n = app.get_subcommands([](CLI::App*) { return true; }).size();
    auto run = entry.setup(app, g);
    auto subs = app.get_subcommands([](CLI::App*) { return true; });
    if (subs.size() > n) runners.emplace_back(subs.back(), std::move(run));
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : kExitBadInput;
  }
  for (auto& [sub, run] : runners)
    if (sub->parsed()) return run();
  return kExitBadInput;
}
