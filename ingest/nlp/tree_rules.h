// UD conventions checked on a finished dependency tree. A transition parser decides each arc
// and relation from local context, so a tree can break rules that the treebank keeps with few
// or no exceptions; the rules here restore them after parsing.
#pragma once

#include <cstddef>

#include "ingest/nlp/annotation.h"

namespace kgraph::nlp {

// Applies, in place, to a parsed sentence:
//  - Paired punctuation ("…", “…”, ‘…’, (…), […]) attaches both marks to the head of the
//    phrase they enclose, when exactly one enclosed token has its head outside the pair
//    (UD guidelines on punct; EWT train keeps it for 2,879 of 2,886 marks).
//  - A nominal or clausal subject is :pass exactly when its head has an aux:pass dependent
//    (EWT train: every subject beside aux:pass is nsubj:pass, csubj:pass or nsubj:outer; 33 of
//    16,291 subjects without one are :pass).
// Marks that have dependents of their own are left where they are (moving them could cross
// arcs), and so are pairs that enclose more than 128 tokens. Returns the number of tokens whose
// head or relation changed.
size_t ApplyTreeConventions(Sentence* sentence);

}  // namespace kgraph::nlp
