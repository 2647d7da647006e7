"""Navigation and promotion lines: not article content, but they may name the outlet."""

from __future__ import annotations

import re

# A whole line that is navigation, promotion or a credit ("READ ALSO: ...", "Photo: ...").
_NOISE = re.compile(
    r"""^\s*(?:
        (?:read|see|watch|listen)\s+(?:also|more|next)\b
      | also\s+read\b
      | related(?:\s+(?:stories|articles|coverage))?\s*:
      | more\s+on\s+this\s+story\b
      | recommended\s*:
      | (?:subscribe|sign\s+up|join|follow\s+us|click\s+here|tap\s+here)\b
      | discover\s+more\s+from\b
      | share\s+(?:this|on)\b
      | (?:photo|image|picture|video|file\s+photo|photograph|credit|source\s+image)s?\s*(?:credit)?\s*[:|/]
      | \(?(?:photo|image)\s+by\b
      | advertisement\s*$
      | continue\s+reading\b
      | like\s+this\s*:
      | loading\.\.\.\s*$
      | copyright\b | ©
      | \((?:reporting|writing|editing|additional\s+reporting)\s+by\b
      | (?:reporting|writing)\s+by\s+[^.;]{2,60};\s*editing\s+by\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_DISCOVER = re.compile(r"^\s*discover\s+more\s+from\s+(?P<name>[^\n]{2,80}?)\s*$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"^\s*(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<name>[A-Z][^\n.]{1,60}?)\s*\.?\s*$", re.I
)


def is_noise_line(line: str) -> bool:
    """True for a navigation, promotion or credit line that holds no article sentence."""
    return bool(_NOISE.match(line))


def outlet_from_lines(text: str) -> str | None:
    """The publishing outlet named by the article's own lines ("Discover more from Scoop Hub")."""
    for line in text.splitlines():
        match = _DISCOVER.match(line) or _COPYRIGHT.match(line)
        if match:
            return match.group("name").strip()
    return None
