#!/bin/sh
# Remakes models/word_clusters.tsv, the word classes the NLP model uses as features: exchange
# clustering (kgraph word-clusters) of the BBC news corpus, the Reuters-21578 article bodies and
# the text of the treebanks' training parts (EWT train + GUM train; no dev or test text).
# Deterministic: the same data and binary give a byte-identical file.
#   usage: tools/make_clusters.sh BUILD_DIR DATA_DIR [OUT]   (DATA_DIR: the folder of data sets: ud-en-ewt/, gum/, news/)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
data=${2:?"usage: $0 BUILD_DIR DATA_DIR [OUT] (DATA_DIR holds ud-en-ewt/, gum/ and news/)"}
out=${3:-$src/models/word_clusters.tsv}
kgraph=${KGRAPH_BIN:-$build/tools/kgraph}
[ -x "$kgraph" ] || { echo "make_clusters.sh: build kgraph first ($kgraph)" >&2; exit 1; }

gum_train=$("$src/tools/gum_train_files.sh" "$data")
bbc=$(find "$data/news/corpus/bbc" -name '*.txt' ! -name 'README*' | LC_ALL=C sort)

# shellcheck disable=SC2086
exec "$kgraph" word-clusters $bbc "$data"/news/corpus/reuters21578/reut2-*.sgm \
  "$data/ud-en-ewt/en_ewt-ud-train.conllu" $gum_train \
  --classes 32,256,1024 --min-count 3 --iterations 12 -o "$out" \
  --note "Word classes for kgraph's tagger and parser, made by tools/make_clusters.sh from:
BBC news corpus (D. Greene and P. Cunningham, ICML 2006; articles (c) BBC), Reuters-21578
(Distribution 1.0, D. D. Lewis; free for research), UD English EWT train (CC BY-SA 4.0) and
GUM train documents (CC BY / BY-SA). Only derived statistics (class ids, counts) are stored.
Format: word (lower case) TAB class of 32 TAB class of 256 TAB class of 1024 TAB count."
