"""Small helpers the templates use: text XML can hold, IRIs shown short, the stance chart's bars."""

from __future__ import annotations

from kg.export import xml_safe
from kg.graph.prefixes import compact
from kg.web.data import STANCES


def clean(text: str) -> str:
    """Text without the control characters HTML and XML 1.0 forbid."""
    return xml_safe(text)


def display_iri(iri: str) -> str:
    """An IRI as a prefixed name when one reads back, else whole."""
    short = compact(iri)
    return short[1:-1] if short.startswith("<") else short


def stance_chart(counts: dict[str, dict[str, int]], height: int = 120) -> dict:
    """Stacked bars (one per month, a segment per stance) as SVG coordinates, for the agent page."""
    months = sorted(counts)
    top = max((sum(c.values()) for c in counts.values()), default=0)
    width = 28
    bars = []
    for k, month in enumerate(months):
        y, segments = float(height), []
        for stance in STANCES:
            n = counts[month].get(stance, 0)
            if n:
                h = height * n / top
                y -= h
                segments.append({"stance": stance, "n": n, "y": round(y, 1), "h": round(h, 1)})
        bars.append({"month": month, "x": 40 + k * (width + 6), "w": width, "segments": segments,
                     "total": sum(counts[month].values())})  # fmt: skip
    return {"bars": bars, "height": height, "width": 80 + len(months) * (width + 6), "top": top}


def http_url(url: str) -> str:
    """``url`` when it is an http(s) address (safe to link to), else ""."""
    return url if url.lower().startswith(("http://", "https://")) else ""
