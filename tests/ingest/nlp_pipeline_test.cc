// The NLP pipeline with the shipped model: well-formed trees, lemmas, accuracy floors on
// committed gold samples (tests/data/ud), pathological input, model-file errors, and
// deterministic training / save / load round trips; plus the parse and eval-parser commands.
#include <set>
#include <string>
#include <vector>

#include "ingest/nlp/conllu.h"
#include "ingest/nlp/model.h"
#include "ingest/nlp/pipeline.h"
#include "tests/test_util.h"

namespace kgraph::nlp {
namespace {

using kgraph::testing::ReadFile;
using kgraph::testing::RunKgraph;
using kgraph::testing::ShellQuote;
using kgraph::testing::SourceDir;
using kgraph::testing::TempDir;
using kgraph::testing::WriteFile;

const Pipeline& Shipped() {
  static std::unique_ptr<Pipeline> pipeline = [] {
    auto p = Pipeline::Load(SourceDir() + "/models/en_ewt_gum.kgm");
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? std::move(p.value()) : nullptr;
  }();
  return *pipeline;
}

void ExpectTree(const Sentence& s) {
  int roots = 0;
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    const Token& t = s.tokens[i];
    EXPECT_FALSE(t.upos.empty());
    EXPECT_FALSE(t.xpos.empty());
    EXPECT_FALSE(t.lemma.empty());
    EXPECT_FALSE(t.deprel.empty());
    EXPECT_GE(t.head, -1);
    EXPECT_LT(t.head, static_cast<int>(s.tokens.size()));
    EXPECT_NE(t.head, static_cast<int>(i));
    if (t.head < 0) {
      ++roots;
      EXPECT_EQ(t.deprel, "root");
    }
  }
  EXPECT_EQ(roots, 1);
  // Acyclic: every token reaches the root.
  for (size_t i = 0; i < s.tokens.size(); ++i) {
    int at = static_cast<int>(i);
    size_t steps = 0;
    while (at >= 0 && steps <= s.tokens.size()) {
      at = s.tokens[static_cast<size_t>(at)].head;
      ++steps;
    }
    EXPECT_LT(at, 0) << "cycle through token " << i;
  }
}

const Token* Find(const std::vector<Sentence>& ss, const std::string& form) {
  for (const auto& s : ss)
    for (const auto& t : s.tokens)
      if (t.form == form) return &t;
  return nullptr;
}

TEST(NlpPipelineTest, AnnotatesNewsSentence) {
  std::string text =
      "NATO diplomats confirmed Wednesday an agreement to end the freeze, sparked by Russia’s "
      "war with Georgia. The ties were cut.";
  std::vector<Sentence> out;
  ASSERT_OK(Shipped().Annotate(text, &out));
  ASSERT_EQ(out.size(), 2u);
  for (const auto& s : out) ExpectTree(s);
  const Token* confirmed = Find(out, "confirmed");
  ASSERT_NE(confirmed, nullptr);
  EXPECT_EQ(confirmed->upos, "VERB");
  EXPECT_EQ(confirmed->deprel, "root");
  const Token* diplomats = Find(out, "diplomats");
  ASSERT_NE(diplomats, nullptr);
  EXPECT_EQ(diplomats->deprel, "nsubj");
  EXPECT_EQ(out[0].tokens[static_cast<size_t>(diplomats->head)].form, "confirmed");
  EXPECT_EQ(Find(out, "sparked")->lemma, "spark");
  EXPECT_EQ(Find(out, "ties")->lemma, "tie");
  EXPECT_EQ(Find(out, "were")->lemma, "be");
  EXPECT_EQ(Find(out, "diplomats")->lemma, "diplomat");
  EXPECT_EQ(Find(out, "Russia")->upos, "PROPN");
  EXPECT_EQ(Find(out, "’s")->xpos, "POS");
}

struct Scores {
  double upos, xpos, lemma, uas, las;
};

// The shipped model's annotation of gold sentences, on their gold tokens.
std::vector<Sentence> AnnotateGoldTokens(const std::vector<ConlluSentence>& gold) {
  std::vector<Sentence> sys;
  for (const auto& g : gold) sys.push_back(BareSentence(g));
  EXPECT_OK(Shipped().TagAndParse(&sys));
  return sys;
}

Scores Score(const std::string& path) {
  std::vector<ConlluSentence> gold;
  EXPECT_OK(ReadConlluFile(path, &gold));
  std::vector<Sentence> sys = AnnotateGoldTokens(gold);
  size_t n = 0, upos = 0, xpos = 0, lemma = 0, uas = 0, las = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    ExpectTree(sys[i]);
    for (size_t k = 0; k < gold[i].sentence.tokens.size(); ++k) {
      const Token& g = gold[i].sentence.tokens[k];
      const Token& t = sys[i].tokens[k];
      ++n;
      upos += g.upos == t.upos;
      xpos += g.xpos == t.xpos;
      lemma += g.lemma == t.lemma;
      uas += g.head == t.head;
      las += g.head == t.head && g.deprel == t.deprel;
    }
  }
  auto pct = [&](size_t k) { return 100.0 * static_cast<double>(k) / static_cast<double>(n); };
  return {pct(upos), pct(xpos), pct(lemma), pct(uas), pct(las)};
}

