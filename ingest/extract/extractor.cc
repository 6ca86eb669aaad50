// The extraction rules. One pass per sentence: mentions first (so that every token knows the
// entity it belongs to), then clause relations, nominal relations and titles.
#include "ingest/extract/extractor.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/text.h"

namespace kgraph::extract {

namespace {

using nlp::Sentence;
using nlp::Token;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsAcronym(std::string_view s) {
  bool letter = false;
  for (char c : s) {
    if (std::islower(static_cast<unsigned char>(c))) return false;
    letter |= std::isupper(static_cast<unsigned char>(c)) != 0;
  }
  return letter && s.size() >= 2;
}

bool Has(std::initializer_list<std::string_view> set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Words that make a proper-noun span an organization or a place.
bool IsOrgWord(std::string_view w) {
  return Has({"Council", "Commission", "Organization", "Organisation", "Ministry", "Agency", "Union",
              "Party", "Bank", "Parliament", "Assembly", "Court", "Committee", "Institute",
              "University", "Company", "Corporation", "Group", "Forces", "Army", "Alliance", "Fund",
              "Association", "League", "Federation", "Office", "Department", "Service", "Treaty",
              "Commissions", "Board", "Authority", "Government", "Inc.", "Ltd", "Corp."},
             w);
}
bool IsCompass(std::string_view w) {
  return Has({"North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western",
              "Upper", "Lower", "Central"},
             w);
}
bool IsPlaceNoun(std::string_view lemma) {
  return Has({"province", "region", "republic", "territory", "city", "capital", "town", "village",
              "area", "enclave", "state", "district", "island", "peninsula"},
             lemma);
}
bool IsSpeechVerb(std::string_view lemma) {
  return Has({"say", "tell", "explain", "confirm", "announce", "add", "state", "report", "claim",
              "insist", "note", "stress", "declare", "reveal", "write"},
             lemma);
}
bool IsHedgeVerb(std::string_view lemma) {
  return Has({"expect", "plan", "hope", "intend", "want", "wish", "aim", "consider", "propose",
              "likely"},
             lemma);
}

struct Entity {
  std::string name;
  EntityType type = EntityType::kNone;
  std::string kind;
  std::set<std::string> aliases;
  int last_sentence = -1;
  int mentions = 0;
};

class DocEntities {
 public:
  int Add(const std::string& name, EntityType type, const std::string& kind, const std::string& surface,
          int sentence) {
    std::string key = NormalizeAlias(name);
    int id;
    if (auto it = index_.find(key); it != index_.end()) {
      id = it->second;
    } else {
      id = static_cast<int>(entities_.size());
      entities_.push_back({name, type, kind, {}, -1, 0});
      index_.emplace(key, id);
    }
    Entity& e = entities_[id];
    e.aliases.insert(name);
    if (!surface.empty()) e.aliases.insert(surface);
    e.last_sentence = sentence;
    ++e.mentions;
    return id;
  }
  // A person already named whose name ends with (or equals) this surname.
  int FindPersonBySurname(const std::string& surname) const {
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i];
      if (e.type != EntityType::kPerson) continue;
      if (e.name == surname || e.name.ends_with(" " + surname)) return static_cast<int>(i);
    }
    return -1;
  }
  // The most mentioned organization of a kind ("alliance"), most recent first on ties.
  int Salient(const std::string& kind) const {
    int best = -1;
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i];
      if (e.type != EntityType::kOrganization || e.kind != kind) continue;
      if (best < 0 || e.mentions > entities_[best].mentions ||
          (e.mentions == entities_[best].mentions && e.last_sentence > entities_[best].last_sentence))
        best = static_cast<int>(i);
    }
    return best;
  }
  int LastPerson() const {
    int best = -1;
    for (size_t i = 0; i < entities_.size(); ++i)
      if (entities_[i].type == EntityType::kPerson &&
          (best < 0 || entities_[i].last_sentence >= entities_[best].last_sentence))
        best = static_cast<int>(i);
    return best;
  }
  Entity& operator[](int id) { return entities_[id]; }
  const std::vector<Entity>& all() const { return entities_; }

 private:
  std::vector<Entity> entities_;
  std::map<std::string, int> index_;
};

