"""Stable article ids: the same article gets the same id on every run and machine."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$")
_SPACE = re.compile(r"\s+")


def _digest(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\x00{value}".encode()).hexdigest()[:16]


def normalise_text(text: str) -> str:
    """NFC, whitespace runs folded to one space: re-wrapping or CRLF keep the id."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise_url(url: str) -> str:
    """Lower-case scheme and host, no fragment, no tracking parameters, no trailing slash."""
    parts = urlsplit(url.strip())
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith("utm_")]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, urlencode(query), ""))


def article_id(text: str, meta_id: object = None, url: str | None = None) -> str:
    """The metadata id if usable as is, else a hash of the url, else of the normalised text."""
    if meta_id not in (None, ""):
        raw = str(meta_id).strip()
        return raw if _SAFE_ID.match(raw) else _digest("id", raw)
    if url:
        return _digest("url", normalise_url(url))
    return _digest("text", normalise_text(text))


def text_digest(text: str) -> str:
    """Fingerprint of an article's content, to tell a repeat from a different article."""
    return _digest("text", normalise_text(text))
