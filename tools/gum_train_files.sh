#!/bin/sh
# Prints the GUM training documents of DATA_DIR/gum, one path per line, in name order: every
# document not listed under "## dev" or "## test" in splits.md. Shared by the training scripts.
#   usage: tools/gum_train_files.sh DATA_DIR
set -eu
data=${1:?"usage: $0 DATA_DIR"}
held_out=$(awk '/^## /{sec=$2} /^ *\* GUM_/{ if (sec=="dev" || sec=="test") print $2 }' \
  "$data/gum/splits.md")
for f in "$data"/gum/dep/GUM_*.conllu; do
  doc=$(basename "$f" .conllu)
  case " $(echo $held_out) " in *" $doc "*) continue ;; esac
  echo "$f"
done
