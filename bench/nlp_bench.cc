// NLP speed per CPU second of the one benchmark thread: tagging + parsing tokens/s on UD EWT
// dev (gold tokenization), tokenization of raw text, and link-grammar (Debian's grammar-based
// parser) side by side on the same sentences. link-grammar is loaded with dlopen so that only
// this benchmark depends on it; its benchmarks are skipped when it or its dictionary is missing.
#include <benchmark/benchmark.h>
#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/nlp/conllu.h"
#include "ingest/nlp/pipeline.h"

namespace {

using kgraph::nlp::ConlluSentence;
using kgraph::nlp::Pipeline;
using kgraph::nlp::Sentence;

// The source tree, found from this file's path (benchmarks get no compile definitions).
std::string SourceDir() {
  return std::filesystem::path(__FILE__).parent_path().parent_path().string();
}
std::string DevPath() {
  if (const char* p = std::getenv("KGRAPH_EWT_DEV")) return p;
  return SourceDir() + "/../shared/data/ud-en-ewt/en_ewt-ud-dev.conllu";
}

struct Data {
  std::unique_ptr<Pipeline> pipeline;
  std::vector<ConlluSentence> dev;
  std::string error;
};

const Data& GetData() {
  static Data* data = [] {
    auto* d = new Data;
    auto p = Pipeline::Load(kgraph::nlp::DefaultModelPath());
    if (!p.ok()) {
      d->error = p.status().ToString();
      return d;
    }
    d->pipeline = std::move(p.value());
    kgraph::Status s = kgraph::nlp::ReadConlluFile(DevPath(), &d->dev);
    if (!s.ok()) d->error = s.ToString() + " (set KGRAPH_EWT_DEV)";
    return d;
  }();
  return *data;
}

// Sentences with forms and offsets only.
std::vector<Sentence> Bare(const std::vector<ConlluSentence>& gold, size_t limit, size_t* tokens) {
  std::vector<Sentence> out;
  *tokens = 0;
  for (size_t i = 0; i < gold.size() && i < limit; ++i) {
    out.push_back(kgraph::nlp::BareSentence(gold[i]));
    *tokens += out.back().tokens.size();
  }
  return out;
}

// `pipeline`: another than the shared one (null: the shared one).
void TagAndParse(benchmark::State& state, size_t limit, const Pipeline* pipeline = nullptr) {
  const Data& d = GetData();
  if (!d.error.empty()) {
    state.SkipWithError(d.error.c_str());
    return;
  }
  if (pipeline == nullptr) pipeline = d.pipeline.get();
  size_t tokens = 0;
  const std::vector<Sentence> bare = Bare(d.dev, limit, &tokens);
  for (auto _ : state) {
    std::vector<Sentence> work = bare;
    kgraph::Status s = pipeline->TagAndParse(&work);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    benchmark::DoNotOptimize(work.data());
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sentences_per_second"] = benchmark::Counter(
      static_cast<double>(bare.size()), benchmark::Counter::kIsIterationInvariantRate);
}

// Tagging + lemmatizing + parsing the whole EWT dev set (25,147 tokens).
void BM_TagAndParse_EwtDev(benchmark::State& state) { TagAndParse(state, SIZE_MAX); }
BENCHMARK(BM_TagAndParse_EwtDev)->Unit(benchmark::kMillisecond);

// The same with the parser's beam width forced to the argument (whatever the model stores).
void BM_TagAndParse_EwtDevBeam(benchmark::State& state) {
  auto p = Pipeline::Load(kgraph::nlp::DefaultModelPath(), static_cast<int>(state.range(0)));
  if (!p.ok()) {
    state.SkipWithError(p.status().ToString().c_str());
    return;
  }
  TagAndParse(state, SIZE_MAX, p->get());
}
BENCHMARK(BM_TagAndParse_EwtDevBeam)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Unit(benchmark::kMillisecond);

// The same on the first 200 dev sentences, which link-grammar parses below.
void BM_TagAndParse_EwtDev200(benchmark::State& state) { TagAndParse(state, 200); }
BENCHMARK(BM_TagAndParse_EwtDev200)->Unit(benchmark::kMillisecond);

// Loading the shipped model (read, unpack float16 weights, build the lookup tables).
void BM_LoadModel(benchmark::State& state) {
  for (auto _ : state) {
    auto p = Pipeline::Load(kgraph::nlp::DefaultModelPath());
    if (!p.ok()) state.SkipWithError(p.status().ToString().c_str());
    benchmark::DoNotOptimize(p.ok());
  }
}
BENCHMARK(BM_LoadModel)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// Sentence splitting + tokenization of the dev set's raw text.
void BM_Tokenize_EwtDev(benchmark::State& state) {
  const Data& d = GetData();
  if (!d.error.empty()) {
    state.SkipWithError(d.error.c_str());
    return;
  }
  std::string text;
  size_t tokens = 0;
  for (const auto& s : d.dev) {
    text += s.text + " ";
    tokens += s.sentence.tokens.size();
  }
  for (auto _ : state) {
    std::vector<Sentence> out;
    kgraph::Status s = kgraph::nlp::Tokenize(text, &out);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Tokenize_EwtDev)->Unit(benchmark::kMillisecond);

// --- link-grammar through dlopen (declarations mirror link-includes.h) ----------------------
struct LinkGrammar {
  using Dict = void*;
  using Opts = void*;
  using Sent = void*;
  using Link = void*;
  Dict (*dictionary_create_lang)(const char*);
  Opts (*parse_options_create)();
  void (*parse_options_set_verbosity)(Opts, int);
  void (*parse_options_set_max_parse_time)(Opts, int);
  void (*parse_options_set_linkage_limit)(Opts, int);
  Sent (*sentence_create)(const char*, Dict);
  int (*sentence_parse)(Sent, Opts);
  Link (*linkage_create)(int, Sent, Opts);
  void (*linkage_delete)(Link);
  void (*sentence_delete)(Sent);
  Dict dict = nullptr;
  Opts opts = nullptr;
  std::string error;
};

const LinkGrammar& GetLinkGrammar() {
  static LinkGrammar* lg = [] {
    auto* g = new LinkGrammar();
    void* h = dlopen("liblink-grammar.so.5", RTLD_NOW);
    if (!h) {
      g->error = "liblink-grammar.so.5 not found";
      return g;
    }
    auto sym = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(h, name));
      if (!fn) g->error = std::string("missing symbol ") + name;
    };
    sym(g->dictionary_create_lang, "dictionary_create_lang");
    sym(g->parse_options_create, "parse_options_create");
    sym(g->parse_options_set_verbosity, "parse_options_set_verbosity");
    sym(g->parse_options_set_max_parse_time, "parse_options_set_max_parse_time");
    sym(g->parse_options_set_linkage_limit, "parse_options_set_linkage_limit");
    sym(g->sentence_create, "sentence_create");
    sym(g->sentence_parse, "sentence_parse");
    sym(g->linkage_create, "linkage_create");
    sym(g->linkage_delete, "linkage_delete");
    sym(g->sentence_delete, "sentence_delete");
    if (!g->error.empty()) return g;
    g->dict = g->dictionary_create_lang("en");
    if (!g->dict) {
      g->error = "link-grammar English dictionary not found";
      return g;
    }
    g->opts = g->parse_options_create();
    g->parse_options_set_verbosity(g->opts, 0);
    g->parse_options_set_max_parse_time(g->opts, 10);
    g->parse_options_set_linkage_limit(g->opts, 1);
    return g;
  }();
  return *lg;
}

