// Parsing the graph filter options into a snapshot.
#include "tools/graph_options.h"

namespace kgraph::cli {

void AddGraphFilterOptions(CLI::App* cmd, GraphFilterOptions* o) {
  cmd->add_option("--relations", o->relations, "Only these relation labels")->delimiter(',');
  cmd->add_option("--types", o->types, "Only entities of these types (PERSON, COUNTRY, ...)")
      ->delimiter(',');
  cmd->add_option("--since", o->since, "Only statements dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", o->until, "Only statements dated on or before");
  cmd->add_option("--min-confidence", o->min_confidence, "Only statements at least this confident");
}

Result<std::shared_ptr<const graph::Snapshot>> BuildFilteredSnapshot(const Store& store,
                                                                     const GraphFilterOptions& o) {
  graph::SnapshotFilter filter;
  auto relations = graph::ResolveRelations(store, o.relations);
  if (!relations.ok()) return relations.status();
  filter.relations = *relations;
  for (const std::string& t : o.types) {
    auto type = ParseEntityType(t);
    if (!type) return Status::InvalidArgument("unknown entity type '" + t + "'");
    filter.types.push_back(*type);
  }
  filter.since = DateToInt(o.since);
  filter.until = DateToInt(o.until);
  if ((!o.since.empty() && !filter.since) || (!o.until.empty() && !filter.until))
    return Status::InvalidArgument("dates are YYYY, YYYY-MM or YYYY-MM-DD");
  if (filter.until && filter.until % 100 == 0) filter.until += 31;  // a month or year: all of it
  filter.min_confidence = o.min_confidence;
  return graph::LoadSnapshot(store, filter);
}

}  // namespace kgraph::cli
