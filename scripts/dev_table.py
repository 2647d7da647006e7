"""Dev figures of candidate models, side by side: the table of what was tried in the model card.

    python3 scripts/dev_table.py NAME=MODEL_DIR[@WINDOW] ... [--texts PATH] [--json FILE]

Each candidate is scored on the Wikinews dev split and the project's own dev split
(``kg eval``'s figures). ``@WINDOW`` reads with windows of that many word pieces instead
of the model's own (the context-window experiment needs no retraining to be measured).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEV = {"wikinews dev": ROOT / "data/corpus/wikinews/dev.jsonl", "own dev": ROOT / "data/corpus/dev.jsonl"}
FIGURES = (
    "attribution_f1",
    "speaker_accuracy",
    "holder_accuracy",
    "via_accuracy",
    "stance_macro_f1",
    "calibration_error",
)


def main() -> None:
    from kg.nlp.annotator import Annotator
    from kg.nlp.run import evaluate_gold, load_gold

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("candidates", nargs="+")
    parser.add_argument("--texts", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    gold = {name: load_gold(path, args.texts) for name, path in DEV.items()}
    table: dict[str, dict[str, dict]] = {}
    for spec in args.candidates:
        name, _, where = spec.partition("=")
        folder, _, window = where.partition("@")
        annotator = Annotator(Path(folder))
        if window:
            annotator.model.config.window_tokens = int(window)
        table[name] = {
            split: evaluate_gold({"model": annotator.label_docs}, records)["model"].summary()
            for split, records in gold.items()
        }
    print("| candidate | split | " + " | ".join(FIGURES) + " |")
    print("| --- | --- |" + " --- |" * len(FIGURES))
    for name, splits in table.items():
        for split, figures in splits.items():
            cells = " | ".join("n/a" if figures[f] is None else f"{figures[f]:.3f}" for f in FIGURES)
            print(f"| {name} | {split} | {cells} |")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
