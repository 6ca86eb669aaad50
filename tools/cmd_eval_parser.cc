// `kgraph eval-parser`: scores the pipeline against a CoNLL-U treebank — tags, lemmas and
// trees with gold tokenization, then sentence and token F1 on the treebank's raw text.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <set>

#include "core/text.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/pipeline.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct EvalArgs {
  std::string treebank;
  std::string format = "text";
  std::string model;
  std::string output;
  int beam = 0;
  float beam_margin = -1.0f;
};

std::string Universal(const std::string& rel) { return rel.substr(0, rel.find(':')); }

double F1(size_t both, size_t gold, size_t sys) {
  if (gold + sys == 0) return 100.0;
  return 200.0 * static_cast<double>(both) / static_cast<double>(gold + sys);
}

std::function<int()> SetupEvalParser(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<EvalArgs>();
  auto* cmd = app.add_subcommand("eval-parser", "Score the NLP pipeline on a CoNLL-U treebank");
  cmd->add_option("treebank", args->treebank, "Gold CoNLL-U file")->required();
  cmd->add_option("--format", args->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--model", args->model, "Model file (default: $KGRAPH_MODEL or the shipped one)");
  cmd->add_option("--beam", args->beam, "Parser beam width (default: the model's own)")
      ->check(CLI::Range(1, 64));
  cmd->add_option("--beam-margin", args->beam_margin,
                  "Drop beam candidates more than this below the best (0: none; default: the "
                  "model's own)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--output", args->output,
                  "Also write the system's annotation (gold tokens) as CoNLL-U to this file");
  return [args]() -> int {
    std::vector<nlp::ConlluSentence> gold;
    if (Status s = nlp::ReadConlluFile(args->treebank, &gold); !s.ok()) return Fail(s);
    auto pipeline = nlp::Pipeline::Load(args->model.empty() ? nlp::DefaultModelPath() : args->model,
                                        args->beam, args->beam_margin);
    if (!pipeline.ok()) return Fail(pipeline.status());

    // 1. Gold tokenization: strip the annotation, tag and parse, compare.
    std::vector<nlp::Sentence> sys;
    sys.reserve(gold.size());
    size_t tokens = 0;
    for (const auto& cs : gold) {
      sys.push_back(nlp::BareSentence(cs));
      tokens += sys.back().tokens.size();
    }
    auto t0 = std::chrono::steady_clock::now();
    if (Status s = (*pipeline)->TagAndParse(&sys); !s.ok()) return Fail(s);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    size_t upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0, ulas = 0;
    for (size_t i = 0; i < gold.size(); ++i) {
      const auto& gt = gold[i].sentence.tokens;
      const auto& st = sys[i].tokens;
      for (size_t k = 0; k < gt.size(); ++k) {
        upos += gt[k].upos == st[k].upos;
        xpos += gt[k].xpos == st[k].xpos;
        lemma += gt[k].lemma == st[k].lemma;
        if (gt[k].head == st[k].head) {
          ++uas;
          las += gt[k].deprel == st[k].deprel;
          ulas += Universal(gt[k].deprel) == Universal(st[k].deprel);
        }
      }
    }
    if (!args->output.empty()) {
      std::string out;
      for (size_t i = 0; i < gold.size(); ++i) nlp::WriteConllu(sys[i], gold[i].text, &out);
      std::ofstream f(args->output, std::ios::binary | std::ios::trunc);
      f << out;
      if (!f) return Fail(Status::IOError("cannot write " + args->output));
    }
    auto pct = [&](size_t n) { return tokens ? 100.0 * static_cast<double>(n) / tokens : 0.0; };

    // 2. Raw text: the sentences' texts joined (a blank line between paragraphs and documents,
    // a space otherwise), split and tokenized, spans compared with the gold ones.
    std::string text;
    std::set<std::pair<uint32_t, uint32_t>> gold_sents, gold_toks;
    for (const auto& cs : gold) {
      if (!text.empty()) text += (cs.new_paragraph || !cs.newdoc_id.empty()) ? "\n\n" : " ";
      uint32_t base = static_cast<uint32_t>(text.size());
      text += cs.text;
      gold_sents.insert({base, base + static_cast<uint32_t>(cs.text.size())});
      for (const auto& t : cs.sentence.tokens) gold_toks.insert({base + t.begin, base + t.end});
    }
    std::vector<nlp::Sentence> raw;
    if (Status s = nlp::Tokenize(text, &raw); !s.ok()) return Fail(s);
    size_t sent_both = 0, sys_sents = raw.size(), tok_both = 0, sys_toks = 0;
    for (const auto& s : raw) {
      sent_both += gold_sents.count({s.begin, s.end});
      for (const auto& t : s.tokens) {
        ++sys_toks;
        tok_both += gold_toks.count({t.begin, t.end});
      }
    }
    double sentence_f1 = F1(sent_both, gold_sents.size(), sys_sents);
    double token_f1 = F1(tok_both, gold_toks.size(), sys_toks);
    double tps = secs > 0 ? tokens / secs : 0.0;

    char buf[1024];
    if (args->format == "json") {
      std::snprintf(buf, sizeof buf,
                    "{\"treebank\": %s, \"sentences\": %zu, \"tokens\": %zu, \"upos\": %.2f, "
                    "\"xpos\": %.2f, \"lemma\": %.2f, \"uas\": %.2f, \"las\": %.2f, "
                    "\"las_universal\": %.2f, \"tokens_per_second\": %.0f, "
                    "\"sentence_f1\": %.2f, \"token_f1\": %.2f}\n",
                    JsonQuote(args->treebank).c_str(), gold.size(), tokens, pct(upos), pct(xpos),
                    pct(lemma), pct(uas), pct(las), pct(ulas), tps, sentence_f1, token_f1);
    } else {
      std::snprintf(buf, sizeof buf,
                    "treebank      %s\nsentences     %zu\ntokens        %zu\n"
                    "UPOS          %.2f\nXPOS          %.2f\nlemma         %.2f\n"
                    "UAS           %.2f\nLAS           %.2f  (relation with subtype)\n"
                    "LAS (univ.)   %.2f  (relation without subtype, as CoNLL 2018)\n"
                    "tokens/s      %.0f  (tagging + parsing, one thread)\n"
                    "sentence F1   %.2f  (raw text)\ntoken F1      %.2f  (raw text)\n",
                    args->treebank.c_str(), gold.size(), tokens, pct(upos), pct(xpos), pct(lemma),
                    pct(uas), pct(las), pct(ulas), tps, sentence_f1, token_f1);
    }
    std::cout << buf;
    return kExitOk;
  };
}

}  // namespace
KGRAPH_COMMAND(91, SetupEvalParser);
}  // namespace kgraph::cli
