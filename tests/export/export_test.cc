// Exports checked by independent parsers (raptor's rapper, python's json), hostile names in
// every format, and diagrams rendered to SVG and PNG.
#include <filesystem>

#include "core/text.h"
#include "tests/test_util.h"

namespace kgraph {
namespace {

using testing::RunCommand;
using testing::RunKgraph;
using testing::ShellQuote;
using testing::TempDir;

// Names that break naive writers: quotes, backslashes, angle brackets, newlines, braces,
// ampersands, tabs and non-Latin script.
const char* kHostile =
    "{\"doc\":\"x\\\"y<z>.txt\",\"subject\":{\"name\":\"Bad \\\"Quote\\\" \\\\ <Tag> & "
    "{Brace}\",\"type\":\"ORGANIZATION\"},"
    "\"relation\":\"consults\",\"object\":{\"name\":\"Москва\\nline "
    "two\\tend\",\"type\":\"LOCATION\"},"
    "\"text\":\"He said \\\"hi\\\" \\\\ <b> & }\\n\",\"date\":\"2009-03-05\",\"confidence\":0.5}\n"
    "{\"doc\":\"x\\\"y<z>.txt\",\"subject\":{\"name\":\"Bad \\\"Quote\\\" \\\\ <Tag> & "
    "{Brace}\",\"type\":\"ORGANIZATION\"},"
    "\"relation\":\"some open phrase <with> "
    "\\\"quotes\\\"\",\"object\":{\"name\":\"Plain\",\"type\":\"COUNTRY\"}}\n";

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::WriteFile(dir_ / "in.jsonl", kHostile);
    db_ = "--db " + ShellQuote(dir_ / "db") + " ";
    auto r = RunKgraph(db_ + "import " + ShellQuote(dir_ / "in.jsonl"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  std::string Export(const std::string& format) {
    std::string out = dir_ / ("out." + format);
    auto r = RunKgraph(db_ + "export --format " + format + " -o " + ShellQuote(out));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return out;
  }
  int RapperCount(const std::string& syntax, const std::string& file) {
    auto r = RunCommand("rapper -i " + syntax + " -c " + ShellQuote(file) + " 2>&1");
    EXPECT_EQ(r.exit_code, 0) << "rapper rejected " << file << ":\n"
                              << r.out << testing::ReadFile(file);
    // "rapper: Parsing returned N triples"
    auto at = r.out.find("returned ");
    return at == std::string::npos ? -1 : std::stoi(r.out.substr(at + 9));
  }
  TempDir dir_;
  std::string db_;
};

TEST_F(ExportTest, RapperParsesNTriplesTurtleAndNQuadsOfHostileNames) {
  ASSERT_EQ(RunCommand("command -v rapper").exit_code, 0) << "rapper missing: run tools/setup.sh";
  int nt = RapperCount("ntriples", Export("nt"));
  int ttl = RapperCount("turtle", Export("ttl"));
  EXPECT_GT(nt, 20);
  EXPECT_EQ(nt, ttl);
  EXPECT_GT(RapperCount("nquads", Export("nq")), 2);
  // The literal survives with its escapes decoded by an independent parser.
  auto r = RunCommand("rapper -q -i ntriples -o ntriples " + ShellQuote(dir_ / "out.nt"));
  EXPECT_NE(r.out.find("Bad \\\"Quote\\\" \\\\ <Tag> & {Brace}"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("http://schema.org/NewsArticle"), std::string::npos);
  EXPECT_NE(r.out.find("vocab/consults"), std::string::npos);
  EXPECT_NE(r.out.find("cameoCode"), std::string::npos);
}

TEST_F(ExportTest, JsonLdIsValidJsonWithAContextAndTheSameStatements) {
  std::string file = Export("jsonld");
  auto r = RunCommand(
      "python3 -c " +
      ShellQuote("import json,sys; d=json.load(open(sys.argv[1])); g=d['@graph']; "
                 "print(sum(len(v) for n in g for k, v in n.items() if k != '@id')); "
                 "assert '@context' in d; "
                 "assert any('Москва' in json.dumps(n, ensure_ascii=False) for n in g)") +
      " " + ShellQuote(file));
  ASSERT_EQ(r.exit_code, 0) << r.err << testing::ReadFile(file);
  int nt = RapperCount("ntriples", Export("nt"));
  EXPECT_EQ(std::stoi(r.out), nt);  // one value per triple, grouped by subject
}

// jsonld.js (npm, pinned by tests/conformance/package-lock.json) turns our JSON-LD into RDF and
// N3.js reads our Turtle; N3.js parses our N-Triples; the sets of triples must be equal.
void ExpectSameTriplesAsNTriples(const std::string& file, const std::string& nt) {
  std::string dir = testing::SourceDir() + "/tests/conformance";
  ASSERT_EQ(RunCommand("command -v node").exit_code, 0) << "node missing: run tools/setup.sh";
  ASSERT_TRUE(std::filesystem::exists(dir + "/node_modules/jsonld"))
      << "npm packages missing in tests/conformance: run tools/setup.sh";
  auto r = RunCommand("node " + ShellQuote(dir + "/rdf_vs_ntriples.mjs") + " " + ShellQuote(file) +
                      " " + ShellQuote(nt));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("\"missing\":[]"), std::string::npos) << r.out;
}

TEST_F(ExportTest, JsonLdReadByJsonldJsEqualsOurNTriples) {
  ExpectSameTriplesAsNTriples(Export("jsonld"), Export("nt"));
}

// Turtle groups each subject's triples and uses prefixed names where the local part allows;
// N3.js must read exactly our N-Triples back.
TEST_F(ExportTest, TurtleIsCompactAndReadByN3jsEqualsOurNTriples) {
  std::string ttl = Export("ttl");
  ExpectSameTriplesAsNTriples(ttl, Export("nt"));
  std::string text = testing::ReadFile(ttl);
  EXPECT_NE(text.find("@prefix kg: <http://kgraph.example/vocab/> ."), std::string::npos);
  EXPECT_NE(text.find(" a rdf:Statement ;\n    rdf:subject "), std::string::npos) << text;
  EXPECT_NE(text.find("kg:confidence \"0.500\"^^xsd:decimal"), std::string::npos) << text;
  // A slug of plain characters becomes a prefixed name; one with percent escapes stays an IRI.
  EXPECT_NE(text.find("organization:bad_quote_tag_brace a schema:Organization"), std::string::npos);
  EXPECT_NE(text.find("<http://kgraph.example/location/%D0%9C"), std::string::npos);
}

// One subject with more values than a JSON-LD node object holds (1,000): several node objects
// with the same @id, which JSON-LD processors merge; Turtle keeps one subject block.
TEST(ExportRunTest, LongSubjectRunsSplitInJsonLdAndStayEqual) {
  TempDir dir;
  std::string nt;
  for (int i = 0; i < 2500; ++i)
    nt += "<http://example.org/hub> <http://example.org/p/" + std::to_string(i % 3) +
          "> <http://example.org/n/" + std::to_string(i) + "> .\n";
  testing::WriteFile(dir / "hub.nt", nt);
  std::string db = "--db " + ShellQuote(dir / "db") + " ";
  ASSERT_EQ(RunKgraph(db + "import " + ShellQuote(dir / "hub.nt")).exit_code, 0);
  for (const char* f : {"nt", "jsonld", "ttl"})
    ASSERT_EQ(RunKgraph(db + "export --no-provenance --format " + f + " -o " +
                        ShellQuote(dir / (std::string("out.") + f)))
                  .exit_code,
              0);
  ExpectSameTriplesAsNTriples(dir / "out.jsonld", dir / "out.nt");
  ExpectSameTriplesAsNTriples(dir / "out.ttl", dir / "out.nt");
  std::string jsonld = testing::ReadFile(dir / "out.jsonld");
  size_t hub_nodes = 0;
  for (size_t at = 0;
       (at = jsonld.find("{\"@id\":\"http://example.org/hub\"", at)) != std::string::npos; ++at)
    ++hub_nodes;
  EXPECT_EQ(hub_nodes, 3u);  // 2,500 values in runs of at most 1,000
}

TEST_F(ExportTest, GraphMlAndCsvEscapeNames) {
  std::string graphml = Export("graphml");
  auto r = RunCommand(
      "python3 -c " +
      ShellQuote(
          "import sys,xml.dom.minidom as m; d=m.parse(sys.argv[1]); "
          "print(len(d.getElementsByTagName('node')), len(d.getElementsByTagName('edge')))") +
      " " + ShellQuote(graphml));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "3 2\n");
  auto c = RunKgraph(db_ + "export --format csv -o " + ShellQuote(dir_ / "neo"));
  ASSERT_EQ(c.exit_code, 0) << c.err;
  auto rows = RunCommand(
      "python3 -c " +
      ShellQuote("import csv,sys; print(len(list(csv.reader(open(sys.argv[1])))), "
                 "len(list(csv.reader(open(sys.argv[2])))))") +
      " " + ShellQuote(dir_ / "neo-nodes.csv") + " " + ShellQuote(dir_ / "neo-edges.csv"));
  EXPECT_EQ(rows.out, "4 3\n");
}

TEST_F(ExportTest, DiagramsRenderHostileNamesToSvgAndPng) {
  std::string svg = dir_ / "d.svg", png = dir_ / "d.png", dot = dir_ / "d.dot";
  for (const std::string& out : {svg, png, dot}) {
    auto r = RunKgraph(db_ + "diagram --focus " + ShellQuote("Plain") + " --hops 2 -o " +
                       ShellQuote(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(std::filesystem::file_size(out), 100u);
  }
  std::string text = testing::ReadFile(svg);
  EXPECT_NE(text.find("Bad &quot;Quote&quot; \\ &lt;Tag&gt; &amp; {Brace}"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Москва"), std::string::npos);
  EXPECT_NE(text.find("consults (1)"), std::string::npos);
  auto r = RunCommand("python3 -c " +
                      ShellQuote("import sys,xml.dom.minidom as m; m.parse(sys.argv[1])") + " " +
                      ShellQuote(svg));
  EXPECT_EQ(r.exit_code, 0) << "SVG is not well-formed XML: " << r.err;
  auto d = RunCommand("dot -Tsvg " + ShellQuote(dot) + " -o /dev/null");
  EXPECT_EQ(d.exit_code, 0) << "the DOT file does not parse: " << d.err;
  EXPECT_EQ(testing::ReadFile(png).substr(1, 3), "PNG");
  auto bad = RunKgraph(db_ + "diagram -o " + ShellQuote(dir_ / "d.txt"));
  EXPECT_EQ(bad.exit_code, 1);
}

// Membership clusters with many labelled edges: the layout that made Graphviz 2.43 free memory
// twice (labelled edges within one rank next to clusters), at the sizes drawn by dot and sfdp.
TEST(DiagramTest, LargeDiagramsWithClustersRender) {
  for (int nodes : {120, 200}) {
    TempDir dir;
    std::string jsonl;
    const char* types[] = {"COUNTRY", "PERSON", "ORGANIZATION", "LOCATION"};
    const char* labels[] = {"consults", "fights", "provides_aid", "threatens", "rejects"};
    auto entity = [&](int i) {
      return "{\"name\":\"Entity " + std::to_string(i) + "\",\"type\":\"" +
             std::string(types[i % 4]) + "\"}";
    };
    for (int i = 0; i < nodes; ++i) {
      for (int k = 1; k <= 2; ++k)
        jsonl += "{\"doc\":\"d\",\"subject\":" + entity(i) + ",\"relation\":\"" +
                 labels[(i + k) % 5] + "\",\"object\":" + entity((i * 31 + k * 17) % nodes) + "}\n";
      if (i % 4 == 1)
        jsonl += "{\"doc\":\"d\",\"subject\":" + entity(i) +
                 ",\"relation\":\"member_of\",\"object\":" + entity(i / 4 * 4 % nodes) + "}\n";
    }
    testing::WriteFile(dir / "in.jsonl", jsonl);
    std::string db = "--db " + ShellQuote(dir / "db") + " ";
    auto r = RunKgraph(db + "import " + ShellQuote(dir / "in.jsonl"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = RunKgraph(db + "diagram --focus " + ShellQuote("Entity 0") + " --hops 30 --max-nodes " +
                  std::to_string(nodes) + " -o " + ShellQuote(dir / "d.svg"));
    ASSERT_EQ(r.exit_code, 0) << nodes << " nodes: " << r.err;
    EXPECT_NE(r.err.find(std::to_string(nodes) + " nodes"), std::string::npos) << r.err;
    r = RunCommand("python3 -c " +
                   ShellQuote("import sys,xml.dom.minidom as m; m.parse(sys.argv[1])") + " " +
                   ShellQuote(dir / "d.svg"));
    EXPECT_EQ(r.exit_code, 0) << "SVG is not well-formed XML: " << r.err;
  }
}

}  // namespace
}  // namespace kgraph
