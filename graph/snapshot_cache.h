// Reusing graph snapshots while the store is unchanged: in memory within a process, and in a
// file per filter under STORE/snapshots/ across processes (each `kgraph path` is a new process).
// Both are keyed by the store's identity, its generation and the filter, so any committed write
// makes them stale.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "core/store.h"
#include "graph/graph.h"

namespace kgraph::graph {

struct SnapshotCacheOptions {
  bool use_disk = true;
  // Smaller graphs build faster than a file is checked, so they are not written to disk.
  size_t min_edges_on_disk = 20000;
  size_t max_files = 8;  // per store; the least recently written go first
};

// The snapshot for `filter`, from memory, from disk or freshly built (and then remembered).
// A cache file that cannot be written (read-only directory, full disk) is skipped silently;
// one that cannot be read or fails validation is ignored and rebuilt.
Result<std::shared_ptr<const Snapshot>> LoadSnapshot(const Store& store,
                                                     const SnapshotFilter& filter,
                                                     const SnapshotCacheOptions& options = {});

// The on-disk form (exposed for tests): Save writes atomically (temporary file + rename);
// Read validates every index before returning, so a damaged file is an error, never a crash.
Status SaveSnapshotFile(const Snapshot& snapshot, const std::string& identity,
                        const std::string& filter_key, const std::string& path);
Result<std::shared_ptr<const Snapshot>> ReadSnapshotFile(const std::string& path,
                                                         const std::string& identity,
                                                         uint64_t generation,
                                                         const std::string& filter_key);

// A canonical byte string for a filter (equal filters, equal keys).
std::string FilterKey(const SnapshotFilter& filter);

}  // namespace kgraph::graph
