"""HTML main-text extraction within a budget of size and time, with a plain-text fallback.

trafilatura's extraction time grows faster than the page: a 20 MB page took over ten
minutes. Pages over ``HTML_FULL_MB`` go straight to the plain-text reading, and an
extraction still running after ``HTML_SECONDS`` is stopped and the page read that way.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from typing import Any

HTML_FULL_MB = 2.0
HTML_SECONDS = 20.0

_DROP = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_BLOCKS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 article section header footer blockquote pre table ul ol dd dt".split()
)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_BLANK = re.compile(r"\n\s*\n\s*")


class ExtractionBudget(Exception):
    """The page is too large, or took too long, for main-text extraction."""


def extract(html: str, seconds: float = HTML_SECONDS, max_mb: float = HTML_FULL_MB) -> Any:
    """trafilatura's document (text and metadata), or ExtractionBudget when over the budget."""
    if len(html) > max_mb * 1_000_000:
        raise ExtractionBudget(
            f"page of {len(html) / 1e6:.1f} MB is over the {max_mb:g} MB extraction budget"
        )
    import trafilatura  # imported here: it is slow to import and only HTML needs it

    with _deadline(seconds):
        return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)


class _deadline:
    """Raise ExtractionBudget in this (main) thread after ``seconds``; an outer alarm is kept."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread()

    def _expire(self, *_: object) -> None:
        raise ExtractionBudget(f"extraction took over its {self.seconds:g} s budget")

    def __enter__(self) -> None:
        if self.armed:
            self.start = time.monotonic()
            self.handler = signal.signal(signal.SIGALRM, self._expire)
            self.outer = signal.setitimer(signal.ITIMER_REAL, self.seconds)[0]

    def __exit__(self, *_: object) -> None:
        if not self.armed:
            return
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.handler)
        if self.outer:  # someone else's alarm: give it back what is left of it
            signal.setitimer(signal.ITIMER_REAL, max(self.outer - (time.monotonic() - self.start), 0.001))


def plain_text(html: str) -> str:
    """The page's visible text, one line per block element (linear in the page; no entities fetched)."""
    import lxml.html
    from lxml import etree

    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(html, parser=parser)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, *_DROP, with_tail=False)
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS:
                parts.append("\n")
            if element.text:
                parts.append(element.text)
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if element.tail:
                parts.append(element.tail)
    text = _SPACES.sub(" ", "".join(parts))
    return _BLANK.sub("\n\n", text).strip()
