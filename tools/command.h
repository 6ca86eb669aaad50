// How sub-commands plug into the kgraph CLI: each tools/cmd_*.cc file registers itself with
// KGRAPH_COMMAND, so adding a command never touches a shared file.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/store.h"

namespace kgraph::cli {

// Exit codes shared by every command.
enum ExitCode : int { kExitOk = 0, kExitBadInput = 1, kExitStoreError = 2 };

// Options every command sees.
struct GlobalOptions {
  std::string db_path;  // --db, else $KGRAPH_DB, else ./kgraph.db
  bool quiet = false;
};

// Prints "kgraph: <message>" to stderr and returns the exit code for the status:
// 1 for bad input/usage, 2 for store or internal errors.
int Fail(const Status& status);
int ExitCodeFor(const Status& status);

// Opens the store named by the global options (read-only for query commands).
Result<std::unique_ptr<Store>> OpenStore(const GlobalOptions& options, bool read_only);

// A command adds its sub-app and returns the function that runs it after parsing.
using CommandSetup = std::function<std::function<int()>(CLI::App& app, const GlobalOptions& g)>;

struct CommandEntry {
  int order;  // position in --help
  CommandSetup setup;
};
std::vector<CommandEntry>& CommandRegistry();

struct CommandRegistrar {
  CommandRegistrar(int order, CommandSetup setup) {
    CommandRegistry().push_back({order, std::move(setup)});
  }
};

#define KGRAPH_COMMAND_CONCAT2(a, b) a##b
#define KGRAPH_COMMAND_CONCAT(a, b) KGRAPH_COMMAND_CONCAT2(a, b)
// Usage at namespace scope in tools/cmd_x.cc: KGRAPH_COMMAND(40, SetupX);
#define KGRAPH_COMMAND(order, setup_fn)                                                      \
  static ::kgraph::cli::CommandRegistrar KGRAPH_COMMAND_CONCAT(kgraph_cmd_, __LINE__)(order, \
                                                                                      setup_fn)

}  // namespace kgraph::cli
