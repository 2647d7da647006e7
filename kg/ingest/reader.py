"""Walk files, folders and standard input, and stream Article records out of them.

Every problem is reported through a ``Diagnostics`` object and the walk goes on, so
that one bad file or line never stops the others.
"""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from kg.errors import InputError, shown_path
from kg.ingest import formats
from kg.ingest.decode import decode
from kg.ingest.ids import text_digest
from kg.ingest.meta import ReadSettings, front_matter, is_sidecar, sidecar
from kg.records import Article

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
GOLD_SUFFIX = ".gold.jsonl"  # annotations of an input beside it, not an input: skipped in folders
HTML_ALLOWANCE = 10  # an HTML page may be this many times the article limit: most of it is markup
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
        shown = shown_path(name)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in KNOWN_SUFFIXES
                and not p.name.endswith(GOLD_SUFFIX)
                and not is_sidecar(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                diag.error(InputError(shown, "folder holds no .txt, .md, .json, .jsonl or .html file"))
            yield from found
        elif path.is_file():
            yield path
        else:
            diag.error(InputError(shown, "no such file or folder", "check the path"))


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


def _lines(stream: BinaryIO, limit: int) -> Iterator[tuple[bytes, int]]:
    """(line, size) of each line; a line over ``limit`` bytes is skipped in chunks and given as b""."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        size = len(raw)
        if size > limit and not raw.endswith(b"\n"):
            raw = b""
            while (chunk := stream.readline(1 << 20)) and not chunk.endswith(b"\n"):
                size += len(chunk)
            size += len(chunk)
        yield raw, size


def _jsonl(
    stream: BinaryIO, where: str, diag: Diagnostics, settings: ReadSettings
) -> Iterator[Article | InputError]:
    """One line at a time, each at most the article size limit, so any file streams in bounded memory."""
    for lineno, (raw, size) in enumerate(_lines(stream, settings.max_bytes), 1):
        here = f"{where}:{lineno}"
        if size > settings.max_bytes:
            yield settings.too_big(here, size)
            continue
        if not raw.strip():
            continue
        line = _decoded(raw, here, diag)
        if isinstance(line, InputError):
            yield line
            continue
        try:
            yield formats.from_json_line(line, here, where)
        except Exception as exc:  # one record's problem never ends the file
            yield InputError(
                here, f"record not readable: {type(exc).__name__}: {exc}", "fix or remove the line"
            )


class _Prefixed(io.RawIOBase):
    """Bytes already read (to sniff the format), then the rest of a stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        data = self.head[: len(buffer)] if self.head else self.rest.read1(len(buffer))
        self.head = self.head[len(data) :]
        buffer[: len(data)] = data
        return len(data)


def _raw_input(
    item: str | Path, where: str, diag: Diagnostics, settings: ReadSettings
) -> Iterator[Article | InputError | tuple[str | None, bytes]]:
    """Streamed JSON Lines articles, a refusal, or else one (kind, bytes) read within the size limit."""
    if item == "-":
        stdin = sys.stdin.buffer
        head = stdin.read(4096)
        kind = _sniff(head)
        if kind == "jsonl":  # streamed, a line at a time, like a file
            yield from _jsonl(io.BufferedReader(_Prefixed(head, stdin)), where, diag, settings)
            return
        limit = settings.max_bytes * HTML_ALLOWANCE
        data = head + stdin.read(limit + 1 - len(head))
        if len(data) > limit:
            yield InputError(
                where,
                f"more than {limit / 1e6:g} MB that is not JSON Lines, over the limit for one article",
                "give one article a line (JSON Lines), or raise --max-article-mb",
            )
            return
        yield kind, data
        return
    kind = _kind(Path(item))
    if kind == "jsonl":
        with open(item, "rb") as stream:
            yield from _jsonl(stream, where, diag, settings)
        return
    size = Path(item).stat().st_size
    if kind in ("text", "html") and size > settings.max_bytes * (HTML_ALLOWANCE if kind == "html" else 1):
        yield settings.too_big(where, size)
        return
    yield kind, Path(item).read_bytes()


def _read_one(item: str | Path, diag: Diagnostics, settings: ReadSettings) -> Iterator[Article | InputError]:
    where = "<stdin>" if item == "-" else shown_path(item)
    for found in _raw_input(item, where, diag, settings):
        if not isinstance(found, tuple):
            yield found
            continue
        kind, box = found[0] or _sniff(found[1][:4096]), [found[1]]
        del found  # the bytes live in the box only, so they are freed once decoded
        yield from _parsed(item, kind, box, where, diag, settings)


def _parsed(
    item: str | Path, kind: str, box: list[bytes], where: str, diag: Diagnostics, settings: ReadSettings
) -> Iterator[Article | InputError]:
    """The articles of one input's bytes (handed over in ``box``), once its format is known."""
    data = box.pop()
    if kind == "jsonl":
        yield from _jsonl(io.BytesIO(data), where, diag, settings)
        return
    if not data.strip():
        yield InputError(where, "empty file", "give a file with article text")
        return
    text = _decoded(data, where, diag)
    del data
    if isinstance(text, InputError):
        yield text
        return
    try:
        if kind == "json":
            yield from formats.from_json_document(text, where, where)
        elif kind == "html":
            yield formats.from_html(text, where, where, warn=diag.warn)
        else:
            meta, body = front_matter(text, where)
            if item != "-":
                meta = {**sidecar(Path(item)), **meta}
            yield formats.from_text(body, where, where, meta)
    except InputError as exc:
        yield exc


def read_articles(
    paths: Iterable[str], diag: Diagnostics | None = None, settings: ReadSettings | None = None
) -> Iterator[Article]:
    """Articles from files, folders (recursively) and ``-`` (standard input), in order.

    An exact repeat of an article already read (same id, same text) is skipped with a
    warning; a different article under an id already used is an error and is skipped,
    so the first one read is never overwritten. ``settings`` fill in a missing outlet and
    date and set the largest article read (kg.ingest.meta).
    """
    diag = diag or Diagnostics()
    settings = settings or ReadSettings()
    seen: dict[str, tuple[str, str]] = {}
    for item in _files(paths, diag):
        try:
            for result in _read_one(item, diag, settings):
                if not isinstance(result, InputError) and len(result.text) > settings.max_bytes:
                    result = settings.too_big(f"{result.source}: article {result.id}", len(result.text))
                if isinstance(result, InputError):
                    diag.error(result)
                    continue
                digest = text_digest(result.text)
                first = seen.get(result.id)
                if first is None:
                    seen[result.id] = (digest, result.source or "")
                    yield settings.apply(result)
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
            diag.error(InputError(shown_path(item), f"cannot read: {exc.strerror or exc}"))
        except (ValueError, RecursionError, MemoryError) as exc:  # one file's problem never ends the run
            diag.error(InputError(shown_path(item), f"cannot read: {type(exc).__name__}: {exc}"))


def count_articles(paths: Iterable[str]) -> int | None:
    """About how many articles ``paths`` hold (JSON Lines: their lines; other files: one), for a progress bar.

    None when standard input is among them (it can be read only once).
    """
    if "-" in paths:
        return None
    total = 0
    for item in _files(paths, Diagnostics()):
        if _kind(Path(item)) != "jsonl":
            total += 1
            continue
        with contextlib.suppress(OSError), open(item, "rb") as stream:
            last = b"\n"
            while chunk := stream.read(1 << 20):
                total += chunk.count(b"\n")
                last = chunk[-1:]
            total += last != b"\n"
    return total