// Per-sentence view: children lists and the entity each token belongs to.
struct View {
  const Sentence* s;
  std::vector<std::vector<int>> children;
  std::vector<int> entity;      // entity id per token, -1 when none
  std::vector<bool> mention_head;
  std::vector<bool> indirect;   // entity reached through coreference (lower confidence)

  const Token& t(int i) const { return s->tokens[i]; }
  int size() const { return static_cast<int>(s->tokens.size()); }
  std::vector<int> Kids(int i, std::initializer_list<std::string_view> rels) const {
    std::vector<int> out;
    for (int c : children[i]) {
      std::string_view rel = t(c).deprel;
      for (std::string_view r : rels)
        if (rel == r || (rel.starts_with(r) && rel.size() > r.size() && rel[r.size()] == ':' &&
                         r.find(':') == std::string_view::npos && r != "nsubj" && r != "obl"))
          out.push_back(c);
    }
    return out;
  }
  std::string CaseOf(int i) const {
    for (int c : children[i])
      if (t(c).deprel == "case") return Lower(t(c).form);
    return "";
  }
};

// The entity a dependent stands for, with coordination: "France, Germany and Spain".
std::vector<int> EntitiesOf(const View& v, int token, std::vector<bool>* indirect = nullptr) {
  std::vector<int> out;
  std::vector<int> tokens = {token};
  for (int c : v.Kids(token, {"conj"})) tokens.push_back(c);
  for (int tok : tokens) {
    int e = v.entity[tok];
    // A non-entity noun can stand for the entity that modifies it: "NATO diplomats",
    // "Russian officials", "Moscow's envoy" act for NATO, Russia.
    if (e < 0 && (v.t(tok).upos == "NOUN")) {
      for (int c : v.Kids(tok, {"compound", "amod", "nmod:poss"}))
        if (v.entity[c] >= 0) e = v.entity[c];
    }
    if (e >= 0 && std::find(out.begin(), out.end(), e) == out.end()) {
      out.push_back(e);
      if (indirect) indirect->push_back(v.indirect[tok]);
    }
  }
  return out;
}

std::string PhraseOf(const View& v, int verb) {
  std::string p = v.t(verb).lemma;
  for (int c : v.Kids(verb, {"compound:prt"})) p += " " + Lower(v.t(c).form);
  return p;
}

// Maps candidate phrases (most specific first) to a schema label via the trigger lists.
const RelationDef* LabelFor(const Schema& schema, const std::vector<std::string>& candidates,
                            EntityType subject, EntityType object) {
  for (const std::string& c : candidates) {
    for (const RelationDef& r : schema.relations) {
      if (std::find(r.triggers.begin(), r.triggers.end(), c) == r.triggers.end()) continue;
      auto fits = [](const std::vector<EntityType>& allowed, EntityType t) {
        return allowed.empty() || t == EntityType::kNone ||
               std::find(allowed.begin(), allowed.end(), t) != allowed.end();
      };
      if (fits(r.domain, subject) && fits(r.range, object)) return &r;
    }
  }
  return nullptr;
}

}  // namespace

