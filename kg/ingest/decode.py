"""Bytes to text, with a clear decision for every kind of unusable or legacy input."""

from __future__ import annotations

from kg.errors import InputError

# Control characters other than tab, line feed, form feed and carriage return.
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes, or many control characters."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls > max(4, len(sample) // 100)


def decode(data: bytes, where: str) -> tuple[str, str | None]:
    """Text of a file's bytes, and a warning when it was not clean UTF-8.

    UTF-8 (with or without a byte-order mark) is read as is. Other bytes are read as
    Windows-1252, the usual legacy encoding of Western news sites, with a warning;
    bytes that are not even that are replaced (U+FFFD), also with a warning, so one
    bad byte never costs a whole article. Offsets are in the decoded text.
    """
    if looks_binary(data):
        raise InputError(where, "binary data, not text", "give a text, JSON or HTML file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
            warning = f"{where}: not UTF-8 (byte {exc.start}); read as Windows-1252"
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
            warning = f"{where}: invalid UTF-8 (byte {exc.start}); bad bytes replaced by U+FFFD"
        return text, warning
    return text, None