// Floors a little under the measured figures (see docs/performance.md (NLP pipeline)), so a
// regression in the features, the training or the model file shows up here.
TEST(NlpPipelineTest, AccuracyFloorOnEwtDevSample) {
  Scores s = Score(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu");
  EXPECT_GE(s.upos, 96.0);  // measured 96.30 (session 11's single model: 96.53)
  EXPECT_GE(s.xpos, 95.0);
  EXPECT_GE(s.lemma, 97.0);
  EXPECT_GE(s.uas, 86.0);  // measured 86.90 (session 11, one greedy model: 85.32)
  EXPECT_GE(s.las, 83.0);  // measured 84.00 (without the relabeler 83.78; session 11: 82.04)
}

TEST(NlpPipelineTest, AccuracyFloorOnGumNewsDevDocument) {
  Scores s = Score(SourceDir() + "/tests/data/ud/GUM_news_iodine.conllu");
  EXPECT_GE(s.upos, 94.8);  // measured 95.42 (one tagger: 94.58)
  EXPECT_GE(s.lemma, 96.5);
  EXPECT_GE(s.uas, 85.0);  // measured 85.34 (session 11: 84.78; session 10: 82.54)
  EXPECT_GE(s.las, 82.0);  // measured 82.91 (without the relabeler 82.63; session 11: 81.23)
}

// Golden: the shipped model's annotation of the dev sample, recorded when the model was made.
// Speed work on the scorers must leave every tag, lemma, head and relation as it was; a new
// model re-records it with (one command)
//   build/tools/kgraph eval-parser tests/data/ud/en_ewt-ud-dev-sample.conllu
//       --output tests/data/ud/en_ewt-ud-dev-sample.shipped.conllu
TEST(NlpPipelineTest, ShippedModelAnnotatesTheDevSampleAsRecorded) {
  std::vector<ConlluSentence> gold, recorded;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &gold));
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.shipped.conllu",
                           &recorded));
  ASSERT_EQ(gold.size(), recorded.size());
  std::vector<Sentence> sys = AnnotateGoldTokens(gold);
  size_t tokens = 0, differ = 0;
  for (size_t i = 0; i < sys.size(); ++i) {
    const std::vector<Token>& want = recorded[i].sentence.tokens;
    ASSERT_EQ(sys[i].tokens.size(), want.size()) << "sentence " << i;
    for (size_t k = 0; k < want.size(); ++k) {
      const Token& got = sys[i].tokens[k];
      ++tokens;
      if (got.upos == want[k].upos && got.xpos == want[k].xpos && got.lemma == want[k].lemma &&
          got.head == want[k].head && got.deprel == want[k].deprel)
        continue;
      if (++differ <= 5)
        ADD_FAILURE() << "sentence " << i + 1 << " token " << k + 1 << " '" << got.form
                      << "': " << got.upos << " " << got.xpos << " " << got.lemma << " " << got.head
                      << " " << got.deprel << ", recorded " << want[k].upos << " " << want[k].xpos
                      << " " << want[k].lemma << " " << want[k].head << " " << want[k].deprel;
    }
  }
  EXPECT_EQ(tokens, 5708u);
  EXPECT_EQ(differ, 0u) << "tokens annotated otherwise than recorded";
}

