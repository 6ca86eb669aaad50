// Clause-based open extraction: one tuple per verbal or copular predicate (one per conjunct of
// a coordinated argument), subjects inherited through xcomp/conj/relative clauses, objects and
// prepositional arguments as further args; then appositions and prepositional noun modifiers.
// Confidences rank how reliable each kind of tuple was on CaRB dev.
#include "ingest/extract/openie.h"

#include <algorithm>
#include <cctype>

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
  if (rel == "acl") {
    // A participle after its noun describes it ("villagers hiding fighters"); one before it is
    // a modifier ("a revolving credit line") and an infinitive's subject is rarely the noun ("a
    // chance to ride").
    int mark = t.Child(v, "mark");
    if (v < h || (mark >= 0 && t.s.tokens[mark].lemma == "to")) return -1;
  }
  if (rel == "acl:relcl" || rel == "acl") return -2 - h;  // the modified noun itself
  return -1;
}

// The phrase a relative or participle clause on `noun` is about: the noun phrase itself, or,
// when the noun is a copular predicate ("X is a footballer who plays …"), its subject.
std::string Antecedent(const Tree& t, std::string_view text, int noun) {
  if (t.Child(noun, "cop") >= 0) {
    int subj = t.Child(noun, "nsubj");
    if (subj >= 0) return t.Phrase(text, subj, {"punct", "acl:relcl", "appos", "case"});
  }
  return t.Phrase(text, noun, {"acl:relcl", "acl", "punct", "appos", "conj", "cc", "case"});
}

