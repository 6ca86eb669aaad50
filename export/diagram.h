// Relationship diagrams: a graph::Subgraph drawn with libcgraph and rendered in-process with
// libgvc to DOT, SVG, PNG or PDF.
#pragma once

#include <string>

#include "core/schema.h"
#include "core/status.h"
#include "core/store.h"
#include "graph/subgraph.h"

namespace kgraph::exporting {

struct DiagramOptions {
  const Schema* schema = nullptr;  // relation labels → quad classes (edge colours)
  std::string title;
};

// Writes `path`; the format comes from its extension (.dot, .svg, .png, .pdf). Parallel
// statements between two nodes become one edge labelled with every relation and source count.
Status RenderDiagram(const Store& store, const graph::Subgraph& subgraph,
                     const DiagramOptions& options, const std::string& path);

}  // namespace kgraph::exporting
