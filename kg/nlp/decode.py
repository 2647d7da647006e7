"""From raw model output to annotation-format sentences: choose, resolve, carry over."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from kg.nlp import labels as L
from kg.nlp.confidence import RowMap, row_confidence
from kg.nlp.describe import describe
from kg.nlp.infer import RawSentence, TaggedSpan
from kg.nlp.resolve import DETERMINERS, UNNAMED, ArticleResolver
from kg.nlp.resolve_span import names_a_site
from kg.records import AnnotatedSentence, Description, Span

SPAN_THRESHOLD = 0.5
# A row whose (calibrated) confidence is below this is marked "uncertain": more likely wrong than right.
# The audit queries (kg/graph/queries/who-said-what.rq) use the same figure.
UNCERTAIN_BELOW = 0.5
VIA_THRESHOLD = 0.7  # chosen on dev: a wrong intermediary costs more than a missed one
# Unnamed people a named body quoted ("sources quoted by Yuyuan Tantian", "EU diplomats cited by the
# newsletter EuroCorridor"): the people are the speaker, the body the first intermediary.
_QUOTED_BY = re.compile(
    r"(?:^|\b(?i:the|some|according\s+to)\s+)(?P<who>(?:[A-Z]{2,}\s+|[a-z][a-z\-]*\s+){0,2}?"
    r"(?:sources?|officials?|people|insiders?|analysts?|diplomats?|executives?|aides?))"
    r"\s+(?:quoted|cited|interviewed|contacted|consulted)\s+by\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}$",
)
# What stands between a speaker's name and a tagged intermediary when the "intermediary" is the
# speaker's own apposition ("Yuyuan Tantian, a Chinese media outlet"), and what opens a body the
# speaker belongs to rather than one that passed the words on ("affiliated with state broadcaster CCTV").
_APPOSITION = re.compile(r"\s*,\s*(?:(?:an?|the)\s+)?")
_TIE = re.compile(
    r"\b(?:affiliated|associated|linked|allied|aligned|owned|backed|funded|run|controlled)\s+(?:with|to|by)"
    r"(?:\s+[a-z][\w\-]*){0,3}\s*$"
)
_AGENT_LAYERS = ("speaker", "holder", "via")
_GLUE = re.compile(r"\s*|[-\u2010]\w*\s*")  # spaces, or the rest of a hyphenated word ("Suva-based ")
_DETERMINERS = frozenset({d.strip() for d in DETERMINERS} | {"a", "an"})
# the words after a determiner: capitalised ones in a row ("Daily Hive"), else one word
_NEXT_WORDS = re.compile(r"[^\S\n]+((?:[A-Z][\w-]*)(?:[^\S\n]+[A-Z][\w-]*)*|[a-z][\w-]*)")
# nouns that stand for a body or a role, or for the document a body issued ("the complaint pointed out")
_BODY_NOUNS = frozenset(
    "report study complaint book memoir statement letter filing paper research researchers team "
    "council website survey lawsuit ruling court police company ministry government agency committee "
    "commission board department campaign party spokesman spokeswoman spokesperson official officials "
    "source sources lawyer witness witnesses".split()
)
_TURN = re.compile(r"\s*\(\([^()]+\)\)")  # an interview's turn: "((Wikinews)) ...", "((Jaya)) ..."
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")  # "U.S.", "U.K.": one word with its dots


def _best(spans: Sequence[TaggedSpan]) -> TaggedSpan | None:
    good = [s for s in spans if s.score >= SPAN_THRESHOLD]
    return max(good, key=lambda s: s.score) if good else None


def to_words(text: str, spans: Sequence[TaggedSpan]) -> tuple[TaggedSpan, ...]:
    """Clean tagged spans: widen to whole words (a dotted abbreviation is one), join spans that touch,
    drop punctuation-only ones."""
    out: list[TaggedSpan] = []
    for s in sorted(spans, key=lambda s: s.start):
        start, end, score = s.start, s.end, s.score
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
            end += 1
        for m in _DOTTED.finditer(text, max(0, start - 8), min(len(text), end + 8)):
            if m.start() < end and start < m.end():  # a span cut inside "U.S." takes the whole of it
                start, end = min(start, m.start()), max(end, m.end())
        if not any(ch.isalnum() for ch in text[start:end]):
            continue
        if out and _GLUE.fullmatch(text[out[-1].end : start]):  # touching pieces of one mention
            prev = out.pop()
            start, end, score = prev.start, max(prev.end, end), (prev.score + score) / 2
        out.append(TaggedSpan(start, end, score))
    return tuple(out)


def _past_determiner(text: str, s: TaggedSpan) -> TaggedSpan:
    """A span that is only a determiner takes the name after it ("the" -> "the Daily Hive"), or the
    one noun after it that names a body, a role or a document ("the" -> "the complaint"), unless
    that is a possessive ("the council's general secretary")."""
    if text[s.start : s.end].lower() not in _DETERMINERS:
        return s
    found = _NEXT_WORDS.match(text, s.end)
    if found is None:
        return s
    words, possessive = found.group(1), text.startswith(("'s", "’s"), found.end(1))
    if possessive or (words[0].islower() and words not in _BODY_NOUNS):
        return s
    return TaggedSpan(s.start, found.end(1), s.score)


def _words(text: str, layer: str, spans: Sequence[TaggedSpan]) -> tuple[TaggedSpan, ...]:
    """A layer's spans as whole words (``to_words``); of who speaks, holds or passes a claim on,
    a lone determiner takes the words it opens, and none the text introduces as a site ("from
    this other site Pech-de-l’Azé") counts."""
    found = to_words(text, spans)
    if layer in _AGENT_LAYERS:
        found = tuple(_past_determiner(text, s) for s in found)
        return tuple(s for s in found if not names_a_site(text, s.start, s.end))
    return found


def _argmax(probs: Sequence[float], inventory: Sequence[str]) -> tuple[str, float]:
    i = max(range(len(probs)), key=probs.__getitem__)
    return inventory[i], probs[i]


def _span(s: TaggedSpan | None) -> Span | None:
    return None if s is None else Span(s.start, s.end)


def decode_article(
    text: str, spans: Sequence[tuple[int, int]], raw: Sequence[RawSentence], rows: RowMap | None = None
) -> tuple[AnnotatedSentence, ...]:
    """One article's sentences with every label filled, plus ``confidence`` and ``uncertain``.

    ``rows`` maps the heads' product to a row confidence (kg.nlp.confidence.row_map of the model).
    """
    resolver = ArticleResolver(text)
    out: list[dict] = []
    prev: dict | None = None  # the last attributed sentence, for continued quotes
    turn: dict | None = None  # the opening sentence of the interview turn read now ("((Jaya)) ...")
    prev_holder: str | None = None
    for i, ((start, end), r) in enumerate(zip(spans, raw, strict=True)):
        r = RawSentence({k: _words(text, k, v) for k, v in r.spans.items()}, r.probs)
        source, p_source = _argmax(r.probs["source"], L.SOURCES)
        stance, p_stance = _argmax(r.probs["stance"], L.STANCES)
        types = r.probs["type"]
        speaker_span, cue_span = _best(r.spans["speaker"]), _best(r.spans["cue"])
        if speaker_span is not None and source in ("none", "carry") and speaker_span.score > 0.9:
            source = "mention"
        if source == "mention" and speaker_span is None:
            source = "carry" if prev is not None else ("unnamed" if cue_span else "none")
        if source == "carry" and prev is None:
            source = "unnamed" if cue_span else "none"
        kind, _ = _argmax(types[1:], L.TYPES[1:])
        rec = {"start": start, "end": end, "text": text[start:end]}
        if source == "none":
            rec.update(speaker=None, speaker_mention=None, speaker_type=None, cue=None, cue_mention=None)
            rec.update(via=[], channel=None)
        elif source == "carry":
            assert prev is not None
            rec.update({k: prev[k] for k in ("speaker", "speaker_type", "cue", "via", "channel")})
            rec.update(speaker_mention=None, cue_mention=None)
            resolver.note(prev["speaker"], i, prev["speaker_type"])
        else:
            quoted = _quoted_by(text, start, speaker_span)
            if speaker_span is not None:
                speaker = resolver.resolve(speaker_span.start, speaker_span.end, i, kind)
            else:
                speaker, kind = UNNAMED, "unnamed"
                resolver.note(speaker, i, kind)
            via = _via(text, r.spans["via"], speaker_span, resolver, i)
            if quoted is not None:  # the named body passed on what its unnamed sources said
                via, speaker, kind, speaker_span = [speaker, *via], quoted[0], "unnamed", quoted[1]
                resolver.note(speaker, i, kind)
            channel = _best(r.spans["channel"])
            rec.update(
                speaker=speaker,
                speaker_mention=_span(speaker_span),
                speaker_type=kind,
                cue=text[cue_span.start : cue_span.end].lower() if cue_span else None,
                cue_mention=_span(cue_span),
                via=[v for v in dict.fromkeys(via) if v != speaker],
                channel=text[channel.start : channel.end] if channel else None,
            )
        holder_mode, p_holder = _argmax(r.probs["holder"], L.HOLDERS)
        rec["holder"] = _holder(holder_mode, rec["speaker"], prev_holder, r, resolver, i)
        if rec["holder"] is None and stance != "neutral":
            rec["holder"] = rec["speaker"] or prev_holder
        rec["stance"] = stance
        product = p_source * p_stance * p_holder
        rec["confidence"] = round(row_confidence(product, rec["speaker"] is None, rows), 4)
        rec["uncertain"] = rec["confidence"] < UNCERTAIN_BELOW
        resolver.observe(start, end, i)
        if _TURN.match(rec["text"]):  # an interview's turn opens: "((Jaya)) ..."
            turn = rec if rec["speaker"] is not None else None
        if rec["speaker"] is not None:  # within a turn, what goes on is the turn speaker's, not a source's
            prev = turn if turn is not None else rec
        prev_holder = rec["holder"] or prev_holder
        out.append(rec)
    return tuple(_sentence(text, i, rec, resolver) for i, rec in enumerate(out))


def _sentence(text: str, index: int, rec: dict, resolver: ArticleResolver) -> AnnotatedSentence:
    """The frozen sentence, with names upgraded later in the article ("Vik" -> "Arno Vik")."""
    mention = rec["speaker_mention"]
    final = {
        "speaker": resolver.final(rec["speaker"]),
        "holder": resolver.final(rec["holder"]),
        "via": tuple(resolver.final(v) for v in rec["via"]),
        "description": _description(text, mention.end, resolver) if mention else None,
    }
    return AnnotatedSentence(index=index, **{**rec, **final})


def _description(text: str, end: int, resolver: ArticleResolver) -> Description | None:
    """The description after a speaker's mention, its affiliations named as the article names them
    in full ("paid tribute to Luk" -> "John Luk Jok"): one agent, not a surname of its own."""
    found = describe(text, end)
    if found is None:
        return None
    named = dict.fromkeys(resolver.affiliation(name) for name in found.affiliations)
    return replace(found, affiliations=tuple(named))


def _quoted_by(text: str, sentence_start: int, span: TaggedSpan | None) -> tuple[str, TaggedSpan] | None:
    """The unnamed speaker ("unnamed sources", "unnamed EU diplomats") and its mention when the tagged
    speaker is the body that quoted them, else None."""
    if span is None:
        return None
    before = max(sentence_start, span.start - 100)
    match = _QUOTED_BY.search(text[before : span.start])
    if match is None:
        return None
    who = match.group("who")
    name = UNNAMED if who.lower() in ("source", "sources") else f"unnamed {who}"
    at = before + match.start("who")
    return name, TaggedSpan(at, at + len(who), span.score)


def _via(
    text: str, spans: Sequence[TaggedSpan], speaker: TaggedSpan | None, resolver: ArticleResolver, i: int
) -> list[str]:
    """Intermediaries in text order: confident, named, and not the speaker's own mention."""
    out = []
    for v in spans:
        if v.score < VIA_THRESHOLD or (speaker and v.start < speaker.end and speaker.start < v.end):
            continue
        if not any(w[:1].isupper() for w in text[v.start : v.end].split()[-3:]):
            continue
        if speaker and speaker.end <= v.start and _APPOSITION.fullmatch(text[speaker.end : v.start]):
            continue
        if _TIE.search(text[max(0, v.start - 80) : v.start]):
            continue
        out.append(resolver.resolve(v.start, v.end, i, "outlet"))
    return out[:3]


def _holder(
    mode: str, speaker: str | None, prev_holder: str | None, r: RawSentence, resolver: ArticleResolver, i: int
) -> str | None:
    if mode == "none":
        return None
    if mode == "speaker":
        return speaker or prev_holder
    if mode == "mention":
        span = _best(r.spans["holder"])
        if span is not None:
            return resolver.resolve(span.start, span.end, i)
    return prev_holder or speaker