TEST(NlpPipelineTest, PathologicalInputIsBounded) {
  std::vector<Sentence> out;
  std::string words;
  for (int i = 0; i < 20000; ++i) words += (i % 7 == 0 ? "the " : "word ");
  ASSERT_OK(Shipped().Annotate(words, &out));
  ASSERT_EQ(out.size(), 1u);
  ASSERT_EQ(out[0].tokens.size(), 20000u);
  ExpectTree(out[0]);
  out.clear();
  ASSERT_OK(Shipped().Annotate(std::string(50000, ','), &out));
  ASSERT_EQ(out.size(), 1u);
  ExpectTree(out[0]);
  out.clear();
  Status s = Shipped().Annotate(std::string("bad\0byte", 8), &out);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  s = Shipped().Annotate("caf\xE9 au lait", &out);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);
  out.clear();
  ASSERT_OK(Shipped().Annotate("", &out));
  EXPECT_TRUE(out.empty());
}

TEST(NlpPipelineTest, BadModelFilesAreErrorsNotCrashes) {
  TempDir dir;
  auto missing = Pipeline::Load(dir / "none.kgm");
  EXPECT_FALSE(missing.ok());
  WriteFile(dir / "garbage.kgm", "not a model at all");
  auto garbage = Pipeline::Load(dir / "garbage.kgm");
  ASSERT_FALSE(garbage.ok());
  EXPECT_TRUE(garbage.status().IsCorruption());
  // A truncated copy of the real model.
  std::string real = ReadFile(SourceDir() + "/models/en_ewt_gum.kgm");
  ASSERT_GT(real.size(), 1000u);
  WriteFile(dir / "short.kgm", real.substr(0, real.size() / 2));
  auto truncated = Pipeline::Load(dir / "short.kgm");
  ASSERT_FALSE(truncated.ok());
  EXPECT_TRUE(truncated.status().IsCorruption());
}

// Trains twice on the dev sample with `o`: the files are byte-identical and the loaded model
// annotates like the trained one. Returns the loaded model's tag accuracy on the sample.
double ExpectDeterministicRoundTrip(const TrainOptions& o) {
  std::vector<ConlluSentence> train;
  EXPECT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TempDir dir;
  std::string files[2] = {dir / "a.kgm", dir / "b.kgm"};
  for (const std::string& f : files) {
    Model m;
    EXPECT_OK(m.Train(train, {}, o, nullptr));
    EXPECT_OK(m.Save(f));
  }
  std::string a = ReadFile(files[0]);
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, ReadFile(files[1]));
  Model trained;
  EXPECT_OK(trained.Train(train, {}, o, nullptr));
  Model loaded;
  EXPECT_OK(loaded.Load(files[0]));
  size_t tokens = 0, right = 0;
  for (const ConlluSentence& g : train) {
    Sentence x = BareSentence(g), y = x;
    trained.Annotate(&x);
    loaded.Annotate(&y);
    for (size_t k = 0; k < x.tokens.size(); ++k) {
      EXPECT_EQ(x.tokens[k].xpos, y.tokens[k].xpos);
      EXPECT_EQ(x.tokens[k].head, y.tokens[k].head);
      EXPECT_EQ(x.tokens[k].deprel, y.tokens[k].deprel);
      ++tokens;
      right += y.tokens[k].xpos == g.sentence.tokens[k].xpos;
    }
  }
  return 100.0 * static_cast<double>(right) / static_cast<double>(tokens);
}

