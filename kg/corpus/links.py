"""The annotated links between claims, as tables the pair classifier trains and is scored on.

A claim is a sentence with a speaker or a holder. Gold pairs are the records' ``counters``,
``same`` and ``reverses`` (sentence indices within an article; the project corpus also has
``cross_counters``), and the Wikinews ``cross.jsonl`` rows (pairs across two articles).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.nlp.names import name_key

KINDS = ("counters", "same", "reverses")


@dataclass
class ClaimTable:
    """Claims of a set of articles, one row each, and the gold pairs between rows."""

    article: list[str] = field(default_factory=list)
    position: list[int] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    stance: list[str] = field(default_factory=list)
    holder: list[str | None] = field(default_factory=list)
    speaker: list[str | None] = field(default_factory=list)
    published: dict[str, str | None] = field(default_factory=dict)
    row: dict[tuple[str, int], int] = field(default_factory=dict)
    gold: dict[str, set[tuple[int, int]]] = field(default_factory=lambda: {k: set() for k in KINDS})

    def groups(self) -> list[list[int]]:
        """Rows by article."""
        by: dict[str, list[int]] = {}
        for k, a in enumerate(self.article):
            by.setdefault(a, []).append(k)
        return list(by.values())

    def add_pair(self, kind: str, a: tuple[str, int], b: tuple[str, int]) -> None:
        if a in self.row and b in self.row:
            i, j = self.row[a], self.row[b]
            self.gold[kind].add((min(i, j), max(i, j)))


def _key(name: str | None, unnamed: bool, article: str) -> str | None:
    if not name:
        return None
    return f"{article}#{name}" if unnamed else name_key(name)  # unnamed sources never merge


def claim_table(records: Iterable[dict], cross: Sequence[dict] = ()) -> ClaimTable:
    """The claims of ``records`` (annotation records with their sentences' text) and their gold pairs."""
    table = ClaimTable()
    records = list(records)
    for rec in records:
        aid = rec["id"]
        table.published[aid] = rec.get("published") or rec.get("date")
        unnamed = {s["speaker"] for s in rec["sentences"] if s.get("speaker_type") == "unnamed"}
        for i, s in enumerate(rec["sentences"]):
            if not (s.get("speaker") or s.get("holder")):
                continue
            table.row[(aid, i)] = len(table.article)
            table.article.append(aid)
            table.position.append(i)
            table.text.append(s["text"])
            table.stance.append(s["stance"])
            table.holder.append(_key(s.get("holder"), s.get("holder") in unnamed, aid))
            table.speaker.append(_key(s.get("speaker"), s.get("speaker_type") == "unnamed", aid))
    for rec in records:
        for kind in KINDS:
            for i, j in rec.get(kind) or []:
                table.add_pair(kind, (rec["id"], i), (rec["id"], j))
        for i, other, j in rec.get("cross_counters") or []:
            table.add_pair("counters", (rec["id"], i), (other, j))
    for entry in cross:
        for kind in KINDS:
            for i, j in entry.get(kind) or []:
                table.add_pair(kind, (entry["a"], i), (entry["b"], j))
    return table


def read_cross(path: Path) -> list[dict]:
    """The rows of a cross-article pairs file (``data/corpus/wikinews/cross.jsonl``)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
