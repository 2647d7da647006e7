"""One reader per input format, each turning decoded input into Article records."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

from kg.errors import InputError, unencodable
from kg.ingest.ids import article_id
from kg.records import Article
from kg.segment.boilerplate import is_noise_line, outlet_from_lines

# Field names used by common news scrapers (news-please, newspaper, NewsAPI, GDELT dumps).
TEXT_FIELDS = ("text", "body", "maintext", "content", "article", "full_text", "articleBody")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
OUTLET_FIELDS = ("outlet", "source_domain", "source", "publisher", "sitename", "site_name")
DATE_FIELDS = ("date_publish", "published", "date", "published_at", "publishedAt", "pubDate", "datePublished")
LIST_FIELDS = ("articles", "items", "data", "results")


def _first(rec: dict[str, Any], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = rec.get(name)
        if isinstance(value, dict):  # NewsAPI: "source": {"id": ..., "name": ...}
            value = value.get("name")
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def from_record(rec: object, where: str, source: str) -> Article:
    """An Article from one JSON record with scraper field names."""
    if not isinstance(rec, dict):
        raise InputError(where, f"expected a JSON object, found {type(rec).__name__}")
    _check_unicode(rec, where)
    text = next((rec[n] for n in TEXT_FIELDS if isinstance(rec.get(n), str)), None)
    if text is None or not text.strip():
        raise InputError(
            where, "record has no article text", f"put it in one of: {', '.join(TEXT_FIELDS[:4])}"
        )
    url = _first(rec, URL_FIELDS)
    return Article(
        id=article_id(text, rec.get("id"), url),
        text=text,
        title=_first(rec, TITLE_FIELDS),
        url=url,
        outlet=_first(rec, OUTLET_FIELDS) or outlet_from_lines(text),
        published=_first(rec, DATE_FIELDS),
        source=source,
    )


def _check_unicode(rec: dict[str, Any], where: str) -> None:
    """A lone surrogate (``"\\ud800"`` in JSON) is not text: the record is refused, naming the field."""
    for name, value in rec.items():
        if isinstance(value, dict):  # NewsAPI's "source": {"name": ...}
            value = value.get("name")
        if isinstance(value, str) and (pos := unencodable(value)) is not None:
            raise InputError(
                where,
                f"field {name!r} holds a lone surrogate (U+{ord(value[pos]):04X}) at character {pos}, "
                "which is not valid Unicode",
                "fix the escape in the record; this record was skipped",
            )


def from_text(text: str, where: str, source: str, meta: dict[str, str] | None = None) -> Article:
    """An Article from plain text or Markdown: the first short line is taken as the title.

    ``meta`` (front matter, a sidecar file: kg.ingest.meta) gives outlet, date, title, url, id.
    """
    if not text.strip():
        raise InputError(where, "empty file", "give a file with article text")
    meta = meta or {}
    first = next((line.strip() for line in text[:4096].splitlines() if line.strip()), "")
    title = first.lstrip("# ").strip() if len(first) <= 200 and not is_noise_line(first) else None
    return Article(
        id=article_id(text, meta.get("id"), meta.get("url")),
        text=text,
        title=meta.get("title") or title,
        url=meta.get("url"),
        outlet=meta.get("outlet") or outlet_from_lines(text),
        published=meta.get("published"),
        source=source,
    )


def from_html(html: str, where: str, source: str, warn: Callable[[str], None] = lambda _: None) -> Article:
    """An Article from an HTML page through trafilatura's main-text extraction, within a budget.

    A page over HTML_FULL_MB, or one that trafilatura cannot finish in HTML_SECONDS, is read
    as plain text (kg.ingest.html), with a warning.
    """
    from kg.ingest.html import ExtractionBudget, extract, plain_text

    try:
        doc = extract(html)
    except ExtractionBudget as budget:
        warn(f"{where}: {budget}; read as plain text (no boilerplate removal, no metadata)")
        return from_text(plain_text(html), where, source)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(where, "no article text found in the HTML page", "is it an article page?")
    url = getattr(doc, "url", None)
    return Article(
        id=article_id(text, None, url),
        text=text,
        title=getattr(doc, "title", None),
        url=url,
        outlet=getattr(doc, "sitename", None) or outlet_from_lines(text),
        published=getattr(doc, "date", None),
        source=source,
    )


def from_json_document(data: str, where: str, source: str) -> Iterator[Article | InputError]:
    """Articles of a JSON document: one object, a list of objects, or {"articles": [...]}."""
    try:
        doc = json.loads(data)
    except json.JSONDecodeError as exc:
        yield InputError(f"{where}:{exc.lineno}", f"malformed JSON: {exc.msg} (column {exc.colno})")
        return
    except RecursionError:
        yield InputError(where, "JSON nested too deeply to be an article record")
        return
    if isinstance(doc, dict):
        key = next((k for k in LIST_FIELDS if isinstance(doc.get(k), list)), None)
        records = doc[key] if key and not any(isinstance(doc.get(n), str) for n in TEXT_FIELDS) else [doc]
    elif isinstance(doc, list):
        records = doc
    else:
        yield InputError(where, "JSON holds neither an object nor a list of objects")
        return
    for i, rec in enumerate(records):
        here = where if len(records) == 1 else f"{where} [record {i}]"
        try:
            yield from_record(rec, here, source)
        except InputError as exc:
            yield exc


def from_json_line(line: str, where: str, source: str) -> Article | InputError:
    """The Article of one JSON Lines line, or the error that says what is wrong with it."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(where, f"malformed JSON: {exc.msg} (column {exc.colno})", "fix or remove the line")
    except RecursionError:
        return InputError(where, "JSON nested too deeply to be an article record", "fix or remove the line")
    try:
        return from_record(rec, where, source)
    except InputError as exc:
        return exc
