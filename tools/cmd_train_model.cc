// `kgraph train-model`: trains the tagger, lemmatizer and parser from CoNLL-U treebanks and
// writes one model file. Deterministic: the same files and options give the same bytes.
// `kgraph average-models`: one model whose weights are the means of several such models'.
#include <chrono>
#include <iostream>

#include "ingest/nlp/clusters.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/model.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct TrainArgs {
  std::vector<std::string> train;
  std::string out;
  std::string clusters;
  nlp::TrainOptions options;
};

std::function<int()> SetupTrainModel(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<TrainArgs>();
  auto* cmd = app.add_subcommand("train-model", "Train the NLP model from CoNLL-U treebanks");
  cmd->add_option("treebanks", args->train, "Training CoNLL-U files")->required();
  cmd->add_option("-o,--out", args->out, "Model file to write")->required();
  cmd->add_option("--tagger-epochs", args->options.tagger_epochs, "Tagger epochs (default 8)");
  cmd->add_flag("--bidirectional-tagger", args->options.bidirectional_tagger,
                "Also train a right-to-left tagger; each token takes the best summed score");
  cmd->add_flag("--tag-dictionary", args->options.tag_dictionary,
                "Frequent words that nearly always have one tag skip the taggers (faster)");
  cmd->add_flag("--supertagger", args->options.supertagger,
                "Also train a supertagger (each token's relation and head side) whose tags "
                "the parser reads");
  cmd->add_flag("--relabeler", args->options.relabeler,
                "Also train a relabeler: relations given again once the tree is complete");
  cmd->add_option("--relabel-margin", args->options.relabel_margin,
                  "Stored for decoding: relabel arcs the labeler wins by at most this (default 30)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--parser-epochs", args->options.parser_epochs, "Parser epochs (default 12)");
  cmd->add_option("--jackknife", args->options.jackknife_folds,
                  "Folds for jackknifed parser-training tags (0 = gold tags)");
  cmd->add_option("--tagger-rows-log2", args->options.tagger_rows_log2,
                  "log2 of the tagger weight rows (default 18)");
  cmd->add_option("--trans-rows-log2", args->options.trans_rows_log2,
                  "log2 of the transition weight rows (default 22)");
  cmd->add_option("--label-rows-log2", args->options.label_rows_log2,
                  "log2 of the relation weight rows (default 19)");
  cmd->add_option("--parser-beam", args->options.parser_beam,
                  "Parser beam width; >1 trains globally with beam search (default 1: greedy)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--beam-margin", args->options.beam_margin,
                  "Stored for decoding: drop beam candidates more than this below the best "
                  "(default 0: none)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--explore-after", args->options.explore_after,
                  "Parser epochs of pure oracle following before exploring (default 1)");
  cmd->add_option("--explore-p", args->options.explore_p,
                  "Then follow the model's own wrong move with this chance (default 0.9)");
  cmd->add_option("--prune", args->options.prune, "Drop weights with |w| <= this");
  cmd->add_option("--prune-supertagger", args->options.supertagger_prune,
                  "Drop supertagger weights with |w| <= this");
  cmd->add_option("--reverse-skip-margin", args->options.reverse_skip_margin,
                  "Tokens the left-to-right tagger wins by more than this margin skip the "
                  "right-to-left tagger (0 = never)");
  cmd->add_option("--prune-parser", args->options.parser_prune,
                  "Drop transition and relation weights with |w| <= this (default 0)");
  cmd->add_option("--seed", args->options.seed, "Random seed (default 1)");
  cmd->add_option("--clusters", args->clusters,
                  "Word classes from `kgraph word-clusters` (copied into the model)");
  return [args, &g]() -> int {
    std::vector<nlp::ConlluSentence> train;
    for (const std::string& path : args->train) {
      Status s = nlp::ReadConlluFile(path, &train);
      if (!s.ok()) return Fail(s);
    }
    if (!args->clusters.empty()) {
      Status s = nlp::ReadWordClusters(args->clusters, &args->options.clusters);
      if (!s.ok()) return Fail(s);
    }
    auto t0 = std::chrono::steady_clock::now();
    nlp::Model model;
    std::string log;
    Status s = model.Train(train, {}, args->options, &log);
    if (!g.quiet) std::cerr << log;
    if (!s.ok()) return Fail(s);
    s = model.Save(args->out);
    if (!s.ok()) return Fail(s);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!g.quiet) std::cerr << "wrote " << args->out << " in " << secs << " s\n";
    return kExitOk;
  };
}

struct AverageArgs {
  std::vector<std::string> models;
  std::string out;
  nlp::AverageOptions options;
};

std::function<int()> SetupAverageModels(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<AverageArgs>();
  auto* cmd = app.add_subcommand(
      "average-models",
      "Average the weights of models trained with different seeds or training beams (an "
      "ensemble at no run-time cost)");
  cmd->add_option("models", args->models,
                  "Model files (same treebanks and options but seed and beam)")
      ->required()
      ->expected(2, 64);
  cmd->add_option("-o,--out", args->out, "Model file to write")->required();
  cmd->add_option("--prune-parser", args->options.parser_prune,
                  "Drop averaged transition and relation weights with |w| <= this (default 0)");
  cmd->add_option("--prune-supertagger", args->options.supertagger_prune,
                  "Drop averaged supertagger weights with |w| <= this (default 0)");
  cmd->add_option("--prune-relabeler", args->options.relabeler_prune,
                  "Drop averaged relabeler weights with |w| <= this (default 0)");
  cmd->add_option("--prune-tagger", args->options.tagger_prune,
                  "Drop averaged POS tagger weights with |w| <= this (default 0)");
  cmd->add_option("--beam-margin", args->options.beam_margin,
                  "Stored for decoding: drop beam candidates more than this below the best "
                  "(default: the first model's)")
      ->check(CLI::NonNegativeNumber);
  return [args, &g]() -> int {
    nlp::Model model;
    Status s = model.Average(args->models, args->options);
    if (s.ok()) s = model.Save(args->out);
    if (!s.ok()) return Fail(s);
    if (!g.quiet) std::cerr << "wrote " << args->out << "\n";
    return kExitOk;
  };
}

}  // namespace
KGRAPH_COMMAND(90, SetupTrainModel);
KGRAPH_COMMAND(91, SetupAverageModels);
}  // namespace kgraph::cli
