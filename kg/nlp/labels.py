"""Label inventories of the model's heads (no torch here)."""

from __future__ import annotations

from kg.annotation import SPEAKER_TYPES
from kg.annotation import STANCES as STANCES  # re-exported: the stance head's inventory

# Token layers, each tagged B/I/O independently (spans of different layers may overlap).
TAG_LAYERS = ("speaker", "cue", "holder", "via", "channel")
BIO = ("O", "B", "I")

# Where a sentence's speaker comes from.
SOURCES = ("none", "mention", "carry", "unnamed")
# Where a sentence's holder comes from.
HOLDERS = ("none", "speaker", "mention", "carry")
# speaker_type head: "none" plus the scheme's types.
TYPES = ("none", *SPEAKER_TYPES)

# Casing of a token's first character, fed to the model: the base encoder is uncased.
CASES = ("other", "lower", "upper", "title")


def case_class(token_text: str) -> int:
    """Index in CASES of a token's surface form."""
    if not token_text or not token_text[0].isalpha():
        return 0
    if token_text.isupper() and len(token_text) > 1:
        return 2
    return 3 if token_text[0].isupper() else 1
