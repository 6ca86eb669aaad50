// `kgraph eval-entities FILE…`: runs extraction on GUM documents rebuilt from their CoNLL-U
// tokens and scores mentions, types and coreference against the gold entity layer.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "ingest/extract/entity_eval.h"
#include "ingest/extract/extractor.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct EvalEntitiesArgs {
  std::vector<std::string> paths;
  bool show_errors = false;
};

std::string Row(const char* name, const extract::EntityScores& s) {
  char buf[256];
  double acc = s.aligned > 0 ? static_cast<double>(s.type_correct) / s.aligned : 0;
  std::snprintf(
      buf, sizeof(buf), "%-12s %5.0f %5.0f  %.3f %.3f %.3f  %.3f  %.3f  %.3f %.3f %.3f  %.3f\n",
      name, s.detection.r_den, s.detection.p_den, s.detection.P(), s.detection.R(),
      s.detection.F1(), acc, s.typed.F1(), s.muc.F1(), s.b3.F1(), s.ceafe.F1(), s.ConllF1());
  return buf;
}

std::function<int()> SetupEvalEntities(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<EvalEntitiesArgs>();
  auto* cmd = app.add_subcommand(
      "eval-entities", "Score mentions, types and coreference on GUM CoNLL-U (Entity= layer)");
  cmd->add_option("paths", args->paths, "GUM .conllu files or directories")->required();
  cmd->add_flag("--show-errors", args->show_errors,
                "List missed, spurious and mistyped mentions (all scored mentions, head match)");
  cmd->footer(
      "Scored gold: person, organization, place (named: a proper-noun head).\n"
      "Example (files of the GUM corpus, github.com/amir-zeldes/gum):\n  kgraph eval-entities "
      "gum/dep/GUM_news_*.conllu");
  (void)g;
  return [args]() -> int {
    std::vector<std::string> files;
    for (const std::string& p : args->paths) {
      std::error_code ec;
      if (std::filesystem::is_directory(p, ec)) {
        std::vector<std::string> in_dir;
        for (const auto& e : std::filesystem::directory_iterator(p, ec))
          if (e.path().extension() == ".conllu") in_dir.push_back(e.path().string());
        std::sort(in_dir.begin(), in_dir.end());
        files.insert(files.end(), in_dir.begin(), in_dir.end());
      } else {
        files.push_back(p);
      }
    }
    std::vector<extract::GumDocument> docs;
    for (const std::string& f : files)
      if (Status s = extract::ReadGumFile(f, &docs); !s.ok()) return Fail(s);
    auto bundle = extract::LoadExtractor("");
    if (!bundle.ok()) return Fail(bundle.status());

    // Views: every scored mention or names only; exact span or head match.
    const extract::EntityEvalOptions kViews[] = {
        {false, false}, {false, true}, {true, false}, {true, true}};
    const char* kNames[] = {"all/exact", "all/head", "named/exact", "named/head"};
    extract::EntityScores totals[4];
    size_t tokens = 0;
    for (const extract::GumDocument& d : docs) {
      Document doc;
      doc.source_path = d.id;
      doc.date = d.date;
      doc.text = d.text;
      extract::Extraction ex;
      if (Status s = bundle->extractor->Extract(doc, &ex); !s.ok()) return Fail(s);
      std::vector<extract::PredictedMention> predicted;
      for (const extract::MentionSpan& m : ex.mentions)
        predicted.push_back({m.begin, m.end, m.entity, ex.entities[m.entity].type});
      tokens += d.tokens.size();
      for (int v = 0; v < 4; ++v) {
        std::vector<std::string> errors;
        totals[v].Add(extract::ScoreEntities(d, predicted, kViews[v],
                                             args->show_errors && v == 1 ? &errors : nullptr));
        for (const std::string& e : errors) std::cout << d.id << "\t" << e << "\n";
      }
    }
    std::cout << "GUM entities: " << docs.size() << " documents, " << tokens << " tokens\n"
              << "view          gold   sys  P     R     F1     type   typedF1  MUC   B3    "
                 "CEAFe  CoNLL\n";
    for (int v = 0; v < 4; ++v) std::cout << Row(kNames[v], totals[v]);
    return kExitOk;
  };
}

}  // namespace
KGRAPH_COMMAND(92, SetupEvalEntities);
}  // namespace kgraph::cli
