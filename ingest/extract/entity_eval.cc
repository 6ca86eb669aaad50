// GUM entity reader, mention alignment and MUC / B³ / CEAF-e (as defined in Pradhan et al.
// 2014, "Scoring coreference partitions of predicted mentions", twinless mentions included).
#include "ingest/extract/entity_eval.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <map>

namespace kgraph::extract {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> cols;
  size_t p = 0;
  while (true) {
    size_t t = line.find('\t', p);
    cols.push_back(line.substr(p, t == std::string::npos ? std::string::npos : t - p));
    if (t == std::string::npos) break;
    p = t + 1;
  }
  return cols;
}

bool MiscHas(const std::string& misc, const std::string& item) {
  size_t p = 0;
  while (p <= misc.size()) {
    size_t bar = misc.find('|', p);
    if (bar == std::string::npos) bar = misc.size();
    if (misc.compare(p, bar - p, item) == 0) return true;
    p = bar + 1;
  }
  return false;
}

std::string MiscValue(const std::string& misc, const std::string& key) {
  size_t p = 0;
  while (p < misc.size()) {
    size_t bar = misc.find('|', p);
    if (bar == std::string::npos) bar = misc.size();
    if (misc.compare(p, key.size() + 1, key + "=") == 0)
      return misc.substr(p + key.size() + 1, bar - p - key.size() - 1);
    p = bar + 1;
  }
  return "";
}

struct OpenMention {
  int begin;
  std::string chain, type, identity;
};

// Applies one token's `Entity=` value: "(ID-TYPE-INFSTAT-SALIENCE-CENTERING-MINSPAN-LINK-
// IDENTITY" opens a mention, "ID)" closes the innermost open mention with that id, "(…)" both.
Status ApplyEntity(const std::string& value, int token, std::vector<OpenMention>* open,
                   GumDocument* doc) {
  auto close = [&](const std::string& chain) -> bool {
    for (int k = static_cast<int>(open->size()) - 1; k >= 0; --k) {
      if ((*open)[k].chain != chain) continue;
      GumMention m;
      m.begin = (*open)[k].begin;
      m.end = token + 1;
      m.chain = chain;
      m.type = (*open)[k].type;
      m.identity = (*open)[k].identity;
      doc->mentions.push_back(std::move(m));
      open->erase(open->begin() + k);
      return true;
    }
    return false;
  };
  size_t i = 0;
  while (i < value.size()) {
    if (value[i] == '(') {
      size_t j = value.find_first_of("()", i + 1);
      if (j == std::string::npos) j = value.size();
      std::string content = value.substr(i + 1, j - i - 1);
      OpenMention m{token, "", "", ""};
      // Eight fields; the identity (a Wikipedia title) is the rest and may hold hyphens.
      size_t p = 0;
      for (int field = 0; field < 8; ++field) {
        size_t dash = field == 7 ? std::string::npos : content.find('-', p);
        std::string f = content.substr(p, dash == std::string::npos ? std::string::npos : dash - p);
        if (field == 0) m.chain = f;
        if (field == 1) m.type = f;
        if (field == 7) m.identity = f;
        if (dash == std::string::npos) break;
        p = dash + 1;
      }
      if (m.chain.empty() || m.type.empty()) return Status::InvalidArgument("bad Entity " + value);
      std::string chain = m.chain;
      open->push_back(std::move(m));
      if (j < value.size() && value[j] == ')') {
        close(chain);
        i = j + 1;
      } else {
        i = j;
      }
    } else {
      size_t j = value.find(')', i);
      if (j == std::string::npos) return Status::InvalidArgument("bad Entity " + value);
      if (!close(value.substr(i, j - i)))
        return Status::InvalidArgument("Entity closes " + value.substr(i, j - i) +
                                       " that is not open");
      i = j + 1;
    }
  }
  return Status::Ok();
}

// The token of [b, e) whose head lies outside the span (the last one if several).
int SpanHead(const std::vector<GumToken>& tokens, int b, int e) {
  for (int k = e - 1; k >= b; --k) {
    int h = tokens[k].head;
    if (h < b || h >= e) return k;
  }
  return e - 1;
}

