"""Agreement between two annotation passes of the same articles, field by field."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from kg.corpus.authoring import STANCES


def _norm(name: str | None) -> str | None:
    if name is None:
        return None
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.strip().lower()))


def _names(name: str | None, entities: dict[str, list[str]]) -> set[str]:
    if name is None:
        return set()
    return {n for n in (_norm(x) for x in [name, *entities.get(name, [])]) if n}


def same_name(a: str | None, b: str | None, ents_a: dict, ents_b: dict) -> bool:
    """Two passes name the same entity when their alias sets (pronouns aside) share a name."""
    if a is None or b is None:
        return a is None and b is None
    pronouns = {"he", "she", "they", "it", "we", "him", "her", "them"}
    return bool((_names(a, ents_a) & _names(b, ents_b)) - pronouns)


def _overlap(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a["start"] < b["end"] and b["start"] < a["end"]


def cohen_kappa(pairs: Sequence[tuple[str, str]], labels: Sequence[str] = STANCES) -> float:
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in labels) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(first: Sequence[dict], second: Sequence[dict]) -> dict[str, float]:
    """Per-field agreement (share of sentences on which both passes agree), plus stance kappa."""
    agree: Counter[str] = Counter()
    total = 0
    stance_pairs: list[tuple[str, str]] = []
    for a_rec, b_rec in zip(first, second, strict=True):
        ea, eb = a_rec.get("entities", {}), b_rec.get("entities", {})
        for a, b in zip(a_rec["sentences"], b_rec["sentences"], strict=True):
            total += 1
            agree["speaker"] += same_name(a["speaker"], b["speaker"], ea, eb)
            agree["speaker_mention"] += _overlap(a["speaker_mention"], b["speaker_mention"])
            agree["speaker_type"] += a["speaker_type"] == b["speaker_type"]
            agree["cue_mention"] += _overlap(a["cue_mention"], b["cue_mention"])
            va, vb = a.get("via") or [], b.get("via") or []
            agree["via"] += len(va) == len(vb) and all(
                same_name(x, y, ea, eb) for x, y in zip(va, vb, strict=True)
            )
            ca, cb = _norm(a.get("channel")), _norm(b.get("channel"))
            agree["channel"] += (ca is None and cb is None) or bool(ca and cb and (ca in cb or cb in ca))
            agree["holder"] += same_name(a["holder"], b["holder"], ea, eb)
            agree["stance"] += a["stance"] == b["stance"]
            agree["attribution (speaker or none)"] += (a["speaker"] is None) == (b["speaker"] is None)
            stance_pairs.append((a["stance"], b["stance"]))
    out = {k: v / total for k, v in sorted(agree.items())} if total else {}
    out["stance kappa"] = cohen_kappa(stance_pairs)
    out["sentences"] = total
    return out