TrainOptions SmallOptions() {
  TrainOptions o;
  o.tagger_epochs = 2;
  o.parser_epochs = 2;
  o.tagger_rows_log2 = 14;
  o.trans_rows_log2 = 14;
  o.label_rows_log2 = 14;
  return o;
}

// A loaded model (its transition table unpacked into plain rows for speed) saves back to the
// same bytes.
TEST(NlpPipelineTest, ALoadedModelSavesTheSameFile) {
  Model m;
  ASSERT_OK(m.Load(SourceDir() + "/models/en_ewt_gum.kgm"));
  TempDir dir;
  ASSERT_OK(m.Save(dir / "again.kgm"));
  EXPECT_TRUE(ReadFile(dir / "again.kgm") == ReadFile(SourceDir() + "/models/en_ewt_gum.kgm"));
}

TEST(NlpPipelineTest, TrainingIsDeterministicAndRoundTrips) {
  EXPECT_GT(ExpectDeterministicRoundTrip(SmallOptions()), 80.0);
}

// The right-to-left tagger and the tag dictionary are saved and loaded with the model.
TEST(NlpPipelineTest, BidirectionalTaggerAndTagDictionaryRoundTrip) {
  TrainOptions o = SmallOptions();
  o.bidirectional_tagger = true;
  o.tag_dictionary = true;
  o.jackknife_folds = 2;
  EXPECT_GT(ExpectDeterministicRoundTrip(o), 80.0);
}

// Two models annotating the same gold sentences: tokens, tokens with the same XPOS from both,
// and tokens the second model gives the gold head.
struct Agreement {
  size_t tokens = 0, same_xpos = 0, second_right_heads = 0;
};
Agreement Compare(const Model& first, const Model& second,
                  const std::vector<ConlluSentence>& gold) {
  Agreement a;
  for (const ConlluSentence& g : gold) {
    Sentence x = BareSentence(g), y = x;
    first.Annotate(&x);
    second.Annotate(&y);
    for (size_t k = 0; k < x.tokens.size(); ++k) {
      ++a.tokens;
      a.same_xpos += x.tokens[k].xpos == y.tokens[k].xpos;
      a.second_right_heads += y.tokens[k].head == g.sentence.tokens[k].head;
    }
  }
  return a;
}

// The supertagger and the reverse tagger's skip margin are saved and loaded with the model.
TEST(NlpPipelineTest, SupertaggerAndSkipMarginRoundTrip) {
  TrainOptions o = SmallOptions();
  o.bidirectional_tagger = true;
  o.supertagger = true;
  o.supertagger_prune = 0.1f;
  o.reverse_skip_margin = 2.0f;
  o.jackknife_folds = 2;
  EXPECT_GT(ExpectDeterministicRoundTrip(o), 80.0);
}

// Tokens the left-to-right tagger wins by more than the margin skip the right-to-left
// tagger: with a margin, part of the tokens skip it, and the tags stay nearly all the same.
TEST(NlpPipelineTest, ReverseSkipMarginKeepsNearlyAllTags) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TrainOptions o = SmallOptions();
  o.bidirectional_tagger = true;
  o.tagger_epochs = 4;
  Model both, skipping;
  ASSERT_OK(both.Train(train, {}, o, nullptr));
  o.reverse_skip_margin = 5.0f;
  ASSERT_OK(skipping.Train(train, {}, o, nullptr));
  TempDir dir;
  ASSERT_OK(both.Save(dir / "both.kgm"));
  ASSERT_OK(skipping.Save(dir / "skipping.kgm"));
  EXPECT_EQ(ReadFile(dir / "skipping.kgm").size(), ReadFile(dir / "both.kgm").size() + 4);
  Agreement a = Compare(both, skipping, train);
  EXPECT_GT(100.0 * a.same_xpos / a.tokens, 98.0);
}

