"""A claim's sentence cut into spans for the page: the speaker's mention and the cue marked."""

from __future__ import annotations


def marked(sentence: str, start: int, mention: tuple[int, int] | None, cue: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of ``sentence`` (which starts at ``start`` in the article): kind is
    ``speaker``, ``cue`` or ``""``. The mention comes from its offsets; the cue, written without
    offsets, is its first occurrence outside the mention."""
    marks: list[tuple[int, int, str]] = []
    if mention is not None:
        a, b = mention[0] - start, mention[1] - start
        if 0 <= a < b <= len(sentence):
            marks.append((a, b, "speaker"))
    if cue:
        at = sentence.find(cue)
        while at >= 0 and any(a < at + len(cue) and at < b for a, b, _ in marks):
            at = sentence.find(cue, at + 1)
        if at >= 0:
            marks.append((at, at + len(cue), "cue"))
    out, pos = [], 0
    for a, b, kind in sorted(marks):
        out += [("", sentence[pos:a]), (kind, sentence[a:b])]
        pos = b
    out.append(("", sentence[pos:]))
    return [(k, t) for k, t in out if t]
