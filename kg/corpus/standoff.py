"""Stand-off annotations: labels and offsets kept apart from the article texts.

Real news the project may not redistribute (or prefers not to copy) is annotated in
stand-off form: per article its ``id`` and ``url``, per sentence its offsets, its labels
and a short hash of its text. ``join_texts`` puts the texts back (from a JSON Lines file
of ``{"id", "text", ...}`` records, such as ``../shared/datasets/wikinews/articles.jsonl``)
and refuses any article whose text is missing or differs from the one annotated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.annotation import LABEL_FIELDS, dumps, json_lines
from kg.errors import InputError

HASH_CHARS = 12
DEFAULT_TEXTS = Path("../shared/datasets/wikinews/articles.jsonl")
# Article fields kept beside the labels: none of them is article text.
ARTICLE_FIELDS = ("id", "url", "published", "outlet", "license")
STANDOFF_EXTRA = ("entities", "counters")


def default_texts() -> Path:
    """``../shared/datasets/wikinews/articles.jsonl`` from the working folder, else from the checkout."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (base / DEFAULT_TEXTS).is_file():
            return base / DEFAULT_TEXTS
    return DEFAULT_TEXTS


def text_hash(text: str) -> str:
    """Short content hash of a sentence (sha256 of its UTF-8 text, first 12 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def is_standoff(record: dict[str, Any]) -> bool:
    """A stand-off record carries sentence hashes and no text."""
    sentences = record.get("sentences") or []
    return "text" not in record and bool(sentences) and "hash" in sentences[0]


def to_standoff(record: dict[str, Any]) -> dict[str, Any]:
    """The stand-off form of a full annotation record (which carries ``text``)."""
    text = record["text"]
    out: dict[str, Any] = {k: record[k] for k in ARTICLE_FIELDS if record.get(k) is not None}
    out["sentences"] = [
        {
            "start": s["start"],
            "end": s["end"],
            "hash": text_hash(text[s["start"] : s["end"]]),
            **_labels(s),
        }
        for s in record["sentences"]
    ]
    for key in STANDOFF_EXTRA:
        if key in record:
            out[key] = record[key]
    return out


def read_texts(path: Path) -> dict[str, dict[str, Any]]:
    """Article records by id from a JSON Lines file of ``{"id", "text", ...}``."""
    if not path.is_file():
        raise InputError(
            str(path),
            "the article texts are not there",
            "pass --texts PATH (a JSON Lines file of {id, text}), "
            "or fetch them with `python3 scripts/fetch_wikinews.py`",
        )
    out: dict[str, dict[str, Any]] = {}
    for where, rec in json_lines(path):
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or "id" not in rec:
            raise InputError(where, "a texts record needs 'id' and 'text'")
        out[str(rec["id"])] = rec
    return out


def join_one(record: dict[str, Any], article: dict[str, Any] | None, where: str) -> dict[str, Any]:
    """A full annotation record: the stand-off labels with the article text put back."""
    aid = record.get("id")
    if article is None:
        raise InputError(
            where,
            f"article {aid}: no text for it in the texts file",
            "use the texts the annotations were made on (--texts PATH), "
            "or fetch them with `python3 scripts/fetch_wikinews.py`",
        )
    text = article["text"]
    sentences = []
    for k, s in enumerate(record["sentences"]):
        piece = text[s["start"] : s["end"]]
        if s["end"] > len(text) or text_hash(piece) != s["hash"]:
            raise InputError(
                where,
                f"article {aid}, sentence {k} ({s['start']}-{s['end']}): the text differs from the one "
                f"annotated (hash {text_hash(piece)}, recorded {s['hash']})",
                "use the texts the annotations were made on",
            )
        sentences.append({"start": s["start"], "end": s["end"], "text": piece, **_labels(s)})
    out = {k: v for k, v in record.items() if k != "sentences"}
    out.update(text=text, sentences=sentences)
    out.setdefault("outlet", article.get("outlet"))
    out.setdefault("title", article.get("title"))
    out.setdefault("published", article.get("published"))
    return out


def _labels(s: dict[str, Any]) -> dict[str, Any]:
    return {k: s.get(k) for k in LABEL_FIELDS}


def join_texts(
    records: Iterable[dict[str, Any]], texts: Path | None = None, where: str = "stand-off file"
) -> list[dict[str, Any]]:
    """Full annotation records for stand-off ``records``; an error names the article and sentence."""
    articles = read_texts(texts or default_texts())
    return [join_one(r, articles.get(str(r.get("id"))), where) for r in records]


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(dumps(r) + "\n" for r in records), encoding="utf-8")