std::string ResolveDate(const std::vector<nlp::Token>& tokens, int token, const std::string& pub,
                        bool past) {
  static const char* kDays[] = {"monday", "tuesday", "wednesday", "thursday",
                                "friday", "saturday", "sunday"};
  static const char* kMonths[] = {"january", "february", "march", "april", "may", "june", "july",
                                  "august", "september", "october", "november", "december"};
  if (pub.size() < 10) return "";
  int y = std::stoi(pub.substr(0, 4)), m = std::stoi(pub.substr(5, 2)), d = std::stoi(pub.substr(8, 2));
  std::string w = Lower(tokens[token].form);
  bool last = token > 0 && Lower(tokens[token - 1].form) == "last";
  bool next = token > 0 && Lower(tokens[token - 1].form) == "next";
  for (int i = 0; i < 7; ++i) {
    if (w != kDays[i]) continue;
    // Day of week of the publication date (Sakamoto's method), Monday = 0.
    static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int yy = m < 3 ? y - 1 : y;
    int dow = (yy + yy / 4 - yy / 100 + yy / 400 + t[m - 1] + d) % 7;  // Sunday = 0
    dow = (dow + 6) % 7;
    int delta = past || last ? -((dow - i + 7) % 7) : (i - dow + 7) % 7;
    if ((past || last) && delta == 0) delta = last ? -7 : 0;
    if (next && delta <= 0) delta += 7;
    // Shift the date by delta days.
    static const int kLen[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dd = d + delta, mm = m, yr = y;
    auto len = [&](int mon, int year) {
      return mon == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0) ? 29 : kLen[mon - 1];
    };
    while (dd < 1) {
      if (--mm < 1) mm = 12, --yr;
      dd += len(mm, yr);
    }
    while (dd > len(mm, yr)) {
      dd -= len(mm, yr);
      if (++mm > 12) mm = 1, ++yr;
    }
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", yr, mm, dd);
    return buf;
  }
  for (int i = 0; i < 12; ++i) {
    if (w != kMonths[i]) continue;
    int month = i + 1, year = y;
    // A month after the publication month, or "last <month>", is in the previous year.
    if (last || (past && month > m)) year = month >= m ? y - 1 : y;
    if (next || (!past && month < m)) year = y + 1;
    if (last && month < m) year = y;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
  }
  return "";
}