// link-grammar on the raw text of the first 200 EWT dev sentences: parse + first linkage.
void BM_LinkGrammar_EwtDev200(benchmark::State& state) {
  const Data& d = GetData();
  const LinkGrammar& lg = GetLinkGrammar();
  if (!d.error.empty() || !lg.error.empty()) {
    state.SkipWithError((d.error + lg.error).c_str());
    return;
  }
  size_t tokens = 0, n = std::min<size_t>(200, d.dev.size());
  for (size_t i = 0; i < n; ++i) tokens += d.dev[i].sentence.tokens.size();
  for (auto _ : state) {
    for (size_t i = 0; i < n; ++i) {
      void* sent = lg.sentence_create(d.dev[i].text.c_str(), lg.dict);
      if (lg.sentence_parse(sent, lg.opts) > 0)
        lg.linkage_delete(lg.linkage_create(0, sent, lg.opts));
      lg.sentence_delete(sent);
    }
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sentences_per_second"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LinkGrammar_EwtDev200)->Unit(benchmark::kMillisecond)->Iterations(1);

// News: the seed articles (raw text), split by our tokenizer. Full pipeline on the raw text,
// and link-grammar on the same sentences.
struct Seeds {
  std::string text;  // all seed articles, blank-line separated
  std::vector<std::string> sentences;
  size_t tokens = 0;
};
const Seeds& GetSeeds() {
  static Seeds* seeds = [] {
    auto* s = new Seeds;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(SourceDir() + "/seeds"))
      if (e.path().extension() == ".txt") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      s->text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      s->text += "\n\n";
    }
    std::vector<Sentence> out;
    if (kgraph::nlp::Tokenize(s->text, &out).ok()) {
      for (const auto& sent : out) {
        s->sentences.push_back(s->text.substr(sent.begin, sent.end - sent.begin));
        s->tokens += sent.tokens.size();
      }
    }
    return s;
  }();
  return *seeds;
}

void BM_Annotate_Seeds(benchmark::State& state) {
  const Data& d = GetData();
  const Seeds& seeds = GetSeeds();
  if (!d.pipeline || seeds.sentences.empty()) {
    state.SkipWithError("model or seeds missing");
    return;
  }
  for (auto _ : state) {
    std::vector<Sentence> out;
    kgraph::Status s = d.pipeline->Annotate(seeds.text, &out);
    if (!s.ok()) state.SkipWithError(s.ToString().c_str());
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(seeds.tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sentences_per_second"] = benchmark::Counter(
      static_cast<double>(seeds.sentences.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Annotate_Seeds)->Unit(benchmark::kMillisecond);

void BM_LinkGrammar_Seeds(benchmark::State& state) {
  const LinkGrammar& lg = GetLinkGrammar();
  const Seeds& seeds = GetSeeds();
  if (!lg.error.empty() || seeds.sentences.empty()) {
    state.SkipWithError((lg.error + " / seeds missing?").c_str());
    return;
  }
  for (auto _ : state) {
    for (const std::string& text : seeds.sentences) {
      void* sent = lg.sentence_create(text.c_str(), lg.dict);
      if (lg.sentence_parse(sent, lg.opts) > 0)
        lg.linkage_delete(lg.linkage_create(0, sent, lg.opts));
      lg.sentence_delete(sent);
    }
  }
  state.counters["tokens_per_second"] = benchmark::Counter(
      static_cast<double>(seeds.tokens), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["sentences_per_second"] = benchmark::Counter(
      static_cast<double>(seeds.sentences.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LinkGrammar_Seeds)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
