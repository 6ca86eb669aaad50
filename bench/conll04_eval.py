#!/usr/bin/env python3
"""CoNLL04 relation extraction with kgraph's default schema (string-match scoring).

Writes each sentence of a CoNLL04 split (../shared/data/conll04, SpERT JSON) as one article,
runs `kgraph extract` on them, maps the default schema's relations onto CoNLL04's types where
they correspond (see MAPPING), and scores the predicted (type, head, tail) triples against the
gold ones. An argument matches when one of the entity's surface forms in that sentence equals
the gold entity's tokens: the "exact string" setting of LLM studies, close to but not the same
as strict span matching. Live_In has no counterpart in the default schema and is never
predicted. Micro and macro F1 over the five types, as CoNLL04 papers report them.

  bench/conll04_eval.py ../shared/data/conll04/conll04_dev.json [--kgraph build/tools/kgraph]
"""
import argparse
import collections
import json
import os
import subprocess
import tempfile

# (default-schema relation, subject type, object type) -> CoNLL04 relation type.
LOC = ("LOCATION", "COUNTRY")
MAPPING = [
    ("official_of", ("PERSON",), ("ORGANIZATION",), "Work_For"),
    ("member_of", ("PERSON",), ("ORGANIZATION",), "Work_For"),
    ("located_in", ("ORGANIZATION",), LOC, "OrgBased_In"),
    ("located_in", ("LOCATION",), LOC, "Located_In"),
    ("part_of", ("LOCATION",), LOC, "Located_In"),
    ("assaults", ("PERSON",), ("PERSON",), "Kill"),
    ("mass_violence", ("PERSON",), ("PERSON",), "Kill"),
]
TYPES = ["Work_For", "Kill", "OrgBased_In", "Live_In", "Located_In"]


def sentence_text(tokens):
    """Tokens joined by spaces, PTB quote pairs (` ` and ' ') written as one double quote."""
    out, i = [], 0
    while i < len(tokens):
        pair = tokens[i:i + 2]
        if pair in (["`", "`"], ["'", "'"]):
            out.append('"')
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return " ".join(out)


def span_text(sentence, entity):
    return sentence_text(sentence["tokens"][entity["start"]:entity["end"]])


def conll04_type(relation, subject_type, object_type):
    for label, domain, range_, target in MAPPING:
        if relation == label and subject_type in domain and object_type in range_:
            return target
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split")
    ap.add_argument("--kgraph", default="build/tools/kgraph")
    ap.add_argument("--show-errors", action="store_true")
    args = ap.parse_args()
    sentences = json.load(open(args.split, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for i, s in enumerate(sentences):
            with open(os.path.join(tmp, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
                f.write(f"CoNLL04 sentence {i}\n\n{sentence_text(s['tokens'])}\n")
        out = subprocess.run([args.kgraph, "extract", tmp, "--format", "jsonl"], check=True,
                             capture_output=True, text=True).stdout
    forms = collections.defaultdict(dict)  # sentence -> entity name -> surface forms
    entity_forms = collections.defaultdict(dict)  # sentence -> name -> (surface forms, type)
    triples = collections.defaultdict(set)
    for line in out.splitlines():
        r = json.loads(line)
        i = int(os.path.basename(r["doc"]).split(".")[0])
        if r.get("kind") == "entity":
            forms[i][r["name"]] = set(r["aliases"]) | {r["name"]}
            entity_forms[i][r["name"]] = (set(r["aliases"]), r["type"])
        elif "relation" in r:
            t = conll04_type(r["relation"], r["subject"]["type"], r["object"]["type"])
            if t:
                triples[i].add((t, r["subject"]["name"], r["object"]["name"]))
    # Entities: every surface form of ours against every gold Peop/Org/Loc mention's tokens.
    types = {"Peop": ("PERSON",), "Org": ("ORGANIZATION",), "Loc": LOC}
    ent = collections.Counter()
    for i, s in enumerate(sentences):
        ours = {(a, typ) for name, (aliases, typ) in entity_forms[i].items() for a in aliases}
        golds = {(span_text(s, e), e["type"]) for e in s["entities"] if e["type"] in types}
        ent["ours"] += len(ours)
        ent["gold"] += len(golds)
        ent["span"] += len({g for g in golds if any(o[0] == g[0] for o in ours)})
        ent["typed"] += len({g for g in golds if any(o[0] == g[0] and o[1] in types[g[1]]
                                                     for o in ours)})
        if args.show_errors:
            for g in sorted(golds):
                if not any(o[0] == g[0] for o in ours):
                    print(f"entity missed {i}: {g}")
    correct, predicted, gold = (collections.Counter() for _ in range(3))
    for i, s in enumerate(sentences):
        golds = [(r["type"], span_text(s, s["entities"][r["head"]]),
                  span_text(s, s["entities"][r["tail"]])) for r in s["relations"]]
        for g in golds:
            gold[g[0]] += 1
        found = set()
        for t, subj, obj in triples[i]:
            predicted[t] += 1
            heads = forms[i].get(subj, {subj})
            tails = forms[i].get(obj, {obj})
            match = next((g for g in golds if g[0] == t and g[1] in heads and g[2] in tails
                          and g not in found), None)
            if match:
                found.add(match)
                correct[t] += 1
            elif args.show_errors:
                print(f"wrong {i}: {t} {subj} -> {obj}   gold {golds}")
        if args.show_errors:
            for g in golds:
                if g not in found:
                    print(f"missed {i}: {g}")

    def prf(c, p, g):
        pr = c / p if p else 0.0
        rc = c / g if g else 0.0
        return pr, rc, (2 * pr * rc / (pr + rc) if pr + rc else 0.0)

    print(f"{args.split}: {len(sentences)} sentences, {sum(gold.values())} gold relations")
    f1s = []
    for t in TYPES:
        pr, rc, f1 = prf(correct[t], predicted[t], gold[t])
        f1s.append(f1)
        print(f"  {t:12s} P {pr:.3f}  R {rc:.3f}  F1 {f1:.3f}  "
              f"(correct {correct[t]}, predicted {predicted[t]}, gold {gold[t]})")
    pr, rc, f1 = prf(sum(correct.values()), sum(predicted.values()), sum(gold.values()))
    print(f"  micro        P {pr:.3f}  R {rc:.3f}  F1 {f1:.3f}")
    print(f"  macro F1 {sum(f1s) / len(f1s):.3f}")
    for what in ("span", "typed"):
        pr, rc, f1 = prf(ent[what], ent["ours"], ent["gold"])
        print(f"  entities ({what}) P {pr:.3f}  R {rc:.3f}  F1 {f1:.3f}  "
              f"(gold Peop/Org/Loc mentions {ent['gold']}, our surface forms {ent['ours']})")


if __name__ == "__main__":
    main()
