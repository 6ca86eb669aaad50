// Clause-based open extraction: one tuple per verbal or copular predicate, subjects inherited
// through xcomp/conj/relative clauses, objects and prepositional arguments as further args.
#include "ingest/extract/openie.h"

#include <algorithm>

namespace kgraph::extract {
namespace {

struct Tree {
  const nlp::Sentence& s;
  std::vector<std::vector<int>> kids;
  explicit Tree(const nlp::Sentence& sent) : s(sent), kids(sent.tokens.size()) {
    for (size_t i = 0; i < s.tokens.size(); ++i)
      if (s.tokens[i].head >= 0) kids[s.tokens[i].head].push_back(static_cast<int>(i));
  }
  const std::string& rel(int i) const { return s.tokens[i].deprel; }
  int Child(int i, std::string_view r) const {
    for (int k : kids[i])
      if (rel(k) == r) return k;
    return -1;
  }
  // Token span of the subtree of i, leaving out children with the given relations.
  void Span(int i, const std::vector<std::string>& skip, int* b, int* e) const {
    *b = std::min(*b, i);
    *e = std::max(*e, i);
    for (int k : kids[i]) {
      if (std::find(skip.begin(), skip.end(), rel(k)) != skip.end()) continue;
      Span(k, skip, b, e);
    }
  }
  std::string Text(std::string_view text, int b, int e) const {
    while (b <= e && s.tokens[b].upos == "PUNCT") ++b;
    while (e >= b && s.tokens[e].upos == "PUNCT") --e;
    if (b > e) return "";
    return std::string(text.substr(s.tokens[b].begin, s.tokens[e].end - s.tokens[b].begin));
  }
  std::string Phrase(std::string_view text, int i, const std::vector<std::string>& skip) const {
    int b = i, e = i;
    Span(i, skip, &b, &e);
    return Text(text, b, e);
  }
};

int SubjectOf(const Tree& t, int v, int depth = 0) {
  if (depth > 5) return -1;
  for (const char* r : {"nsubj", "nsubj:pass", "csubj"}) {
    int k = t.Child(v, r);
    if (k >= 0) return k;
  }
  const std::string& rel = t.rel(v);
  int h = t.s.tokens[v].head;
  if (h < 0) return -1;
  if (rel == "xcomp" || rel == "conj" || rel == "advcl") return SubjectOf(t, h, depth + 1);
  if (rel == "acl:relcl" || rel == "acl") return -2 - h;  // the modified noun itself
  return -1;
}

}  // namespace

std::vector<OpenTuple> OpenExtract(const nlp::Sentence& sentence, std::string_view text) {
  std::vector<OpenTuple> out;
  Tree t(sentence);
  const auto& tok = sentence.tokens;
  for (int v = 0; v < static_cast<int>(tok.size()); ++v) {
    bool verbal = tok[v].upos == "VERB";
    int cop = t.Child(v, "cop");
    if (!verbal && cop < 0) continue;
    int subj = SubjectOf(t, v);
    if (subj == -1) continue;
    std::string arg1;
    if (subj <= -2) {
      int noun = -2 - subj;
      arg1 = t.Phrase(text, noun, {"acl:relcl", "acl", "punct", "appos", "conj", "cc"});
    } else {
      arg1 = t.Phrase(text, subj, {"punct", "acl:relcl", "appos"});
      if (tok[subj].upos == "PRON" &&
          (tok[subj].lemma == "who" || tok[subj].lemma == "which" || tok[subj].lemma == "that")) {
        int h = tok[v].head;
        if (h >= 0) arg1 = t.Phrase(text, h, {"acl:relcl", "acl", "punct", "appos", "conj", "cc"});
      }
    }
    if (arg1.empty()) continue;
    // Relation: auxiliaries, negation, the verb (or copula), particles.
    std::vector<int> rel_tokens;
    for (int k : t.kids[v]) {
      const std::string& r = t.rel(k);
      if (r == "aux" || r == "aux:pass" || r == "cop" || r == "compound:prt" ||
          (r == "advmod" &&
           (tok[k].lemma == "not" || tok[k].form == "n't" || tok[k].lemma == "never")))
        rel_tokens.push_back(k);
    }
    if (verbal) rel_tokens.push_back(v);
    // An xcomp parent contributes its verb: "wants to buy".
    if (t.rel(v) == "xcomp" && tok[v].head >= 0) {
      int h = tok[v].head;
      rel_tokens.push_back(h);
      int mark = t.Child(v, "mark");
      if (mark >= 0) rel_tokens.push_back(mark);
    }
    std::sort(rel_tokens.begin(), rel_tokens.end());
    std::string relation;
    for (int k : rel_tokens) {
      if (!relation.empty()) relation += ' ';
      relation += tok[k].form;
    }
    OpenTuple tuple;
    tuple.args.push_back(arg1);
    float conf = 0.6f;
    if (!verbal) {
      // Copular predicate: "X is the capital of Y" → (X; is; the capital of Y).
      tuple.args.push_back(t.Phrase(text, v,
                                    {"nsubj", "nsubj:pass", "cop", "punct", "aux", "conj", "cc",
                                     "advcl", "parataxis", "csubj"}));
      conf = 0.7f;
    }
    std::vector<std::string> skip_obl = {"case", "punct"};
    for (int k : t.kids[v]) {
      const std::string& r = t.rel(k);
      if (r == "obj" || r == "iobj" || r == "ccomp" || r == "xcomp" && !verbal) {
        tuple.args.push_back(t.Phrase(text, k, {"punct"}));
        conf += 0.15f;
      } else if (verbal && (r == "obl" || r == "obl:tmod" || r == "obl:agent")) {
        int c = t.Child(k, "case");
        std::string arg = t.Phrase(text, k, {"punct"});
        if (c >= 0 && tuple.args.size() == 1) {
          // The first prepositional argument's preposition joins the relation (CaRB style).
          relation += " " + tok[c].form;
          arg = t.Phrase(text, k, skip_obl);
        }
        tuple.args.push_back(arg);
      }
    }
    if (tuple.args.size() < 2 || relation.empty()) continue;
    tuple.relation = relation;
    tuple.confidence = std::min(conf, 0.95f) - 0.02f * static_cast<float>(tuple.args.size() - 2) -
                       (tok[v].xpos == "VBG" || tok[v].xpos == "VBN" ? 0.1f : 0.0f);
    out.push_back(std::move(tuple));
  }
  // Appositions state identity: "Paris, the capital of France" → (Paris; is; the capital of
  // France).
  for (int k = 0; k < static_cast<int>(tok.size()); ++k) {
    if (t.rel(k) != "appos" || tok[k].head < 0) continue;
    int h = tok[k].head;
    std::string head = t.Phrase(text, h, {"appos", "punct", "acl:relcl", "acl", "conj", "cc"});
    std::string app = t.Phrase(text, k, {"punct"});
    if (head.empty() || app.empty()) continue;
    out.push_back({0.5f, "is", {head, app}});
  }
  return out;
}

}  // namespace kgraph::extract
