// The import readers: N-Triples lines (W3C-style good and bad cases) and statement JSON Lines.
#include "ingest/readers/ntriples.h"
#include "ingest/readers/statement_jsonl.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

TEST(NTriplesTest, ParsesTermsAsWritten) {
  NtTriple t;
  auto r = ParseNTriplesLine("<http://a/s> <http://a/p> \"chat \\\"x\\\"\"@fr-BE . # comment", &t);
  ASSERT_OK(r);
  ASSERT_TRUE(*r);
  EXPECT_EQ(t.subject.text, "http://a/s");
  EXPECT_EQ(t.predicate.text, "http://a/p");
  EXPECT_EQ(t.object.kind, TermKind::kLiteral);
  EXPECT_EQ(t.object.text, "\"chat \\\"x\\\"\"@fr-BE");
  ASSERT_TRUE(*ParseNTriplesLine(
      "_:b1 <http://a/p> \"1\"^^<http://www.w3.org/2001/XMLSchema#integer>.", &t));
  EXPECT_EQ(t.subject.kind, TermKind::kBlank);
  EXPECT_EQ(t.subject.text, "b1");
  EXPECT_EQ(t.object.text, "\"1\"^^<http://www.w3.org/2001/XMLSchema#integer>");
  ASSERT_TRUE(*ParseNTriplesLine("<http://a/\\u00E9> <http://a/p> _:o.", &t));
  EXPECT_EQ(t.object.text, "o");
  EXPECT_FALSE(*ParseNTriplesLine("   # only a comment", &t));
  EXPECT_FALSE(*ParseNTriplesLine("", &t));
}

TEST(NTriplesTest, RejectsBadLinesWithTheColumn) {
  NtTriple t;
  for (const char* bad : {
           "<http://a/s> <http://a/p> <http://a/o>",          // no final dot
           "<http://a/s> _:p <http://a/o> .",                 // blank predicate
           "\"lit\" <http://a/p> <http://a/o> .",             // literal subject
           "<http://a/s> <http://a/p> \"unterminated .",      // open literal
           "<http://a/s> <http://a/p> <http://a/o> . extra",  // trailing text
           "<http://a/s s> <http://a/p> <http://a/o> .",      // space in IRI
           "<relative> <http://a/p> <http://a/o> .",          // relative IRI
           "<http://a/s> <http://a/p> \"x\"@ .",              // empty language tag
           "<http://a/s> <http://a/p> \"bad \\q escape\" .",  // bad escape
       }) {
    auto r = ParseNTriplesLine(bad, &t);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) EXPECT_TRUE(r.status().message().starts_with("column ")) << r.status().message();
  }
}

TEST(StatementJsonlTest, GroupsStatementsByDocument) {
  std::string input =
      "{\"kind\":\"document\",\"doc\":\"a.txt\",\"title\":\"A\",\"date\":\"2009-03-05\"}\n"
      "{\"doc\":\"a.txt\",\"subject\":{\"name\":\"NATO\",\"type\":\"ORGANIZATION\"},"
      "\"relation\":\"consults\",\"object\":{\"name\":\"Russia\",\"type\":\"COUNTRY\"},"
      "\"text\":\"NATO met Russia.\",\"span\":[0,16],\"confidence\":0.75,\"hedged\":true}\n"
      "\n"
      "{\"doc\":\"b.txt\",\"subject\":\"X\",\"relation\":\"r\",\"object\":\"Y\"}\n"
      "{\"kind\":\"entity\",\"doc\":\"a.txt\",\"name\":\"Russia\",\"type\":\"COUNTRY\","
      "\"aliases\":[\"Moscow\"]}\n";
  auto batches = ParseStatementJsonl(input, "in.jsonl");
  ASSERT_OK(batches);
  ASSERT_EQ(batches->size(), 2u);
  const DocumentBatch& a = (*batches)[0];
  EXPECT_EQ(a.document.title, "A");
  EXPECT_EQ(a.document.date, "2009-03-05");
  ASSERT_EQ(a.statements.size(), 1u);
  EXPECT_EQ(a.statements[0].subject.type, EntityType::kOrganization);
  EXPECT_EQ(a.statements[0].provenance.span_end, 16u);
  EXPECT_TRUE(a.statements[0].provenance.hedged);
  EXPECT_FLOAT_EQ(a.statements[0].provenance.confidence, 0.75f);
  ASSERT_EQ(a.entities.size(), 1u);
  EXPECT_EQ(a.entities[0].aliases, std::vector<std::string>{"Moscow"});
  EXPECT_NE(a.document.id, (*batches)[1].document.id);
}

TEST(StatementJsonlTest, ErrorsNameFileLineAndProblem) {
  struct Case {
    const char* input;
    const char* expected;
  } cases[] = {
      {"{\"doc\":\"a\",\"subject\":\"X\",\"relation\":\"r\"}", "in.jsonl:1: missing \"object\""},
      {"\n{not json", "in.jsonl:2: bad JSON"},
      {"{\"doc\":\"a\",\"subject\":{\"name\":\"X\",\"type\":\"ALIEN\"},\"relation\":\"r\","
       "\"object\":\"Y\"}",
       "unknown entity type \"ALIEN\""},
      {"{\"doc\":\"a\",\"subject\":\"X\",\"relation\":\"r\",\"object\":\"Y\",\"confidence\":7}",
       "\"confidence\" must be within [0, 1]"},
      {"{\"doc\":\"a\",\"subject\":\"X\",\"relation\":\"r\",\"object\":\"Y\",\"date\":\"March\"}",
       "\"date\" must be an ISO date"},
      {"{\"doc\":\"a\",\"subject\":\"X\",\"relation\":\"r\",\"object\":\"Y\",\"span\":[5,2]}",
       "\"span\" must be"},
      {"{\"doc\":\"a\",\"subject\":\"\xFF\",\"relation\":\"r\",\"object\":\"Y\"}", "invalid UTF-8"},
      {"[1,2]", "expected a JSON object"},
  };
  for (const Case& c : cases) {
    auto r = ParseStatementJsonl(c.input, "in.jsonl");
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_NE(r.status().message().find(c.expected), std::string::npos)
        << r.status().message() << " (wanted: " << c.expected << ")";
    EXPECT_TRUE(r.status().message().starts_with("in.jsonl:")) << r.status().message();
  }
}

}  // namespace
}  // namespace kgraph
