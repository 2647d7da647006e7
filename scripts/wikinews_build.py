"""Build the stand-off Wikinews corpus from annotators' files.

    python3 scripts/wikinews_build.py --work DIR [--texts PATH]
    python3 scripts/wikinews_build.py --splits-only [--texts PATH]

Articles are split by article (a hash of the id; articles over 15,000 characters, the long
interviews, always go to train): 62 test, 42 dev, the rest train. ``DIR`` holds the
annotators' files, ``<split>-NN.jsonl`` (first pass) and ``<split>-NN.b.jsonl`` (the blind
second pass of the test split), one entry per article as described in
``kg/corpus/wikinews.py``. Writes ``data/corpus/wikinews/{train,dev,test}.jsonl`` and
``agreement/second-pass.jsonl`` as stand-off records (no article text), and
``pending.txt``, the articles not annotated yet.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.annotation import read_records  # noqa: E402
from kg.corpus.agreement import agreement  # noqa: E402
from kg.corpus.standoff import DEFAULT_TEXTS, read_texts, to_standoff, write_jsonl  # noqa: E402
from kg.corpus.wikinews import label_article  # noqa: E402

OUT = ROOT / "data" / "corpus" / "wikinews"
SIZES = {"test": 62, "dev": 42}
LONG = 15000


def assign_splits(articles: dict[str, dict]) -> dict[str, str]:
    """Article id -> split, the same on every run."""
    ids = sorted(articles, key=lambda i: hashlib.sha256(("split-" + i).encode()).hexdigest())
    short = [i for i in ids if len(articles[i]["text"]) <= LONG]
    split = dict.fromkeys(ids, "train")
    split.update(dict.fromkeys(short[: SIZES["test"]], "test"))
    split.update(dict.fromkeys(short[SIZES["test"] : SIZES["test"] + SIZES["dev"]], "dev"))
    return split


def read_work(work: Path, second: bool) -> dict[str, dict]:
    """Annotator entries by article id (first pass, or the blind second pass)."""
    files = sorted(work.glob("*.b.jsonl" if second else "*.jsonl"))
    entries: dict[str, dict] = {}
    for path in files:
        if not second and path.name.endswith(".b.jsonl"):
            continue
        for entry in read_records(path):
            entries[entry["id"]] = entry
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--work", type=Path)
    parser.add_argument("--texts", type=Path, default=ROOT / DEFAULT_TEXTS)
    parser.add_argument("--splits-only", action="store_true", help="print the split sizes and stop")
    args = parser.parse_args()
    articles = read_texts(args.texts)
    split = assign_splits(articles)
    if args.splits_only or args.work is None:
        for name in ("train", "dev", "test"):
            print(name, sum(v == name for v in split.values()))
        return
    first, second = read_work(args.work, False), read_work(args.work, True)
    for name in ("train", "dev", "test"):
        done = [i for i in sorted(articles) if split[i] == name and i in first]
        records = [to_standoff(label_article(first[i], articles[i])) for i in done]
        write_jsonl(OUT / f"{name}.jsonl", records)
        print(f"{name}: {len(records)} articles, {sum(len(r['sentences']) for r in records)} sentences")
    blind = [i for i in sorted(articles) if split[i] == "test" and i in second and i in first]
    write_jsonl(
        OUT / "agreement" / "second-pass.jsonl",
        [to_standoff(label_article(second[i], articles[i])) for i in blind],
    )
    print(f"second pass: {len(blind)} test articles")
    if blind:
        figures = agreement(
            [label_article(first[i], articles[i]) for i in blind],
            [label_article(second[i], articles[i]) for i in blind],
        )
        print(f"agreement on {figures.pop('sentences')} sentences:\n| field | agreement |\n| --- | --- |")
        for name, value in figures.items():
            print(f"| {name} | {value:.3f} |")
    pending = sorted(i for i in articles if i not in first)
    (OUT / "pending.txt").unlink(missing_ok=True)
    if pending:
        (OUT / "pending.txt").write_text("".join(f"{split[i]}\t{i}\n" for i in pending), encoding="utf-8")
    print(f"not annotated yet: {len(pending)} articles (pending.txt)")


if __name__ == "__main__":
    main()
