// The parser's beam search: at width 1 the beam decoder is the greedy one, a globally trained
// beam model learns a tiny treebank, training is deterministic, and the width survives a save
// and load.
#include <string>
#include <vector>

#include "ingest/nlp/conllu.h"
#include "ingest/nlp/model.h"
#include "tests/test_util.h"

namespace kgraph::nlp {
namespace {

using kgraph::testing::ReadFile;
using kgraph::testing::SourceDir;
using kgraph::testing::TempDir;
using kgraph::testing::WriteFile;

// A hand-made treebank: short sentences whose trees need both left and right arcs, with a
// repeated attachment choice (PP to verb or noun) that a beam must get right.
constexpr const char* kTiny = R"(# text = The dog barks.
1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	barks	bark	VERB	VBZ	_	0	root	_	SpaceAfter=No
4	.	.	PUNCT	.	_	3	punct	_	_

# text = A cat sees the dog.
1	A	a	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	3	nsubj	_	_
3	sees	see	VERB	VBZ	_	0	root	_	_
4	the	the	DET	DT	_	5	det	_	_
5	dog	dog	NOUN	NN	_	3	obj	_	SpaceAfter=No
6	.	.	PUNCT	.	_	3	punct	_	_

# text = The dog sees a cat in the park.
1	The	the	DET	DT	_	2	det	_	_
2	dog	dog	NOUN	NN	_	3	nsubj	_	_
3	sees	see	VERB	VBZ	_	0	root	_	_
4	a	a	DET	DT	_	5	det	_	_
5	cat	cat	NOUN	NN	_	3	obj	_	_
6	in	in	ADP	IN	_	8	case	_	_
7	the	the	DET	DT	_	8	det	_	_
8	park	park	NOUN	NN	_	3	obl	_	SpaceAfter=No
9	.	.	PUNCT	.	_	3	punct	_	_

# text = A cat with a hat barks.
1	A	a	DET	DT	_	2	det	_	_
2	cat	cat	NOUN	NN	_	6	nsubj	_	_
3	with	with	ADP	IN	_	5	case	_	_
4	a	a	DET	DT	_	5	det	_	_
5	hat	hat	NOUN	NN	_	2	nmod	_	_
6	barks	bark	VERB	VBZ	_	0	root	_	SpaceAfter=No
7	.	.	PUNCT	.	_	6	punct	_	_

# text = The big dog quickly sees the small cat.
1	The	the	DET	DT	_	3	det	_	_
2	big	big	ADJ	JJ	_	3	amod	_	_
3	dog	dog	NOUN	NN	_	5	nsubj	_	_
4	quickly	quickly	ADV	RB	_	5	advmod	_	_
5	sees	see	VERB	VBZ	_	0	root	_	_
6	the	the	DET	DT	_	8	det	_	_
7	small	small	ADJ	JJ	_	8	amod	_	_
8	cat	cat	NOUN	NN	_	5	obj	_	SpaceAfter=No
9	.	.	PUNCT	.	_	5	punct	_	_

)";

std::vector<ConlluSentence> Tiny() {
  TempDir dir;
  WriteFile(dir / "tiny.conllu", kTiny);
  std::vector<ConlluSentence> out;
  EXPECT_OK(ReadConlluFile(dir / "tiny.conllu", &out));
  return out;
}

TrainOptions Small() {
  TrainOptions o;
  o.tagger_epochs = 5;
  o.parser_epochs = 10;
  o.tagger_rows_log2 = 12;
  o.trans_rows_log2 = 14;
  o.label_rows_log2 = 12;
  return o;
}

TEST(NlpBeamTest, BeamTrainedModelParsesItsTrainingSentences) {
  std::vector<ConlluSentence> train = Tiny();
  ASSERT_EQ(train.size(), 5u);
  TrainOptions o = Small();
  o.parser_beam = 4;
  Model m;
  ASSERT_OK(m.Train(train, {}, o, nullptr));
  EXPECT_EQ(m.beam(), 4);
  for (const ConlluSentence& cs : train) {
    Sentence s = BareSentence(cs);
    m.Annotate(&s);
    for (size_t k = 0; k < s.tokens.size(); ++k) {
      EXPECT_EQ(s.tokens[k].head, cs.sentence.tokens[k].head) << cs.text << " token " << k;
      EXPECT_EQ(s.tokens[k].deprel, cs.sentence.tokens[k].deprel) << cs.text << " token " << k;
    }
  }
}

// At width 1 the beam decoder must make exactly the greedy decoder's choices (same tie
// breaking), on the shipped model's tables over real sentences.
TEST(NlpBeamTest, BeamOfOneIsGreedy) {
  std::vector<ConlluSentence> dev;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &dev));
  Model greedy, beam1;
  ASSERT_OK(greedy.Load(SourceDir() + "/models/en_ewt_gum.kgm"));
  ASSERT_OK(beam1.Load(SourceDir() + "/models/en_ewt_gum.kgm"));
  greedy.SetBeam(1);
  beam1.SetBeam(1, /*force_beam_search=*/true);
  size_t tokens = 0;
  for (const ConlluSentence& cs : dev) {
    Sentence x = BareSentence(cs), y = BareSentence(cs);
    greedy.Annotate(&x);
    beam1.Annotate(&y);
    for (size_t k = 0; k < x.tokens.size(); ++k, ++tokens) {
      ASSERT_EQ(x.tokens[k].head, y.tokens[k].head) << cs.text << " token " << k;
      ASSERT_EQ(x.tokens[k].deprel, y.tokens[k].deprel) << cs.text << " token " << k;
    }
  }
  EXPECT_GT(tokens, 1000u);
}

