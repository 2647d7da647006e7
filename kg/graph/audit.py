"""The named audit queries: one .rq file each, with a header saying what it answers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class AuditQuery:
    name: str
    answers: str
    params: str
    text: str


def _header(text: str, key: str) -> str:
    prefix = f"# {key}:"
    return next((line[len(prefix) :].strip() for line in text.splitlines() if line.startswith(prefix)), "")


def audit_queries() -> dict[str, AuditQuery]:
    """Every named query, by name."""
    out = {}
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        name = _header(text, "name") or path.stem
        out[name] = AuditQuery(name, _header(text, "answers"), _header(text, "params"), text)
    return out