// Maximum-weight assignment of rows to columns (Hungarian algorithm, rows ≤ columns).
double MaxAssignment(const std::vector<std::vector<double>>& w) {
  int n = static_cast<int>(w.size());
  int m = n == 0 ? 0 : static_cast<int>(w[0].size());
  if (n == 0 || m == 0) return 0;
  if (n > m) {
    std::vector<std::vector<double>> t(m, std::vector<double>(n));
    for (int i = 0; i < n; ++i)
      for (int j = 0; j < m; ++j) t[j][i] = w[i][j];
    return MaxAssignment(t);
  }
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> u(n + 1, 0), v(m + 1, 0);
  std::vector<int> p(m + 1, 0), way(m + 1, 0);
  for (int i = 1; i <= n; ++i) {
    p[0] = i;
    int j0 = 0;
    std::vector<double> minv(m + 1, inf);
    std::vector<char> used(m + 1, 0);
    do {
      used[j0] = 1;
      int i0 = p[j0], j1 = 0;
      double delta = inf;
      for (int j = 1; j <= m; ++j) {
        if (used[j]) continue;
        double cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (int j = 0; j <= m; ++j) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      j0 = j1;
    } while (p[j0] != 0);
    do {
      int j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 != 0);
  }
  double total = 0;
  for (int j = 1; j <= m; ++j)
    if (p[j] != 0) total += w[p[j] - 1][j - 1];
  return total;
}

std::map<int, int> ClusterOf(const Clusters& c) {
  std::map<int, int> out;
  for (size_t i = 0; i < c.size(); ++i)
    for (int m : c[i]) out[m] = static_cast<int>(i);
  return out;
}

// MUC recall of `key` against `response`: Σ(|K| − partitions of K) / Σ(|K| − 1).
void MucSide(const Clusters& key, const Clusters& response, double* num, double* den) {
  auto where = ClusterOf(response);
  for (const auto& k : key) {
    std::vector<int> parts;
    int alone = 0;
    for (int m : k) {
      auto it = where.find(m);
      if (it == where.end()) {
        ++alone;
      } else if (std::find(parts.begin(), parts.end(), it->second) == parts.end()) {
        parts.push_back(it->second);
      }
    }
    *num += static_cast<double>(k.size()) - static_cast<double>(parts.size() + alone);
    *den += static_cast<double>(k.size()) - 1;
  }
}

// B³ recall: Σ_K Σ_R |K∩R|² / |K| over Σ|K|.
void BCubedSide(const Clusters& key, const Clusters& response, double* num, double* den) {
  auto where = ClusterOf(response);
  for (const auto& k : key) {
    std::map<int, int> overlap;
    for (int m : k) {
      auto it = where.find(m);
      if (it != where.end()) ++overlap[it->second];
    }
    for (const auto& [r, n] : overlap)
      *num += static_cast<double>(n) * n / static_cast<double>(k.size());
    *den += static_cast<double>(k.size());
  }
}

}  // namespace

