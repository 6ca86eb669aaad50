// Tokenizer and sentence splitter: the news cases (abbreviations, initials, clitics, hyphens,
// quotes, dashes, datelines, URLs, ellipses, headlines), exact offsets, seed articles and
// pathological input.
#include <chrono>
#include <string>
#include <vector>

#include "ingest/nlp/pipeline.h"
#include "tests/test_util.h"

namespace kgraph::nlp {
namespace {

std::vector<Sentence> Split(const std::string& text) {
  std::vector<Sentence> out;
  Status s = Tokenize(text, &out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  // Offsets are exact: every token's form is the text at its span, in order.
  for (const Sentence& sent : out) {
    uint32_t last = sent.begin;
    for (const Token& t : sent.tokens) {
      EXPECT_EQ(text.substr(t.begin, t.end - t.begin), t.form);
      EXPECT_GE(t.begin, last);
      last = t.end;
    }
    EXPECT_EQ(sent.begin, sent.tokens.front().begin);
    EXPECT_EQ(sent.end, sent.tokens.back().end);
  }
  return out;
}

// Tokens of all sentences joined with '|', sentences with " || ".
std::string Show(const std::string& text) {
  std::string r;
  for (const Sentence& s : Split(text)) {
    if (!r.empty()) r += " || ";
    for (size_t i = 0; i < s.tokens.size(); ++i) r += (i ? "|" : "") + s.tokens[i].form;
  }
  return r;
}

TEST(NlpTokenizerTest, AbbreviationsDoNotEndSentences) {
  EXPECT_EQ(Show("Mr. Smith met Gen. Petraeus on Jan. 5. They talked."),
            "Mr.|Smith|met|Gen.|Petraeus|on|Jan.|5|. || They|talked|.");
  EXPECT_EQ(Show("Dr. Jones and Mr Brown arrived."), "Dr.|Jones|and|Mr|Brown|arrived|.");
  EXPECT_EQ(Show("U.S. officials said the U.S. Secretary of State will travel."),
            "U.S.|officials|said|the|U.S.|Secretary|of|State|will|travel|.");
}

TEST(NlpTokenizerTest, AbbreviationAtSentenceEnd) {
  EXPECT_EQ(Show("He moved to the U.S. The move was hard."),
            "He|moved|to|the|U.S. || The|move|was|hard|.");
  EXPECT_EQ(Show("It was founded by Acme Inc. But nobody knew."),
            "It|was|founded|by|Acme|Inc. || But|nobody|knew|.");
}

TEST(NlpTokenizerTest, AbbreviationsInsideWords) {
  EXPECT_EQ(Show("Sen. John McCain (R-Ariz.) met the U.S.-led coalition at 5 p.m. Friday."),
            "Sen.|John|McCain|(|R|-|Ariz.|)|met|the|U.S.|-|led|coalition|at|5|p.m.|Friday|.");
  EXPECT_EQ(Show("No. 10 Downing St. is here. He said no. Then he left."),
            "No.|10|Downing|St.|is|here|. || He|said|no|. || Then|he|left|.");
}

TEST(NlpTokenizerTest, Initials) {
  EXPECT_EQ(Show("J. K. Rowling wrote it. George W. Bush read it."),
            "J.|K.|Rowling|wrote|it|. || George|W.|Bush|read|it|.");
}

TEST(NlpTokenizerTest, CliticsFollowEwt) {
  EXPECT_EQ(Show("I don't know, we can't go and he won't."),
            "I|do|n't|know|,|we|ca|n't|go|and|he|wo|n't|.");
  EXPECT_EQ(Show("Russia's war and Russia’s envoy; they're here, I'm sure we'll see."),
            "Russia|'s|war|and|Russia|’s|envoy|;|they|'re|here|,|I|'m|sure|we|'ll|see|.");
  EXPECT_EQ(Show("The parents' cars. I cannot go."), "The|parents|'|cars|. || I|can|not|go|.");
}

TEST(NlpTokenizerTest, HyphensFollowEwt) {
  EXPECT_EQ(Show("NATO set to green-light NATO-Russia ties in the 26-member alliance."),
            "NATO|set|to|green|-|light|NATO|-|Russia|ties|in|the|26|-|member|alliance|.");
  EXPECT_EQ(Show("The co-founder sent an e-mail to a non-profit."),
            "The|co-founder|sent|an|e-mail|to|a|non-profit|.");
  EXPECT_EQ(Show("Call 713-853-3989 now."), "Call|713-853-3989|now|.");
}

TEST(NlpTokenizerTest, NumbersMoneyPercent) {
  EXPECT_EQ(Show("It cost $5.50, up 3.5% from 1,000 on 05/03/2009 at 10:30."),
            "It|cost|$|5.50|,|up|3.5|%|from|1,000|on|05/03/2009|at|10:30|.");
}

TEST(NlpTokenizerTest, QuotesAndContinuingQuotations) {
  EXPECT_EQ(Show("Washington seeks to \"reboot\" relations."),
            "Washington|seeks|to|\"|reboot|\"|relations|.");
  // A quotation that continues past a full stop is one sentence.
  EXPECT_EQ(Show("\"We would be satisfied. Our envoys could meet,\" he told AFP. Then he left."),
            "\"|We|would|be|satisfied|.|Our|envoys|could|meet|,|\"|he|told|AFP|. || "
            "Then|he|left|.");
  EXPECT_EQ(Show("He said: \"I am convinced.\" Then he left."),
            "He|said|:|\"|I|am|convinced|.|\" || Then|he|left|.");
  EXPECT_EQ(Show("“Stop!” she cried. ‘Fine,’ he said."),
            "“|Stop|!|”|she|cried|. || ‘|Fine|,|’|he|said|.");
}

TEST(NlpTokenizerTest, DashesAndDatelines) {
  EXPECT_EQ(Show("Brussels — NATO ministers met."), "Brussels|—|NATO|ministers|met|.");
  EXPECT_EQ(Show("Brussels - NATO ministers met."), "Brussels|-|NATO|ministers|met|.");
  EXPECT_EQ(Show("Talks—in the Council—resumed -- slowly."),
            "Talks|—|in|the|Council|—|resumed|--|slowly|.");
  EXPECT_EQ(Show("BRUSSELS (Reuters) - Ministers met."), "BRUSSELS|(|Reuters|)|-|Ministers|met|.");
}

TEST(NlpTokenizerTest, UrlsEmailsEllipses) {
  EXPECT_EQ(Show("See http://example.com/a-b_c?x=1. Write to press@nato.int, please."),
            "See|http://example.com/a-b_c?x=1|. || Write|to|press@nato.int|,|please|.");
  EXPECT_EQ(Show("Wait... what? Yes…"), "Wait|...|what|? || Yes|…");
}

TEST(NlpTokenizerTest, HeadlinesAndParagraphs) {
  EXPECT_EQ(Show("NATO may restore ties\n\nBrussels - NATO may act.\nIt will."),
            "NATO|may|restore|ties || Brussels|-|NATO|may|act|. || It|will|.");
  // A line without terminal punctuation ends its sentence even without a blank line.
  EXPECT_EQ(Show("Breaking news\nMinisters met today."), "Breaking|news || Ministers|met|today|.");
  // After terminal punctuation, a line starting in lower case continues the sentence.
  EXPECT_EQ(Show("It rained in the\nafternoon. And then\nit stopped."),
            "It|rained|in|the || afternoon|. || And|then || it|stopped|.");
  EXPECT_EQ(Show("He said no.\nbut then agreed."), "He|said|no|.|but|then|agreed|.");
}

TEST(NlpTokenizerTest, OffsetsSurviveMultibyteText) {
  std::string text = "Zürich’s café — “naïve” Øresund…";
  auto sentences = Split(text);
  ASSERT_EQ(sentences.size(), 1u);
  EXPECT_EQ(Show(text), "Zürich|’s|café|—|“|naïve|”|Øresund|…");
}

TEST(NlpTokenizerTest, SeedArticleSplitsIntoItsSentences) {
  std::string text =
      kgraph::testing::ReadFile(kgraph::testing::SourceDir() + "/seeds/000_63d7ad7da0350d37.txt");
  ASSERT_FALSE(text.empty());
  std::vector<Sentence> sentences = Split(text);
  std::vector<std::string> texts;
  for (const auto& s : sentences) texts.push_back(text.substr(s.begin, s.end - s.begin));
  // Breadcrumb, title, "Published on" and byline are lines of their own.
  ASSERT_EQ(texts.size(), 26u);
  EXPECT_EQ(texts[0], "Home News NATO set to green-light formal ties with Russia");
  EXPECT_EQ(texts[1], "NATO set to green-light formal ties with Russia");
  EXPECT_EQ(texts[2], "Published on 05/03/2009");
  EXPECT_TRUE(texts[3].starts_with("Brussels — NATO foreign ministers are set Thursday"));
  EXPECT_EQ(texts[13],
            "\"If the decision is taken tomorrow, we would be very satisfied. Our "
            "representatives could immediately discuss the concrete organisation of the next "
            "formal meeting,\" he told AFP.");
  EXPECT_EQ(texts[14], "But he said: \"I am convinced that we can hold it before the summit.\"");
  EXPECT_EQ(texts.back(), "Pascal Mallet/AFP/Expatica");
  for (const auto& t : texts) EXPECT_EQ(t.find('\n'), std::string::npos) << t;
}

TEST(NlpTokenizerTest, SecondSeedArticle) {
  std::string text =
      kgraph::testing::ReadFile(kgraph::testing::SourceDir() + "/seeds/004_27b597e0c39f9028.txt");
  ASSERT_FALSE(text.empty());
  std::vector<Sentence> sentences = Split(text);
  std::vector<std::string> texts;
  for (const auto& s : sentences) texts.push_back(text.substr(s.begin, s.end - s.begin));
  bool found_quote = false;
  for (const auto& t : texts) {
    EXPECT_EQ(t.find('\n'), std::string::npos) << t;
    if (t.starts_with("\"We need to strive")) {
      found_quote = true;
      EXPECT_TRUE(t.ends_with("one senior US official in Brussels said.")) << t;
    }
  }
  EXPECT_TRUE(found_quote);
}

TEST(NlpTokenizerTest, RejectsInvalidUtf8AndNul) {
  std::vector<Sentence> out;
  Status s = Tokenize(std::string("abc \xC3\x28 def"), &out);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("UTF-8"), std::string::npos);
  EXPECT_NE(s.message().find("4"), std::string::npos);  // names the byte offset
  s = Tokenize(std::string("abc\0def", 7), &out);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("NUL"), std::string::npos);
}

TEST(NlpTokenizerTest, PathologicalInputIsLinear) {
  std::string commas(50000, ',');
  std::vector<Sentence> out;
  ASSERT_OK(Tokenize(commas, &out));
  size_t n = 0;
  for (const auto& s : out) n += s.tokens.size();
  EXPECT_EQ(n, 50000u);
  std::string words;
  for (int i = 0; i < 20000; ++i) words += "word ";
  out.clear();
  ASSERT_OK(Tokenize(words, &out));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].tokens.size(), 20000u);
  std::string dots(30000, '.');
  out.clear();
  ASSERT_OK(Tokenize(dots + " x" + std::string(30000, '-'), &out));
}

}  // namespace
}  // namespace kgraph::nlp
