// The subgraph API: focus entities, a number of hops and filters → the nodes and edges to draw
// or export. The diagram export is its first client.
#pragma once

#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/store.h"

namespace kgraph::graph {

struct SubgraphQuery {
  // Names resolved like every query (canonical names, aliases, IRIs). Empty: the caller's
  // default focus (the diagram uses NATO, Russia, Georgia, Ukraine and NATO's members).
  std::vector<std::string> focus;
  int hops = 1;                        // Default: 1
  std::vector<std::string> relations;  // relation labels to keep; empty keeps all
  std::vector<EntityType> types;       // entity types to keep; empty keeps all
  float min_confidence = 0.0f;         // Default: 0
  std::string since, until;            // ISO dates bounding statement dates; "" = open
  size_t max_nodes = 200;              // Default: 200; nearest nodes kept first
};

struct SubgraphNode {
  TermId id = kNoTerm;
  Term term;  // kind, type and canonical name (or IRI/literal text)
  std::vector<std::string> aliases;
  bool focus = false;
  int distance = 0;  // hops from the nearest focus node
};

struct SubgraphEdge {
  StatementSummary statement;  // triple, source count, confidence, dates
  std::string relation;        // the relation term's text (label or IRI)
};

struct Subgraph {
  std::vector<SubgraphNode> nodes;  // focus nodes first, then by distance
  std::vector<SubgraphEdge> edges;  // every statement among the kept nodes that passes filters
};

// Unknown or ambiguous focus names give InvalidArgument listing the closest candidates.
Result<Subgraph> ExtractSubgraph(const Store& store, const SubgraphQuery& query);

}  // namespace kgraph::graph
