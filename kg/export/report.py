"""One self-contained HTML page of every claim: who said it, through whom, whose position, which stance.

Grouped by article; inline CSS, no scripts and no external links, every text escaped, so
the file reads the same from a disk, a mail attachment or a web server.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from kg.export import STANCE_COLOURS, STANCES, Claim, Filters, Selection, load, short
from kg.graph.local import LocalStore

_CSS = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
.meta, .legend { color: #555; font-size: .9rem; }
.claim { border-left: 4px solid #ccc; padding: .3rem .8rem; margin: 1rem 0; }
.claim blockquote { margin: .2rem 0 .4rem; font-style: italic; }
.stance { display: inline-block; padding: 0 .45rem; border-radius: .6rem; color: #fff; font-size: .8rem; }
dl { display: grid; grid-template-columns: max-content auto; gap: .1rem .8rem; margin: 0; font-size: .9rem; }
dt { color: #555; } dd { margin: 0; }
"""


def write_report(store: LocalStore, path: str | Path, filters: Filters | None = None) -> int:
    """Write the report of the (filtered) store to ``path``; returns the number of claims."""
    sel = load(store, filters)
    Path(path).write_text(render(sel), encoding="utf-8")
    return len(sel.claims)


def render(sel: Selection) -> str:
    """The HTML page of a selection."""
    page = _Page(sel)
    body = [
        "<h1>Who said what</h1>",
        f'<p class="meta">{len(sel.claims)} claim(s) in {len(page.by_article)} article(s).</p>',
        _legend(),
    ]
    body += [page.article(iri) for iri in sel.articles if iri in page.by_article]
    if not sel.claims:
        body.append("<p>No claims in the store (or none the filters keep).</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>kg report: who said what</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n" + "\n".join(body) + "\n</body>\n</html>\n"
    )


def _legend() -> str:
    badges = " ".join(_badge(s) for s in STANCES)
    return (
        f'<p class="legend">Stances: {badges}. "Via" lists the intermediaries the article names, '
        "the one nearest the article first.</p>"
    )


def _badge(stance: str) -> str:
    colour = STANCE_COLOURS.get(stance, "#000000")
    return f'<span class="stance" style="background:{colour}">{escape(stance)}</span>'


class _Page:
    """A selection indexed for the page: claims by article and by IRI, counters both ways."""

    def __init__(self, sel: Selection) -> None:
        self.sel = sel
        self.anchors = {c.iri: f"c{n}" for n, c in enumerate(sel.claims, 1)}
        self.by_iri = {c.iri: c for c in sel.claims}
        self.by_article: dict[str, list[Claim]] = {}
        for claim in sel.claims:
            self.by_article.setdefault(claim.article, []).append(claim)
        self.counters: dict[str, list[str]] = {}
        self.countered_by: dict[str, list[str]] = {}
        for a, b in sel.counters:
            self.counters.setdefault(a, []).append(b)
            self.countered_by.setdefault(b, []).append(a)

    def article(self, iri: str) -> str:
        article = self.sel.articles[iri]
        meta = " · ".join(
            escape(part)
            for part in (
                f"article {article.id}",
                article.outlet or "unknown outlet",
                article.date or "no date",
            )
        )
        title = escape(article.title) if article.title else f"Article {escape(article.id)}"
        parts = [f'<section>\n<h2>{title}</h2>\n<p class="meta">{meta}</p>']
        parts += [self.claim(claim) for claim in self.by_article[iri]]
        parts.append("</section>")
        return "\n".join(parts)

    def claim(self, claim: Claim) -> str:
        sel = self.sel
        rows = [("said by", _speaker(sel, claim))]
        if claim.via:
            rows.append(("via", " → ".join(escape(sel.name(hop)) for hop in claim.via)))
        holder = escape(sel.name(claim.holder)) if claim.holder else "—"
        rows.append(("position of", f"{holder} {_badge(claim.stance)}"))
        if claim.text != claim.sentence:
            rows.append(("claim", escape(claim.text)))
        for label, others in (
            ("counters", self.counters.get(claim.iri, [])),
            ("countered by", self.countered_by.get(claim.iri, [])),
        ):
            if others:
                rows.append((label, "<br>".join(self.link(other) for other in others)))
        where = f"sentence {claim.index + 1} of article {sel.articles[claim.article].id}"
        rows.append(("from", escape(where)))
        items = "\n".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
        colour = STANCE_COLOURS.get(claim.stance, "#000000")
        return (
            f'<div class="claim" id="{self.anchors[claim.iri]}" style="border-color:{colour}">\n'
            f"<blockquote>{escape(claim.sentence)}</blockquote>\n<dl>\n{items}\n</dl>\n</div>"
        )

    def link(self, iri: str) -> str:
        other = self.by_iri[iri]
        who = self.sel.name(other.speaker) or self.sel.name(other.holder) or "unattributed"
        text = f"{who}: {short(other.text)}"
        return f'<a href="#{self.anchors[iri]}">{escape(text)}</a> {_badge(other.stance)}'


def _speaker(sel: Selection, claim: Claim) -> str:
    if not claim.speaker:
        return "— (no attribution)"
    text = escape(sel.name(claim.speaker))
    if claim.mention and claim.mention != sel.name(claim.speaker):
        text += f" (“{escape(claim.mention)}”)"
    if claim.cue:
        text += f", cue “{escape(claim.cue)}”"
    if claim.channel:
        text += f", in {escape(claim.channel)}"
    if claim.confidence:
        text += f", confidence {claim.confidence:.2f}"
    return text