// Averaging models: a model averaged with itself is the same model (same bytes); the average
// of two seeds' models is neither of them, does not depend on the order of the files and
// still parses its training sample well; models that differ in more than their weights, or a
// single model, are refused with a message naming the file.
TEST(NlpPipelineTest, AveragingModels) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TrainOptions o = SmallOptions();
  o.bidirectional_tagger = true;
  o.supertagger = true;
  o.jackknife_folds = 2;
  TempDir dir;
  const std::string a = dir / "a.kgm", b = dir / "b.kgm", plain = dir / "plain.kgm";
  for (const std::string& file : {a, b, plain}) {
    o.seed = file == a ? 1 : 2;
    o.supertagger = file != plain;
    Model m;
    ASSERT_OK(m.Train(train, {}, o, nullptr));
    ASSERT_OK(m.Save(file));
  }
  Model self;
  ASSERT_OK(self.Average({a, a}, {}));
  ASSERT_OK(self.Save(dir / "aa.kgm"));
  EXPECT_TRUE(ReadFile(dir / "aa.kgm") == ReadFile(a));

  Model ab, ba;
  ASSERT_OK(ab.Average({a, b}, {}));
  ASSERT_OK(ba.Average({b, a}, {}));
  ASSERT_OK(ab.Save(dir / "ab.kgm"));
  ASSERT_OK(ba.Save(dir / "ba.kgm"));
  const std::string ab_bytes = ReadFile(dir / "ab.kgm");
  EXPECT_TRUE(ab_bytes == ReadFile(dir / "ba.kgm"));
  EXPECT_FALSE(ab_bytes == ReadFile(a));
  EXPECT_FALSE(ab_bytes == ReadFile(b));
  Agreement agree = Compare(self, ab, train);
  EXPECT_GT(100.0 * agree.same_xpos / agree.tokens, 95.0);
  EXPECT_GT(100.0 * agree.second_right_heads / agree.tokens, 70.0);

  Model refused;
  Status s = refused.Average({a, plain}, {});
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.ToString().find("plain.kgm"), std::string::npos) << s.ToString();
  EXPECT_TRUE(refused.Average({a}, {}).IsInvalidArgument());
}

// Tokens of the gold sentences whose head and relation a model gets right.
size_t RightArcs(const Model& m, const std::vector<ConlluSentence>& gold) {
  size_t right = 0;
  for (const ConlluSentence& g : gold) {
    Sentence x = BareSentence(g);
    m.Annotate(&x);
    for (size_t k = 0; k < x.tokens.size(); ++k)
      right += x.tokens[k].head == g.sentence.tokens[k].head &&
               x.tokens[k].deprel == g.sentence.tokens[k].deprel;
  }
  return right;
}