std::string Lower(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool Nominal(const nlp::Token& tok) {
  return tok.upos == "NOUN" || tok.upos == "PROPN" || tok.upos == "NUM" || tok.upos == "PRON";
}

// A coordinated noun phrase split into its conjuncts ("A, B and C" → A; B; C), each a
// phrase of its own; any other phrase as it is.
std::vector<std::string> Conjuncts(const Tree& t, std::string_view text, int k,
                                   std::vector<std::string> skip) {
  std::vector<int> conj;
  if (Nominal(t.s.tokens[k]))
    for (int c : t.kids[k])
      if (t.rel(c) == "conj" && Nominal(t.s.tokens[c])) conj.push_back(c);
  if (conj.empty()) return {t.Phrase(text, k, skip)};
  std::vector<std::string> own = skip;
  own.push_back("cc");
  skip.push_back("conj");
  skip.push_back("cc");
  std::vector<std::string> out = {t.Phrase(text, k, skip)};
  for (int c : conj) out.push_back(t.Phrase(text, c, own));
  return out;
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
    std::vector<std::string> arg1;
    if (subj <= -2) {
      arg1 = {Antecedent(t, text, -2 - subj)};
    } else if (tok[subj].upos == "PRON" &&
               (tok[subj].lemma == "who" || tok[subj].lemma == "which" ||
                tok[subj].lemma == "that")) {
      int h = tok[v].head;
      arg1 = {h >= 0 ? Antecedent(t, text, h) : t.Phrase(text, subj, {"punct"})};
    } else {
      arg1 = Conjuncts(t, text, subj, {"punct", "acl:relcl", "appos"});
    }
    if (arg1[0].empty()) continue;
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
    // Each argument position holds its alternatives (the conjuncts of a coordination).
    std::vector<std::vector<std::string>> args = {arg1};
    const bool cop_pred = !verbal;
    if (!verbal) {
      // Copular predicate: "X is the capital of Y" → (X; is; the capital of Y); "X is A and B"
      // → (X; is; A), (X; is; B).
      std::vector<std::string> preds = {
          t.Phrase(text, v,
                   {"nsubj", "nsubj:pass", "cop", "punct", "aux", "conj", "cc", "advcl",
                    "parataxis", "csubj", "acl:relcl", "mark"})};
      for (int c : t.kids[v])
        if (t.rel(c) == "conj" && t.Child(c, "cop") < 0 && t.Child(c, "nsubj") < 0 &&
            tok[c].upos != "VERB")
          preds.push_back(t.Phrase(text, c, {"punct", "cc", "acl:relcl", "conj"}));
      args.push_back(preds);
    }
    // Objects first, then prepositional arguments after the verb, then those before it
    // ("In 1974, they …": fronted adverbials go last and never lend the relation a preposition).
    std::vector<int> objects, post_obl, pre_obl;
    for (int k : t.kids[v]) {
      const std::string& r = t.rel(k);
      if (r == "obj" || r == "iobj" || r == "ccomp" ||
          (r == "xcomp" && (!verbal || (tok[k].upos != "VERB" && tok[k].upos != "AUX")))) {
        objects.push_back(k);
      } else if (verbal &&
                 (r == "obl" || r == "obl:tmod" || r == "obl:unmarked" || r == "obl:agent")) {
        (k < v ? pre_obl : post_obl).push_back(k);
      }
    }
    const std::vector<std::string> kArgSkip = {"punct"};
    // In a relative clause the relative pronoun stands for the noun the clause modifies ("the
    // space that this ride occupied" → (this ride; occupied; the space)).
    auto relative = [&](int k) {
      const nlp::Token& p = tok[k];
      return (p.upos == "PRON" || p.upos == "DET") &&
             (p.lemma == "that" || p.lemma == "which" || p.lemma == "who" || p.lemma == "whom") &&
             t.rel(v) == "acl:relcl" && tok[v].head >= 0;
    };
    for (int k : objects) {
      if (relative(k)) {
        args.push_back({Antecedent(t, text, tok[v].head)});
        continue;
      }
      int mark = t.rel(k) == "ccomp" ? t.Child(k, "mark") : -1;
      if (mark >= 0 && tok[mark].lemma == "that" && objects.size() == 1 && mark > v) {
        // "indicated that X": the complementizer joins the relation.
        relation += " " + tok[mark].form;
        args.push_back({t.Phrase(text, k, {"punct", "mark"})});
        continue;
      }
      args.push_back(Conjuncts(t, text, k, kArgSkip));
    }
    for (size_t i = 0; i < post_obl.size(); ++i) {
      int k = post_obl[i];
      int c = t.Child(k, "case");
      if (i == 0 && objects.empty() && c >= 0 && !cop_pred) {
        // The first prepositional argument's preposition joins the relation (CaRB style).
        relation += " " + tok[c].form;
        args.push_back({relative(k) ? Antecedent(t, text, tok[v].head)
                                    : t.Phrase(text, k, {"case", "punct"})});
      } else {
        args.push_back({t.Phrase(text, k, kArgSkip)});
      }
    }
    for (int k : pre_obl) args.push_back({t.Phrase(text, k, kArgSkip)});
    if (args.size() < 2 || relation.empty()) continue;
    // Confidence by how the subject was found (measured on CaRB dev: a clause's own subject
    // is right most often, relative and participle clauses least), minus long arguments and
    // many arguments.
    float confidence = 0.75f;
    if (subj <= -2 || tok[subj].lemma == "who" || tok[subj].lemma == "which" ||
        tok[subj].lemma == "that")
      confidence = 0.55f;
    else if (!verbal)
      confidence = 0.65f;
    else if (t.Child(v, "nsubj") < 0 && t.Child(v, "nsubj:pass") < 0 && t.Child(v, "csubj") < 0)
      confidence = 0.68f;
    else if (tok[subj].upos == "PRON")
      confidence = 0.72f;
    if (verbal && (tok[v].xpos == "VBG" || tok[v].xpos == "VBN") && t.Child(v, "aux") < 0 &&
        t.Child(v, "aux:pass") < 0)
      confidence -= 0.05f;
    confidence -= 0.02f * static_cast<float>(args.size() - 2);
    // One tuple per combination of alternatives (at most 8).
    std::vector<size_t> pick(args.size(), 0);
    for (int emitted = 0; emitted < 8; ++emitted) {
      OpenTuple tuple;
      tuple.relation = relation;
      size_t longest = 0;
      for (size_t a = 0; a < args.size(); ++a) {
        size_t words = static_cast<size_t>(
            std::count(args[a][pick[a]].begin(), args[a][pick[a]].end(), ' ') + 1);
        longest = std::max(longest, words);
      }
      tuple.confidence = confidence - 0.01f * static_cast<float>(std::min<size_t>(
                                                  15, longest > 3 ? longest - 3 : 0));
      for (size_t a = 0; a < args.size(); ++a) tuple.args.push_back(args[a][pick[a]]);
      out.push_back(std::move(tuple));
      size_t a = 0;
      while (a < args.size() && ++pick[a] == args[a].size()) pick[a++] = 0;
      if (a == args.size()) break;
    }
  }
  // Appositions state identity: "Paris, the capital of France" → (Paris; is; the capital of
  // France). Only a noun phrase set off by a comma after a noun phrase (not "General Dynamics
  // Corp." or "rubles (US$ 114 billion)").
  for (int k = 0; k < static_cast<int>(tok.size()); ++k) {
    if (t.rel(k) != "appos" || tok[k].head < 0) continue;
    int h = tok[k].head;
    auto noun = [&](int i) { return tok[i].upos == "NOUN" || tok[i].upos == "PROPN"; };
    if (!noun(h) || !noun(k) || h > k) continue;
    int hb = h, he = h, ab = k, ae = k;
    const std::vector<std::string> head_skip = {"appos", "punct",     "acl:relcl", "acl", "conj",
                                                "cc",    "case",      "nsubj",     "cop", "aux",
                                                "advcl", "parataxis", "nsubj:pass"};
    t.Span(h, head_skip, &hb, &he);
    t.Span(k, {"punct", "acl:relcl"}, &ab, &ae);
    if (he >= ab || ab == 0 || tok[ab - 1].form != ",") continue;
    std::string head = t.Text(text, hb, he);
    std::string app = t.Text(text, ab, ae);
    if (head.empty() || app.empty()) continue;
    out.push_back({0.6f, "is", {head, app}});
  }
  // Prepositional modifiers of nouns: "four other countries in Europe" → (four other
  // countries; are in; Europe). Right about a third of the time on CaRB dev, so ranked last;
  // "of" is left out (mostly not a relation: "the population of Leigh").
  for (int k = 0; k < static_cast<int>(tok.size()); ++k) {
    if (t.rel(k) != "nmod" || tok[k].head < 0) continue;
    int h = tok[k].head, c = t.Child(k, "case");
    if (c < 0 || h > k) continue;
    if (tok[h].upos != "NOUN" && tok[h].upos != "PROPN") continue;
    if (tok[c].lemma == "of") continue;
    int b = h, e = h;
    t.Span(h,
           {"nmod", "punct", "acl:relcl", "acl", "appos", "conj", "cc", "case", "nsubj", "cop",
            "aux", "advcl", "parataxis", "nsubj:pass", "mark", "csubj", "obl"},
           &b, &e);
    std::string head = t.Text(text, b, e);
    std::string obj = t.Phrase(text, k, {"case", "punct", "acl:relcl", "appos"});
    if (head.empty() || obj.empty()) continue;
    std::string be = tok[h].xpos == "NNS" || tok[h].xpos == "NNPS" ? "are " : "is ";
    out.push_back({0.3f, be + Lower(tok[c].form), {head, obj}});
  }
  return out;
}

}  // namespace kgraph::extract
