"""Agreement between the corpus's test annotations and the blind second pass.

    python3 scripts/corpus_agreement.py [--import BLIND.jsonl]

--import turns a second-pass file ({"id", "entities", "labels": [...]}, mentions as
strings of each sentence) into the annotation format, aligned to the test split's
sentences, and stores it as data/corpus/agreement/second-pass.jsonl.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus.agreement import agreement  # noqa: E402
from kg.corpus.authoring import occurrences  # noqa: E402

CORPUS = ROOT / "data" / "corpus"
SECOND = CORPUS / "agreement" / "second-pass.jsonl"


def _span(sentence: dict, mention: str | None) -> dict | None:
    if not mention:
        return None
    text = sentence["text"]
    found = occurrences(text, mention)
    if found:
        start, end = found[0], found[0] + len(mention)
    else:  # the sentence was edited after the second pass: span from its first to its last word
        words = mention.split()
        firsts, lasts = occurrences(text, words[0]), occurrences(text, words[-1])
        if not firsts or not lasts or lasts[-1] < firsts[0]:
            raise ValueError(f"{mention!r} is not in {text!r}")
        start, end = firsts[0], lasts[-1] + len(words[-1])
    return {"start": sentence["start"] + start, "end": sentence["start"] + end}


def import_second_pass(path: Path, test: dict[str, dict]) -> None:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        blind = json.loads(line)
        gold = test[blind["id"]]
        sentences = []
        for sent, lab in zip(gold["sentences"], blind["labels"], strict=True):
            rec = {"start": sent["start"], "end": sent["end"], "text": sent["text"], **lab}
            rec["speaker_mention"] = _span(sent, lab["speaker_mention"])
            rec["cue_mention"] = _span(sent, lab["cue_mention"])
            sentences.append(rec)
        out.append(
            {
                "id": gold["id"],
                "outlet": gold["outlet"],
                "text": gold["text"],
                "sentences": sentences,
                "entities": blind["entities"],
            }
        )
    SECOND.parent.mkdir(parents=True, exist_ok=True)
    SECOND.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--import", dest="blind", type=Path)
    args = parser.parse_args()
    test = {
        r["id"]: r for r in map(json.loads, (CORPUS / "test.jsonl").read_text(encoding="utf-8").splitlines())
    }
    if args.blind:
        import_second_pass(args.blind, test)
    second = [json.loads(line) for line in SECOND.read_text(encoding="utf-8").splitlines()]
    first = [test[r["id"]] for r in second]
    figures = agreement(first, second)
    print(f"{len(second)} articles, {figures.pop('sentences')} sentences")
    print("| field | agreement |\n| --- | --- |")
    for field, value in figures.items():
        print(f"| {field} | {value:.3f} |")


if __name__ == "__main__":
    main()
