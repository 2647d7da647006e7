"""Walk files, folders and standard input, and stream Article records out of them.

Every problem is reported through a ``Diagnostics`` object and the walk goes on, so
that one bad file or line never stops the others.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError
from kg.ingest import formats
from kg.ingest.decode import decode
from kg.ingest.ids import text_digest
from kg.records import Article

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
GOLD_SUFFIX = ".gold.jsonl"  # annotations of an input beside it, not an input: skipped in folders
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


@dataclass
class Diagnostics:
    """Errors and warnings met while reading; ``sink`` shows each as it happens."""

    sink: Callable[[str], None] | None = None
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def error(self, exc: InputError) -> None:
        self.errors.append(exc)
        if self.sink:
            self.sink(f"error: {exc.line()}")

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.sink:
            self.sink(f"warning: {message}")


def _files(paths: Iterable[str], diag: Diagnostics) -> Iterator[str | Path]:
    for name in paths:
        if name == "-":
            yield name
            continue
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in KNOWN_SUFFIXES
                and not p.name.endswith(GOLD_SUFFIX)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                diag.error(InputError(name, "folder holds no .txt, .md, .json, .jsonl or .html file"))
            yield from found
        elif path.is_file():
            yield path
        else:
            diag.error(InputError(name, "no such file or folder"))


def _sniff(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"<":
        return "html"
    if start == b"[":
        return "json"
    if start == b"{":
        lines = [ln for ln in head.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines[:3]) else "json"
    return "text"


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("html", HTML_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    return None


def _decoded(data: bytes, where: str, diag: Diagnostics) -> str | InputError:
    """The bytes as text (a repaired encoding is warned about), or the error that says why not."""
    try:
        text, warning = decode(data, where)
    except InputError as exc:
        return exc
    if warning:
        diag.warn(warning)
    return text


def _jsonl(stream: BinaryIO, where: str, diag: Diagnostics) -> Iterator[Article | InputError]:
    """One line at a time, so a file of any size streams in bounded memory."""
    for lineno, raw in enumerate(stream, 1):
        if not raw.strip():
            continue
        here = f"{where}:{lineno}"
        line = _decoded(raw, here, diag)
        yield line if isinstance(line, InputError) else formats.from_json_line(line, here, where)


def _read_one(item: str | Path, diag: Diagnostics) -> Iterator[Article | InputError]:
    where = "<stdin>" if item == "-" else str(item)
    if item == "-":
        data = sys.stdin.buffer.read()
        kind = _sniff(data[:4096])
    else:
        kind = _kind(Path(item))
        if kind == "jsonl":
            with open(item, "rb") as stream:
                yield from _jsonl(stream, where, diag)
            return
        data = Path(item).read_bytes()
        kind = kind or _sniff(data[:4096])
    if kind == "jsonl":
        yield from _jsonl(io.BytesIO(data), where, diag)
        return
    if not data.strip():
        yield InputError(where, "empty file", "give a file with article text")
        return
    text = _decoded(data, where, diag)
    if isinstance(text, InputError):
        yield text
        return
    try:
        if kind == "json":
            yield from formats.from_json_document(text, where, where)
        elif kind == "html":
            yield formats.from_html(text, where, where)
        else:
            yield formats.from_text(text, where, where)
    except InputError as exc:
        yield exc


def read_articles(paths: Iterable[str], diag: Diagnostics | None = None) -> Iterator[Article]:
    """Articles from files, folders (recursively) and ``-`` (standard input), in order.

    An exact repeat of an article already read (same id, same text) is skipped with a
    warning; a different article under an id already used is an error and is skipped,
    so the first one read is never overwritten.
    """
    diag = diag or Diagnostics()
    seen: dict[str, tuple[str, str]] = {}
    for item in _files(paths, diag):
        try:
            for result in _read_one(item, diag):
                if isinstance(result, InputError):
                    diag.error(result)
                    continue
                digest = text_digest(result.text)
                first = seen.get(result.id)
                if first is None:
                    seen[result.id] = (digest, result.source or "")
                    yield result
                elif first[0] == digest:
                    diag.warn(
                        f"{result.source}: article {result.id} repeats one read from {first[1]}; skipped"
                    )
                else:
                    diag.error(
                        InputError(
                            str(result.source),
                            f"article id {result.id!r} is already used by a different article in {first[1]}",
                            "give each article its own id; this one was skipped",
                        )
                    )
        except OSError as exc:
            diag.error(InputError(str(item), f"cannot read: {exc.strerror or exc}"))
