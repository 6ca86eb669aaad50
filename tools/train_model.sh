#!/bin/sh
# Remakes the shipped NLP model models/en_ewt_gum.kgm from UD English EWT (train) and the GUM
# training documents (all of DATA_DIR/gum/dep except the standard dev/test lists), with
# the word classes of models/word_clusters.tsv (made by tools/make_clusters.sh).
#
# It trains eight models that differ only in their seed (the order the training sentences are
# visited in, and where the parser explores) and in the parser's training beam (3 for four of
# them, 4 for the other four), as many at a time as there are processors, and writes their
# average (`kgraph average-models`): every weight is the mean of theirs. All the
# scorers are linear, so that is the same as averaging the models' scores at every decision —
# an ensemble that costs nothing at run time. Averaged weights of |w| <= 0.5 (taggers), 1
# (supertagger and relabeler) and 1.5 (parser) are dropped, and the file asks beam decoding to
# drop candidates more than 150 below the best (where the model is sure, the beam is one item).
#
# Each model: taggers in both directions (the right-to-left one skips tokens the other wins by
# a score margin over 30), a tag dictionary, a right-to-left supertagger (each token's relation
# and head side; weights of |w| <= 0.5 dropped), a beam-search parser (trained globally)
# that reads its supertags, and a relabeler: once a sentence's tree is complete, it gives again
# the relation of each arc the labeler won by at most 30, with the whole tree in view, adding
# the labeler's scores to its own. The average decodes with the first model's beam, 3.
# Deterministic: the same data, binary and options give a byte-identical file. A new shipped
# model also re-records the golden annotation of the dev sample (tests/data/ud/README.md).
#   usage: tools/train_model.sh BUILD_DIR DATA_DIR [OUT]   (DATA_DIR: the folder of data sets: ud-en-ewt/, gum/, news/)
#   MEMBERS (default "3:1 3:2 3:3 3:4 4:1 4:2 4:3 4:4", training beam:seed) and JOBS (default:
#   processors) may be set in the environment;
#   EWT_ONLY=1 leaves out GUM (the model whose EWT test figures compare with published ones).
set -eu
src=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$src/build}
data=${2:?"usage: $0 BUILD_DIR DATA_DIR [OUT] (DATA_DIR holds ud-en-ewt/, gum/ and news/)"}
out=${3:-$src/models/en_ewt_gum.kgm}
members=${MEMBERS:-3:1 3:2 3:3 3:4 4:1 4:2 4:3 4:4}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 1)}
kgraph=$build/tools/kgraph
[ -x "$kgraph" ] || { echo "train_model.sh: build kgraph first ($kgraph)" >&2; exit 1; }

gum_train=$("$src/tools/gum_train_files.sh" "$data")
[ "${EWT_ONLY:-0}" = 1 ] && gum_train=""
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# train_one BEAM SEED NAME
train_one() {
  # shellcheck disable=SC2086
  "$kgraph" train-model "$data/ud-en-ewt/en_ewt-ud-train.conllu" $gum_train \
    --tagger-epochs 15 --parser-epochs 20 --parser-beam "$1" --jackknife 5 --seed "$2" \
    --bidirectional-tagger --tag-dictionary --prune-parser 0 \
    --supertagger --prune-supertagger 0.5 --reverse-skip-margin 30 --relabeler \
    --clusters "$src/models/word_clusters.tsv" -o "$tmp/$3.kgm" >"$tmp/$3.log" 2>&1
}

# Batches of $jobs trainings; a failed one stops the script with its log.
models=""
batch=""
run_batch() {
  for m in $batch; do
    name="beam${m%%:*}_seed${m##*:}"
    train_one "${m%%:*}" "${m##*:}" "$name" &
    eval "pid_$name=$!"
  done
  for m in $batch; do
    name="beam${m%%:*}_seed${m##*:}"
    eval "pid=\$pid_$name"
    wait "$pid" || { cat "$tmp/$name.log" >&2; echo "train_model.sh: $name failed" >&2; exit 1; }
    echo "trained $name" >&2
  done
  batch=""
}
for m in $members; do
  batch="$batch $m"
  models="$models $tmp/beam${m%%:*}_seed${m##*:}.kgm"
  [ "$(echo $batch | wc -w)" -ge "$jobs" ] && run_batch
done
[ -n "$batch" ] && run_batch

# shellcheck disable=SC2086
"$kgraph" average-models $models --prune-tagger 0.5 --prune-supertagger 1 --prune-parser 1.5 \
  --prune-relabeler 1 --beam-margin 150 \
  -o "$out"