Status ReadGumDocuments(std::istream& in, std::vector<GumDocument>* out) {
  std::string line;
  int line_no = 0;
  GumDocument* doc = nullptr;
  std::vector<OpenMention> open;
  bool new_paragraph = false;
  std::string sentence_text;  // the sentence rebuilt so far
  std::string given_text;     // "# text = …", checked against the rebuilt one
  std::vector<GumToken> sentence_tokens;
  std::vector<std::string> sentence_misc;
  std::vector<int> sentence_lines;  // line number of each token, for errors
  // A multiword token "3-4 don't": the surface form its words are cut from.
  int range_first = 0, range_last = -1;
  std::string range_form;
  uint32_t range_begin = 0, range_cursor = 0;

  auto flush = [&]() -> Status {
    if (sentence_tokens.empty()) return Status::Ok();
    if (doc == nullptr) {
      out->emplace_back();
      doc = &out->back();
    }
    while (!sentence_text.empty() && sentence_text.back() == ' ') sentence_text.pop_back();
    if (!given_text.empty() && given_text != sentence_text)
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": tokens spell \"" +
                                     sentence_text + "\", not the sentence's # text");
    given_text.clear();
    if (!doc->text.empty()) doc->text += new_paragraph ? "\n\n" : " ";
    uint32_t base = static_cast<uint32_t>(doc->text.size());
    int first = static_cast<int>(doc->tokens.size());
    doc->text += sentence_text;
    for (GumToken& t : sentence_tokens) {
      t.begin += base;
      t.end += base;
      if (t.head >= 0) t.head += first;
      doc->tokens.push_back(std::move(t));
    }
    for (size_t i = 0; i < sentence_misc.size(); ++i) {
      std::string entity = MiscValue(sentence_misc[i], "Entity");
      if (entity.empty()) continue;
      if (Status s = ApplyEntity(entity, first + static_cast<int>(i), &open, doc); !s.ok())
        return Status::InvalidArgument("line " + std::to_string(sentence_lines[i]) + ": " +
                                       s.message());
    }
    sentence_text.clear();
    sentence_tokens.clear();
    sentence_misc.clear();
    sentence_lines.clear();
    new_paragraph = false;
    range_last = -1;
    return Status::Ok();
  };
  auto finish_doc = [&]() {
    if (doc == nullptr) return;
    for (GumMention& m : doc->mentions) {
      m.head = SpanHead(doc->tokens, m.begin, m.end);
      // GUM links every mention of a linked entity, pronouns and descriptions included ("his",
      // "the company"); only a proper-noun head, or a linked head of another open class
      // ("Jambula" tagged as a noun is not), makes a name.
      const std::string& upos = doc->tokens[m.head].upos;
      m.named = upos == "PROPN" ||
                (!m.identity.empty() && upos != "PRON" && upos != "DET" && upos != "NOUN");
    }
    std::stable_sort(doc->mentions.begin(), doc->mentions.end(),
                     [](const GumMention& a, const GumMention& b) { return a.begin < b.begin; });
    open.clear();
  };

  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (Status s = flush(); !s.ok()) return s;
      continue;
    }
    if (line[0] == '#') {
      if (line.starts_with("# newdoc id = ")) {
        if (Status s = flush(); !s.ok()) return s;
        finish_doc();
        out->emplace_back();
        doc = &out->back();
        doc->id = line.substr(14);
      } else if (line.starts_with("# meta::dateCreated = ") && doc != nullptr) {
        doc->date = line.substr(22, 10);
      } else if (line.starts_with("# text = ")) {
        given_text = line.substr(9);
      } else if (line == "# newpar" || line.starts_with("# newpar ")) {
        new_paragraph = true;
      }
      continue;
    }
    std::vector<std::string> cols = SplitTabs(line);
    if (cols.size() != 10)
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": expected 10 columns");
    const std::string& id = cols[0];
    if (id.find('.') != std::string::npos) continue;  // empty node
    size_t dash = id.find('-');
    if (dash != std::string::npos) {
      range_first = std::atoi(id.c_str());
      range_last = std::atoi(id.c_str() + dash + 1);
      range_form = cols[1];
      range_begin = static_cast<uint32_t>(sentence_text.size());
      range_cursor = 0;
      sentence_text += range_form;
      if (!MiscHas(cols[9], "SpaceAfter=No")) sentence_text += ' ';
      continue;
    }
    int index = std::atoi(id.c_str());
    if (index != static_cast<int>(sentence_tokens.size()) + 1)
      return Status::InvalidArgument("line " + std::to_string(line_no) + ": token id " + id +
                                     " out of order");
    GumToken t;
    t.form = cols[1];
    t.upos = cols[3];
    int head = std::atoi(cols[6].c_str());
    t.head = head <= 0 ? -1 : head - 1;
    if (index >= range_first && index <= range_last) {
      // A word of a multiword token: its own part of the surface form when it is one.
      if (range_form.compare(range_cursor, t.form.size(), t.form) == 0) {
        t.begin = range_begin + range_cursor;
        t.end = t.begin + static_cast<uint32_t>(t.form.size());
        range_cursor += static_cast<uint32_t>(t.form.size());
      } else {
        t.begin = range_begin;
        t.end = range_begin + static_cast<uint32_t>(range_form.size());
      }
    } else {
      t.begin = static_cast<uint32_t>(sentence_text.size());
      sentence_text += t.form;
      t.end = static_cast<uint32_t>(sentence_text.size());
      if (!MiscHas(cols[9], "SpaceAfter=No")) sentence_text += ' ';
    }
    sentence_tokens.push_back(std::move(t));
    sentence_misc.push_back(cols[9]);
    sentence_lines.push_back(line_no);
  }
  if (Status s = flush(); !s.ok()) return s;
  finish_doc();
  return Status::Ok();
}

