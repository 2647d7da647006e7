"""The JSON Lines annotation format shared by gold files, `kg segment` and `kg annotate`.

See ``docs/annotation-guidelines.md``: one object per article with ``id``, ``outlet`` and
``sentences`` (``start``, ``end``, ``text`` and, once annotated, the label fields).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.records import Article, Sentence

STANCES = ("eager", "open", "denying", "neutral")
SPEAKER_TYPES = ("person", "official", "government", "organization", "outlet", "unnamed")
LABEL_FIELDS = (
    "speaker",
    "speaker_mention",
    "speaker_type",
    "cue",
    "cue_mention",
    "via",
    "channel",
    "holder",
    "stance",
)


def article_record(
    article: Article, sentences: Iterable[Sentence], *, with_text: bool = False
) -> dict[str, Any]:
    """The annotation-format record of a segmented article (labels are added by later stages)."""
    record: dict[str, Any] = {
        **article.metadata(),
        "sentences": [{"start": s.start, "end": s.end, "text": s.text} for s in sentences],
    }
    if with_text:
        record["text"] = article.text
    return record


def dumps(record: dict[str, Any]) -> str:
    """One JSON line, UTF-8 characters kept as they are."""
    return json.dumps(record, ensure_ascii=False)


def json_lines(path: str | Path, problems: list[str] | None = None) -> Iterator[tuple[str, Any]]:
    """(``file:line``, value) for each non-empty line of a JSON Lines file.

    A malformed line raises InputError naming it, or, when ``problems`` is given, is noted
    there and skipped (for checkers that report every problem at once).
    """
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except json.JSONDecodeError as exc:
                error = InputError(f"{path}:{lineno}", f"malformed JSON: {exc.msg}")
                if problems is None:
                    raise error from None
                problems.append(error.line())
                continue
            yield f"{path}:{lineno}", value


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """Records of an annotation-format file, with the line named in any error."""
    for where, record in json_lines(path):
        if not isinstance(record, dict) or "sentences" not in record:
            raise InputError(where, "not an annotation record (no 'sentences')")
        yield record
