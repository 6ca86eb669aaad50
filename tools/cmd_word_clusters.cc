// `kgraph word-clusters`: learns word classes from unlabeled text (plain .txt, Reuters-21578
// .sgm bodies, CoNLL-U forms) for the tagger and parser (see ingest/nlp/clusters.h).
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/text.h"
#include "ingest/nlp/clusters.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/pipeline.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct ClusterArgs {
  std::vector<std::string> inputs;
  std::string out;
  std::string note;
  nlp::ClusterOptions options;
};

Status ReadAll(const std::string& path, std::string* text) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return Status::NotFound("cannot open " + path);
  std::ostringstream s;
  s << f.rdbuf();
  *text = s.str();
  return Status::Ok();
}

// Decodes the few entities of Reuters-21578 bodies (&lt; &gt; &amp; &#N;).
std::string DecodeSgml(std::string_view s) {
  std::string r;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      size_t semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 6) {
        std::string_view e = s.substr(i + 1, semi - i - 1);
        if (e == "lt" || e == "gt" || e == "amp") {
          r.push_back(e == "lt" ? '<' : e == "gt" ? '>' : '&');
          i = semi;
          continue;
        }
        if (!e.empty() && e[0] == '#') {
          r.push_back(' ');
          i = semi;
          continue;
        }
      }
    }
    r.push_back(s[i]);
  }
  return r;
}

Status AddText(std::string text, std::vector<std::vector<std::string>>* out) {
  std::vector<nlp::Sentence> sentences;
  Status s = nlp::Tokenize(text, &sentences);
  if (!s.ok()) {
    sentences.clear();
    KG_RETURN_IF_ERROR(nlp::Tokenize(Latin1ToUtf8(text), &sentences));
  }
  for (const auto& sent : sentences) {
    std::vector<std::string> words;
    for (const auto& t : sent.tokens) words.push_back(t.form);
    out->push_back(std::move(words));
  }
  return Status::Ok();
}

Status ReadInput(const std::string& path, std::vector<std::vector<std::string>>* out) {
  if (path.ends_with(".conllu")) {
    std::vector<nlp::ConlluSentence> cs;
    KG_RETURN_IF_ERROR(nlp::ReadConlluFile(path, &cs));
    for (const auto& c : cs) {
      std::vector<std::string> words;
      for (const auto& t : c.sentence.tokens) words.push_back(t.form);
      out->push_back(std::move(words));
    }
    return Status::Ok();
  }
  std::string text;
  KG_RETURN_IF_ERROR(ReadAll(path, &text));
  if (!path.ends_with(".sgm")) return AddText(std::move(text), out);
  for (size_t p = 0; (p = text.find("<BODY>", p)) != std::string::npos;) {
    size_t e = text.find("</BODY>", p);
    if (e == std::string::npos) break;
    KG_RETURN_IF_ERROR(AddText(DecodeSgml(std::string_view(text).substr(p + 6, e - p - 6)), out));
    p = e;
  }
  return Status::Ok();
}

std::function<int()> SetupWordClusters(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<ClusterArgs>();
  auto* cmd = app.add_subcommand("word-clusters", "Learn word classes from unlabeled text");
  cmd->add_option("inputs", args->inputs, "Text (.txt), Reuters SGML (.sgm) or CoNLL-U files")
      ->required();
  cmd->add_option("-o,--out", args->out, "Cluster file to write")->required();
  cmd->add_option("--classes", args->options.classes, "Class counts, coarse to fine")
      ->delimiter(',');
  cmd->add_option("--min-count", args->options.min_count, "Cluster words seen this often");
  cmd->add_option("--iterations", args->options.iterations, "Exchange passes per granularity");
  cmd->add_option("--note", args->note, "Comment lines for the file header");
  return [args, &g]() -> int {
    std::vector<std::vector<std::string>> sentences;
    for (const std::string& path : args->inputs) {
      Status s = ReadInput(path, &sentences);
      if (!s.ok()) return Fail(s);
    }
    size_t tokens = 0;
    for (const auto& s : sentences) tokens += s.size();
    if (!g.quiet)
      std::cerr << "read " << sentences.size() << " sentences, " << tokens << " tokens\n";
    auto t0 = std::chrono::steady_clock::now();
    nlp::WordClusters wc;
    std::string log;
    if (!g.quiet) args->options.progress = [](const std::string& line) { std::cerr << line; };
    Status s = nlp::LearnWordClusters(sentences, args->options, &wc, &log);
    if (!s.ok()) return Fail(s);
    std::string note = args->note;
    note += (note.empty() ? "" : "\n") + std::to_string(sentences.size()) + " sentences, " +
            std::to_string(tokens) + " tokens";
    s = nlp::WriteWordClusters(wc, args->out, note);
    if (!s.ok()) return Fail(s);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!g.quiet) std::cerr << "wrote " << args->out << " in " << secs << " s\n";
    return kExitOk;
  };
}

}  // namespace
KGRAPH_COMMAND(91, SetupWordClusters);
}  // namespace kgraph::cli
