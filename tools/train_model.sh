#!/bin/sh
# Remakes the shipped NLP model models/en_ewt_gum.kgm from UD English EWT (train) and the GUM
# training documents (all of DATA_DIR/gum/dep except the standard dev/test lists), with
# the word classes of models/word_clusters.tsv (made by tools/make_clusters.sh): taggers in both
# directions (the right-to-left one skips tokens the other wins by a score margin over 30), a tag
# dictionary, a right-to-left supertagger (each token's relation and head side; weights of
# |w| <= 0.5 dropped) and the greedy parser that reads its supertags, whose weights of |w| <= 1.5
# are dropped (the command for a beam-search model is in docs/performance.md).
# Deterministic: the same data, binary and options give a byte-identical file.
#   usage: tools/train_model.sh BUILD_DIR DATA_DIR [OUT]   (DATA_DIR: the folder of data sets: ud-en-ewt/, gum/, news/)
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
data=${2:?"usage: $0 BUILD_DIR DATA_DIR [OUT] (DATA_DIR holds ud-en-ewt/, gum/ and news/)"}
out=${3:-$src/models/en_ewt_gum.kgm}
kgraph=$build/tools/kgraph
[ -x "$kgraph" ] || { echo "train_model.sh: build kgraph first ($kgraph)" >&2; exit 1; }

gum_train=$("$src/tools/gum_train_files.sh" "$data")

# shellcheck disable=SC2086
exec "$kgraph" train-model "$data/ud-en-ewt/en_ewt-ud-train.conllu" $gum_train \
  --tagger-epochs 15 --parser-epochs 25 --jackknife 5 --seed 1 \
  --bidirectional-tagger --tag-dictionary --prune-parser 1.5 \
  --supertagger --prune-supertagger 0.5 --reverse-skip-margin 30 \
  --clusters "$src/models/word_clusters.tsv" -o "$out"
