"""The cue-word baseline that `kg eval` scores beside the model, in the same run.

A speech verb or "according to" marks an attribution; the speaker is the phrase next
to it; stance comes from keyword lists. It shares the model's entity resolver, so the
gap between the two is what the learned parts add.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from kg.nlp.resolve import UNNAMED, ArticleResolver

_VERBS = (
    "said|says|say|told|added|noted|stated|claimed|insisted|argued|maintained|asserted|warned|announced|"
    "confirmed|denied|denies|rejected|dismissed|stressed|explained|wrote|tweeted|posted|reported|reiterated"
)
_ACCORDING = re.compile(r"\b[Aa]ccording to (?P<who>[^,.;]{2,80})")
_REPORTEDLY = re.compile(r"\b(?:reportedly|is said to|are said to)\b")
_NAME = r"(?P<who>(?:[Tt]he |[A-Z][\w.'’\-]*\s)?(?:[A-Z][\w.'’\-]*\s?){0,4}|he|she|they|it|[Tt]he \w+)"
_BEFORE = re.compile(_NAME + r"\s*(?:,[^,]{3,80},\s*)?(?P<cue>" + _VERBS + r")\b")
_AFTER = re.compile(r"[,”\"]\s*(?P<cue>" + _VERBS + r")\s+" + _NAME)

_STANCE_WORDS = (
    (
        "denying",
        r"\bden(?:y|ied|ies|ial)\b|\brefut|\breject|\bdismiss|\bfake news\b|\bno (?:talks|deal|negotiations)\b|\bnever\b|\bfalse\b",
    ),
    (
        "open",
        r"\bopen\b|\bwilling|\bready to\b|\bwelcome|\bon (?:our|its|their) (?:own )?terms\b|\bconditions?\b|\bif\b.*\btalk",
    ),
    (
        "eager",
        r"\beager|\bkeen\b|\bseek|\bpush(?:ing|es)? for\b|\banxious|\bprogress\b|\bgood chance\b|\burg(?:e|ed|ing)\b",
    ),
)


def _stance(sentence: str) -> str:
    for label, pattern in _STANCE_WORDS:
        if re.search(pattern, sentence, re.IGNORECASE):
            return label
    return "neutral"


def annotate_baseline(text: str, spans: Sequence[tuple[int, int]]) -> list[dict]:
    """Annotation-format sentences from cue words and keyword stance."""
    resolver = ArticleResolver(text)
    out = []
    for i, (start, end) in enumerate(spans):
        sentence = text[start:end]
        rec = {"start": start, "end": end, "text": sentence, "speaker": None, "speaker_mention": None}
        rec.update(speaker_type=None, cue=None, cue_mention=None, via=[], channel=None)
        match = _ACCORDING.search(sentence) or _AFTER.search(sentence) or _BEFORE.search(sentence)
        if match and match.group("who").strip():
            who_start = start + match.start("who")
            who_end = who_start + len(match.group("who").rstrip())
            rec["speaker"] = resolver.resolve(who_start, who_end, i)
            rec["speaker_mention"] = {"start": who_start, "end": who_end}
            cue_start, cue_end = (
                (match.start(), match.start() + 12) if "cue" not in match.groupdict() else match.span("cue")
            )
            rec["cue"] = sentence[cue_start:cue_end].lower()
            rec["cue_mention"] = {"start": start + cue_start, "end": start + cue_end}
            rec["speaker_type"] = "person"
        elif (m := _REPORTEDLY.search(sentence)) is not None:
            rec.update(speaker=UNNAMED, speaker_type="unnamed", cue=m.group())
            rec["cue_mention"] = {"start": start + m.start(), "end": start + m.end()}
        rec["stance"] = _stance(sentence)
        rec["holder"] = rec["speaker"] if rec["stance"] != "neutral" else None
        out.append(rec)
    return out
