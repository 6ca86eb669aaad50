// Scoring extracted mentions, their types and coreference chains against GUM's gold entity
// layer (CoNLL-U, `Entity=` in the MISC column): the reader, mention alignment and the
// standard coreference metrics (MUC, B³, CEAF-e; CoNLL F1 is their mean).
//
// Example:
//   std::vector<GumDocument> docs;
//   KG_RETURN_IF_ERROR(ReadGumFile("GUM_news_iodine.conllu", &docs));
//   EntityScores total;
//   for (const GumDocument& d : docs) total.Add(ScoreEntities(d, MyMentions(d), {}));
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

#include "core/model.h"
#include "core/status.h"

namespace kgraph::extract {

struct GumToken {
  uint32_t begin = 0;  // byte span in GumDocument::text
  uint32_t end = 0;
  std::string form;
  std::string upos;
  int head = -1;  // document-level index of the gold head, -1 for a sentence root
};

struct GumMention {
  int begin = 0;  // document token range [begin, end)
  int end = 0;
  int head = 0;          // the token of the span whose gold head lies outside it
  std::string chain;     // GUM entity id; mentions with equal ids in one document corefer
  std::string type;      // person, organization, place, event, time, abstract, object, ...
  std::string identity;  // Wikipedia title when the mention is linked, else ""
  // The head is a proper noun, or the mention is linked and its head is no pronoun,
  // determiner or common noun (GUM links pronouns and descriptions of linked entities too).
  bool named = false;
};

struct GumDocument {
  std::string id;    // "# newdoc id"
  std::string date;  // "# meta::dateCreated", ISO
  // The text rebuilt from the tokens (SpaceAfter=No respected): sentences joined by a space,
  // paragraphs ("# newpar") by a blank line.
  std::string text;
  std::vector<GumToken> tokens;
  std::vector<GumMention> mentions;  // in order of their closing
};

// Reads every document of a GUM CoNLL-U stream; errors name the line.
Status ReadGumDocuments(std::istream& in, std::vector<GumDocument>* out);
Status ReadGumFile(const std::string& path, std::vector<GumDocument>* out);

// Counts behind a precision/recall pair; summed over documents (micro average).
struct PrfCounts {
  double p_num = 0, p_den = 0, r_num = 0, r_den = 0;
  void Add(const PrfCounts& o);
  double P() const { return p_den > 0 ? p_num / p_den : 0; }
  double R() const { return r_den > 0 ? r_num / r_den : 0; }
  double F1() const;
};

// A coreference partition: clusters of mention ids (a mention in at most one cluster).
using Clusters = std::vector<std::vector<int>>;
PrfCounts Muc(const Clusters& key, const Clusters& response);
PrfCounts BCubed(const Clusters& key, const Clusters& response);
PrfCounts CeafE(const Clusters& key, const Clusters& response);

// A mention our extractor found.
struct PredictedMention {
  uint32_t begin = 0;  // byte span in GumDocument::text
  uint32_t end = 0;
  int chain = 0;  // mentions with equal chains corefer
  EntityType type = EntityType::kNone;
};

struct EntityEvalOptions {
  // Gold: only named mentions (GumMention::named). Predicted mentions on
  // other (pronoun, description) gold mentions of the scored types are then left out. Default:
  // false (every person, organization and place mention).
  bool named_only = false;
  // A predicted mention matches a gold mention with the same head token (under the gold tree)
  // instead of the same span. Default: false (exact span).
  bool head_match = false;
};

struct EntityScores {
  size_t documents = 0;
  PrfCounts detection;  // predicted mentions aligned with scored gold mentions
  PrfCounts typed;      // ... and given the right type
  size_t aligned = 0;   // aligned pairs; typing accuracy = type_correct / aligned
  size_t type_correct = 0;
  size_t other_type = 0;  // predicted mentions aligned with gold of an unscored type (event, …)
  PrfCounts muc, b3, ceafe;
  void Add(const EntityScores& o);
  double ConllF1() const { return (muc.F1() + b3.F1() + ceafe.F1()) / 3; }
};

// Scored gold types: GUM person → PERSON, organization → ORGANIZATION, place → COUNTRY or
// LOCATION. Returns whether `gum_type` is scored and, if so, whether `ours` fits it.
bool ScoredGumType(const std::string& gum_type);
bool TypeFits(const std::string& gum_type, EntityType ours);

// Aligns `predicted` with doc's gold mentions (one to one) and scores detection, typing and
// coreference (gold chains restricted to the scored mentions vs the predicted chains).
// `errors`, when given, receives one line per missed, spurious or mistyped mention.
EntityScores ScoreEntities(const GumDocument& doc, const std::vector<PredictedMention>& predicted,
                           const EntityEvalOptions& options,
                           std::vector<std::string>* errors = nullptr);

}  // namespace kgraph::extract
