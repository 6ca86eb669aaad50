// `kgraph parse`: runs the NLP pipeline over a text file (or stdin) and prints sentences with
// tokens, offsets, tags, lemmas, heads and relations as CoNLL-U or JSON.
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "core/text.h"
#include "ingest/nlp/conllu.h"
#include "ingest/nlp/pipeline.h"
#include "tools/command.h"

namespace kgraph::cli {
namespace {

struct ParseArgs {
  std::string input = "-";
  std::string format = "conllu";
  std::string model;
  bool tokens_only = false;
};

void AppendJson(const std::string& text, const std::vector<nlp::Sentence>& sentences,
                std::string* out) {
  *out += "{\"sentences\": [";
  for (size_t i = 0; i < sentences.size(); ++i) {
    const nlp::Sentence& s = sentences[i];
    if (i) *out += ",";
    *out += "\n  {\"begin\": " + std::to_string(s.begin) + ", \"end\": " + std::to_string(s.end) +
            ", \"text\": " + JsonQuote(std::string_view(text).substr(s.begin, s.end - s.begin)) +
            ", \"tokens\": [";
    for (size_t k = 0; k < s.tokens.size(); ++k) {
      const nlp::Token& t = s.tokens[k];
      if (k) *out += ",";
      *out += "\n    {\"id\": " + std::to_string(k + 1) + ", \"form\": " + JsonQuote(t.form) +
              ", \"begin\": " + std::to_string(t.begin) + ", \"end\": " + std::to_string(t.end) +
              ", \"upos\": " + JsonQuote(t.upos) + ", \"xpos\": " + JsonQuote(t.xpos) +
              ", \"lemma\": " + JsonQuote(t.lemma) + ", \"head\": " + std::to_string(t.head + 1) +
              ", \"deprel\": " + JsonQuote(t.deprel) + "}";
    }
    *out += "]}";
  }
  *out += "\n]}\n";
}

std::function<int()> SetupParse(CLI::App& app, const GlobalOptions& g) {
  auto args = std::make_shared<ParseArgs>();
  auto* cmd = app.add_subcommand("parse", "Split, tag, lemmatize and parse text");
  cmd->add_option("input", args->input, "Text file, or - for stdin (default)");
  cmd->add_option("--format", args->format, "conllu (default) or json")
      ->check(CLI::IsMember({"conllu", "json"}));
  cmd->add_option("--model", args->model, "Model file (default: $KGRAPH_MODEL or the shipped one)");
  cmd->add_flag("--tokens-only", args->tokens_only, "Only split sentences and tokens (no model)");
  return [args]() -> int {
    std::string text;
    if (args->input == "-") {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
      std::ifstream in(args->input, std::ios::binary);
      if (!in) return Fail(Status::NotFound("cannot open " + args->input));
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::vector<nlp::Sentence> sentences;
    if (args->tokens_only) {
      Status s = nlp::Tokenize(text, &sentences);
      if (!s.ok()) return Fail(s.WithContext(args->input == "-" ? "stdin" : args->input));
    } else {
      auto pipeline =
          nlp::Pipeline::Load(args->model.empty() ? nlp::DefaultModelPath() : args->model);
      if (!pipeline.ok()) return Fail(pipeline.status());
      Status s = (*pipeline)->Annotate(text, &sentences);
      if (!s.ok()) return Fail(s.WithContext(args->input == "-" ? "stdin" : args->input));
    }
    std::string out;
    if (args->format == "json") {
      AppendJson(text, sentences, &out);
    } else {
      for (size_t i = 0; i < sentences.size(); ++i) {
        const nlp::Sentence& s = sentences[i];
        out += "# sent_id = " + std::to_string(i + 1) + "\n# offsets = " + std::to_string(s.begin) +
               "-" + std::to_string(s.end) + "\n";
        // Newlines inside a sentence would break the comment line.
        std::string stext(std::string_view(text).substr(s.begin, s.end - s.begin));
        for (char& c : stext)
          if (c == '\n' || c == '\r') c = ' ';
        nlp::WriteConllu(s, stext, &out);
      }
    }
    std::cout << out;
    return kExitOk;
  };
}

}  // namespace
KGRAPH_COMMAND(30, SetupParse);
}  // namespace kgraph::cli