// Options for a beam-3 model of the dev sample, trained in a second or so.
TrainOptions SmallBeam3() {
  TrainOptions o = Small();
  o.tagger_epochs = 2;
  o.parser_epochs = 2;
  o.parser_beam = 3;
  return o;
}

TEST(NlpBeamTest, BeamTrainingIsDeterministicAndTheWidthRoundTrips) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TrainOptions o = SmallBeam3();
  TempDir dir;
  std::string files[2] = {dir / "a.kgm", dir / "b.kgm"};
  for (const std::string& f : files) {
    Model m;
    ASSERT_OK(m.Train(train, {}, o, nullptr));
    ASSERT_OK(m.Save(f));
  }
  EXPECT_EQ(ReadFile(files[0]), ReadFile(files[1]));
  Model trained;
  ASSERT_OK(trained.Train(train, {}, o, nullptr));
  Model loaded;
  ASSERT_OK(loaded.Load(files[0]));
  EXPECT_EQ(loaded.beam(), 3);
  for (size_t i = 0; i < 50; ++i) {
    Sentence x = BareSentence(train[i]), y = BareSentence(train[i]);
    trained.Annotate(&x);
    loaded.Annotate(&y);
    for (size_t k = 0; k < x.tokens.size(); ++k) {
      EXPECT_EQ(x.tokens[k].head, y.tokens[k].head);
      EXPECT_EQ(x.tokens[k].deprel, y.tokens[k].deprel);
    }
  }
  // A run-time width overrides the stored one; the file keeps what training chose.
  loaded.SetBeam(1);
  EXPECT_EQ(loaded.beam(), 1);
  Model again;
  ASSERT_OK(again.Load(files[0]));
  EXPECT_EQ(again.beam(), 3);
  EXPECT_EQ(ReadFile(files[0]).rfind("KGRAPH-NLP-MODEL-4\n", 0), 0u);
  // A model saved with width 1 loads as greedy.
  trained.SetBeam(1);
  ASSERT_OK(trained.Save(dir / "greedy.kgm"));
  Model greedy;
  ASSERT_OK(greedy.Load(dir / "greedy.kgm"));
  EXPECT_EQ(greedy.beam(), 1);
}

// Heads and relations of the sample's sentences as one string per model, to compare decoders.
std::string Trees(const Model& m, const std::vector<ConlluSentence>& gold) {
  std::string out;
  for (const ConlluSentence& cs : gold) {
    Sentence s = BareSentence(cs);
    m.Annotate(&s);
    for (const Token& t : s.tokens) out += std::to_string(t.head) + t.deprel + " ";
    out += "\n";
  }
  return out;
}

// The beam margin drops candidates far below the best: a huge margin changes nothing, a tiny
// one leaves one item per step (the beam decoder at width 1), one in between lies between the
// two; it is stored in the model file and survives averaging.
TEST(NlpBeamTest, BeamMarginNarrowsTheBeamAndRoundTrips) {
  std::vector<ConlluSentence> train;
  ASSERT_OK(ReadConlluFile(SourceDir() + "/tests/data/ud/en_ewt-ud-dev-sample.conllu", &train));
  TempDir dir;
  Model m;
  ASSERT_OK(m.Train(train, {}, SmallBeam3(), nullptr));
  EXPECT_EQ(m.beam_margin(), 0.0f);
  ASSERT_OK(m.Save(dir / "plain.kgm"));
  const std::string full = Trees(m, train);
  m.SetBeamMargin(1e9f);
  EXPECT_EQ(Trees(m, train), full);
  m.SetBeamMargin(1e-6f);
  const std::string narrow = Trees(m, train);
  m.SetBeam(1, /*force_beam_search=*/true);
  m.SetBeamMargin(0.0f);
  EXPECT_EQ(Trees(m, train), narrow);
  EXPECT_NE(narrow, full);

  m.SetBeam(3);
  m.SetBeamMargin(8.0f);
  const std::string between = Trees(m, train);
  EXPECT_NE(between, full);
  EXPECT_NE(between, narrow);
  ASSERT_OK(m.Save(dir / "margin.kgm"));
  EXPECT_EQ(ReadFile(dir / "margin.kgm").size(), ReadFile(dir / "plain.kgm").size() + 4);
  Model loaded;
  ASSERT_OK(loaded.Load(dir / "margin.kgm"));
  EXPECT_EQ(loaded.beam_margin(), 8.0f);
  EXPECT_EQ(Trees(loaded, train), between);

  Model averaged;
  ASSERT_OK(averaged.Average({dir / "margin.kgm", dir / "margin.kgm"}, {}));
  EXPECT_EQ(averaged.beam_margin(), 8.0f);
  AverageOptions zero;
  zero.beam_margin = 0.0f;
  ASSERT_OK(averaged.Average({dir / "margin.kgm", dir / "margin.kgm"}, zero));
  EXPECT_EQ(averaged.beam_margin(), 0.0f);
  EXPECT_EQ(Trees(averaged, train), full);

  // Models trained with other beams average too; the first one's width is the average's.
  TrainOptions greedy_options = SmallBeam3();
  greedy_options.parser_beam = 1;
  Model greedy;
  ASSERT_OK(greedy.Train(train, {}, greedy_options, nullptr));
  ASSERT_OK(greedy.Save(dir / "greedy.kgm"));
  Model mixed;
  ASSERT_OK(mixed.Average({dir / "margin.kgm", dir / "greedy.kgm"}, {}));
  EXPECT_EQ(mixed.beam(), 3);
  EXPECT_EQ(mixed.beam_margin(), 8.0f);
  ASSERT_OK(mixed.Average({dir / "greedy.kgm", dir / "margin.kgm"}, {}));
  EXPECT_EQ(mixed.beam(), 1);
}

}  // namespace
}  // namespace kgraph::nlp
