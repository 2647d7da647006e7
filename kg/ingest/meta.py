"""Metadata that plain text does not carry: front matter, sidecar files, defaults from the command line.

A plain-text or Markdown file may open with a front matter block::

    ---
    outlet: Harbour Ledger
    published: 2025-04-26
    ---

(keys ``outlet``, ``published``, ``title``, ``url``, ``id``); the article text is what follows
the block. ``NAME.meta.json`` beside ``NAME.txt`` gives the same keys as a JSON object.
``ReadSettings`` carries ``kg ingest --outlet/--published`` (for articles that lack them) and
the size limit of one article.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, shown_path, unencodable
from kg.records import Article

META_KEYS = ("outlet", "published", "title", "url", "id")
SIDECAR_SUFFIX = ".meta.json"
MAX_ARTICLE_MB = 10.0  # default for reading and segmenting; $KG_MAX_ARTICLE_MB or --max-article-mb change it
# Default when the model runs (kg annotate, kg ingest): annotating and storing an article costs
# about 0.75 GB per MB of text on top of the model's 0.7 GB, so 1 MB keeps ingest under 1.5 GB.
MODEL_MAX_ARTICLE_MB = 1.0
_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
_LINE = re.compile(r"^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$")


def default_max_mb(model: bool = False) -> float:
    """$KG_MAX_ARTICLE_MB, else MODEL_MAX_ARTICLE_MB when the model runs, else MAX_ARTICLE_MB."""
    fallback = MODEL_MAX_ARTICLE_MB if model else MAX_ARTICLE_MB
    try:
        return float(os.environ.get("KG_MAX_ARTICLE_MB") or fallback)
    except ValueError:
        return fallback


@dataclass(frozen=True)
class ReadSettings:
    """How inputs are read: metadata for articles that lack it, and the largest article accepted."""

    outlet: str | None = None
    published: str | None = None
    max_mb: float = dataclasses.field(default_factory=default_max_mb)

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1_000_000)

    def too_big(self, where: str, size: int) -> InputError:
        return InputError(
            where,
            f"{size / 1e6:.1f} MB is over the limit of {self.max_mb:g} MB for one article",
            "split it, or raise the limit with --max-article-mb or $KG_MAX_ARTICLE_MB",
        )

    def apply(self, article: Article) -> Article:
        """The article with the command line's outlet and date where it has none."""
        missing = {
            key: value
            for key, value in (("outlet", self.outlet), ("published", self.published))
            if value and not getattr(article, key)
        }
        return dataclasses.replace(article, **missing) if missing else article


def front_matter(text: str, where: str) -> tuple[dict[str, str], str]:
    """The front matter's keys and the text after the block (the text itself when there is none)."""
    match = _FRONT.match(text[:65_536])
    if match is None:
        return {}, text
    meta = {}
    for line in match.group(1).splitlines():
        found = _LINE.match(line)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if found is None:
            raise InputError(where, f"front matter line {line.strip()[:60]!r} is not 'key: value'")
        key, value = found.group(1).lower(), found.group(2).strip("\"'")
        if key in META_KEYS and value:
            meta[key] = value
    return meta, text[match.end() :]


def sidecar(path: Path) -> dict[str, str]:
    """The keys of ``NAME.meta.json`` beside ``NAME.txt`` (empty when there is none)."""
    side = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not side.is_file():
        return {}
    where = shown_path(side)
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(where, f"sidecar is not JSON in UTF-8: {exc}", "fix it or remove it") from None
    if not isinstance(data, dict):
        raise InputError(where, "sidecar must be a JSON object with outlet, published, title, url")
    meta = {k: str(v).strip() for k, v in data.items() if k in META_KEYS and v not in (None, "")}
    for key, value in meta.items():
        if unencodable(value) is not None:
            raise InputError(where, f"field {key!r} holds a lone surrogate, which is not valid Unicode")
    return meta


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SIDECAR_SUFFIX)
