"""What a name of no known kind reads as: a person's, a body's or a place's; which words are roles.

The resolver asks this when a pronoun looks for its antecedent ("he" never takes "Utah Jazz",
"they" never "Anne Sacoolas") and when it decides whether words before a name are an office.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from kg.nlp.gazetteer import (
    CAPITALS,
    COUNTRY_ALIASES,
    DESCRIPTION_KINDS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "us"})
GENDER = {
    **dict.fromkeys(
        "he him his mr mr. king prince spokesman chairman father husband son brother man".split(), "m"
    ),
    **dict.fromkeys(
        "she her mrs mrs. ms ms. queen princess spokeswoman chairwoman mother wife daughter sister woman "
        "actress".split(),
        "f",
    ),
}
# Relations, not roles: "the father" is someone's father, not whoever was spoken of last.
FAMILY = frozenset(
    """father mother son daughter brother sister husband wife parent parents uncle aunt grandfather
    grandmother cousin nephew niece widow widower""".split()
)
PARTICLES = frozenset("du de des del dela della la le von van der den of al el di da y bin bint ibn".split())
BODY_WORDS = frozenset(
    "bank university college institute department ministry office house court council".split()
)

_NATIONS = frozenset(
    {"England", "Scotland", "Wales", "Northern Ireland"}
    | set(
        """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
        Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
        Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
        Vermont Virginia Washington Wisconsin Wyoming""".split()
    )
)
_COUNTRIES = frozenset(CAPITALS.values()) | {"Hong Kong", "Macau", "Puerto Rico", "Palestine", "Kosovo"}
_GIVEN_NAMES = frozenset({"Jordan", "Israel", "Chad"})
# First words of names of regions, not of people ("South Dakota", "North Karnataka", "New Mexico").
_REGION_WORDS = frozenset(
    "North South East West Northern Southern Eastern Western Central New Upper Lower".split()
)


# Words that make a name a body's, a place's or an event's, not a person's.
NOT_PERSONAL = frozenset(
    """news times post press party police team force forces service center centre institute foundation fund
    association society agency airport station hospital school county city state street park river island
    republic kingdom union nations states airlines group inc corp ltd co parliament assembly congress senate
    legislature navy church week day year festival summit conference games cup championship war election act
    bill law treaty road avenue boulevard square market bridge tower towers hall palace museum gallery arena
    stadium project programme program initiative campaign mount mountain lake sea ocean
    holdings pharmaceuticals pharma industries enterprises partners logistics shipping lines airways motors
    energy mining networks systems technologies labs biolabs foods brands cement media radio television
    broadcasting dispatch herald tribune gazette review observer chronicle courier united fc transit railways
    insurance securities investments ventures solutions telecom communications electric authority tribunal
    capital mobile research front conflict archive journal show image photo course academy club league
    bureau company""".split()
)  # the last lines: heads of companies' and outlets' names ("Baltic Port Holdings", "Atlas Dispatch")


# Heads of names of things that never speak or act: a pronoun never stands for them.
THINGS = frozenset(
    """course boulevard road avenue river sea ocean mountain square tower towers war election act
    bill law treaty games cup championship summit conference festival""".split()
)  # not "day", "street", "lane", "lake": surnames too ("Doris Day", "Nathan Lane", "Ricki Lake")


def names_a_thing(name: str) -> bool:
    """Whether a name is a thing's that never speaks ("Pre University Course", "Southbank Boulevard")."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in THINGS


# An Arabic surname, in lower case before its hyphen: "Moammar al-Eryani", "Bashar al-Assad".
ARABIC_SURNAME = re.compile(r"^(?:al|el)-[A-Z]")
_SURNAME_WORDS = frozenset("day week year hall house park bridge church street".split())  # Doris Day

CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December""".split()
)

_ROLES = frozenset(
    """actress actor detective inspector constable author writer singer rapper filmmaker astronomer engineer
    designer producer host presenter physician surgeon historian chairperson mp mep mla boss lord""".split()
)


def is_proper(word: str) -> bool:
    return word[:1].isupper()


def is_place(word: str) -> bool:
    """A country or capital named at the head of a run of names ("Scotland Nicola Sturgeon",
    "Germany Richard Grenell"); not a country that is also a given name ("Jordan Peterson")."""
    known = bool(CAPITALS.get(word) or COUNTRY_ALIASES.get(word)) or word in COUNTRY_ALIASES.values()
    return known or word in _NATIONS or (word in _COUNTRIES and word not in _GIVEN_NAMES)


def looks_like_body(name: str) -> bool:
    """Whether a name of no known kind reads as a body's: an acronym or a word of a body in it."""
    return any(
        (word.isupper() and len(word) > 1)
        or DESCRIPTION_KINDS.get(word.lower()) not in (None, "person", "official")
        or word.lower() in BODY_WORDS | NOT_PERSONAL
        for word in name.split()
    )


def headed_by_body(name: str) -> bool:
    """Whether a name ends in a body's word ("Police", "Tata Institute", "Teresian College"), whatever
    a tag says; a surname that is also such a word ("Doris Day") is no body's head."""
    words = name.split()
    return bool(words) and words[-1].lower() in BODY_WORDS | NOT_PERSONAL - _SURNAME_WORDS


