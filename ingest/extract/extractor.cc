// Rule-based extraction over the dependency parse: gazetteer + proper-noun mentions, in-document
// coreference, subject/object pairing with trigger-mapped predicates, titles → official_of.
#include "ingest/extract/extractor.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>

namespace kgraph::extract {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const std::set<std::string>& Weekdays() {
  static const std::set<std::string> k = {"monday", "tuesday",  "wednesday", "thursday",
                                          "friday", "saturday", "sunday"};
  return k;
}
int MonthIndex(const std::string& lower) {
  static const char* k[] = {"january", "february", "march",     "april",   "may",      "june",
                            "july",    "august",   "september", "october", "november", "december"};
  for (int i = 0; i < 12; ++i)
    if (lower == k[i]) return i + 1;
  return 0;
}

// Nouns whose head role marks the name under them as an organization or a place.
bool IsOrgWord(const std::string& w) {
  static const std::set<std::string> k = {
      "Council",     "Ministry",   "Organization", "Organisation", "Union",     "Party",
      "Agency",      "Bank",       "Committee",    "Commission",   "Court",     "Parliament",
      "Institute",   "University", "Company",      "Corp",         "Inc",       "Group",
      "Press",       "Office",     "Department",   "Army",         "Forces",    "Fund",
      "Association", "Federation", "League",       "Assembly",     "Senate",    "Congress",
      "Club",        "Times",      "News",         "Ltd",          "Airlines",  "Service",
      "Board",       "Authority",  "Alliance",     "Front",        "Movement",  "Herald",
      "Journal",     "Post",       "Tribune",      "Gazette",      "Telegraph", "Guardian",
      "Observer",    "Chronicle",  "Standards",    "Centre",       "Center",    "Foundation",
      "Society",     "Network",    "Institution",  "School",       "College",   "Administration",
      "Police",      "Museum",     "Corporation",  "Bureau",       "Navy",      "Academy",
      "Industries",  "Television", "Broadcasting", "Airways",      "Guard"};
  return k.count(w) != 0;
}
// Last words of company names; unlike the words above they name nothing alone ("Securities",
// "Oil"), only after a name ("Daiwa Securities", "Shell Oil", "General Motors").
bool IsCompanyWord(const std::string& w) {
  static const std::set<std::string> k = {
      "Motors",      "Motor",     "Electric",     "Dynamics",       "Mills",           "Foods",
      "Petroleum",   "Oil",       "Steel",        "Chemicals",      "Pharmaceuticals", "Holdings",
      "Securities",  "Systems",   "Technologies", "Communications", "Telecom",         "Insurance",
      "Enterprises", "Resources", "Mining",       "Studios"};
  return k.count(w) != 0;
}
// Words for someone who works for a body ("Chevron spokesman", "Exxon engineers").
bool IsStaffNoun(const std::string& lemma) {
  static const std::set<std::string> k = {
      "spokesman",     "spokeswoman", "spokesperson", "chairman",  "official",   "executive",
      "director",      "analyst",     "employee",     "worker",    "researcher", "reporter",
      "correspondent", "editor",      "engineer",     "manager",   "agent",      "officer",
      "scientist",     "economist",   "lawyer",       "president", "columnist",  "journalist",
      "founder",       "professor",   "coach",        "owner"};
  return k.count(lemma) != 0;
}

// 2–6 capital letters that are not an everyday abbreviation or a Roman numeral.
bool IsAcronym(const std::string& w) {
  if (w.size() < 2 || w.size() > 6) return false;
  for (char c : w)
    if (c < 'A' || c > 'Z') return false;
  if (w.find_first_not_of("IVXLCDM") == std::string::npos) return false;
  static const std::set<std::string> kNotOrganizations = {
      "AIDS", "HIV", "TV", "CEO", "GMT", "EST", "EDT", "PST", "PDT", "AM", "PM", "OK", "DNA", "GDP",
      "ID", "UFO", "MP", "VIP", "CD", "DVD", "PC", "IT", "FM", "AD", "BC", "USA", "UK", "US", "EU",
      "RNA", "SUV", "CPU", "GPS", "ATM", "IQ", "PR", "OPEN", "THE", "AND", "FOR", "NOT", "NEW",
      "NOTE", "EDITOR", "UPDATE",
      // members, exams, taxes, diseases, techniques
      "MEP", "MSP", "MLA", "GCSE", "VAT", "TB", "ICT", "PE", "QMV", "MBA", "FAQ", "MRI", "CCTV",
      "IVF", "PFI", "SMS", "HD", "PDF", "URL", "WWW", "HQ", "RSS",
      // post-nominal honours and degrees ("John Smith QC")
      "QC", "SC", "KC", "MBE", "OBE", "CBE", "KBE", "MD", "JR", "SR", "BA", "MA", "BSC", "MSC",
      "PHD", "RN"};
  return kNotOrganizations.count(w) == 0;
}
bool IsPlaceLead(const std::string& w) {
  static const std::set<std::string> k = {
      "North",    "South",   "East",    "West", "New", "Upper", "Lower", "Central", "Northern",
      "Southern", "Eastern", "Western", "San",  "Los", "Saint", "St",    "Lake",    "Mount"};
  return k.count(w) != 0;
}
bool IsHonorific(const std::string& lower) {
  return lower == "mr" || lower == "mrs" || lower == "ms" || lower == "dr" || lower == "mr." ||
         lower == "mrs." || lower == "ms." || lower == "dr." || lower == "miss" || lower == "sir" ||
         lower == "dame" || lower == "professor" || lower == "prof.";
}
// Nouns that name a person by role or kin ("child", "wife"), for names set beside them.
bool IsPersonNoun(const std::string& lemma) {
  static const std::set<std::string> k = {
      "child",   "son",     "daughter", "wife",     "husband", "mother",  "father",
      "brother", "sister",  "boy",      "girl",     "man",     "woman",   "baby",
      "friend",  "partner", "victim",   "resident", "student", "teacher", "doctor"};
  return k.count(lemma) != 0;
}
// Nouns for a part of a state: "the Chinese province of Yunnan".
bool IsPartNoun(const std::string& lemma) {
  return lemma == "province" || lemma == "region" || lemma == "territory" || lemma == "republic" ||
         lemma == "enclave" || lemma == "district";
}
bool IsNameParticle(const std::string& w) {
  return w == "de" || w == "van" || w == "von" || w == "der" || w == "al" || w == "bin" ||
         w == "da" || w == "du" || w == "del" || w == "la" || w == "le" || w == "ben";
}
// Abbreviated ranks and offices written before a name ("Sen. Jake Garn", "Gov. Thomas Kean").
bool IsAbbreviatedTitle(const std::string& lower) {
  static const std::set<std::string> k = {"sen.", "rep.",  "gov.", "gen.", "lt.",   "col.",
                                          "sgt.", "capt.", "adm.", "maj.", "cmdr.", "rev.",
                                          "gov",  "sen",   "rep",  "gen",  "lt",    "col"};
  return k.count(lower) != 0;
}
bool IsPersonPrefix(const std::string& lower) {
  return lower == "mr" || lower == "mrs" || lower == "ms" || lower == "dr" || lower == "mr." ||
         lower == "mrs." || lower == "ms." || lower == "dr." || lower == "state" ||
         lower == "general" || lower == "foreign" || lower == "vice" || lower == "deputy" ||
         lower == "defence" || lower == "defense" || lower == "prime" ||
         IsAbbreviatedTitle(lower) || lower == "premier" || lower == "governor" ||
         lower == "mayor" || lower == "senator";
}

struct Entity {
  std::string name;
  EntityType type;
  std::vector<std::string> aliases;
  std::string kind;  // organization kind noun ("alliance")
  int mentions = 0;
};

struct Mention {
  int entity;
  int begin, end;  // token range [begin, end)
  int head;        // the token that carries the mention's syntactic role
  bool demonym = false;
};

class DocExtractor {
 public:
  DocExtractor(const Schema& schema, const Gazetteer& g, const Document& doc, Extraction* out)
      : schema_(schema), g_(g), doc_(doc), out_(out) {}