Status ReadGumFile(const std::string& path, std::vector<GumDocument>* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot open " + path);
  Status s = ReadGumDocuments(in, out);
  if (!s.ok()) return Status::InvalidArgument(path + ": " + s.message());
  return s;
}

void PrfCounts::Add(const PrfCounts& o) {
  p_num += o.p_num;
  p_den += o.p_den;
  r_num += o.r_num;
  r_den += o.r_den;
}

double PrfCounts::F1() const {
  double p = P(), r = R();
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

PrfCounts Muc(const Clusters& key, const Clusters& response) {
  PrfCounts c;
  MucSide(key, response, &c.r_num, &c.r_den);
  MucSide(response, key, &c.p_num, &c.p_den);
  return c;
}

PrfCounts BCubed(const Clusters& key, const Clusters& response) {
  PrfCounts c;
  BCubedSide(key, response, &c.r_num, &c.r_den);
  BCubedSide(response, key, &c.p_num, &c.p_den);
  return c;
}

PrfCounts CeafE(const Clusters& key, const Clusters& response) {
  // φ4(K, R) = 2|K∩R| / (|K| + |R|), best one-to-one alignment of the clusters.
  std::vector<std::vector<double>> sim(key.size(), std::vector<double>(response.size(), 0));
  for (size_t i = 0; i < key.size(); ++i) {
    for (size_t j = 0; j < response.size(); ++j) {
      size_t both = 0;
      for (int m : key[i])
        if (std::find(response[j].begin(), response[j].end(), m) != response[j].end()) ++both;
      sim[i][j] =
          2.0 * static_cast<double>(both) / static_cast<double>(key[i].size() + response[j].size());
    }
  }
  double total = MaxAssignment(sim);
  PrfCounts c;
  c.r_num = c.p_num = total;
  c.r_den = static_cast<double>(key.size());
  c.p_den = static_cast<double>(response.size());
  return c;
}

void EntityScores::Add(const EntityScores& o) {
  documents += o.documents;
  detection.Add(o.detection);
  typed.Add(o.typed);
  aligned += o.aligned;
  type_correct += o.type_correct;
  other_type += o.other_type;
  muc.Add(o.muc);
  b3.Add(o.b3);
  ceafe.Add(o.ceafe);
}

bool ScoredGumType(const std::string& gum_type) {
  return gum_type == "person" || gum_type == "organization" || gum_type == "place";
}

bool TypeFits(const std::string& gum_type, EntityType ours) {
  if (gum_type == "person") return ours == EntityType::kPerson;
  if (gum_type == "organization") return ours == EntityType::kOrganization;
  if (gum_type == "place") return ours == EntityType::kCountry || ours == EntityType::kLocation;
  return false;
}

EntityScores ScoreEntities(const GumDocument& doc, const std::vector<PredictedMention>& predicted,
                           const EntityEvalOptions& options, std::vector<std::string>* errors) {
  EntityScores s;
  s.documents = 1;
  const auto& tok = doc.tokens;
  auto span_text = [&](int b, int e) {
    return doc.text.substr(tok[b].begin, tok[e - 1].end - tok[b].begin);
  };
  auto scored = [&](const GumMention& g) {
    return ScoredGumType(g.type) && (!options.named_only || g.named);
  };
  // Gold by span and by head.
  std::vector<bool> gold_taken(doc.mentions.size(), false);
  std::vector<int> pred_gold(predicted.size(), -1);  // aligned gold mention
  std::vector<bool> ignored(predicted.size(), false);
  for (size_t p = 0; p < predicted.size(); ++p) {
    const PredictedMention& pm = predicted[p];
    int b = -1, e = -1;
    for (size_t k = 0; k < tok.size(); ++k) {
      if (tok[k].end > pm.begin && tok[k].begin < pm.end) {
        if (b < 0) b = static_cast<int>(k);
        e = static_cast<int>(k) + 1;
      }
    }
    if (b < 0) continue;
    int head = SpanHead(tok, b, e);
    // Candidates: exact span first; for head matching, then the same head. Among equals,
    // a scored type before an unscored one.
    int best = -1, best_rank = 1 << 30;
    for (size_t g = 0; g < doc.mentions.size(); ++g) {
      if (gold_taken[g]) continue;
      const GumMention& gm = doc.mentions[g];
      bool exact = gm.begin == b && gm.end == e;
      bool same_head = gm.head == head;
      if (!exact && !(options.head_match && same_head)) continue;
      int rank = (exact ? 0 : 2) + (ScoredGumType(gm.type) ? 0 : 1);
      if (rank < best_rank) {
        best = static_cast<int>(g);
        best_rank = rank;
      }
    }
    if (best < 0) continue;
    const GumMention& gm = doc.mentions[best];
    if (ScoredGumType(gm.type) && !scored(gm)) {
      ignored[p] = true;  // a pronoun or description when only names are scored
      continue;
    }
    gold_taken[best] = true;
    pred_gold[p] = best;
  }

  // Detection and typing.
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (ignored[p]) continue;
    s.detection.p_den += 1;
    int g = pred_gold[p];
    std::string text = doc.text.substr(predicted[p].begin, predicted[p].end - predicted[p].begin);
    std::string type(EntityTypeName(predicted[p].type));
    if (g < 0) {
      if (errors != nullptr) errors->push_back("spurious " + type + " \"" + text + "\"");
      continue;
    }
    const GumMention& gm = doc.mentions[g];
    if (!scored(gm)) {
      ++s.other_type;
      if (errors != nullptr)
        errors->push_back("spurious " + type + " \"" + text + "\" (gold " + gm.type + ")");
      continue;
    }
    s.detection.p_num += 1;
    ++s.aligned;
    if (TypeFits(gm.type, predicted[p].type)) {
      ++s.type_correct;
      s.typed.p_num += 1;
    } else if (errors != nullptr) {
      errors->push_back("mistyped " + type + " \"" + text + "\" (gold " + gm.type + ")");
    }
  }
  s.typed.p_den = s.detection.p_den;
  std::vector<bool> found(doc.mentions.size(), false);
  for (int g : pred_gold)
    if (g >= 0) found[g] = true;
  for (size_t g = 0; g < doc.mentions.size(); ++g) {
    const GumMention& gm = doc.mentions[g];
    if (!scored(gm)) continue;
    s.detection.r_den += 1;
    if (found[g]) {
      s.detection.r_num += 1;
    } else if (errors != nullptr) {
      errors->push_back("missed " + gm.type + " \"" + span_text(gm.begin, gm.end) + "\"" +
                        (gm.named ? " (named)" : ""));
    }
  }
  s.typed.r_den = s.detection.r_den;
  s.typed.r_num = s.typed.p_num;

  // Coreference: gold chains over the scored mentions; predicted chains, a predicted mention
  // taking its aligned gold mention's id (unaligned ones get ids of their own).
  std::map<std::string, int> gold_cluster;
  Clusters key, response;
  for (size_t g = 0; g < doc.mentions.size(); ++g) {
    const GumMention& gm = doc.mentions[g];
    if (!scored(gm)) continue;
    auto [it, added] = gold_cluster.try_emplace(gm.chain, static_cast<int>(key.size()));
    if (added) key.emplace_back();
    key[it->second].push_back(static_cast<int>(g));
  }
  std::map<int, int> pred_cluster;
  int fresh = static_cast<int>(doc.mentions.size());
  for (size_t p = 0; p < predicted.size(); ++p) {
    if (ignored[p]) continue;
    int g = pred_gold[p];
    int id = g >= 0 && scored(doc.mentions[g]) ? g : fresh++;
    auto [it, added] =
        pred_cluster.try_emplace(predicted[p].chain, static_cast<int>(response.size()));
    if (added) response.emplace_back();
    response[it->second].push_back(id);
  }
  s.muc = Muc(key, response);
  s.b3 = BCubed(key, response);
  s.ceafe = CeafE(key, response);
  return s;
}

}  // namespace kgraph::extract