def looks_personal(name: str) -> bool:
    """Whether a name of no known kind reads as a person's: two to four capitalised words (or "al-"
    surnames), none an acronym, a place or a word of a body ("Anne Sacoolas", "Bashar al-Assad", not
    "RAF Croughton" or "Utah Jazz")."""
    words = name.split()
    if (
        not 2 <= len(words) <= 4
        or is_place(words[0])
        or is_place(name)
        or words[0].split("-")[0] in _REGION_WORDS
    ):
        return False
    for word in words:
        low = word.lower()
        if low in PARTICLES:
            continue
        common = low in DESCRIPTION_KINDS or low in BODY_WORDS or low in NOT_PERSONAL or word in CALENDAR
        common = common or is_role(word) or low in PERSON_PRONOUNS | GROUP_PRONOUNS  # "Deputy Chairperson"
        if (
            not (word[:1].isupper() or ARABIC_SURNAME.match(word))
            or (word.isupper() and len(word) > 1)
            or common
        ):
            return False
        if low.endswith("s") and low[:-1] in NOT_PERSONAL | set(DESCRIPTION_KINDS):
            return False
    return True


def is_role(word: str) -> bool:
    """A word that names what a person does ("Ecologist", "Co-developer", "Secretary", "Director-General"),
    not who."""
    low = word.lower()
    person = DESCRIPTION_KINDS.get(low) in ("person", "official") or low in TITLE_WORDS - TITLE_MODIFIERS
    office = DESCRIPTION_KINDS.get(low.rsplit("-", 1)[-1]) == "official"  # "Secretary-General"
    return person or office or low in _ROLES or low.endswith("ist") or low.startswith(("co-", "ex-"))


def only_roles(words: list[str]) -> bool:
    """Whether the capitalised words of a mention name an office and nothing else ("the Lord Mayor
    candidate", "Deputy Attorney-General", "the Minister"): a description of its holder, no name."""
    proper = [w for w in words if is_proper(w)]
    return any(map(is_role, proper)) and all(is_role(w) or w.lower() in TITLE_MODIFIERS for w in proper)


def folded(name: str) -> str:
    """A name without accents, its particles in lower case: "Erdoğan" and "Erdogan", "de Blasio" and
    "De Blasio" are one ("Officials" and "officials" are not: case tells a name from a description)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(w.lower() if w.lower() in PARTICLES else w for w in plain.split())


@cache
def _given_names() -> dict[str, str]:
    """Given name (folded, lower case) -> "f" or "m", for the common, clearly gendered ones
    (kg/nlp/data/given-names.json, built by scripts/build_given_names.py)."""
    table = json.loads(resources.files("kg.nlp").joinpath("data/given-names.json").read_text("utf-8"))
    return {name: gender for gender in ("f", "m") for name in table[gender].split()}


def given_name_gender(name: str) -> str | None:
    """ "f" or "m" when a person's full name opens with a common, clearly gendered given name
    ("Gloria Vanderbilt" f, "Akram Pasha" m); None for one word (a surname, as often as not),
    for a name that opens with a particle or an initial, and for "Jean", "Kim" or "Xi"."""
    words = folded(name).split()
    if len(words) < 2:
        return None
    first = words[0].split("-")[0].lower()
    return _given_names().get(first) if first.isalpha() and len(first) > 1 else None


def surnames(name: str) -> set[str]:
    """What a person of this full name is called by alone, folded: the last word, or the first of a
    double surname ("Ricardo Rosselló Nevares" -> "Rosselló"); none for a single word."""
    words = folded(name).split()
    if len(words) < 2:
        return set()
    double = len(words) >= 3 and not words[-2].endswith(".") and words[-2] not in PARTICLES
    return {words[-1], words[-2]} if double else {words[-1]}


def field_variant(name: str, other: str) -> bool:
    """Whether two names of a body differ only in the number of the word that opens its field, as
    one article writes one ministry two ways ("Emergencies Ministry", "Emergency Situations Ministry")."""
    a, b = name.split(), other.split()
    if min(len(a), len(b)) < 2 or a[-1] != b[-1] or a[-1].lower() not in BODY_WORDS or a[0] == b[0]:
        return False
    return _singular(a[0]) == _singular(b[0])


def _singular(word: str) -> str:
    """A plural's singular as English mostly writes it ("Emergencies" -> "Emergency")."""
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def misspelt(word: str, surname: str) -> bool:
    """Whether a word alone is a surname written with one other letter inside ("Wasif" for "Wasef"):
    an article's slip, not a new person; short names differ so too often to tell."""
    if len(word) != len(surname) or len(word) < 5 or word[0] != surname[0] or word[-1] != surname[-1]:
        return False
    return sum(a != b for a, b in zip(word, surname, strict=True)) == 1


def joined(tokens: list[str], theirs: list[str]) -> bool:
    """Whether a name's words join a name met with another of two words or more by "and" ("Center for
    Biological Diversity and Center for Food Safety": two bodies, not the first one's full name;
    "Postal and Logistics Union" is one)."""
    n = len(theirs)
    after = tokens[n:] if tokens[:n] == theirs else []
    before = tokens[:-n] if tokens[-n:] == theirs else []
    return (after[:1] == ["and"] and len(after) > 2) or (before[-1:] == ["and"] and len(before) > 2)