  void Run(const std::vector<nlp::Sentence>& sentences) {
    std::vector<std::vector<Mention>> all(sentences.size());
    std::vector<std::vector<Mention>> coref_only(sentences.size());
    for (size_t s = 0; s < sentences.size(); ++s) {
      all[s] = FindMentions(sentences[s]);
      coref_only[s].swap(coref_only_);
    }
    for (size_t s = 0; s < sentences.size(); ++s)
      Relations(sentences[s], static_cast<int>(s), all[s]);
    std::vector<int> output_index(entities_.size(), -1);
    for (size_t i = 0; i < entities_.size(); ++i) {
      const Entity& e = entities_[i];
      if (e.mentions == 0) continue;
      output_index[i] = static_cast<int>(out_->entities.size());
      EntityInput in;
      in.name = e.name;
      in.type = e.type;
      in.aliases = e.aliases;
      out_->entities.push_back(std::move(in));
    }
    for (size_t s = 0; s < sentences.size(); ++s) {
      const auto& tok = sentences[s].tokens;
      std::vector<Mention> listed = all[s];
      listed.insert(listed.end(), coref_only[s].begin(), coref_only[s].end());
      std::sort(listed.begin(), listed.end(),
                [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
      for (const Mention& m : listed) {
        if (output_index[m.entity] < 0) continue;
        out_->mentions.push_back(
            {tok[m.begin].begin, tok[m.end - 1].end, output_index[m.entity], static_cast<int>(s)});
      }
    }
    out_->sentences = sentences.size();
  }

 private:
  int EntityFor(const std::string& name, EntityType type, const std::string& alias,
                const std::string& kind = "") {
    auto it = by_name_.find(name);
    int id;
    if (it != by_name_.end()) {
      id = it->second;
    } else {
      id = static_cast<int>(entities_.size());
      entities_.push_back({name, type, {}, kind, 0});
      by_name_[name] = id;
    }
    Entity& e = entities_[id];
    if (std::find(e.aliases.begin(), e.aliases.end(), alias) == e.aliases.end())
      e.aliases.push_back(alias);
    ++e.mentions;
    if (e.type == EntityType::kOrganization) last_org_[e.kind] = id;
    if (e.type == EntityType::kPerson) last_person_ = id;
    return id;
  }

  std::string SpanText(const nlp::Sentence& s, int b, int e) const {
    return doc_.text.substr(s.tokens[b].begin, s.tokens[e - 1].end - s.tokens[b].begin);
  }

  // A person already named in full that a shorter name ("Merkel") refers back to.
  int FindPerson(const std::vector<std::string>& words) const {
    for (int i = static_cast<int>(entities_.size()) - 1; i >= 0; --i) {
      const Entity& e = entities_[i];
      if (e.type != EntityType::kPerson) continue;
      if (e.name.size() >= words.back().size() &&
          e.name.compare(e.name.size() - words.back().size(), std::string::npos, words.back()) ==
              0) {
        bool all = true;
        for (const std::string& w : words)
          if (e.name.find(w) == std::string::npos) all = false;
        if (all) return i;
      }
    }
    // A first name alone ("Gloria" after "Gloria Thomas") when exactly one person has it.
    if (words.size() != 1) return -1;
    int found = -1;
    for (int i = 0; i < static_cast<int>(entities_.size()); ++i) {
      const Entity& e = entities_[i];
      if (e.type != EntityType::kPerson || !e.name.starts_with(words[0] + " ")) continue;
      if (found >= 0) return -1;
      found = i;
    }
    return found;
  }

  // The state that qualifies tokens [b, e): a state's name, possessive or demonym before
  // ("Chile's", "Chilean") or "of (the) STATE" after; empty if none.
  std::string QualifyingState(const nlp::Sentence& s, int b, int e,
                              const std::vector<Mention>& ms) const {
    const auto& t = s.tokens;
    int n = static_cast<int>(t.size());
    int p = b - 1;
    if (p >= 0 && t[p].upos == "DET") --p;
    if (p >= 0) {
      auto d = g_.demonym_to_country.find(t[p].form);
      if (d != g_.demonym_to_country.end()) {
        auto c = g_.names.find(d->second);
        return c != g_.names.end() ? c->second.canonical : d->second;
      }
    }
    if (p >= 0 && (t[p].form == "'s" || t[p].form == "\xE2\x80\x99s")) --p;
    if (p >= 0 && !ms.empty() && ms.back().end == p + 1 &&
        entities_[ms.back().entity].type == EntityType::kCountry)
      return entities_[ms.back().entity].name;
    int q = e;
    if (q < n && Lower(t[q].form) == "of") {
      ++q;
      if (q < n && t[q].upos == "DET") ++q;
      for (int len = std::min(4, n - q); len >= 1; --len) {
        auto it = g_.names.find(SpanText(s, q, q + len));
        if (it != g_.names.end() && it->second.type == EntityType::kCountry)
          return it->second.canonical;
      }
    }
    return "";
  }

  std::vector<Mention> FindMentions(const nlp::Sentence& s) {
    std::vector<Mention> ms;
    const auto& t = s.tokens;
    int n = static_cast<int>(t.size());
    std::vector<bool> used(n, false);
    const int person_before = last_person_;  // the last person of earlier sentences
    // 1. Gazetteer: longest match on the surface text.
    for (int i = 0; i < n; ++i) {
      if (t[i].upos == "PUNCT" || std::islower(static_cast<unsigned char>(t[i].form[0])) != 0)
        continue;
      for (int len = std::min<int>(static_cast<int>(g_.max_tokens) + 2, n - i); len >= 1; --len) {
        std::string key = SpanText(s, i, i + len);
        auto it = g_.names.find(key);
        if (it == g_.names.end()) continue;
        // A hyphenated compound ("NATO-led") is not the name itself.
        if (i + len < n && t[i + len].form == "-" && t[i + len].begin == t[i + len - 1].end) break;
        // "South Australia", "Western Australia": a region named after the country.
        if (i > 0 && IsPlaceLead(t[i - 1].form) && !used[i - 1]) break;
        const GazetteerEntry& e = it->second;
        // A short form of an international body's name qualified by a state ("the Chilean
        // Security Council", "the Security Council of Chile") is that state's own body.
        std::string state;
        if (e.type == EntityType::kOrganization && key != e.canonical && len > 1)
          state = QualifyingState(s, i, i + len, ms);
        int id = state.empty() ? EntityFor(e.canonical, e.type, key, e.kind)
                               : EntityFor(key + " of " + state, e.type, key, e.kind);
        ms.push_back({id, i, i + len, HeadOf(s, i, i + len)});
        for (int k = i; k < i + len; ++k) used[k] = true;
        i += len - 1;
        break;
      }
    }
    // 2. Proper-noun runs (with name particles) not matched above. A capitalized organization
    // word inside a sentence starts one even when tagged as a common noun ("the Senate
    // Foreign Relations Committee/NOUN").
    auto capitalized = [&](int k) {
      return std::isupper(static_cast<unsigned char>(t[k].form[0])) != 0;
    };
    for (int i = 0; i < n; ++i) {
      bool org_noun = i > 0 && t[i].upos == "NOUN" && capitalized(i) && IsOrgWord(t[i].form);
      if (used[i] || (t[i].upos != "PROPN" && !org_noun)) continue;
      // A place word tagged as an adjective starts the name ("New South Wales").
      if (i > 0 && !used[i - 1] && IsPlaceLead(t[i - 1].form) && t[i - 1].upos == "ADJ") --i;
      int j = i;
      while (j < n && !used[j] &&
             (t[j].upos == "PROPN" || (j == i && IsPlaceLead(t[j].form)) || (j == i && org_noun) ||
              (IsNameParticle(t[j].form) && j + 1 < n && t[j + 1].upos == "PROPN")))
        ++j;
      // An organization's name takes in the capitalized words the tagger read as adjectives
      // or common nouns before its head word ("the Supreme/ADJ Court", "the Mexican/ADJ
      // Oil/NOUN Workers/NOUN Union") and an "of" phrase of capitalized words after it
      // ("the Institute of Mechanics"); a name before a staff noun reaches left the same way
      // ("Federal/ADJ Reserve chairman", "Liberal/ADJ Democrat spokesman").
      auto name_word = [&](int k) {
        return !used[k] && capitalized(k) &&
               (t[k].upos == "ADJ" || t[k].upos == "NOUN" || t[k].upos == "PROPN");
      };
      bool org_name = IsOrgWord(t[j - 1].form) ||
                      (IsCompanyWord(t[j - 1].form) && (j - i >= 2 || (i > 0 && name_word(i - 1))));
      bool before_staff = j < n && !capitalized(j) && IsStaffNoun(t[j].lemma);
      if (org_name || before_staff) {
        while (i > 0 && name_word(i - 1) &&
               (org_name || g_.titles.count(Lower(t[i - 1].form)) == 0))
          --i;
        if (org_name && j + 1 < n && Lower(t[j].form) == "of" && name_word(j + 1)) {
          j += 1;
          while (j < n && name_word(j)) ++j;
        }
      }
      int b = i;
      // Titles and honorifics before the name are not part of it; nor is what comes before an
      // office inside the run ("New Jersey Gov. Thomas Kean", "Illinois Governor James
      // Thompson": the person is the part after the office).
      for (int k = j - 2; k > b && !org_name; --k) {
        std::string l = Lower(t[k].form);
        if (IsAbbreviatedTitle(l) || l == "governor" || l == "mayor" || l == "senator") {
          b = k;
          break;
        }
      }
      // (An organization keeps its leading words: "General Motors", "Royal Navy".)
      while (!org_name && b < j &&
             (g_.titles.count(Lower(t[b].form)) != 0 || IsPersonPrefix(Lower(t[b].form))))
        ++b;
      std::vector<std::string> words;
      bool temporal = false;
      for (int k = b; k < j; ++k) {
        words.push_back(t[k].form);
        std::string l = Lower(t[k].form);
        if (Weekdays().count(l) != 0 || MonthIndex(l) != 0 || l == "year" || l == "day" ||
            l == "eve")
          temporal = true;
      }
      int run_end = j;
      i = j - 1;
      if (words.empty() || temporal) continue;
      if (words.size() == 1 && g_.demonym_to_country.count(words[0]) != 0) continue;
      // A one-word name used as a modifier ("eastern European states") names nothing here.
      if (words.size() == 1 && t[b].deprel == "amod") continue;
      std::string name = SpanText(s, b, run_end);
      int head = HeadOf(s, b, run_end);
      // After a title or an honorific ("Ms Smith"), or set beside a word for a person ("their
      // child, Gloria"), a single name is a person's.
      bool titled = b > 0 && (g_.titles.count(Lower(t[b - 1].form)) != 0 ||
                              IsHonorific(Lower(t[b - 1].form)));
      if (b == j - 1 && (((t[b].deprel == "appos" || t[b].deprel == "flat") && t[b].head >= 0 &&
                          IsPersonNoun(t[t[b].head].lemma)) ||
                         (b >= 2 && t[b - 1].form == "," && IsPersonNoun(t[b - 2].lemma))))
        titled = true;
      auto cap = g_.capital_to_country.find(name);
      if (cap != g_.capital_to_country.end()) {
        // A capital acting politically stands for its country's government.
        // ... unless it is plainly a place ("in Brussels", "to Moscow").
        std::string prev = b > 0 ? Lower(t[b - 1].form) : "";
        bool locative = prev == "in" || prev == "at" || prev == "to" || prev == "from" ||
                        prev == "near" || name == doc_.dateline;
        if (!locative) {
          ms.push_back({EntityFor(cap->second, EntityType::kCountry, name), b, run_end, head});
        } else {
          ms.push_back({EntityFor(name, EntityType::kLocation, name), b, run_end, head});
        }
        continue;
      }
      // An unknown all-capitals word is an organization's acronym ("a CIA spokesman", "the
      // BSP"), unless it is one of the everyday abbreviations or a Roman numeral.
      if (words.size() == 1 && IsAcronym(words[0])) {
        ms.push_back({EntityFor(name, EntityType::kOrganization, name), b, run_end, head});
        continue;
      }
      // Nationality adjectives tagged as names ("eastern European states") name nothing here.
      if (words.size() == 1 && run_end < n && t[run_end].upos == "NOUN" &&
          (words[0].ends_with("an") || words[0].ends_with("ese") || words[0].ends_with("ish")))
        continue;
      // Named studies, awards, events and conditions are none of our types.
      static const std::set<std::string> kNotEntities = {
          "Study",     "Survey",  "Report",   "Act",          "Award",         "Awards",
          "Prize",     "Cup",     "Festival", "Championship", "Championships", "Program",
          "Programme", "Project", "Syndrome", "Disease",      "Disorders",     "Week"};
      if (kNotEntities.count(words.back()) != 0) continue;
      if (org_name || IsOrgWord(words.back())) {
        ms.push_back({EntityFor(name, EntityType::kOrganization, name), b, run_end, head});
        continue;
      }
      int person = FindPerson(words);
      if (person >= 0) {
        ms.push_back(
            {EntityFor(entities_[person].name, EntityType::kPerson, name), b, run_end, head});
        continue;
      }
      // A new name modifying a word for someone who works for a body ("Chevron spokesman
      // Jonathan Lifa", "Exxon engineers") is that body.
      if (t[head].deprel == "compound" && t[head].head >= 0 && t[t[head].head].upos == "NOUN" &&
          IsStaffNoun(t[t[head].head].lemma) && !IsPlaceLead(words[0])) {
        ms.push_back({EntityFor(name, EntityType::kOrganization, name), b, run_end, head});
        continue;
      }
      // A new name that only modifies a common noun ("the Iodine Nutrition study") is a
      // label, not a person or a place.
      if (t[head].deprel == "compound" && t[head].head >= 0 && t[t[head].head].upos == "NOUN" &&
          std::islower(static_cast<unsigned char>(t[t[head].head].form[0])) != 0 &&
          !IsPlaceLead(words[0]))
        continue;
      // After a staff word and of/for/at ("a spokesman for Chevron", "chairman of Fiat") a new
      // name is the body the person works for, not a place ("the president of X" may be
      // either, so president and official do not count).
      {
        int p = b - 1;
        if (p > 0 && t[p].upos == "DET") --p;
        std::string prep = p >= 0 ? Lower(t[p].form) : "";
        if ((prep == "of" || prep == "for" || prep == "at") && p > 0 &&
            IsStaffNoun(t[p - 1].lemma) && t[p - 1].lemma != "president" &&
            t[p - 1].lemma != "official") {
          ms.push_back({EntityFor(name, EntityType::kOrganization, name), b, run_end, head});
          continue;
        }
      }
      bool place_context = false;
      if (b > 0) {
        std::string prev = Lower(t[b - 1].form);
        place_context = prev == "in" || prev == "of" || prev == "from" || prev == "near" ||
                        prev == "to" || prev == "across" || prev == "throughout";
        // "the wife of John Smith", "a spokesman of X", "the death of Y": "of" after a word
        // for a person, a role or what befalls a person is no place context.
        static const std::set<std::string> kPersonOf = {
            "widow",  "family", "successor", "predecessor", "death",        "murder",
            "arrest", "trial",  "funeral",   "resignation", "assassination"};
        int before_of = b - 2;  // the word before "of", read off the surface (parses err here)
        if (prev == "of" && before_of >= 0 &&
            (IsPersonNoun(t[before_of].lemma) || IsStaffNoun(t[before_of].lemma) ||
             g_.titles.count(Lower(t[before_of].form)) != 0 ||
             kPersonOf.count(t[before_of].lemma) != 0))
          place_context = false;
      }
      // Listed right after a place: "New South Wales, Victoria, …".
      const Mention* prior = nullptr;
      for (const Mention& m : ms)
        if (m.end < b && (prior == nullptr || m.end > prior->end)) prior = &m;
      if (prior != nullptr) {
        EntityType before = entities_[prior->entity].type;
        bool listed = before == EntityType::kLocation || before == EntityType::kCountry;
        for (int k = prior->end; k < b && listed; ++k)
          listed = t[k].form == "," || t[k].form == "and" || t[k].form == "or";
        if (listed) place_context = true;
      }
      // The noun the name depends on: "the province of X", "regions of X".
      int gov = t[head].head;
      if (t[head].deprel == "conj" && gov >= 0) {
        for (const Mention& prior : ms)
          if (prior.head == gov && entities_[prior.entity].type == EntityType::kLocation)
            place_context = true;
        gov = t[gov].head;
      }
      if (gov >= 0) {
        static const std::set<std::string> kPlaceNouns = {
            "region",  "province", "city",     "town", "village", "republic", "territory",
            "capital", "state",    "district", "area", "enclave", "island"};
        if (kPlaceNouns.count(t[gov].lemma) != 0) place_context = true;
      }
      // Right after an office or staff word ("Chevron spokesman Jonathan Lifa") a name is a
      // person's, whatever place a misparse hangs it on.
      bool after_role =
          b > 0 && (g_.titles.count(Lower(t[b - 1].form)) != 0 || IsStaffNoun(t[b - 1].lemma));
      if (words.size() >= 2 && !IsPlaceLead(words[0]) && (!place_context || after_role)) {
        ms.push_back({EntityFor(name, EntityType::kPerson, name), b, run_end, head});
      } else if (words.size() == 1 && titled) {
        ms.push_back({EntityFor(name, EntityType::kPerson, name), b, run_end, head});
      } else if (place_context || IsPlaceLead(words[0])) {
        ms.push_back({EntityFor(name, EntityType::kLocation, name), b, run_end, head});
      }
    }
    // 3. Demonyms before a role noun ("her Russian counterpart") and "the alliance" anaphora.
    for (int i = 0; i < n; ++i) {
      if (used[i]) continue;
      auto dem = g_.demonym_to_country.find(t[i].form);
      // Taggers read demonym modifiers as ADJ or as PROPN compounds ("the Serbian/NNP
      // province"); a demonym heading its own phrase ("the Russian said") is not one.
      bool modifier = t[i].upos != "PROPN" || t[i].deprel == "compound" || t[i].deprel == "amod";
      if (dem != g_.demonym_to_country.end() && modifier && i + 1 < n) {
        static const std::set<std::string> kRoleNouns = {
            "counterpart", "government", "side",   "authorities", "official",   "officials",
            "leader",      "leaders",    "forces", "troops",      "delegation", "diplomats"};
        std::string next = Lower(t[i + 1].form);
        std::string office;
        // "the Chinese province of X", "the Serbian breakaway region of X": the state a
        // part belongs to (read by the part_of pattern).
        int p = i + 1;
        while (p < n && t[p].upos == "ADJ") ++p;
        bool part = p + 1 < n && IsPartNoun(t[p].lemma) && Lower(t[p + 1].form) == "of";
        if (kRoleNouns.count(next) != 0 || g_.titles.count(next) != 0 || IsPersonPrefix(next) ||
            TitleAt(s, i + 1, &office) > 0 || part) {
          int id = EntityFor(dem->second, EntityType::kCountry, dem->second);
          --entities_[id].mentions;  // a demonym alone does not name the country in the text
          ++entities_[id].mentions;
          ms.push_back({id, i, i + 1, i + 1, true});
        }
        continue;
      }
      if (t[i].upos == "NOUN") {
        auto org = last_org_.find(t[i].lemma);
        if (org == last_org_.end()) continue;
        bool definite = false;
        for (int k = std::max(0, i - 3); k < i; ++k)
          if (Lower(t[k].form) == "the") definite = true;
        if (!definite) continue;
        int b = i;
        while (b > 0 && Lower(t[b - 1].form) != "the") --b;
        std::string alias = SpanText(s, b - 1 >= 0 ? b - 1 : b, i + 1);
        ms.push_back({EntityFor(entities_[org->second].name, EntityType::kOrganization, alias), i,
                      i + 1, i});
      }
    }
    // 3b. Offices: "Russian President X", "X, the Russian president" record who holds the
    // office; a later "the Brazilian head of state" / "the French president" is that person.
    ResolveOffices(s, &ms);
    // 4. Personal pronouns as subjects: the most recent person before the pronoun (not one
    // named later in the same sentence: "He said the visit by X …").
    const std::vector<Mention> named = ms;
    for (int i = 0; i < n; ++i) {
      std::string l = Lower(t[i].form);
      int person = person_before;
      int person_end = -1;
      for (const Mention& m : named)
        if (m.end <= i && m.end > person_end && entities_[m.entity].type == EntityType::kPerson) {
          person = m.entity;
          person_end = m.end;
        }
      if (person < 0) continue;
      // With another person named later in the sentence ("He told Mr X …") the pronoun is
      // too uncertain to carry relations: it corefers only.
      bool later_person = false;
      for (const Mention& m : named)
        if (m.begin > i && entities_[m.entity].type == EntityType::kPerson) later_person = true;
      if ((l == "he" || l == "she") && t[i].deprel.starts_with("nsubj") && !later_person) {
        ms.push_back({person, i, i + 1, i});
      } else if (l == "he" || l == "she" || l == "him" || l == "his" || l == "her" ||
                 l == "himself" || l == "herself") {
        // Other roles corefer too, but relations are only read from subjects.
        coref_only_.push_back({person, i, i + 1, i});
      }
    }
    std::sort(ms.begin(), ms.end(),
              [](const Mention& a, const Mention& b) { return a.begin < b.begin; });
    return ms;
  }

  // An office title starting at token i ("president", "foreign minister", "head of state"):
  // its length in tokens (0 if none) and the office it names, heads of state and of
  // government merged ("president", "king" → "head of state").
  int TitleAt(const nlp::Sentence& s, int i, std::string* office) const {
    const auto& t = s.tokens;
    int n = static_cast<int>(t.size());
    for (int len = std::min(3, n - i); len >= 1; --len) {
      std::string words;
      for (int k = i; k < i + len; ++k) words += (k > i ? " " : "") + Lower(t[k].form);
      bool known = g_.titles.count(words) != 0 || words == "head of state" ||
                   words == "head of government" || words == "leader" || words == "premier";
      if (!known || words == "counterpart" || words == "envoy" || words == "ambassador" ||
          words == "spokesman" || words == "spokeswoman")
        continue;
      if (words == "president" || words == "king" || words == "queen") words = "head of state";
      if (words == "prime minister" || words == "premier" || words == "chancellor")
        words = "head of government";
      *office = words;
      return len;
    }
    return 0;
  }

  void ResolveOffices(const nlp::Sentence& s, std::vector<Mention>* ms) {
    const auto& t = s.tokens;
    int n = static_cast<int>(t.size());
    auto country_ending_at = [&](int end) -> const Mention* {
      for (const Mention& m : *ms)
        if (m.end == end && entities_[m.entity].type == EntityType::kCountry) return &m;
      return nullptr;
    };
    // Descriptions first (they may only refer back), then the offices this sentence names.
    for (Mention& m : *ms) {
      if (entities_[m.entity].type != EntityType::kCountry || m.begin == 0 ||
          Lower(t[m.begin - 1].form) != "the")
        continue;
      std::string office;
      int len = TitleAt(s, m.end, &office);
      if (len == 0 || (m.end + len < n && t[m.end + len].upos == "PROPN")) continue;
      auto it = offices_.find({m.entity, office});
      // "the German leader": whoever leads, the head of state or of government.
      if (office == "leader") {
        it = offices_.find({m.entity, "head of state"});
        if (it == offices_.end()) it = offices_.find({m.entity, "head of government"});
      }
      if (it == offices_.end()) continue;
      --entities_[m.entity].mentions;
      int b = m.begin - 1, e = m.end + len;
      int person = EntityFor(entities_[it->second].name, EntityType::kPerson, SpanText(s, b, e));
      m = {person, b, e, HeadOf(s, b, e)};
    }
    for (const Mention& pm : *ms) {
      if (entities_[pm.entity].type != EntityType::kPerson) continue;
      // "Russian President X", "US Secretary of State X".
      for (int len = 1; len <= 3 && pm.begin - len >= 1; ++len) {
        std::string office;
        if (TitleAt(s, pm.begin - len, &office) != len) continue;
        if (const Mention* c = country_ending_at(pm.begin - len); c != nullptr)
          offices_[{c->entity, office}] = pm.entity;
      }
      // "X, the Russian president,".
      int i = pm.end;
      if (i + 3 < n && t[i].form == "," && Lower(t[i + 1].form) == "the") {
        for (const Mention& c : *ms) {
          if (c.begin != i + 2 || entities_[c.entity].type != EntityType::kCountry) continue;
          std::string office;
          if (TitleAt(s, c.end, &office) > 0) offices_[{c.entity, office}] = pm.entity;
        }
      }
    }
  }

  // The token of [b, e) whose head lies outside the span.
  static int HeadOf(const nlp::Sentence& s, int b, int e) {
    for (int k = e - 1; k >= b; --k) {
      int h = s.tokens[k].head;
      if (h < b || h >= e) return k;
    }
    return e - 1;
  }

  // The clause role of a mention: its head, climbing compound/flat/amod to the noun it names.
  std::string Role(const nlp::Sentence& s, const Mention& m) const {
    int h = m.head;
    for (int guard = 0; guard < 4 && h >= 0; ++guard) {
      const std::string& rel = s.tokens[h].deprel;
      if (ModifiesAnAffiliate(s, h)) return rel;
      if (rel == "compound" || rel == "flat" || rel == "amod" || rel == "conj") {
        h = s.tokens[h].head;
        continue;
      }
      return rel;
    }
    return "";
  }

  // Whether token h modifies a word for one member of a body ("a UKIP member", "Labour
  // voters"): what that person does is not the body's act, unlike "NATO ministers agreed".
  static bool ModifiesAnAffiliate(const nlp::Sentence& s, int h) {
    static const std::set<std::string> kAffiliates = {
        "member",    "supporter",   "voter",    "activist",  "fan",
        "customer",  "student",     "resident", "candidate", "councillor",
        "volunteer", "shareholder", "investor", "subscriber"};
    const nlp::Token& tok = s.tokens[h];
    return (tok.deprel == "compound" || tok.deprel == "amod") && tok.head >= 0 &&
           kAffiliates.count(s.tokens[tok.head].lemma) != 0;
  }

  // The verb whose active subject the mention is (through compound/flat/amod/conj), or -1.
  static int GoverningVerb(const nlp::Sentence& s, const Mention& m) {
    int h = m.head;
    for (int guard = 0; guard < 5 && h >= 0; ++guard) {
      const std::string& rel = s.tokens[h].deprel;
      if (ModifiesAnAffiliate(s, h)) return -1;
      if (rel == "compound" || rel == "flat" || rel == "amod" || rel == "conj") {
        h = s.tokens[h].head;
        continue;
      }
      if (rel != "nsubj") return -1;  // a passive subject is not the actor
      int v = s.tokens[h].head;
      return v >= 0 && s.tokens[v].upos == "VERB" ? v : -1;
    }
    return -1;
  }

  // Whether token `k` lies in the infinitival complement of `verb` ("threatened to counter the
  // extension … of X"): reached from it through an xcomp, then objects and at most two noun
  // modifiers — not into another clause, an oblique ("arrested at X") or a long noun chain.
  static bool InComplement(const nlp::Sentence& s, int verb, int k) {
    bool xcomp = false;
    int nmods = 0;
    for (int guard = 0; guard < 12 && k >= 0; ++guard) {
      if (k == verb) return guard > 0 && xcomp;
      const std::string& rel = s.tokens[k].deprel;
      if (rel == "xcomp") xcomp = true;
      if (rel.starts_with("nmod") && ++nmods > 2) return false;
      bool inside = rel == "xcomp" || rel == "obj" || rel == "iobj" || rel.starts_with("nmod") ||
                    rel == "compound" || rel == "flat" || rel == "amod" || rel == "appos";
      if (!inside) return false;
      k = s.tokens[k].head;
    }
    return false;
  }

  // Whether `verb` has a passive agent: an obl:agent, or an oblique with "by" as its case.
  static bool HasPassiveAgent(const nlp::Sentence& s, int verb) {
    if (verb < 0) return false;
    const std::vector<nlp::Token>& t = s.tokens;
    auto oblique_of_verb = [&](int k) {
      return k >= 0 && t[k].head == verb && t[k].deprel.starts_with("obl");
    };
    for (const nlp::Token& tok : t) {
      if (tok.deprel == "obl:agent" && tok.head == verb) return true;
      if (tok.deprel == "case" && Lower(tok.form) == "by" && oblique_of_verb(tok.head)) return true;
    }
    return false;
  }

  static bool IsReportingVerb(const nlp::Token& tok) {
    static const std::set<std::string> kLemmas = {"say",  "tell",     "confirm", "add",
                                                  "note", "announce", "claim",   "report"};
    return tok.upos == "VERB" && kLemmas.count(Lower(tok.lemma)) != 0;
  }

  // Whether token `k` lies in the subtree of token `root`.
  static bool Under(const nlp::Sentence& s, int k, int root) {
    for (int guard = 0; guard < 20 && k >= 0; ++guard, k = s.tokens[k].head)
      if (k == root) return true;
    return false;
  }

  // Whether the object, though later in the sentence, takes no part in the subject's
  // predicate: it sits in a clause modifying another noun ("joined the patrol led by X", "in
  // the city, where Y will visit X"), is what a verb of discussion is about ("discussed the
  // future of X"), or only attends ("talks with the participation of X").
  static bool NotAParticipant(const nlp::Sentence& s, const Mention& sm, const Mention& om) {
    static const std::set<std::string> kTopicVerbs = {"discuss", "debate", "consider",
                                                      "examine", "review", "address"};
    static const std::set<std::string> kAttendance = {"participation", "presence", "attendance"};
    const auto& t = s.tokens;
    int with = om.begin - 1;  // "discussed the future of X with Y": Y is the counterpart
    if (with > 0 && t[with].upos == "DET") --with;
    bool counterpart = with >= 0 && Lower(t[with].form) == "with";
    int h = om.head;
    int hops = 0;  // dependency steps climbed, conjuncts and name parts not counted
    for (int guard = 0; guard < 10 && h >= 0; ++guard) {
      const std::string& rel = t[h].deprel;
      int p = t[h].head;
      if (p < 0) return false;
      // Only an argument of that clause's verb: "a dispute caused by X's claims" still
      // concerns X.
      if ((rel == "acl" || rel == "acl:relcl") && t[h].upos == "VERB")
        return hops <= 1 && !(p >= sm.begin && p < sm.end) && !Under(s, sm.head, h);
      if (rel != "conj" && rel != "compound" && rel != "flat") ++hops;
      if (rel == "obj" && !counterpart && kTopicVerbs.count(Lower(t[p].lemma)) != 0) return true;
      if (rel.starts_with("nmod") && kAttendance.count(Lower(t[p].lemma)) != 0) return true;
      if (t[h].upos == "VERB" || t[h].upos == "AUX") return false;
      h = p;
    }
    return false;
  }

  // Whether the object lies in a complement clause with a subject of its own under the verb the
  // subject mention is the subject of ("X stressed that the visit by Y was a success"): the
  // clause reports on its own subject, not on X. An infinitive on the way keeps X as its
  // understood subject ("X believed the time had come to reset ties with Y").
  static bool InReportedClause(const nlp::Sentence& s, const Mention& sm, const Mention& om) {
    const auto& t = s.tokens;
    int v = sm.head;
    for (int guard = 0; guard < 4 && v >= 0; ++guard) {
      const std::string& rel = t[v].deprel;
      if (rel == "compound" || rel == "flat" || rel == "conj") {
        v = t[v].head;
        continue;
      }
      if (!rel.starts_with("nsubj")) return false;
      v = t[v].head;
      break;
    }
    if (v < 0) return false;
    auto infinitive = [&](int k) {
      if (t[k].deprel == "xcomp") return true;
      if (t[k].deprel != "advcl" && t[k].deprel != "acl") return false;
      for (const auto& tok : t)
        if (&tok - &t[0] < k && tok.head == k && tok.deprel == "mark" && Lower(tok.form) == "to")
          return true;
      return false;
    };
    int c = om.head;
    for (int guard = 0; guard < 12 && c >= 0 && t[c].head != v; ++guard) {
      if (infinitive(c)) return false;
      c = t[c].head;
    }
    if (c < 0 || t[c].head != v || t[c].deprel != "ccomp") return false;
    for (size_t j = 0; j < t.size(); ++j)
      if (t[j].head == c && t[j].deprel.starts_with("nsubj") && t[j].upos != "PRON" &&
          !(static_cast<int>(j) >= om.begin && static_cast<int>(j) < om.end))
        return true;
    return false;
  }

  // Whether "according to" (with titles or honorifics between) precedes the mention.
  static bool AccordingTo(const nlp::Sentence& s, const Mention& m) {
    const auto& t = s.tokens;
    int j = m.begin - 1;
    while (j >= 0 && m.begin - j <= 3 && t[j].upos != "ADP" &&
           (IsHonorific(Lower(t[j].form)) || IsPersonPrefix(Lower(t[j].form)) ||
            t[j].upos == "PROPN" || t[j].upos == "NOUN" || t[j].upos == "DET"))
      --j;
    return j >= 1 && Lower(t[j].form) == "to" && Lower(t[j - 1].form) == "according";
  }

  // Whether the mention is the subject of a reporting verb or follows "according to".
  static bool IsSpeaker(const nlp::Sentence& s, const Mention& m) {
    const auto& t = s.tokens;
    if (AccordingTo(s, m)) return true;
    int h = m.head;
    for (int guard = 0; guard < 4 && h >= 0; ++guard) {
      const std::string& rel = t[h].deprel;
      if (rel == "compound" || rel == "flat" || rel == "conj") {
        h = t[h].head;
        continue;
      }
      return rel.starts_with("nsubj") && t[h].head >= 0 && IsReportingVerb(t[t[h].head]);
    }
    return false;
  }

  // Lemma equality, or an inflected form the lemmatizer left alone ("striving" for "strive").
  static bool WordMatches(const std::string& word, const std::string& trigger) {
    if (word == trigger) return true;
    if (trigger.size() < 4 || word.size() > trigger.size() + 3) return false;
    std::string stem = trigger.back() == 'e' ? trigger.substr(0, trigger.size() - 1) : trigger;
    if (!word.starts_with(stem)) return false;
    std::string rest = word.substr(stem.size());
    return rest == "ing" || rest == "ed" || rest == "es" || rest == "s" || rest == "e";
  }

  const RelationDef* MatchLabel(const std::vector<std::string>& words, size_t* trigger_pos) const {
    // The trigger closest to the object wins; among triggers ending there, the longest.
    const RelationDef* best = nullptr;
    size_t best_end = 0, best_len = 0;
    for (const RelationDef& r : schema_.relations) {
      for (const std::string& trig : r.triggers) {
        std::vector<std::string> tw;
        size_t p = 0;
        while (p < trig.size()) {
          size_t sp = trig.find(' ', p);
          if (sp == std::string::npos) sp = trig.size();
          tw.push_back(trig.substr(p, sp - p));
          p = sp + 1;
        }
        for (size_t i = 0; i + tw.size() <= words.size(); ++i) {
          bool ok = true;
          for (size_t k = 0; k < tw.size() && ok; ++k) ok = WordMatches(words[i + k], tw[k]);
          if (!ok) continue;
          size_t end = i + tw.size();
          if (best == nullptr || end > best_end || (end == best_end && tw.size() > best_len)) {
            best = &r;
            best_end = end;
            best_len = tw.size();
          }
        }
      }
    }
    *trigger_pos = best_end;
    return best;
  }

  static bool IsTemporal(const nlp::Token& tok) {
    std::string l = Lower(tok.form);
    if (tok.xpos == "MD") return false;  // "may" the modal
    return Weekdays().count(l) != 0 || MonthIndex(l) != 0 || l == "last" || l == "next" ||
           l == "yesterday" || l == "today" || l == "tomorrow";
  }

  static bool TypeAllowed(const std::vector<EntityType>& allowed, EntityType t) {
    return allowed.empty() || std::find(allowed.begin(), allowed.end(), t) != allowed.end();
  }

  void Emit(const nlp::Sentence& s, int sentence_index, int subj, int obj, const std::string& label,
            const std::string& phrase, bool typed, float confidence, bool negated, bool hedged,
            const std::string& date, const std::string& attributed) {
    if (subj == obj) return;
    std::string key = std::to_string(subj) + "|" + label + "|" + std::to_string(obj) + "|" +
                      std::to_string(sentence_index);
    if (!emitted_.insert(key).second) return;
    if (label == "official_of" || label == "envoy_to") officials_.insert({subj, obj});
    StatementInput st;
    st.subject = {TermKind::kEntity, entities_[subj].type, entities_[subj].name};
    st.relation = {TermKind::kRelation, EntityType::kNone, label};
    st.object = {TermKind::kEntity, entities_[obj].type, entities_[obj].name};
    Provenance& p = st.provenance;
    p.sentence = sentence_index;
    p.span_begin = s.begin;
    p.span_end = s.end;
    p.evidence = doc_.text.substr(s.begin, s.end - s.begin);
    p.phrase = phrase;
    p.method = "dep-rules";
    p.confidence = std::clamp(confidence, 0.0f, 1.0f);
    p.negated = negated;
    p.hedged = hedged;
    p.date = date.empty() ? doc_.date : date;
    p.attributed_to = attributed;
    out_->statements.push_back(std::move(st));
    out_->typed.push_back(typed);
  }

  void Relations(const nlp::Sentence& s, int si, const std::vector<Mention>& ms) {
    const auto& t = s.tokens;
    int n = static_cast<int>(t.size());
    std::vector<int> mention_at(n, -1);
    for (size_t k = 0; k < ms.size(); ++k)
      for (int i = ms[k].begin; i < ms[k].end; ++i) mention_at[i] = static_cast<int>(k);

    // Attribution: "..., diplomats said" / "X said that ...".
    std::string attributed;
    for (int i = 0; i < n; ++i) {
      if (t[i].lemma != "say" && t[i].lemma != "tell" && t[i].lemma != "confirm") continue;
      for (int k = 0; k < n; ++k)
        if (t[k].head == i && t[k].deprel.starts_with("nsubj")) {
          int b = k;
          while (b > 0 && (t[b - 1].deprel == "compound" || t[b - 1].deprel == "amod") &&
                 t[b - 1].head == k)
            --b;
          attributed = SpanText(s, b, k + 1);
          // A named speaker: the whole name ("Mr Okafor", not "Mr").
          for (int j = b; j < n && j <= k + 3; ++j)
            if (mention_at[j] >= 0 && (j == k || (t[j].head == k && t[j].deprel == "flat"))) {
              attributed = entities_[ms[mention_at[j]].entity].name;
              break;
            }
          std::string pron = Lower(attributed);
          if ((pron == "he" || pron == "she") && last_person_ >= 0)
            attributed = entities_[last_person_].name;  // the speaker named before
        }
    }
    if (attributed.empty())
      for (const Mention& m : ms)
        if (AccordingTo(s, m)) attributed = entities_[m.entity].name;
    bool past = false;
    for (const auto& tok : t)
      if (tok.xpos == "VBD") past = true;

    // Titles and appositions: official_of / envoy_to for each person.
    for (const Mention& m : ms) {
      if (entities_[m.entity].type != EntityType::kPerson || m.begin == 0) continue;
      int k = m.begin - 1;
      bool saw_title = false;
      // A comma crossed going back: what precedes it must be a whole title phrase ending in
      // the state or body ("X's envoy to Y, Ambassador Z", "the head of Y, Z"), never another
      // clause or person ("after talks with Y's premier W, President Z"), or a title phrase
      // in apposition ("her Chilean counterpart, Z").
      bool after_comma = false;
      int passed = -1;  // the first state or body passed before any title
      if (t[k].form == ",") {
        --k;
        after_comma = true;
      }
      for (int steps = 0; k >= 0 && steps < 10; ++steps, --k) {
        const auto& tok = t[k];
        std::string l = Lower(tok.form);
        if (g_.titles.count(l) != 0 || IsPersonPrefix(l)) {
          if (after_comma && g_.titles.count(l) == 0) continue;  // "of state, Z"
          after_comma = false;                                   // "her Chilean counterpart, Z"
          // "Secretary of the Chilean Security Council Z": the body named after "of".
          if (!saw_title && passed >= 0 && g_.titles.count(l) != 0 && k + 1 < n &&
              Lower(t[k + 1].form) == "of") {
            Emit(s, si, m.entity, ms[passed].entity, "official_of", SpanText(s, k, ms[passed].end),
                 true, 0.8f, false, false, "", "");
            break;
          }
          saw_title = saw_title || g_.titles.count(l) != 0;
          if (k > 0 && t[k - 1].form == ",") {  // "X's envoy to Y, Ambassador Z"
            --k;
            after_comma = true;
          }
          continue;
        }
        if (after_comma && mention_at[k] < 0 && (tok.upos == "NOUN" || l == "of"))
          continue;  // "the secretary of state, Z"
        if (after_comma) {
          if (mention_at[k] < 0) break;
          const Mention& o = ms[mention_at[k]];
          int before = o.begin - 1;
          if (before > 0 && t[before].upos == "DET") --before;
          std::string prep = before >= 0 ? Lower(t[before].form) : "";
          int title = before - 1;
          while (title > 0 && t[title].upos == "ADJ") --title;
          if ((prep != "to" && prep != "of") || title < 0 ||
              g_.titles.count(Lower(t[title].form)) == 0)
            break;
          saw_title = true;
          after_comma = false;
        }
        if (mention_at[k] >= 0) {
          const Mention& o = ms[mention_at[k]];
          const Entity& e = entities_[o.entity];
          if (e.type == EntityType::kPerson) break;
          if (saw_title &&
              (e.type == EntityType::kCountry || e.type == EntityType::kOrganization)) {
            int before = o.begin - 1;
            if (before > 0 && t[before].upos == "DET") --before;
            bool to = before >= 0 && Lower(t[before].form) == "to";
            Emit(s, si, m.entity, o.entity, to ? "envoy_to" : "official_of",
                 SpanText(s, o.begin, m.begin), true, 0.85f, false, false, "", "");
            if (to) {  // the sender of an envoy: "X's envoy to Y"
              int j = before - 1;
              while (j >= 0 && mention_at[j] < 0 && t[j].upos != "VERB" && t[j].form != ",") --j;
              if (j >= 0 && mention_at[j] >= 0 &&
                  entities_[ms[mention_at[j]].entity].type != EntityType::kPerson)
                Emit(s, si, m.entity, ms[mention_at[j]].entity, "official_of",
                     SpanText(s, ms[mention_at[j]].begin, m.begin), true, 0.8f, false, false, "",
                     "");
            }
            break;
          }
          if (passed < 0 && (e.type == EntityType::kCountry || e.type == EntityType::kOrganization))
            passed = mention_at[k];
          k = o.begin;
          continue;
        }
        if (tok.upos == "PART" || tok.upos == "ADJ" || tok.upos == "PRON" || tok.upos == "DET" ||
            l == "of" || l == "to" || tok.upos == "NOUN" || tok.upos == "PROPN")
          continue;
        break;
      }
    }

    // Appositions after the name: "X, a spokesman for Y", "X, chairman of Y": an office or staff
    // word (with its modifiers) set off by a comma, then of/for/at and the state or body.
    for (const Mention& m : ms) {
      if (entities_[m.entity].type != EntityType::kPerson || m.end + 1 >= n || t[m.end].form != ",")
        continue;
      int k = m.end + 1;
      if (t[k].upos == "DET") ++k;
      int role = -1;
      for (int steps = 0; k < n && steps < 4; ++steps, ++k) {
        if (g_.titles.count(Lower(t[k].form)) != 0 || IsStaffNoun(t[k].lemma))
          role = k;
        else if (role >= 0 || (t[k].upos != "ADJ" && t[k].upos != "NOUN"))
          break;
      }
      if (role < 0 || k >= n) continue;
      std::string prep = Lower(t[k].form);
      if (prep != "of" && prep != "for" && prep != "at") continue;
      int j = k + 1;
      if (j < n && t[j].upos == "DET") ++j;
      if (j >= n || mention_at[j] < 0 || ms[mention_at[j]].begin != j) continue;
      const Mention& o = ms[mention_at[j]];
      EntityType type = entities_[o.entity].type;
      if (type == EntityType::kOrganization || type == EntityType::kCountry)
        Emit(s, si, m.entity, o.entity, "official_of", SpanText(s, m.end + 1, o.end), true, 0.8f,
             false, false, "", "");
    }

    // Subjects: mentions in subject or possessor roles (with their conjuncts), else the first
    // mention before the first verb when it is not inside a prepositional phrase.
    std::vector<bool> is_subject(ms.size(), false), passive(ms.size(), false);
    std::vector<int> group(ms.size());
    for (size_t k = 0; k < ms.size(); ++k) {
      group[k] = static_cast<int>(k);
      std::string role = Role(s, ms[k]);
      if (role.starts_with("nsubj") || role == "nmod:poss") is_subject[k] = true;
      if (role == "nsubj:pass") passive[k] = true;
    }
    int first_verb = n;
    for (int i = 0; i < n; ++i)
      if (t[i].upos == "VERB") {
        first_verb = i;
        break;
      }
    if (!ms.empty() && ms[0].end <= first_verb) {
      bool any = std::any_of(is_subject.begin(), is_subject.end(), [](bool v) { return v; });
      std::string role = Role(s, ms[0]);
      bool prep = ms[0].begin > 0 && t[ms[0].begin - 1].upos == "ADP";
      // (A role of "compound" or "amod" means a modifier of a member word: "a UKIP member".)
      if (!any && !prep && !role.starts_with("nmod") && !role.starts_with("obl") &&
          role != "compound" && role != "amod")
        is_subject[0] = true;
    }
    // Coordinated mentions form a group ("France, Germany and Spain have called").
    for (size_t j = 1; j < ms.size(); ++j) {
      // Same type, or states and organizations together ("NATO and Russia").
      auto actor = [&](const Mention& m) {
        EntityType ty = entities_[m.entity].type;
        return ty == EntityType::kCountry || ty == EntityType::kOrganization;
      };
      bool joined = ms[j].begin > ms[j - 1].end &&
                    (entities_[ms[j].entity].type == entities_[ms[j - 1].entity].type ||
                     (actor(ms[j]) && actor(ms[j - 1])));
      // A possessor starts a new phrase ("Georgia and Moscow's recognition").
      if (ms[j].end < n && (t[ms[j].end].form == "'s" || t[ms[j].end].form == "\xE2\x80\x99s"))
        joined = false;
      for (int i = ms[j - 1].end; i < ms[j].begin; ++i)
        if (t[i].form != "," && t[i].form != "and" && t[i].form != "or") joined = false;
      if (!joined) continue;
      group[j] = group[j - 1];
      if (is_subject[group[j]] || is_subject[j]) {
        is_subject[j] = is_subject[group[j]] = true;
        passive[j] = passive[group[j]];
      }
    }
    // "Georgia and Ukraine, both striving to ...": a group followed by a participle clause.
    for (size_t k = 0; k < ms.size(); ++k) {
      if (k + 1 < ms.size() && group[k + 1] == group[k]) continue;
      int i = ms[k].end;
      if (i + 2 >= n || t[i].form != ",") continue;
      ++i;
      std::string l = Lower(t[i].form);
      bool marked = l == "both" || l == "all" || l == "each" || l == "which" || l == "who";
      if (marked) ++i;
      // "… hid in X, making it a base": without "both"/"which", the participle after a
      // prepositional object belongs to the main clause, not to the object.
      std::string role = Role(s, ms[group[k]]);
      if (!marked && (role.starts_with("obl") || role.starts_with("nmod"))) continue;
      if (i < n && (t[i].xpos == "VBG" || t[i].xpos == "VBZ" || t[i].xpos == "VBD" ||
                    t[i].form.ends_with("ing")))
        for (size_t j = 0; j <= k; ++j)
          if (group[j] == group[k]) is_subject[j] = true;
    }
    auto before_is = [&](const Mention& m, const char* word) {
      return m.begin > 0 && Lower(t[m.begin - 1].form) == word;
    };
    auto news_agency = [&](int entity) { return entities_[entity].kind == "newsagency"; };

    // Where a possessor subject acts: the noun it owns ("X's visit"), or the clause that noun
    // is the subject of; -1 for other mentions.
    std::vector<int> possessed(ms.size(), -1);
    for (size_t k = 0; k < ms.size(); ++k) {
      int h = ms[k].head;
      for (int guard = 0; guard < 4 && h >= 0; ++guard) {
        const std::string& rel = t[h].deprel;
        if (rel == "compound" || rel == "flat" || rel == "amod" || rel == "conj") {
          h = t[h].head;
          continue;
        }
        if (rel == "nmod:poss") possessed[k] = t[h].head;
        int p = possessed[k];
        // A date word parsed as the owned noun ("X's August invasion of Y" with "August" as
        // the head) stands in front of the noun that is really owned.
        if (p >= 0 && p + 1 < n && t[p + 1].upos == "NOUN" &&
            (MonthIndex(Lower(t[p].form)) != 0 || Weekdays().count(Lower(t[p].form)) != 0))
          possessed[k] = p = p + 1;
        // "X's envoy met Y": the owned noun is the clause's subject, the clause is the scope.
        if (p >= 0 && t[p].deprel.starts_with("nsubj") && t[p].head >= 0) possessed[k] = t[p].head;
        break;
      }
    }
    for (size_t a = 0; a < ms.size(); ++a) {
      if (!is_subject[a] || news_agency(ms[a].entity)) continue;
      const Mention& sm = ms[a];
      for (size_t b = a + 1; b < ms.size(); ++b) {
        const Mention& om = ms[b];
        if (om.begin - sm.end > 25) break;
        if (ms[b].entity == sm.entity || group[b] == group[a] || news_agency(om.entity)) continue;
        // The speaker of a reporting clause ("…, X said", "said X", "according to X") is the
        // attribution of what is reported, never one of its participants.
        if (IsSpeaker(s, om)) continue;
        if (NotAParticipant(s, sm, om)) continue;
        // A possessor acts only within its noun phrase ("X's visit to Y"), not in later
        // clauses of the sentence.
        if (possessed[a] >= 0 && !Under(s, om.head, possessed[a])) continue;
        if (InReportedClause(s, sm, om)) continue;
        // Words between the mentions (other mentions left out) form the predicate.
        std::vector<std::string> lemmas, forms;
        std::vector<bool> verbs;  // per lemma: a verb
        bool verb = false, nominal = false, negated = false, hedged = false, crosses = false;
        std::vector<std::string> temporal;
        std::string phrase;
        int last_end = -1;
        for (int i = sm.end; i < om.begin; ++i) {
          if (mention_at[i] >= 0) {
            int m = mention_at[i];
            // Another clause's subject stands between, unless it is coordinated with the
            // object ("reassuring Georgia and Ukraine": what holds for one holds for both).
            if (is_subject[m] && group[m] != group[a] && group[m] != group[b]) crosses = true;
            continue;
          }
          const auto& tok = t[i];
          std::string l = Lower(tok.form);
          if (tok.lemma == "say" || tok.lemma == "tell" || tok.form == ";") crosses = true;
          if (IsTemporal(tok)) temporal.push_back(l);
          if (l == "not" || l == "n't" || l == "never" || l == "no") negated = true;
          if (l == "may" || l == "might" || l == "could" || l == "would" || l == "should" ||
              tok.lemma == "expect" || tok.lemma == "plan" || l == "likely" || tok.lemma == "hope")
            hedged = true;
          if (tok.upos == "VERB") verb = true;
          if (tok.upos == "NOUN") nominal = true;
          if (tok.upos == "PUNCT" && tok.form != "-") continue;
          if (tok.upos == "DET" || tok.upos == "PRON") continue;
          if (!phrase.empty() && last_end >= 0 && tok.begin > static_cast<uint32_t>(last_end))
            phrase += ' ';
          phrase += tok.form;
          last_end = static_cast<int>(tok.end);
          // Modifiers and names do not signal relations ("long letter", "Secretary of State").
          if (tok.upos == "ADJ" || tok.upos == "ADV" || tok.upos == "PROPN" || tok.upos == "NUM")
            continue;
          lemmas.push_back(Lower(tok.lemma));
          forms.push_back(l);
          verbs.push_back(tok.upos == "VERB");
        }
        if (crosses || lemmas.empty()) continue;
        // Hyphenated words are matched whole ("green-light") as well as in parts.
        std::vector<std::string> joined;
        std::vector<bool> joined_verbs;
        for (size_t i = 0; i < forms.size(); ++i) {
          if (i + 2 < forms.size() && forms[i + 1] == "-") {
            joined.push_back(forms[i] + "-" + forms[i + 2]);
            joined_verbs.push_back(false);
            i += 2;
          } else {
            joined.push_back(lemmas[i]);
            joined_verbs.push_back(verbs[i]);
          }
        }
        size_t pos_l = 0, pos_j = 0;
        const RelationDef* r1 = MatchLabel(lemmas, &pos_l);
        const RelationDef* r2 = MatchLabel(joined, &pos_j);
        const RelationDef* rel = r2 != nullptr ? r2 : r1;
        // Offices are nouns: "heading to X" does not make anyone the head of X.
        if (rel != nullptr && (rel->label == "official_of" || rel->label == "envoy_to")) {
          const std::vector<bool>& v = r2 != nullptr ? joined_verbs : verbs;
          size_t end = r2 != nullptr ? pos_j : pos_l;
          if (end > 0 && v[end - 1]) rel = nullptr;
        }
        // The trigger must be close to the object: far triggers belong to other clauses.
        size_t pos = r2 != nullptr ? pos_j : pos_l;
        size_t tail = (r2 != nullptr ? joined.size() : lemmas.size()) - pos;
        std::string before = om.begin > 0 ? Lower(t[om.begin - 1].form) : "";
        // The preposition of the object's phrase, names before it included ("in the
        // Permanent Joint Council" → in).
        std::string prep = before;
        for (int j = 0; j < om.begin; ++j)
          if (t[j].head == om.head && t[j].deprel == "case") prep = Lower(t[j].form);
        // A passive's agent ("was suspended by the alliance") is the actor: the tree marks it
        // (obl:agent, or "by" as its case), also when words stand between "by" and the name.
        int subj = sm.entity, obj = om.entity;
        bool by_agent = before == "by" || prep == "by" || t[om.head].deprel == "obl:agent";
        bool after_participle = om.begin > 1 && before == "by" && t[om.begin - 2].xpos == "VBN" &&
                                om.begin - sm.end <= 5;
        if (by_agent && (passive[a] || after_participle)) std::swap(subj, obj);
        // "discord over X", "whether ...": a topic or an open question, not a participant.
        if (before_is(om, "over") ||
            std::find(forms.begin(), forms.end(), "whether") != forms.end())
          continue;
        // A person acting towards the state or body they serve is not a relation between them.
        if (officials_.count({subj, obj}) != 0 || officials_.count({obj, subj}) != 0) continue;
        // "cooperating in Afghanistan", "meet in Geneva": a place, not a participant.
        auto is_locative = [](const std::string& w) {
          return w == "in" || w == "at" || w == "near" || w == "including";
        };
        bool locative = is_locative(before) || is_locative(prep);
        // "... invaded X last March": a date right after the object belongs to the clause.
        for (int i = om.end; i < n && i < om.end + 3; ++i)
          if (IsTemporal(t[i])) temporal.push_back(Lower(t[i].form));
        std::string date = ResolveDate(temporal, doc_.date, past);
        float conf = 0.55f;
        if (Role(s, sm).starts_with("nsubj")) conf += 0.15f;
        if (tail <= 2) conf += 0.15f;
        if (lemmas.size() > 10) conf -= 0.15f;
        if (hedged) conf -= 0.05f;
        // No trigger near the object: the verb the subject is the subject of, when the
        // object lies in that verb's infinitival complement ("X has threatened to counter
        // the extension … of Y": threaten → xcomp → obj → nmod).
        if (rel == nullptr || tail > 4) {
          int gv = GoverningVerb(s, sm);
          if (gv >= 0 && InComplement(s, gv, om.head)) {
            std::vector<std::string> v = {Lower(t[gv].lemma)};
            size_t p = 0;
            if (const RelationDef* r = MatchLabel(v, &p); r != nullptr) {
              rel = r;
              tail = 0;
            }
          }
        }
        if (rel != nullptr && tail <= 4 && TypeAllowed(rel->domain, entities_[subj].type) &&
            TypeAllowed(rel->range, entities_[obj].type) &&
            entities_[subj].type != EntityType::kLocation) {
          if (!verb && !nominal) continue;
          if (locative && rel->quad_class != QuadClass::kStructural) continue;
          // A passive subject whose verb names its agent is the one acted on: paired with
          // anything but that agent it is not the actor of an event ("the NRC was suspended by
          // the alliance in the aftermath of Russia's invasion": not NRC → Russia). Without an
          // agent it may be the actor of a complement ("X is expected to meet Y"); memberships
          // and other states read the same in both voices ("X was admitted to NATO").
          if (passive[a] && !by_agent && rel->quad_class != QuadClass::kStructural &&
              HasPassiveAgent(s, t[ms[group[a]].head].head))
            continue;
          Emit(s, si, subj, obj, rel->label, phrase, true, conf, negated, hedged, date, attributed);
        } else if (verb && lemmas.size() <= 8 && !locative) {
          Emit(s, si, subj, obj, phrase, phrase, false, conf - 0.2f, negated, hedged, date,
               attributed);
        }
      }
    }
    // Reciprocal predicates of a coordinated subject ("X and Y are cooperating").
    for (size_t k = 0; k + 1 < ms.size(); ++k) {
      if (!is_subject[k] || group[k + 1] != group[k] || group[k] != static_cast<int>(k)) continue;
      size_t last = k + 1;
      while (last + 1 < ms.size() && group[last + 1] == group[k]) ++last;
      // Only the verb right after the group: "X and Y cooperate", not "X and Y called for talks".
      std::vector<std::string> lemmas;
      for (int i = ms[last].end; i < n && i < ms[last].end + 5 && mention_at[i] < 0; ++i)
        if (t[i].upos == "VERB") {
          // "called for", "called on": an appeal, not a mutual act.
          std::string next = i + 1 < n ? Lower(t[i + 1].form) : "";
          bool particle = next == "for" || next == "on" || next == "to" || next == "upon";
          // "X and Y met the envoys", "X and Y welcome the deal": an act on a third party —
          // unless the object is what they make or talk over together ("X and Y signed a
          // treaty", "discussed trade").
          static const std::set<std::string> kJointContent = {"sign",     "discuss", "negotiate",
                                                              "conclude", "agree",   "ratify"};
          bool object = false;
          for (int j = 0; j < n; ++j)
            if (t[j].head == i && (t[j].deprel == "obj" || t[j].deprel == "iobj")) object = true;
          if (kJointContent.count(Lower(t[i].lemma)) != 0) object = false;
          if (!particle && !object) lemmas.push_back(Lower(t[i].lemma));
          break;
        }
      size_t pos = 0;
      const RelationDef* rel = MatchLabel(lemmas, &pos);
      if (rel == nullptr) continue;
      if (rel->label != "consults" && rel->label != "material_cooperation" &&
          rel->label != "fights" && rel->label != "diplomatic_cooperation")
        continue;
      for (size_t x = k; x <= last; ++x)
        for (size_t y = x + 1; y <= last; ++y)
          Emit(s, si, ms[x].entity, ms[y].entity, rel->label, lemmas[pos - 1], true, 0.7f, false,
               false, ResolveDate({}, doc_.date, past), attributed);
    }
    // "the Chinese province of Yunnan", "Georgia's breakaway regions of A and B" → part_of.
    for (size_t k = 0; k < ms.size(); ++k) {
      if (entities_[ms[k].entity].type != EntityType::kCountry) continue;
      int i = ms[k].end;
      if (i < n && (t[i].form == "'s" || t[i].form == "\xE2\x80\x99s")) ++i;
      while (i < n && t[i].upos == "ADJ") ++i;
      if (i + 1 >= n || !IsPartNoun(t[i].lemma) || Lower(t[i + 1].form) != "of") continue;
      for (size_t j = k + 1; j < ms.size() && ms[j].begin <= i + 8; ++j)
        if (ms[j].begin > i + 1 && entities_[ms[j].entity].type == EntityType::kLocation)
          Emit(s, si, ms[j].entity, ms[k].entity, "part_of", t[i].form + " of", true, 0.8f, false,
               false, "", attributed);
    }
    // "talks between X and Y": nominal triggers with two participants.
    for (int between = 1; between < n; ++between) {
      if (Lower(t[between].form) != "between") continue;
      int i = between - 1;
      while (i > 0 && i > between - 3 && t[i].upos != "NOUN") --i;
      if (t[i].upos != "NOUN") continue;
      std::vector<std::string> w = {Lower(t[i].lemma)};
      size_t pos = 0;
      const RelationDef* rel = MatchLabel(w, &pos);
      if (rel == nullptr) continue;
      int x = -1, y = -1;
      for (size_t k = 0; k < ms.size(); ++k) {
        if (ms[k].begin <= between || ms[k].begin > between + 14) continue;
        if (x < 0) {
          x = static_cast<int>(k);
        } else if (ms[k].entity != ms[x].entity) {
          bool and_between = false;
          for (int j = ms[x].end; j < ms[k].begin; ++j)
            if (t[j].form == "and") and_between = true;
          if (and_between) {
            y = static_cast<int>(k);
            break;
          }
        }
      }
      if (x >= 0 && y >= 0)
        Emit(s, si, ms[x].entity, ms[y].entity, rel->label, t[i].form + " between", true, 0.7f,
             false, false, ResolveDate({}, doc_.date, past), attributed);
    }
  }

  const Schema& schema_;
  const Gazetteer& g_;
  const Document& doc_;
  Extraction* out_;
  std::vector<Entity> entities_;
  std::unordered_map<std::string, int> by_name_;
  std::unordered_map<std::string, int> last_org_;
  int last_person_ = -1;
  std::vector<Mention> coref_only_;  // mentions of the sentence being read kept out of relations
  std::set<std::string> emitted_;
  std::set<std::pair<int, int>> officials_;             // (person, country/organization) pairs
  std::map<std::pair<int, std::string>, int> offices_;  // (country, office) → person
};

bool ParseIso(const std::string& iso, std::tm* tm) {
  int y, m, d;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return false;
  *tm = {};
  tm->tm_year = y - 1900;
  tm->tm_mon = m - 1;
  tm->tm_mday = d;
  tm->tm_hour = 12;
  std::mktime(tm);
  return true;
}

std::string FormatTm(const std::tm& tm) {
  char buf[40];  // room for any int fields: the compiler warns about less
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

}  // namespace

std::string ResolveDate(const std::vector<std::string>& words, const std::string& published,
                        bool past) {
  std::tm pub;
  if (published.empty() || !ParseIso(published, &pub)) return "";
  bool last = false, next = false;
  for (const std::string& w : words) {
    if (w == "last") last = true;
    if (w == "next") next = true;
    if (w == "yesterday" || w == "today" || w == "tomorrow") {
      std::tm d = pub;
      d.tm_mday += w == "yesterday" ? -1 : w == "tomorrow" ? 1 : 0;
      std::mktime(&d);
      return FormatTm(d);
    }
    static const char* kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                  "thursday", "friday", "saturday"};
    for (int wd = 0; wd < 7; ++wd) {
      if (w != kDays[wd]) continue;
      int delta = wd - pub.tm_wday;
      if (past || last) {
        if (delta > 0) delta -= 7;
      } else if (delta < 0) {
        delta += 7;
      }
      std::tm d = pub;
      d.tm_mday += delta;
      std::mktime(&d);
      return FormatTm(d);
    }
    int month = MonthIndex(w);
    if (month != 0) {
      int year = pub.tm_year + 1900;
      int pm = pub.tm_mon + 1;
      if ((past || last) && month > pm) --year;
      if (last && month == pm) --year;
      if (!past && !last && month < pm) ++year;
      if (next && month <= pm) year = pub.tm_year + 1900 + 1;
      char buf[16];
      std::snprintf(buf, sizeof(buf), "%04d-%02d", year, month);
      return buf;
    }
  }
  return "";
}

Extractor::Extractor(const nlp::Pipeline* pipeline, Schema schema, Gazetteer gazetteer)
    : pipeline_(pipeline), schema_(std::move(schema)), gazetteer_(std::move(gazetteer)) {}

Status Extractor::Extract(const Document& document, Extraction* out) const {
  std::vector<nlp::Sentence> sentences;
  Status st = pipeline_->Annotate(document.text, &sentences);
  if (!st.ok()) return st;
  ExtractFromSentences(document, sentences, out);
  return Status::Ok();
}

void Extractor::ExtractFromSentences(const Document& document,
                                     const std::vector<nlp::Sentence>& sentences,
                                     Extraction* out) const {
  DocExtractor(schema_, gazetteer_, document, out).Run(sentences);
}

Result<ExtractorBundle> LoadExtractor(const std::string& schema_path) {
  ExtractorBundle bundle;
  auto pipeline = nlp::Pipeline::Load(nlp::DefaultModelPath());
  if (!pipeline.ok()) return pipeline.status();
  bundle.pipeline = std::move(*pipeline);
  auto schema = LoadSchema(schema_path.empty() ? DefaultSchemaPath() : schema_path);
  if (!schema.ok()) return schema.status();
  auto gazetteer = LoadGazetteer(DefaultDataDir());
  if (!gazetteer.ok()) return gazetteer.status();
  bundle.extractor =
      std::make_unique<Extractor>(bundle.pipeline.get(), std::move(*schema), std::move(*gazetteer));
  return bundle;
}

}  // namespace kgraph::extract
