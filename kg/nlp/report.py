"""Plain-text tables for `kg eval`: model beside the baseline, per-label figures, confusion."""

from __future__ import annotations

import json
from pathlib import Path

from kg.nlp.evaluate import Scores
from kg.nlp.labels import STANCES
from kg.nlp.polnear import Overlap

MAIN = (
    ("attribution P", lambda s: s.attribution.p),
    ("attribution R", lambda s: s.attribution.r),
    ("attribution F1", lambda s: s.attribution.f1),
    ("speaker accuracy (resolved)", lambda s: s.speaker_accuracy),
    ("holder accuracy", lambda s: s.holder_accuracy),
    ("via accuracy", lambda s: s.via_accuracy),
    ("stance accuracy", lambda s: s.stance_accuracy),
    ("stance macro-F1", lambda s: s.stance_macro_f1),
    ("speaker-mention overlap F1", lambda s: s.speaker_mention.f1),
    ("cue overlap F1", lambda s: s.cue.f1),
)
TARGETS = {"attribution F1": 0.90, "speaker accuracy (resolved)": 0.90, "stance macro-F1": 0.85}


def print_gold(name: str, results: dict[str, Scores]) -> None:
    model, base = results["model"], results["baseline"]
    n = sum(model.stance.values())
    print(f"\n== {name}: {n} gold sentences ==")
    print(f"{'figure':32} {'model':>7} {'baseline':>9} {'gain':>7}  target")
    for label, get in MAIN:
        m, b = get(model), get(base)
        target = TARGETS.get(label)
        mark = "" if target is None else f">= {target:.2f} {'met' if m >= target else 'NOT met'}"
        print(f"{label:32} {m:7.3f} {b:9.3f} {m - b:+7.3f}  {mark}")
    for system, s in (("model", model), ("baseline", base)):
        print(f"\nstance per label ({system}):  {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
        for label in STANCES:
            prf = s.stance_prf(label)
            print(f"  {label:24} {prf.p:6.3f} {prf.r:6.3f} {prf.f1:6.3f} {prf.tp + prf.fn:6d}")
        print(f"confusion ({system}; rows gold, columns predicted):")
        print("  " + " " * 10 + "".join(f"{p:>9}" for p in STANCES))
        for g in STANCES:
            print(f"  {g:10}" + "".join(f"{s.stance[(g, p)]:9d}" for p in STANCES))


def print_polnear(name: str, results: dict[str, dict[str, Overlap]]) -> None:
    print(f"\n== PolNeAR {name}: overlap P/R/F1 ==")
    print(f"{'figure':28} {'model P':>8} {'R':>6} {'F1':>6} {'base P':>8} {'R':>6} {'F1':>6}  target")
    for key, label in (("speaker_mention", "speaker mention"), ("cue", "cue")):
        m, b = results["model"][key], results["baseline"][key]
        mark = f">= 0.80 {'met' if m.f1 >= 0.8 else 'NOT met'}" if key == "speaker_mention" else ""
        print(f"{label:28} {m.p:8.3f} {m.r:6.3f} {m.f1:6.3f} {b.p:8.3f} {b.r:6.3f} {b.f1:6.3f}  {mark}")


def write_json(path: Path, results: dict) -> None:
    def plain(value: object) -> object:
        if isinstance(value, Scores):
            return value.summary()
        if isinstance(value, Overlap):
            return {"p": value.p, "r": value.r, "f1": value.f1}
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        return value

    path.write_text(json.dumps(plain(results), indent=2) + "\n", encoding="utf-8")
