// `kgraph query`: pattern match over the store, names resolved through aliases and IRIs,
// every statement printed with its evidence.
#include <iostream>

#include "tools/command.h"
#include "tools/output.h"

namespace kgraph::cli {
namespace {

struct QueryOptions {
  std::string subject, relation, object, format = "table";
  size_t limit = 0;
};

// Entities (or IRIs) a name may mean; a clear error when there are none.
Result<std::vector<TermId>> ResolveOrFail(const Store& store, const std::string& name,
                                          const char* role) {
  if (name.empty()) return std::vector<TermId>{kNoTerm};
  auto ids = store.ResolveName(name);
  if (ids.empty())
    return Status::InvalidArgument(std::string("unknown ") + role + " '" + name +
                                   "' (try 'kgraph stats' or 'kgraph query' to list names)");
  return ids;
}

Result<TermId> ResolveRelation(const Store& store, const std::string& name) {
  if (name.empty()) return kNoTerm;
  if (auto id = store.Find(Term{TermKind::kRelation, EntityType::kNone, name})) return *id;
  std::string iri = name;
  if (iri.size() >= 2 && iri.front() == '<' && iri.back() == '>')
    iri = iri.substr(1, iri.size() - 2);
  if (auto id = store.Find(Term{TermKind::kIri, EntityType::kNone, iri})) return *id;
  return Status::InvalidArgument("unknown relation '" + name + "'");
}

int RunQuery(const QueryOptions& o, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  const Store& st = **store;
  auto subjects = ResolveOrFail(st, o.subject, "subject");
  if (!subjects.ok()) return Fail(subjects.status());
  auto objects = ResolveOrFail(st, o.object, "object");
  if (!objects.ok()) return Fail(objects.status());
  auto relation = ResolveRelation(st, o.relation);
  if (!relation.ok()) return Fail(relation.status());

  size_t printed = 0;
  std::vector<Provenance> provenance;
  Status error;
  for (TermId s : *subjects) {
    for (TermId obj : *objects) {
      Status scan = st.Scan({s, *relation, obj}, [&](const StatementSummary& sum) {
        if (o.limit && printed >= o.limit) return false;
        error = st.GetProvenance(sum.triple, &provenance);
        if (!error.ok()) return false;
        ++printed;
        if (o.format == "jsonl") {
          for (const Provenance& p : provenance)
            std::cout << StatementJsonLine(st, sum.triple, p) << "\n";
          return true;
        }
        std::cout << DisplayTerm(st, sum.triple.subject) << "  —"
                  << DisplayTerm(st, sum.triple.relation) << "→  "
                  << DisplayTerm(st, sum.triple.object) << "   [" << sum.source_count
                  << (sum.source_count == 1 ? " source" : " sources") << ", confidence "
                  << sum.max_confidence << "]\n";
        for (const Provenance& p : provenance) {
          auto doc = st.GetDocument(p.doc);
          std::cout << "    " << (doc.ok() ? doc->source_path : FormatDocId(p.doc));
          if (p.sentence >= 0) std::cout << " #" << p.sentence;
          if (!p.date.empty()) std::cout << " (" << p.date << ")";
          if (p.negated) std::cout << " [negated]";
          if (p.hedged) std::cout << " [hedged]";
          if (!p.attributed_to.empty()) std::cout << " [according to " << p.attributed_to << "]";
          if (!p.evidence.empty()) std::cout << ": " << Ellipsize(p.evidence, 300);
          std::cout << "\n";
        }
        return true;
      });
      if (!error.ok()) return Fail(error);
      if (!scan.ok()) return Fail(scan);
    }
  }
  if (o.format == "table" && !g.quiet)
    std::cerr << printed << (printed == 1 ? " statement" : " statements") << "\n";
  return kExitOk;
}

std::function<int()> SetupQuery(CLI::App& app, const GlobalOptions& g) {
  auto opts = std::make_shared<QueryOptions>();
  CLI::App* cmd = app.add_subcommand("query", "Find statements matching a pattern, with evidence");
  cmd->add_option("-s,--subject", opts->subject, "Subject name, alias or IRI");
  cmd->add_option("-r,--relation", opts->relation, "Relation label or predicate IRI");
  cmd->add_option("-o,--object", opts->object, "Object name, alias or IRI");
  cmd->add_option("--format", opts->format, "table or jsonl (the import format)")
      ->check(CLI::IsMember({"table", "jsonl"}));
  cmd->add_option("--limit", opts->limit, "Stop after this many statements (0: no limit)");
  cmd->footer("Example:\n  kgraph query --subject NATO --relation consults");
  return [opts, &g] { return RunQuery(*opts, g); };
}

}  // namespace
KGRAPH_COMMAND(40, SetupQuery);
}  // namespace kgraph::cli