// The relabeler gives relations again once a tree is complete, and only relations: trained
// with a weak model (two parser epochs, greedy and beam) on a sample that model labels poorly,
// it fixes relations of that sample and leaves every head and tag alone (the rest of the model
// is the same as without it). Training is deterministic; the relabeler and its margin are saved
// and loaded with the model; a larger margin relabels more; a margin of 0 is refused;
// averaging averages relabelers, and refuses to mix models with and without one.
TEST(NlpPipelineTest, RelabelerFixesRelationsOnly) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  for (int beam : {1, 2}) {
    SCOPED_TRACE(beam);
    TrainOptions o = SmallOptions();
    o.parser_beam = beam;
    TempDir dir;
    Model base, wide, again, narrow, loaded, refused;
    ASSERT_OK(base.Train(train, {}, o, nullptr));
    o.relabeler = true;
    o.relabel_margin = 1e6f;  // every arc
    ASSERT_OK(wide.Train(train, {}, o, nullptr));
    ASSERT_OK(again.Train(train, {}, o, nullptr));
    o.relabel_margin = 0.5f;
    ASSERT_OK(narrow.Train(train, {}, o, nullptr));
    o.relabel_margin = 0.0f;
    EXPECT_TRUE(refused.Train(train, {}, o, nullptr).IsInvalidArgument());
    ASSERT_OK(base.Save(dir / "base.kgm"));
    ASSERT_OK(wide.Save(dir / "wide.kgm"));
    ASSERT_OK(again.Save(dir / "again.kgm"));
    EXPECT_TRUE(ReadFile(dir / "wide.kgm") == ReadFile(dir / "again.kgm"));
    EXPECT_GT(ReadFile(dir / "wide.kgm").size(), ReadFile(dir / "base.kgm").size());
    ASSERT_OK(loaded.Load(dir / "wide.kgm"));

    size_t tokens = 0, changed = 0, changed_narrow = 0;
    for (const ConlluSentence& g : train) {
      Sentence b = BareSentence(g), w = b, l = b, n = b;
      base.Annotate(&b);
      wide.Annotate(&w);
      loaded.Annotate(&l);
      narrow.Annotate(&n);
      for (size_t k = 0; k < b.tokens.size(); ++k) {
        ++tokens;
        EXPECT_EQ(w.tokens[k].head, b.tokens[k].head);
        EXPECT_EQ(w.tokens[k].xpos, b.tokens[k].xpos);
        EXPECT_EQ(l.tokens[k].deprel, w.tokens[k].deprel);
        EXPECT_EQ(n.tokens[k].head, b.tokens[k].head);
        changed += w.tokens[k].deprel != b.tokens[k].deprel;
        changed_narrow += n.tokens[k].deprel != b.tokens[k].deprel;
      }
    }
    EXPECT_GT(changed, tokens / 100);
    EXPECT_LT(changed_narrow, changed);
    EXPECT_GT(RightArcs(wide, train), RightArcs(base, train) + tokens / 200);

    Model averaged, mixed;
    ASSERT_OK(averaged.Average({dir / "wide.kgm", dir / "wide.kgm"}, {}));
    ASSERT_OK(averaged.Save(dir / "averaged.kgm"));
    EXPECT_TRUE(ReadFile(dir / "averaged.kgm") == ReadFile(dir / "wide.kgm"));
    Status s = mixed.Average({dir / "wide.kgm", dir / "base.kgm"}, {});
    EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  }
}

// Pruning the parser's tables drops their small weights only: the file shrinks, the tagger's
// weights (and so the tags) stay the same, and the pruned model still parses its training
// sample well.
TEST(NlpPipelineTest, PruningTheParserKeepsTheTaggerAndShrinksTheFile) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TempDir dir;
  Model full, pruned;
  TrainOptions o = SmallOptions();
  ASSERT_OK(full.Train(train, {}, o, nullptr));
  o.parser_prune = 0.5f;
  ASSERT_OK(pruned.Train(train, {}, o, nullptr));
  ASSERT_OK(full.Save(dir / "full.kgm"));
  ASSERT_OK(pruned.Save(dir / "pruned.kgm"));
  EXPECT_LT(ReadFile(dir / "pruned.kgm").size(), ReadFile(dir / "full.kgm").size());
  Agreement a = Compare(full, pruned, train);
  EXPECT_EQ(a.same_xpos, a.tokens);
  EXPECT_GT(100.0 * a.second_right_heads / a.tokens, 70.0);
}

// A word of the tag dictionary keeps its majority tag even where the tagger, from the context,
// would choose another: "dog" is a noun 150 times and a verb once ("they dog us").
TEST(NlpPipelineTest, TagDictionaryFixesFrequentUnambiguousWords) {
  std::string conllu;
  for (int i = 0; i < 150; ++i)
    conllu +=
        "1\tthe\tthe\tDET\tDT\t_\t2\tdet\t_\t_\n"
        "2\tdog\tdog\tNOUN\tNN\t_\t3\tnsubj\t_\t_\n"
        "3\tbarks\tbark\tVERB\tVBZ\t_\t0\troot\t_\t_\n"
        "4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
  conllu +=
      "1\tthey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
      "2\tdog\tdog\tVERB\tVBP\t_\t0\troot\t_\t_\n"
      "3\tus\twe\tPRON\tPRP\t_\t2\tobj\t_\t_\n"
      "4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";
  TempDir dir;
  WriteFile(dir / "dog.conllu", conllu);
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(dir / "dog.conllu", &train));
  auto tag_of_dog = [&](bool dictionary) {
    TrainOptions o = SmallOptions();
    o.tag_dictionary = dictionary;
    o.tagger_epochs = 5;
    Model m;
    EXPECT_OK(m.Train(train, {}, o, nullptr));
    Sentence s;
    for (const char* w : {"they", "dog", "us", "."}) {
      Token b;
      b.form = w;
      s.tokens.push_back(b);
    }
    m.Annotate(&s);
    return s.tokens[1].xpos;
  };
  EXPECT_EQ(tag_of_dog(false), "VBP");  // the tagger learnt the odd context
  EXPECT_EQ(tag_of_dog(true), "NN");
}

