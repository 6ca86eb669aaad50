// `kgraph openie [FILE|-]`: one sentence per line in; open n-ary extractions out in CaRB's
// system format (sentence TAB confidence TAB relation TAB arg1 TAB arg2 …).
#include <fstream>
#include <iostream>

#include "ingest/extract/openie.h"
#include "ingest/nlp/pipeline.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

int RunOpenie(const std::string& file) {
  auto pipeline = nlp::Pipeline::Load(nlp::DefaultModelPath());
  if (!pipeline.ok()) return Fail(pipeline.status());
  std::ifstream in_file;
  std::istream* in = &std::cin;
  if (!file.empty() && file != "-") {
    in_file.open(file);
    if (!in_file) return Fail(Status::InvalidArgument(file + ": cannot open file"));
    in = &in_file;
  }
  std::string line;
  while (std::getline(*in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<nlp::Sentence> sentences;
    if (!(*pipeline)->Annotate(line, &sentences).ok()) continue;
    for (const nlp::Sentence& s : sentences) {
      for (const extract::OpenTuple& t : extract::OpenExtract(s, line)) {
        char conf[16];
        std::snprintf(conf, sizeof(conf), "%.3f", t.confidence);
        std::cout << line << '\t' << conf << '\t' << t.relation;
        for (const std::string& a : t.args) std::cout << '\t' << a;
        std::cout << '\n';
      }
    }
  }
  return kExitOk;
}

std::function<int()> SetupOpenie(CLI::App& app, const GlobalOptions&) {
  auto file = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("openie", "Open n-ary extractions in CaRB format");
  cmd->add_option("file", *file, "One sentence per line; '-' or nothing reads standard input");
  cmd->footer("Example:\n  kgraph openie < sentences.txt > extractions.tab");
  return [file] { return RunOpenie(*file); };
}

}  // namespace
KGRAPH_COMMAND(16, SetupOpenie);
}  // namespace kgraph::cli
