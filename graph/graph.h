// The graph layer: a frozen Boost.Graph snapshot of the store (compressed sparse row, with
// in-edges) and the queries over it. Snapshots are immutable and may be shared across threads.
#pragma once

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/range/iterator_range.hpp>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/model.h"
#include "core/status.h"
#include "core/store.h"

namespace kgraph::graph {

// What a snapshot keeps; every default keeps everything.
struct SnapshotFilter {
  std::vector<TermId> relations;  // empty: all
  std::vector<EntityType> types;  // empty: all (IRIs and blank nodes count as untyped)
  uint32_t since = 0, until = 0;  // yyyymmdd bounds on statement dates; 0 = open
  float min_confidence = 0;
};

struct EdgeData {
  uint32_t statement = 0;  // index into Snapshot::statements
};

using Csr = boost::compressed_sparse_row_graph<boost::bidirectionalS, boost::no_property, EdgeData,
                                               boost::no_property, uint32_t, uint32_t>;

// One statement kept as an edge. Endpoints are vertices and the relation a 32-bit term id, so
// an edge costs 32 bytes here plus 16 in the CSR (forward and backward entries); a full
// StatementSummary would cost 48 (see Snapshot::Summary).
struct EdgeStatement {
  uint32_t from = 0, to = 0;  // vertices
  uint32_t relation = 0;      // term id
  uint32_t source_count = 0, record_count = 0;
  float max_confidence = 0;
  uint32_t first_date = 0, last_date = 0;  // yyyymmdd, 0 when undated
};

struct Snapshot {
  Csr graph;
  std::vector<TermId> vertex_term;        // vertex → term id
  std::vector<EdgeStatement> statements;  // edge payloads, indexed by EdgeData::statement
  // Term ids are dense, so the term → vertex table is a flat array (kNoVertex: not in the graph).
  static constexpr uint32_t kNoVertex = UINT32_MAX;
  std::vector<uint32_t> vertex_of;
  uint64_t generation = 0;

  std::optional<uint32_t> Vertex(TermId id) const {
    if (id >= vertex_of.size() || vertex_of[id] == kNoVertex) return std::nullopt;
    return vertex_of[id];
  }
  // The statement behind an edge, with term ids, as the store describes it.
  StatementSummary Summary(uint32_t statement) const;
  // Heap bytes held by the snapshot (graph, payloads, vertex tables).
  size_t MemoryBytes() const;
};

// Loads every statement between non-literal terms that passes the filter.
Result<std::shared_ptr<const Snapshot>> BuildSnapshot(const Store& store,
                                                      const SnapshotFilter& filter);

// A name → one entity; unknown or ambiguous names give InvalidArgument listing the closest
// candidates ("did you mean: …").
Result<TermId> ResolveEntity(const Store& store, const std::string& name);

// Relation labels → ids (unknown labels are an error naming them).
Result<std::vector<TermId>> ResolveRelations(const Store& store,
                                             const std::vector<std::string>& labels);

struct Hop {
  uint32_t statement;  // index into the snapshot's statements
  bool forward;        // traversed subject → object
};

struct PathQuery {
  int max_hops = 6;
  bool undirected = false;
};

// Shortest path (fewest hops) by breadth-first search; empty when none within max_hops.
// `blocked_vertices` / `blocked_hops` (optional) are never used: Yen's algorithm needs them.
std::vector<Hop> ShortestPath(const Snapshot& s, uint32_t from, uint32_t to, const PathQuery& q,
                              const std::vector<bool>* blocked_vertices = nullptr,
                              const std::vector<Hop>* blocked_hops = nullptr);

// The K shortest loopless paths (Yen), shortest first; ties keep discovery order.
std::vector<std::vector<Hop>> KShortestPaths(const Snapshot& s, uint32_t from, uint32_t to,
                                             size_t k, const PathQuery& q);

}  // namespace kgraph::graph

namespace kgraph::graph {

struct Neighbour {
  uint32_t vertex;
  int distance;         // hops from the centre
  uint32_t statements;  // statements linking it to the previous ring (evidence count)
  uint32_t sources;     // distinct documents over those statements (summed)
};

// The ego network: every vertex within `hops` (edges followed both ways), nearest first.
std::vector<Neighbour> Neighbourhood(const Snapshot& s, uint32_t centre, int hops);

// Weakly connected components: component id per vertex, ids dense from 0 by decreasing size.
std::vector<uint32_t> Components(const Snapshot& s, size_t* count);

enum class Centrality { kDegree, kPageRank, kBetweenness };
// One score per vertex (Boost's page_rank and brandes_betweenness_centrality).
std::vector<double> CentralityScores(const Snapshot& s, Centrality by);

}  // namespace kgraph::graph
