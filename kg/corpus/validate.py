"""Validate annotation-format gold files, alone and as train/dev/test splits."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.annotation import json_lines
from kg.corpus.authoring import SPEAKER_TYPES, STANCES

_SPACE = re.compile(r"\s+")


@dataclass
class Report:
    """Problems found, and counts for the data card."""

    problems: list[str] = field(default_factory=list)
    articles: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    stances: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _span_ok(span: object, sent: dict) -> bool:
    return (
        isinstance(span, dict)
        and isinstance(span.get("start"), int)
        and isinstance(span.get("end"), int)
        and sent["start"] <= span["start"] < span["end"] <= sent["end"]
    )


def check_sentence(sent: object, text: str, entities: dict, where: str) -> list[str]:
    """Problems of one sentence record of an article with this text and entity map."""
    if not isinstance(sent, dict):
        return [f"{where}: a sentence is an object"]
    out: list[str] = []
    start, end = sent.get("start"), sent.get("end")
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
        return [f"{where}: start/end {start!r}/{end!r} are not offsets into the text"]
    if text[start:end] != sent.get("text"):
        out.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the sentence text")
    if sent.get("stance") not in STANCES:
        out.append(f"{where}: stance {sent.get('stance')!r} is not one of {STANCES}")
    stype, speaker = sent.get("speaker_type"), sent.get("speaker")
    if stype is not None and stype not in SPEAKER_TYPES:
        out.append(f"{where}: speaker_type {stype!r} is not one of {SPEAKER_TYPES}")
    if (speaker is None) != (stype is None):
        out.append(f"{where}: speaker_type must be null exactly when speaker is null")
    for name in ("speaker_mention", "cue_mention"):
        span = sent.get(name)
        if span is not None and not _span_ok(span, sent):
            out.append(f"{where}: {name} {span!r} is not a span inside the sentence")
    if sent.get("cue_mention") is not None and sent.get("cue") is None:
        out.append(f"{where}: cue_mention without a cue")
    via = sent.get("via")
    if not isinstance(via, list) or not all(isinstance(v, str) for v in via):
        out.append(f"{where}: via must be a list of names")
        via = []
    names = [("speaker", speaker), ("holder", sent.get("holder"))] + [("via", v) for v in via]
    for role, name in names:
        if name is not None and name not in entities:
            out.append(f"{where}: {role} {name!r} is not a key of entities")
    return out


def check_record(rec: object, where: str) -> list[str]:
    """Problems of one article record of a gold file."""
    if not isinstance(rec, dict):
        return [f"{where}: an article record is a JSON object"]
    missing = [k for k in ("id", "text", "sentences", "entities") if k not in rec]
    if missing:
        return [f"{where}: missing {missing}"]
    where = f"{where} ({rec['id']})"
    text, entities, sents = rec["text"], rec["entities"], rec["sentences"]
    if not isinstance(entities, dict):
        return [f"{where}: entities maps names to alias lists"]
    out: list[str] = []
    last_end = 0
    for i, sent in enumerate(sents):
        out += check_sentence(sent, text, entities, f"{where} sentence {i}")
        if isinstance(sent, dict) and isinstance(sent.get("start"), int):
            if sent["start"] < last_end:
                out.append(f"{where} sentence {i}: overlaps or precedes the sentence before it")
            last_end = max(last_end, sent.get("end") or 0)
    for pair in rec.get("counters", []):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, int) for i in pair)
        ) or not all(0 <= i < len(sents) for i in pair):
            out.append(f"{where}: counters pair {pair!r} is not two sentence indices")
    return out


def _norm(sentence: str) -> str:
    return _SPACE.sub(" ", sentence).strip().lower()


def validate_files(paths: Iterable[str | Path]) -> Report:
    """Check every record of every file; files are splits: no article or sentence in two of them."""
    report = Report()
    article_split: dict[str, str] = {}
    sentence_split: dict[str, str] = {}
    for path in map(Path, paths):
        split = path.stem
        stances: Counter[str] = report.stances.setdefault(split, Counter())
        seen_here: set[str] = set()
        for where, rec in json_lines(path, report.problems):
            report.problems += check_record(rec, where)
            if not isinstance(rec, dict) or "id" not in rec:
                continue
            other = article_split.get(rec["id"])
            if other is not None:
                report.problems.append(f"{where}: article {rec['id']} is also in {other}")
            article_split[rec["id"]] = split
            report.articles[split] += 1
            for sent in rec.get("sentences", []):
                if not isinstance(sent, dict):
                    continue
                report.sentences[split] += 1
                stances[str(sent.get("stance"))] += 1
                key = _norm(str(sent.get("text")))
                first = sentence_split.get(key)
                if first is not None and first != split:
                    report.problems.append(f"{where} ({rec['id']}): sentence also in {first}: {key[:60]!r}")
                seen_here.add(key)
        for key in seen_here:
            sentence_split.setdefault(key, split)
    return report
