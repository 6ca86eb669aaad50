// The snapshot filters every graph command takes (--relations, --types, --since, --until,
// --min-confidence) and the snapshot they select.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "graph/graph.h"
#include "graph/snapshot_cache.h"

namespace kgraph::cli {

struct GraphFilterOptions {
  std::vector<std::string> relations, types;
  std::string since, until;
  float min_confidence = 0;
};

void AddGraphFilterOptions(CLI::App* cmd, GraphFilterOptions* o);
Result<std::shared_ptr<const graph::Snapshot>> BuildFilteredSnapshot(const Store& store,
                                                                     const GraphFilterOptions& o);

}  // namespace kgraph::cli