Extraction Extract(const Document& doc, const std::vector<nlp::Sentence>& sentences,
                   const Schema& schema, const Gazetteer& gazetteer) {
  Extraction out;
  DocEntities entities;
  struct Pending {
    int subject, object;
    std::string relation, phrase;
    const RelationDef* def;
    int sentence;
    bool negated, hedged, indirect;
    std::string attributed_to, date;
  };
  std::vector<Pending> found;

  for (size_t si = 0; si < sentences.size(); ++si) {
    const Sentence& s = sentences[si];
    View v{&s, {}, {}, {}, {}};
    int n = static_cast<int>(s.tokens.size());
    v.children.assign(n, {});
    v.entity.assign(n, -1);
    v.mention_head.assign(n, false);
    v.indirect.assign(n, false);
    for (int i = 0; i < n; ++i)
      if (s.tokens[i].head >= 0 && s.tokens[i].head < n) v.children[s.tokens[i].head].push_back(i);
    int sent = static_cast<int>(si);

    auto mark = [&](int b, int e, int id, bool indirect) {
      for (int k = b; k < e; ++k) v.entity[k] = id, v.indirect[k] = indirect;
      // The mention's head: the token whose head lies outside the span.
      for (int k = b; k < e; ++k)
        if (s.tokens[k].head < b || s.tokens[k].head >= e) v.mention_head[k] = true;
    };
    auto surface = [&](int b, int e) {
      return std::string(doc.text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin));
    };

    // 0. Hyphenated names of bodies: "NATO-Russia Council", "NATO-Ukraine Commission". The
    // tokenizer splits hyphens, so join capitalized parts written without spaces.
    for (int i = 0; i + 2 < n; ++i) {
      int e = i;
      while (e + 2 < n && s.tokens[e + 1].form == "-" && s.tokens[e + 1].begin == s.tokens[e].end &&
             s.tokens[e + 2].begin == s.tokens[e + 1].end &&
             std::isupper(static_cast<unsigned char>(s.tokens[e].form[0])) &&
             std::isupper(static_cast<unsigned char>(s.tokens[e + 2].form[0])))
        e += 2;
      if (e == i) continue;
      int end = e + 1;
      bool org = false;
      while (end < n && s.tokens[end].upos == "PROPN" &&
             std::isupper(static_cast<unsigned char>(s.tokens[end].form[0])))
        org |= IsOrgWord(s.tokens[end++].form);
      if (!org) continue;
      mark(i, end, entities.Add(surface(i, end), EntityType::kOrganization, "", "", sent), false);
      i = end - 1;
    }

    // 1. Gazetteer names (longest match) and capitals acting politically.
    for (int i = 0; i < n;) {
      const GazetteerEntry* entry = nullptr;
      if (v.entity[i] >= 0) {
        ++i;
        continue;
      }
      size_t len = gazetteer.Match(s.tokens, i, &entry);
      if (len == 0) {
        ++i;
        continue;
      }
      // "NATO-Russia Council": a name that continues as a proper noun is not this entry.
      int e = i + static_cast<int>(len);
      if (e < n && s.tokens[e].upos == "PROPN" && entry->type != EntityType::kCountry &&
          std::isupper(static_cast<unsigned char>(s.tokens[e].form[0]))) {
        i = e;
        continue;
      }
      mark(i, e, entities.Add(entry->canonical, entry->type, entry->kind, surface(i, e), sent), false);
      i = e;
    }
    for (int i = 0; i < n; ++i) {
      if (v.entity[i] >= 0 || s.tokens[i].upos != "PROPN") continue;
      const GazetteerEntry* country = gazetteer.Capital(s.tokens[i].form);
      if (!country) continue;
      // Metonymy: the capital as the actor of a clause ("Moscow has threatened", "Moscow's
      // recognition") stands for its government; elsewhere it is the city.
      std::string rel = s.tokens[i].deprel;
      if (rel == "nsubj" || rel == "nmod:poss" || rel == "obl:agent" || rel == "obj" || rel == "compound")
        mark(i, i + 1, entities.Add(country->canonical, EntityType::kCountry, "", s.tokens[i].form, sent), false);
      else
        mark(i, i + 1, entities.Add(s.tokens[i].form, EntityType::kLocation, "", "", sent), false);
    }

    // 2. Proper-noun spans the gazetteers do not know.
    for (int i = 0; i < n;) {
      if (v.entity[i] >= 0 || s.tokens[i].upos != "PROPN" ||
          !std::isupper(static_cast<unsigned char>(s.tokens[i].form[0]))) {
        ++i;
        continue;
      }
      // Titles ("Ambassador", "President", "Secretary of State") precede names; skip them.
      {
        std::string low = Lower(s.tokens[i].form);
        if (!gazetteer.TitleClass(low).empty() || low == "state" || low == "general" ||
            low == "vice" || low == "foreign" || low == "mr" || low == "mr." || low == "mrs." ||
            low == "ms." || low == "dr." || low == "sir") {
          ++i;
          continue;
        }
      }
      int e = i + 1;
      while (e < n && v.entity[e] < 0 &&
             (s.tokens[e].upos == "PROPN" ||
              (Has({"de", "van", "von", "bin", "al", "der", "of"}, s.tokens[e].form) && e + 1 < n &&
               s.tokens[e + 1].upos == "PROPN" && s.tokens[e].form != "of")))
        ++e;
      // Weekdays and months are dates, not entities.
      std::string first = Lower(s.tokens[i].form);
      if (e == i + 1 && Has({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                             "sunday", "january", "february", "march", "april", "may", "june",
                             "july", "august", "september", "october", "november", "december"},
                            first)) {
        i = e;
        continue;
      }
      std::string name = surface(i, e);
      EntityType type = EntityType::kNone;
      bool org = false;
      for (int k = i; k < e; ++k) org |= IsOrgWord(s.tokens[k].form);
      int head = i;
      for (int k = i; k < e; ++k)
        if (s.tokens[k].head < i || s.tokens[k].head >= e) head = k;
      int parent = s.tokens[head].head;
      bool place_context =
          parent >= 0 && (IsPlaceNoun(s.tokens[parent].lemma) ||
                          (s.tokens[head].deprel == "obl" &&
                           Has({"in", "at", "from", "near", "into"}, v.CaseOf(head))));
      bool conj_of_place = false;
      if (s.tokens[head].deprel == "conj" && parent >= 0 && v.entity[parent] >= 0)
        conj_of_place = entities[v.entity[parent]].type == EntityType::kLocation;
      if (org && e - i == 1) {
        i = e;  // "Council" alone is a description, not a name
        continue;
      } else if (org) {
        type = EntityType::kOrganization;
      } else if (IsCompass(s.tokens[i].form) || place_context || conj_of_place) {
        type = EntityType::kLocation;
      } else if (e - i >= 2) {
        type = EntityType::kPerson;
      } else if (int p = entities.FindPersonBySurname(name); p >= 0) {
        mark(i, e, p, false);
        entities[p].aliases.insert(name);
        i = e;
        continue;
      } else if (name.size() <= 6 && IsAcronym(name)) {
        type = EntityType::kOrganization;
      }
      if (type != EntityType::kNone) mark(i, e, entities.Add(name, type, "", "", sent), false);
      i = e;
    }
    // Acronyms in parentheses name the entity before them: "the NATO-Russia Council (NRC)".
    for (int i = 1; i + 1 < n; ++i) {
      if (s.tokens[i - 1].form != "(" || s.tokens[i + 1].form != ")" || i < 2) continue;
      int before = v.entity[i - 2], inside = v.entity[i];
      if (before >= 0 && inside >= 0 && before != inside && IsAcronym(s.tokens[i].form)) {
        entities[before].aliases.insert(s.tokens[i].form);
        v.entity[i] = before;
      } else if (before >= 0 && inside < 0 && IsAcronym(s.tokens[i].form)) {
        entities[before].aliases.insert(s.tokens[i].form);
        v.entity[i] = before;
      }
    }
    // Later bare acronyms of known aliases ("the NRC freeze").
    for (int i = 0; i < n; ++i) {
      if (v.entity[i] >= 0 || !IsAcronym(s.tokens[i].form)) continue;
      for (size_t id = 0; id < entities.all().size(); ++id)
        if (entities.all()[id].aliases.count(s.tokens[i].form)) v.entity[i] = static_cast<int>(id);
    }

    // 3. Descriptions and pronouns: "the (26-member) alliance", "the bloc", "he"/"she".
    for (int i = 0; i < n; ++i) {
      if (v.entity[i] >= 0) continue;
      const Token& t = s.tokens[i];
      if (t.upos == "NOUN" && (t.lemma == "alliance" || t.lemma == "bloc")) {
        bool definite = false;
        for (int c : v.Kids(i, {"det"})) definite |= Lower(s.tokens[c].form) == "the";
        int id = entities.Salient(t.lemma == "alliance" ? "alliance" : "union");
        if (definite && id >= 0) {
          v.entity[i] = id;
          v.indirect[i] = true;
          entities[id].aliases.insert("the " + t.lemma);
        }
      } else if (t.upos == "PRON" && Has({"he", "she", "him", "her"}, Lower(t.form)) &&
                 t.deprel != "nmod:poss") {
        int id = entities.LastPerson();
        if (id >= 0) v.entity[i] = id, v.indirect[i] = true;
      } else if (t.upos == "ADJ" || t.upos == "PROPN") {
        if (const GazetteerEntry* c = gazetteer.Demonym(t.form); c && t.deprel == "amod") {
          v.entity[i] = entities.Add(c->canonical, c->type, "", "", sent);
        }
      }
    }

    auto record = [&](const std::vector<int>& subjects, const std::vector<int>& objects,
                      const std::vector<std::string>& candidates, const std::string& phrase,
                      bool negated, bool hedged, bool indirect, const std::string& attributed,
                      const std::string& date) {
      for (int a : subjects)
        for (int b : objects) {
          if (a == b) continue;
          const RelationDef* def = LabelFor(schema, candidates, entities[a].type, entities[b].type);
          found.push_back({a, b, def ? def->label : phrase, phrase, def, sent, negated, hedged,
                           indirect, attributed, date});
        }
    };

    // 4. Clauses: every verb with its subjects and objects.
    for (int vb = 0; vb < n; ++vb) {
      const Token& verb = s.tokens[vb];
      if (verb.upos != "VERB") continue;
      std::string lemma = PhraseOf(v, vb);
      // Subjects, inherited through xcomp/conj/acl chains when the verb has none.
      std::vector<bool> indirect_flags;
      std::vector<int> subjects;
      bool passive = false;
      for (int c : v.Kids(vb, {"nsubj"})) {
        auto es = EntitiesOf(v, c, &indirect_flags);
        subjects.insert(subjects.end(), es.begin(), es.end());
      }
      std::vector<int> patients;
      for (int c : v.Kids(vb, {"nsubj:pass"})) {
        auto es = EntitiesOf(v, c, &indirect_flags);
        patients.insert(patients.end(), es.begin(), es.end());
        passive = true;
      }
      std::string chain;  // "set to", "decide to", "strive to"
      bool hedged = false, negated = false;
      int cur = vb;
      for (int hop = 0; hop < 4 && subjects.empty() && !passive; ++hop) {
        int head = s.tokens[cur].head;
        if (head < 0) break;
        std::string rel = s.tokens[cur].deprel;
        if (rel == "xcomp") {
          chain = s.tokens[head].lemma + " to" + (chain.empty() ? "" : " " + chain);
          hedged |= IsHedgeVerb(s.tokens[head].lemma);
          for (int c : v.Kids(head, {"aux"}))
            hedged |= Has({"may", "might", "could", "would", "should"}, Lower(s.tokens[c].form));
          for (int c : v.Kids(head, {"nsubj"})) {
            auto es = EntitiesOf(v, c, &indirect_flags);
            subjects.insert(subjects.end(), es.begin(), es.end());
          }
        } else if (rel == "conj" && s.tokens[head].upos == "VERB") {
          for (int c : v.Kids(head, {"nsubj"})) {
            auto es = EntitiesOf(v, c, &indirect_flags);
            subjects.insert(subjects.end(), es.begin(), es.end());
          }
          for (int c : v.Kids(head, {"aux"}))
            hedged |= Has({"may", "might", "could", "would", "should"}, Lower(s.tokens[c].form));
        } else if (rel == "acl" || rel == "advcl") {
          // "Georgia and Ukraine, both striving to join ..." describes its head noun.
          if (v.entity[head] >= 0) {
            auto es = EntitiesOf(v, head, &indirect_flags);
            subjects.insert(subjects.end(), es.begin(), es.end());
          }
          break;
        } else {
          break;
        }
        cur = head;
      }
      for (int c : v.Kids(vb, {"aux"}))
        hedged |= Has({"may", "might", "could", "would", "should"}, Lower(s.tokens[c].form));
      for (int c : v.Kids(vb, {"advmod", "aux"}))
        negated |= Has({"not", "n't", "never"}, Lower(s.tokens[c].form));
      hedged |= IsHedgeVerb(verb.lemma);
      bool indirect = std::find(indirect_flags.begin(), indirect_flags.end(), true) != indirect_flags.end();

      // Attribution: a clause under a speech verb ("…, diplomats said").
      std::string attributed;
      int up = vb;
      for (int hop = 0; hop < 3 && s.tokens[up].head >= 0; ++hop) {
        int head = s.tokens[up].head;
        if (s.tokens[up].deprel.starts_with("ccomp") || s.tokens[up].deprel == "parataxis") {
          if (IsSpeechVerb(s.tokens[head].lemma)) {
            for (int c : v.Kids(head, {"nsubj"})) {
              int b = c, e = c + 1;
              for (int k : v.children[c])
                if (s.tokens[k].deprel == "amod" || s.tokens[k].deprel == "nummod" ||
                    s.tokens[k].deprel == "compound" || s.tokens[k].deprel == "det")
                  b = std::min(b, k);
              attributed = std::string(doc.text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin));
            }
          }
          break;
        }
        up = head;
      }
      if (IsSpeechVerb(verb.lemma) && attributed.empty()) continue;  // "X said" alone is no relation

      // The date: a weekday/month modifier of this clause, else the publication date.
      std::string date;
      bool past = verb.xpos == "VBD" || verb.xpos == "VBN";
      for (int c : v.Kids(vb, {"obl", "obl:tmod", "obl:unmarked", "nmod:tmod", "advmod"})) {
        std::string d = ResolveDate(s.tokens, c, doc.date, past);
        if (!d.empty()) date = d;
      }
      if (date.empty()) date = doc.date;

      std::string base = chain.empty() ? lemma : chain + " " + lemma;
      if (passive) {
        for (int c : v.Kids(vb, {"obl:agent", "obl"})) {
          if (v.CaseOf(c) != "by") continue;
          auto agents = EntitiesOf(v, c);
          record(agents, patients, {lemma}, lemma, negated, hedged, indirect, attributed, date);
        }
        continue;
      }
      if (subjects.empty()) continue;
      // Direct objects (entities), then objects through a noun ("restore ties with Russia").
      for (int c : v.Kids(vb, {"obj", "iobj"})) {
        auto objects = EntitiesOf(v, c);
        if (!objects.empty()) {
          record(subjects, objects, {base, chain + " " + lemma, lemma}, base, negated, hedged,
                 indirect, attributed, date);
          continue;
        }
        std::string noun = s.tokens[c].lemma;
        for (int m : v.Kids(c, {"nmod"})) {
          std::string prep = v.CaseOf(m);
          auto inner = EntitiesOf(v, m);
          if (inner.empty()) continue;
          std::string phrase = base + " " + noun + (prep.empty() ? "" : " " + prep);
          record(subjects, inner,
                 {phrase, lemma + " " + noun + " " + prep, lemma + " " + noun, base, lemma, noun},
                 phrase, negated, hedged, indirect, attributed, date);
        }
      }
      for (int c : v.Kids(vb, {"obl"})) {
        std::string prep = v.CaseOf(c);
        if (Has({"in", "at", "on", "during", "since", "after", "before"}, prep) &&
            v.entity[c] >= 0 && entities[v.entity[c]].type == EntityType::kLocation)
          continue;  // where it happened, not with whom
        auto objects = EntitiesOf(v, c);
        if (objects.empty()) continue;
        std::string phrase = base + (prep.empty() ? "" : " " + prep);
        record(subjects, objects, {phrase, lemma + " " + prep, base, lemma}, phrase, negated,
               hedged, indirect, attributed, date);
      }
    }

    // 5. Nominal relations: "X's war with Y", "X's recognition of Y", "talks between X and Y".
    for (int nn = 0; nn < n; ++nn) {
      const Token& noun = s.tokens[nn];
      if (noun.upos != "NOUN" || v.entity[nn] >= 0) continue;
      std::vector<int> owners;
      for (int c : v.Kids(nn, {"nmod:poss", "amod", "compound"}))
        for (int e : EntitiesOf(v, c)) owners.push_back(e);
      for (int m : v.Kids(nn, {"nmod"})) {
        std::string prep = v.CaseOf(m);
        if (prep.empty() || prep == "'s") continue;
        auto objects = EntitiesOf(v, m);
        if (objects.empty()) continue;
        std::string phrase = noun.lemma + " " + prep;
        if (prep == "between" && objects.size() >= 2) {
          std::vector<int> first = {objects[0]}, rest(objects.begin() + 1, objects.end());
          record(first, rest, {phrase, noun.lemma}, phrase, false, false, false, "", doc.date);
          continue;
        }
        if (owners.empty()) continue;
        record(owners, objects, {phrase, noun.lemma}, phrase, false, false, false, "", doc.date);
      }
    }

    // 6. Titles and offices: "US Secretary of State Hillary Clinton", "Russia's envoy to NATO,
    // Ambassador Dmitry Rogozin", "her Russian counterpart, Sergei Lavrov".
    for (int i = 0; i < n; ++i) {
      if (v.entity[i] < 0 || !v.mention_head[i] || v.indirect[i]) continue;
      int person = v.entity[i];
      if (entities[person].type != EntityType::kPerson) continue;
      // Title nouns around the name: its modifiers, or the noun it is in apposition with.
      std::vector<int> title_heads;
      for (int c : v.Kids(i, {"compound", "appos", "amod", "nmod"}))
        if (v.entity[c] != person) title_heads.push_back(c);
      if (s.tokens[i].deprel == "appos" && s.tokens[i].head >= 0) title_heads.push_back(s.tokens[i].head);
      for (int th : title_heads) {
        // Collect the title words and entities in the title's subtree (not crossing the name).
        std::vector<int> stack = {th};
        std::string role;
        std::vector<int> orgs, destinations;
        while (!stack.empty()) {
          int k = stack.back();
          stack.pop_back();
          if (v.entity[k] == person) continue;
          std::string low = Lower(s.tokens[k].form);
          std::string two = k + 1 < n ? low + " " + Lower(s.tokens[k + 1].form) : "";
          std::string three = k + 3 < n ? low + " " + Lower(s.tokens[k + 1].form) + " " +
                                              Lower(s.tokens[k + 2].form) : "";
          if (!gazetteer.TitleClass(three).empty()) role = three;
          else if (!gazetteer.TitleClass(two).empty() && role.empty()) role = two;
          else if (!gazetteer.TitleClass(low).empty() && role.empty()) role = low;
          if (v.entity[k] >= 0 && v.entity[k] != person) {
            EntityType t = entities[v.entity[k]].type;
            if (t == EntityType::kCountry || t == EntityType::kOrganization) {
              if (v.CaseOf(k) == "to") destinations.push_back(v.entity[k]);
              else orgs.push_back(v.entity[k]);
            }
          }
          for (int c : v.children[k]) stack.push_back(c);
        }
        if (role.empty()) continue;
        const RelationDef* official = schema.Find("official_of");
        const RelationDef* envoy = schema.Find("envoy_to");
        for (int o : orgs)
          if (official && o != person)
            found.push_back({person, o, official->label, role, official, sent, false, false, false, "", ""});
        if (gazetteer.TitleClass(role) == "diplomat")
          for (int o : destinations)
            if (envoy) found.push_back({person, o, envoy->label, role + " to", envoy, sent, false, false, false, "", ""});
      }
    }
  }

  // Statements, deduplicated per sentence.
  std::set<std::tuple<int, int, std::string, int>> seen;
  for (const Pending& p : found) {
    if (!seen.insert({p.subject, p.object, p.relation, p.sentence}).second) continue;
    const Sentence& s = sentences[p.sentence];
    StatementInput st;
    const Entity& a = entities[p.subject];
    const Entity& b = entities[p.object];
    st.subject = Term{TermKind::kEntity, a.type, a.name};
    st.object = Term{TermKind::kEntity, b.type, b.name};
    st.relation = Term{TermKind::kRelation, EntityType::kNone, p.relation};
    Provenance& prov = st.provenance;
    prov.sentence = p.sentence;
    prov.span_begin = s.begin;
    prov.span_end = s.end;
    prov.evidence = std::string(doc.text.substr(s.begin, s.end - s.begin));
    prov.phrase = p.phrase;
    prov.method = "dep-rules";
    prov.date = p.def && p.def->quad_class == QuadClass::kStructural ? "" : p.date;
    prov.negated = p.negated;
    prov.hedged = p.hedged;
    prov.attributed_to = p.attributed_to;
    float c = 0.55f + (p.def ? 0.25f : 0.0f) - (p.hedged ? 0.1f : 0.0f) -
              (p.indirect ? 0.1f : 0.0f) - (p.negated ? 0.1f : 0.0f);
    prov.confidence = std::clamp(c, 0.05f, 0.95f);
    out.statements.push_back(std::move(st));
  }
  for (const Entity& e : entities.all()) {
    EntityInput in{e.name, e.type, {}};
    in.aliases.assign(e.aliases.begin(), e.aliases.end());
    out.entities.push_back(std::move(in));
  }
  return out;
}

}  // namespace kgraph::extract
