// `kgraph path A B`: the shortest chain of statements linking two entities, every hop printed
// with its relation, direction and the sentence that supports it.
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "graph/graph.h"
#include "tools/command.h"
#include "tools/graph_options.h"
#include "tools/output.h"

namespace kgraph::cli {
namespace {

struct PathOptions {
  std::string from, to, pairs_file, format = "text";
  GraphFilterOptions filter;
  int max_hops = 6;
  size_t k = 1;
  bool undirected = false;
};

// One query's answer in the chosen format.
Status Answer(const Store& store, const graph::Snapshot& snap, const std::string& a,
              const std::string& b, const PathOptions& o, std::ostream& out) {
  auto from = graph::ResolveEntity(store, a);
  if (!from.ok()) return from.status();
  auto to = graph::ResolveEntity(store, b);
  if (!to.ok()) return to.status();
  auto fv = snap.Vertex(*from), tv = snap.Vertex(*to);
  std::vector<std::vector<graph::Hop>> paths;
  if (fv && tv)
    paths =
        graph::KShortestPaths(snap, *fv, *tv, std::max<size_t>(o.k, 1), {o.max_hops, o.undirected});
  bool found = !paths.empty() || *from == *to;
  std::vector<Provenance> prov;
  if (o.format == "json") {
    out << "{\"from\":" << JsonQuote(DisplayTerm(store, *from))
        << ",\"to\":" << JsonQuote(DisplayTerm(store, *to))
        << ",\"found\":" << (found ? "true" : "false") << ",\"paths\":[";
  } else if (!found) {
    out << "no path from " << DisplayTerm(store, *from) << " to " << DisplayTerm(store, *to)
        << " within " << o.max_hops << " hops" << (o.undirected ? "" : " (try --undirected)")
        << "\n";
    return Status::Ok();
  }
  for (size_t pi = 0; pi < paths.size(); ++pi) {
    const std::vector<graph::Hop>& hops = paths[pi];
    if (o.format == "json") {
      out << (pi ? "," : "") << "[";
    } else {
      out << (paths.size() > 1 ? "path " + std::to_string(pi + 1) + ": " : "")
          << DisplayTerm(store, *from) << " → " << DisplayTerm(store, *to) << ": " << hops.size()
          << (hops.size() == 1 ? " hop\n" : " hops\n");
    }
    for (size_t i = 0; i < hops.size(); ++i) {
      const StatementSummary st = snap.Summary(hops[i].statement);
      KG_RETURN_IF_ERROR(store.GetProvenance(st.triple, &prov));
      std::string subject = DisplayTerm(store, st.triple.subject),
                  relation = DisplayTerm(store, st.triple.relation),
                  object = DisplayTerm(store, st.triple.object);
      const Provenance* best = prov.empty() ? nullptr : &prov[0];
      for (const Provenance& p : prov)
        if (p.confidence > best->confidence) best = &p;
      std::string doc_path;
      if (best) {
        auto doc = store.GetDocument(best->doc);
        doc_path = doc.ok() ? doc->source_path : FormatDocId(best->doc);
      }
      if (o.format == "json") {
        out << (i ? "," : "") << "{\"subject\":" << JsonQuote(subject)
            << ",\"relation\":" << JsonQuote(relation) << ",\"object\":" << JsonQuote(object)
            << ",\"direction\":\"" << (hops[i].forward ? "forward" : "backward")
            << "\",\"sources\":" << st.source_count
            << ",\"evidence\":" << JsonQuote(best ? best->evidence : "")
            << ",\"doc\":" << JsonQuote(doc_path) << "}";
      } else {
        out << "  " << i + 1 << ". " << subject << " —" << relation << "→ " << object
            << (hops[i].forward ? "" : "   (traversed backwards)") << "   [" << st.source_count
            << (st.source_count == 1 ? " source]\n" : " sources]\n");
        if (best) out << "     " << doc_path << ": " << Ellipsize(best->evidence, 300) << "\n";
      }
    }
    if (o.format == "json") out << "]";
  }
  if (o.format == "json") out << "]}\n";
  return Status::Ok();
}

int RunPath(const PathOptions& o, const GlobalOptions& g) {
  auto store = OpenStore(g, /*read_only=*/true);
  if (!store.ok()) return Fail(store.status());
  auto snap = BuildFilteredSnapshot(**store, o.filter);
  if (!snap.ok()) return Fail(snap.status());
  if (o.pairs_file.empty()) {
    if (o.from.empty() || o.to.empty())
      return Fail(Status::InvalidArgument("give two entities, or --pairs FILE"));
    Status s = Answer(**store, **snap, o.from, o.to, o, std::cout);
    return s.ok() ? kExitOk : Fail(s);
  }
  std::ifstream in(o.pairs_file);
  if (!in) return Fail(Status::InvalidArgument(o.pairs_file + ": cannot open file"));
  std::string line;
  size_t line_no = 0;
  int code = kExitOk;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      code = Fail(Status::InvalidArgument(o.pairs_file + ":" + std::to_string(line_no) +
                                          ": expected A<TAB>B"));
      continue;
    }
    std::ostringstream answer;
    Status s = Answer(**store, **snap, line.substr(0, tab), line.substr(tab + 1), o, answer);
    if (!s.ok()) {
      code = Fail(s.WithContext(o.pairs_file + ":" + std::to_string(line_no)));
      continue;
    }
    std::cout << answer.str();
  }
  return code;
}

std::function<int()> SetupPath(CLI::App& app, const GlobalOptions& g) {
  auto o = std::make_shared<PathOptions>();
  CLI::App* cmd = app.add_subcommand(
      "path", "Shortest chain of statements between two entities, with evidence");
  cmd->add_option("from", o->from, "Entity name, alias or IRI");
  cmd->add_option("to", o->to, "Entity name, alias or IRI");
  cmd->add_option("--max-hops", o->max_hops, "Longest path to search (default 6)");
  cmd->add_flag("--undirected", o->undirected, "Follow statements in either direction");
  cmd->add_option("--k", o->k, "The K shortest loopless paths (Yen), shortest first (default 1)");
  AddGraphFilterOptions(cmd, &o->filter);
  cmd->add_option("--format", o->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--pairs", o->pairs_file, "Answer one query per line (A<TAB>B)");
  cmd->footer(
      "Example (after 'kgraph ingest seeds/'):\n  kgraph path \"Barack Obama\" Ukraine "
      "--undirected\n"
      "  kgraph path \"Hillary Clinton\" Georgia --undirected --format json");
  return [o, &g] { return RunPath(*o, g); };
}

}  // namespace
KGRAPH_COMMAND(30, SetupPath);
}  // namespace kgraph::cli