TEST(NlpCliTest, ParseWritesConlluAndJson) {
  TempDir dir;
  WriteFile(dir / "a.txt", "Mr. Smith visited the U.S. on Friday. He didn't stay.\n");
  auto r = RunKgraph("parse " + ShellQuote(dir / "a.txt"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# text = Mr. Smith visited the U.S. on Friday."), std::string::npos);
  EXPECT_NE(r.out.find("\tdid\tdo\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tn't\tnot\tPART\tRB\t"), std::string::npos) << r.out;
  r = RunKgraph("parse --format json -", "Russia’s envoy welcomed the move.");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"form\": \"envoy\", \"begin\": 11, \"end\": 16"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"deprel\": \"root\""), std::string::npos);
}

TEST(NlpCliTest, ParseRejectsBinaryInputWithAMessage) {
  TempDir dir;
  WriteFile(dir / "bin.txt", std::string("abc\0def\xff", 8));
  auto r = RunKgraph("parse " + ShellQuote(dir / "bin.txt"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bin.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("byte"), std::string::npos) << r.err;
  r = RunKgraph("parse " + ShellQuote(dir / "missing.txt"));
  EXPECT_EQ(r.exit_code, 1);
}

// average-models: a missing or single input is an error naming the problem, and no output
// file is written.
TEST(NlpCliTest, AverageModelsRejectsBadInput) {
  TempDir dir;
  const std::string shipped = ShellQuote(SourceDir() + "/models/en_ewt_gum.kgm");
  auto r = RunKgraph("average-models " + shipped + " " + ShellQuote(dir / "missing.kgm") + " -o " +
                     ShellQuote(dir / "out.kgm"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.kgm"), std::string::npos) << r.err;
  r = RunKgraph("average-models " + shipped + " -o " + ShellQuote(dir / "out.kgm"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_TRUE(ReadFile(dir / "out.kgm").empty());
}

// train-model --relabeler: a relabel margin of 0 is an error naming the option, and no model
// file is written.
TEST(NlpCliTest, TrainModelRejectsAZeroRelabelMargin) {
  TempDir dir;
  auto r =
      RunKgraph("train-model " + ShellQuote(SourceDir() + "/tests/data/ud/GUM_news_iodine.conllu") +
                " --relabeler --relabel-margin 0 -o " + ShellQuote(dir / "out.kgm"));
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("relabel-margin"), std::string::npos) << r.err;
  EXPECT_TRUE(ReadFile(dir / "out.kgm").empty());
}

TEST(NlpCliTest, EvalParserJsonKeys) {
  auto r = RunKgraph("eval-parser --format json " +
                     ShellQuote(SourceDir() + "/tests/data/ud/GUM_news_iodine.conllu"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* key : {"\"upos\": ", "\"xpos\": ", "\"lemma\": ", "\"uas\": ", "\"las\": ",
                          "\"tokens_per_second\": ", "\"sentence_f1\": ", "\"token_f1\": "})
    EXPECT_NE(r.out.find(key), std::string::npos) << key << " in " << r.out;
  r = RunKgraph("eval-parser " + ShellQuote(SourceDir() + "/CMakeLists.txt"));
  EXPECT_EQ(r.exit_code, 1);
}

}  // namespace
}  // namespace kgraph::nlp
