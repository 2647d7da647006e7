"""Mentions to canonical entities within one article (rules; no torch).

The model finds where a speaker, holder or intermediary is mentioned; this module says
who it is: pronouns to the last fitting entity, descriptions ("the outlet", "the
spokesman") to the entity they describe, short names to the full name, capitals to
their countries, titles stripped from names, unnamed sources kept as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.nlp.describe import appositive, introduced
from kg.nlp.gazetteer import (
    CAPITALS,
    COUNTRY_ALIASES,
    DESCRIPTION_KINDS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    UNNAMED_HEADS,
)
from kg.nlp.names import is_name, plain_name, strip_titles

# Between two names ("Brazil's National Institute"), not inside one ("People's Democratic Front").
_POSSESSIVE = re.compile(
    r"(?<!\bPeople[’']s)(?<!\bWomen[’']s)(?<!\bChildren[’']s)(?<!\bMen[’']s)(?<=[’']s)\s+"
)
_PROPER_RUN = re.compile(r"\b[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*")
_SENTENCE_OPENERS = frozenset(
    """The A An In On At But And Meanwhile However According After Before While When If As Since Although
    Though During With Without For From Under Over Despite Asked Speaking Like Unlike Following Because So
    Yet Still Now Then Later Earlier Today Yesterday Last This That These Those Both Many Some Several
    Other Another Former New Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Dear Mr Mrs Ms""".split()
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "i"})
_GENDER = {
    **dict.fromkeys(
        "he him his mr mr. king prince spokesman chairman father husband son brother man".split(), "m"
    ),
    **dict.fromkeys(
        "she her mrs mrs. ms ms. queen princess spokeswoman chairwoman mother wife daughter sister woman "
        "actress".split(),
        "f",
    ),
}
GROUP_PRONOUNS = frozenset({"they", "them", "their", "it", "its", "we", "us"})
DETERMINERS = ("the ", "this ", "that ", "these ", "those ")
UNNAMED = "unnamed sources"

# Words a tagged span sometimes takes in that are no part of the name.
_LEAD_VERB = re.compile(
    r"^(?:according\s+to|said|says|fumed|added|insisted|remarked|noted|wrote|explained|told|asked|"
    r"both|also|then|later)\s+",
    re.IGNORECASE,
)
_TRAIL_WORDS = re.compile(
    r"(?:\s+(?:later|also|both|again|alone|himself|herself|themselves|itself|then|too|said|says|told|"
    r"further|have|has|had|of|from|at|for|in|on|and|with|[a-z]+ed|(?!(?:fami|al|assemb|dai|week|month)ly)[a-z]+ly|"
    r"QC|KC|OBE|CBE|MBE)\b)+$"
)  # "He tweeted", "He publicly", "Some scholars have", "Durham Hall QC"
# Whom a statement was made to is no part of who made it: "officials to journalists".
_ADDRESSEE = re.compile(r"\s+to\s+(?:the\s+)?(?:journalists|reporters|press|media|lawmakers)$")
# What a body published stands for the body: "the Internal Revenue Service website", "the party's website".
_DOCUMENT = re.compile(
    r"(?<=[A-Z\w])(?:[’']s)?\s+(?:official\s+)?(?:website|records|data|figures|database|report|study|"
    r"statement|press\s+release|press|release|account)$"
)
# A person's name followed by where they work: the name alone is the speaker.
_OF_PLACE = re.compile(r"^((?:[A-Z][\w'’\-]+\s+){1,2}[A-Z][\w'’\-]+)\s+(?:of|from|at)\s+(?:the\s+)?[A-Z].*$")
_BODY_WORDS = frozenset(
    "bank university college institute department ministry office house court council".split()
)


def _name_before_place(mention: str) -> str:
    """ "Chip Taylor of the University of Kansas" -> "Chip Taylor"; "Bank of England", "Crown Prince of
    Saudi Arabia ..." stay whole."""
    match = _OF_PLACE.match(mention)
    if not match:
        return mention
    head = match.group(1).split()
    if any(DESCRIPTION_KINDS.get(w.lower()) or w.lower() in _BODY_WORDS or _is_role(w) for w in head):
        return mention
    return match.group(1)


def _owned_document(mention: str) -> bool:
    """A document of a named body or of a described one ("FEC records", "the party's website"), not
    "the report" alone (a description of its own)."""
    match = _DOCUMENT.search(mention)
    if not match:
        return False
    owner = [w for w in mention[: match.start()].split() if w.lower() not in _STOPWORDS]
    return any(_is_proper(w) for w in owner) or match.group().startswith(("'s", "’s"))


# A description followed by the name it describes: "The Vice President, Mike Pence, said".
_NAMED_AFTER = re.compile(r"\s*,\s+([A-Z][\w'’\-]+(?:\s+[A-Z][\w'’.\-]+){1,3})\s*,")
_STOPWORDS = frozenset("the a an this that these those both all some of s".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z.'’\-]*")


@dataclass
class Entity:
    name: str
    kind: str | None = None
    descriptors: set[str] = field(default_factory=set)
    last: int = -1
    pos: int = -1  # where it was first met in sentence ``last``: earlier is likelier the subject
    gender: str | None = None  # "m" or "f", once a title, a description or a pronoun says so
    count: int = 0  # times met: a surname alone stands for its most mentioned bearer


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_PREPOSITIONS = frozenset(
    "for of at with in to from on by affiliated based close linked who which that".split()
)


def _head_words(description: str) -> set[str]:
    """Words of an appositive before its first preposition: "a spokeswoman for the ministry" -> spokeswoman."""
    out = set()
    for word in _words(description):
        if word.lower() in _PREPOSITIONS:
            break
        out.add(word.lower())
    return out


_LINKS = frozenset("in for from at of and with to on".split())
_PARTICLES = frozenset("du de des la le von van der den of al el di da y bin ibn".split())


def _trailing_name(mention: str) -> str:
    """The proper name at the end of a described mention: "the Swiss daily Zürcher Handelsblatt"."""
    words = mention.split()
    k = len(words)
    while k > 0 and (words[k - 1][:1].isupper() or words[k - 1].lower() in _PARTICLES):
        k -= 1
    while k < len(words) and words[k] in _PARTICLES:
        k += 1
    if (
        k == 0
        or k == len(words)
        or not any(w[:1].islower() and w.lower() not in _PARTICLES for w in words[:k])
    ):
        return mention
    before = [w.lower().strip(",") for w in words[:k]]
    # "diplomats in Bamako", "CEN and CENELEC" stay whole; "... Diversity scientist Tierra Curry" does not
    if before[-1] in _LINKS or any(w in UNNAMED_HEADS for w in before):
        return mention
    return " ".join(words[k:])


def _initials(name: str) -> str | None:
    """The acronym of a name of three or more capitalised words ("World Health Organization" -> "WHO")."""
    words = [w for w in name.split() if w.lower() not in _ACRONYM_SKIPS]
    if len(words) < 3 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words)


_ACRONYM_SKIPS = frozenset(("of", "the", "for", "and", "on", "in"))


def _is_place(word: str) -> bool:
    """A country or capital named at the head of a run of names ("Scotland Nicola Sturgeon")."""
    known = bool(CAPITALS.get(word) or COUNTRY_ALIASES.get(word)) or word in COUNTRY_ALIASES.values()
    return known or word in _NATIONS


_NATIONS = frozenset(
    {"England", "Scotland", "Wales", "Northern Ireland"}
    | set(
        """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
        Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
        Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
        Vermont Virginia Washington Wisconsin Wyoming""".split()
    )
)
# First words of names of regions, not of people ("South Dakota", "North Karnataka", "New Mexico").
_REGION_WORDS = frozenset(
    "North South East West Northern Southern Eastern Western Central New Upper Lower".split()
)


# Words that make a name a body's, a place's or an event's, not a person's.
_NOT_PERSONAL = frozenset(
    """news times post press party police team force forces service center centre institute foundation fund
    association society agency airport station hospital school county city state street park river island
    republic kingdom union nations states airlines group inc corp ltd co parliament assembly congress senate
    legislature navy church week day year festival summit conference games cup championship war election act
    bill law treaty road avenue boulevard square market bridge tower towers hall palace museum gallery arena
    stadium project programme program initiative campaign mount mountain lake sea ocean""".split()
)


_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August
    September October November December""".split()
)


def _looks_like_body(name: str) -> bool:
    """Whether a name of no known kind reads as a body's: an acronym or a word of a body in it."""
    return any(
        (word.isupper() and len(word) > 1)
        or DESCRIPTION_KINDS.get(word.lower()) not in (None, "person", "official")
        or word.lower() in _BODY_WORDS | _NOT_PERSONAL
        for word in name.split()
    )


def _looks_personal(name: str) -> bool:
    """Whether a name of no known kind reads as a person's: two to four capitalised words, none an
    acronym, a place or a word of a body ("Anne Sacoolas", not "RAF Croughton" or "Utah Jazz")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or _is_place(words[0]) or words[0].split("-")[0] in _REGION_WORDS:
        return False
    for word in words:
        low = word.lower()
        if low in _PARTICLES:
            continue
        common = low in DESCRIPTION_KINDS or low in _BODY_WORDS or low in _NOT_PERSONAL or word in _CALENDAR
        common = common or _is_role(word) or low in PERSON_PRONOUNS | GROUP_PRONOUNS  # "Deputy Chairperson"
        if not word[:1].isupper() or (word.isupper() and len(word) > 1) or common:
            return False
        if low.endswith("s") and low[:-1] in _NOT_PERSONAL | set(DESCRIPTION_KINDS):
            return False
    return True


_ROLES = frozenset(
    """actress actor detective inspector constable author writer singer rapper filmmaker astronomer engineer
    designer producer host presenter physician surgeon historian chairperson""".split()
)
_OFFICE_BEFORE = re.compile(r"([A-Za-z]+)\s+of\s+(?:the\s+)?\Z")
_INITIAL = re.compile(r"^[A-Z]\.$")


_PEOPLE = frozenset(
    "acquaintance clerk witness neighbour neighbor resident friend relative member employee student".split()
)


def _unnamed_individual(mention: str) -> str | None:
    """How the annotators name someone brought in by a bare indefinite description: "a court clerk"
    -> "unnamed court clerk". None when it describes no person ("a statement"), names one ("a Coralink
    spokesman"), says more of them ("a spokesman for the operator", as written) or is a source."""
    head = mention.split()[1:]
    if not head or any(_is_proper(w) or w.lower() in _PREPOSITIONS for w in head):
        return None
    last = head[-1].lower()
    person = DESCRIPTION_KINDS.get(last) in ("person", "official") or _is_role(last) or last in _PEOPLE
    return "unnamed " + " ".join(head).lower() if person and last not in UNNAMED_HEADS else None


def _is_role(word: str) -> bool:
    """A word that names what a person does ("Ecologist", "Co-developer", "Secretary"), not who."""
    low = word.lower()
    person = DESCRIPTION_KINDS.get(low) in ("person", "official") or low in TITLE_WORDS - TITLE_MODIFIERS
    return person or low in _ROLES or low.endswith("ist") or low.startswith(("co-", "ex-"))


def _after_roles(words: list[str]) -> tuple[list[str], set[str]]:
    """The name after the roles that open a mention, with those roles: "Ecologist Ryan Norris",
    "Secretary of State Mike Pompeo", "Prime Minister of India Narendra Modi" (the name is the last
    two words after the office's complement, three with a particle or an initial)."""
    roles: set[str] = set()
    of = max((k for k, w in enumerate(words) if w == "of" and k and _is_role(words[k - 1])), default=0)
    tail = [w for w in words[of + 1 :] if w.lower() != "the"] if of else []
    if len(tail) >= 3 and all(_is_proper(w) or w in _PARTICLES for w in tail):
        size = 3 if tail[-2].lower() in _PARTICLES or _INITIAL.match(tail[-2]) else 2
        roles = {w.lower() for w in words[: len(words) - size] if _is_role(w)}
        words = tail[-size:]
    while (
        len(words) >= 3
        and _is_role(words[0])
        and _is_proper(words[1])
        and _looks_personal(" ".join(words[1:]))
    ):
        roles.add(words[0].lower())
        words = words[1:]
    return words, roles


def _is_proper(word: str) -> bool:
    return word[:1].isupper()


class ArticleResolver:
    """Keeps the entities met so far in one article and resolves each new mention."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.renamed: dict[str, str] = {}
        self.at = -1  # offset of the mention being read (-1: a carried speaker, before all else)

    # --- public -------------------------------------------------------------------

    def resolve(self, start: int, end: int, sentence: int, kind: str | None = None) -> str:
        """Canonical name of the mention ``text[start:end]`` in sentence number ``sentence``."""
        if start > 1 and self.text[start] == "s" and self.text[start - 1] in "'’":
            start = self._word_start(start - 1)  # "West's family", not "s family"
        self.at = start
        mention = self._clean(self.text[start:end])
        low = mention.lower()
        if not mention or all(w.lower() in _STOPWORDS for w in _words(mention)):
            return UNNAMED
        bare = re.sub(r"^the\s+", "", mention, flags=re.IGNORECASE)
        country = CAPITALS.get(mention) or COUNTRY_ALIASES.get(mention) or COUNTRY_ALIASES.get(bare)
        if country:
            return self._touch(self._entity(country, "government"), sentence, "government").name
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            return self._pronoun(low, mention, sentence)
        if low.startswith(("a ", "an ")) and (unnamed := _unnamed_individual(mention)):
            ent = self._entity(unnamed, "unnamed")  # an indefinite brings in someone new
            ent.descriptors |= set(unnamed.split()[1:])
            return self._touch(ent, sentence, "unnamed").name
        rest = mention.split(" ", 1)[1] if low.startswith(DETERMINERS) else mention
        if not any(_is_proper(w) for w in _words(rest)) or low.startswith(DETERMINERS):
            # "the Senate Minority Leader, Chuck Schumer, said": the name the description stands for
            named = _NAMED_AFTER.match(self.text, end)
            if named and not COUNTRY_ALIASES.get(named.group(1)):
                return self._named(named.group(1), named.end(1), sentence, kind)
        if not any(_is_proper(w) for w in _words(rest)):
            return self._description(mention, sentence, kind)
        return self._named(mention, end, sentence, kind)

    def observe(self, start: int, end: int, sentence: int) -> None:
        """Register the multi-word proper names of ``text[start:end]``, tagged or not, as entities met,
        and a surname alone ("Trump maintained ...") as its bearer met."""
        for match in _PROPER_RUN.finditer(self.text, start, end):
            at = match.start()
            for part in _POSSESSIVE.split(match.group()):  # "Brazil's National Institute": two names
                self.at, at = at, self.text.index(part, at) + len(part)
                words = re.sub(r"[’']s$", "", part).split()
                office = _OFFICE_BEFORE.search(self.text, max(0, self.at - 40), self.at)
                if office and _is_role(office.group(1)):  # "Secretary of [State Mike Pompeo]"
                    words = _after_roles([office.group(1), "of", *words])[0][-len(words) :]
                while words and (words[0] in _SENTENCE_OPENERS or _is_place(words[0])):
                    words = words[1:]  # "When Trump", "Argentina Alberto Fernández": the name after
                if len(words) >= 2 and not COUNTRY_ALIASES.get(" ".join(words)):
                    self._named(" ".join(words), at, sentence, None)
                elif words and (bearer := self._bearer(words[0])):
                    self._touch(bearer, sentence)

    def final(self, name: str | None) -> str | None:
        """The name an entity ended up with (a short name met first is upgraded to the full one)."""
        seen = set()
        while name in self.renamed and name not in seen:
            seen.add(name)
            name = self.renamed[name]
        return name

    def note(self, name: str, sentence: int, kind: str | None = None) -> None:
        """Record that ``name`` was spoken of (e.g. a carried-over speaker) in this sentence."""
        self.at = -1
        self._touch(self._entity(name, kind), sentence, kind)

    def _word_start(self, pos: int) -> int:
        while pos > 0 and (self.text[pos - 1].isalnum() or self.text[pos - 1] in "-"):
            pos -= 1
        return pos

    # --- kinds of mention ----------------------------------------------------------

    def _pronoun(self, low: str, mention: str, sentence: int) -> str:
        """The most recent fitting entity, the subject first within a sentence: a person of the
        pronoun's gender for "he"/"she", a body for "they"/"it"; a name of no known kind fits if
        it reads as such ("Anne Sacoolas" a person, "Utah Jazz" not)."""
        person = low in PERSON_PRONOUNS
        wanted = ("person", "official") if person else ("government", "organization", "outlet", "unnamed")
        gender = _GENDER.get(low)
        for ent in self._recent():
            if gender and ent.gender not in (None, gender):
                continue
            fits = _looks_personal(ent.name) if person else _looks_like_body(ent.name)
            if ent.kind in wanted or (ent.kind is None and fits):
                if person and ent.gender is None:
                    ent.gender = gender
                return self._touch(ent, sentence).name
        return mention

    def _description(self, mention: str, sentence: int, kind: str | None) -> str:
        words = [w.lower() for w in _words(mention)]
        head = words[-1] if words else ""
        if head in UNNAMED_HEADS or any(w in UNNAMED_HEADS for w in words[:2]):
            name = re.sub(r"^(?:the|some)\s+", "", mention, flags=re.IGNORECASE)
            return self._touch(self._entity(name, "unnamed"), sentence, "unnamed").name
        for ent in self._recent():
            if head and (head in ent.descriptors or head in ent.name.lower().split()):
                return self._touch(ent, sentence).name
        wanted = DESCRIPTION_KINDS.get(head) or kind
        if wanted:
            for ent in self._recent():
                if ent.kind == wanted or (wanted == "person" and ent.kind == "official"):
                    return self._touch(ent, sentence).name
        return mention[:1].lower() + mention[1:] if mention.split()[0].istitle() else mention

    def _named(self, mention: str, end: int, sentence: int, kind: str | None) -> str:
        if re.match(r"(?:the|The)\s+\S", mention) and any(_is_proper(w) for w in mention.split()[1:]):
            mention = mention.split(" ", 1)[1]  # "The Taliban", "the Biden campaign": as "Taliban"
        words = mention.split()
        for size in (2, 1):  # "United States Joe Biden", "Scotland Nicola Sturgeon"
            head = " ".join(words[:size])
            if len(words) > size + 1 and _is_place(head) and all(_is_proper(w) for w in words[size:]):
                words = words[size:]
                break
        words, roles = _after_roles(words)
        mention = " ".join(words)
        name, titles = strip_titles(_trailing_name(mention))
        titles |= roles
        name = plain_name(name)
        ent = self._match(name)
        if ent is None:
            ent = self._entity(name, kind)
        elif len(name) > len(ent.name) and ent.name in name:
            self.renamed[ent.name] = name  # "Koval" met first, "Mira Koval" later: keep the full name
            ent.name = name
        ent.descriptors |= titles
        if titles and ent.kind is None:
            ent.kind = "official"
        description = introduced(appositive(self.text, end) or "")
        if description:
            ent.descriptors |= _head_words(description)
            ent.kind = self._kind_of(description) or ent.kind  # "X, a media outlet": the text says
        ent.gender = ent.gender or next((_GENDER[w] for w in ent.descriptors if w in _GENDER), None)
        return self._touch(ent, sentence, kind).name

    # --- helpers -------------------------------------------------------------------

    @staticmethod
    def _clean(mention: str) -> str:
        dotted = re.search(r"\b(?:[A-Z]\.){2,}$", mention)  # keep the stop of "U.S."
        mention = mention.strip(" \t\n,.;:“”\"'‘’()") + ("." if dotted else "")
        mention = _LEAD_VERB.sub("", mention)
        mention = _TRAIL_WORDS.sub("", _ADDRESSEE.sub("", mention))
        if _owned_document(mention):
            mention = _DOCUMENT.sub("", mention)
        mention = _name_before_place(mention)
        return re.sub(r"[’']s$", "", mention).strip(" ,")

    @staticmethod
    def _kind_of(description: str) -> str | None:
        head = [w.lower() for w in _words(description)]
        head = head[: next((i for i, w in enumerate(head) if w in _PREPOSITIONS), len(head))]
        for word in reversed(head):  # "a spokeswoman for the ministry" is a person, not a ministry
            if word in DESCRIPTION_KINDS:
                return DESCRIPTION_KINDS[word]
        return None

    def _match(self, name: str) -> Entity | None:
        """An entity already met that this name refers to: same name, or a part of it (of a name,
        never of a description such as "a spokesman for West")."""
        tokens = name.split()
        for ent in self._recent():
            if ent.name == name:
                return ent
        if len(tokens) == 1 and (bearer := self._bearer(name)):
            return bearer
        for ent in self._recent():  # "RIAA" and "Recording Industry Association of America"
            if _initials(name) == ent.name or _initials(ent.name) == name:
                return ent
        for ent in self._recent():
            theirs = ent.name.split()
            if (
                len(tokens) < len(theirs)
                and is_name(ent.name)
                and not any(w.islower() for w in theirs)  # "Trump campaign" is not Trump
                and (theirs[-len(tokens) :] == tokens or theirs[: len(tokens)] == tokens)
            ):
                return ent
            part = tokens[-len(theirs) :] == theirs or tokens[: len(theirs)] == theirs
            if len(theirs) < len(tokens) and part and ent.kind != "government":
                return ent
        return None

    def _bearer(self, surname: str) -> Entity | None:
        """The person a surname alone stands for: of those met who bear it, the most mentioned
        (in an article on Donald Trump, "Trump" is he, not Mary Trump), the latest on a tie."""
        bearers = [
            ent
            for ent in self._recent()
            if len(ent.name.split()) >= 2
            and ent.name.split()[-1] == surname
            and (ent.kind in ("person", "official") or (ent.kind is None and _looks_personal(ent.name)))
        ]
        return max(bearers, key=lambda e: e.count, default=None)

    def _entity(self, name: str, kind: str | None) -> Entity:
        for ent in self.entities:
            if ent.name == name:
                return ent
        ent = Entity(name, kind)
        self.entities.append(ent)
        return ent

    def _touch(self, ent: Entity, sentence: int, kind: str | None = None) -> Entity:
        ent.count += 1
        if sentence > ent.last:
            ent.last, ent.pos = sentence, self.at
        elif sentence == ent.last:
            ent.pos = min(ent.pos, self.at)
        if kind and ent.kind is None:
            ent.kind = kind
        return ent

    def _recent(self) -> list[Entity]:
        return sorted(self.entities, key=lambda e: (-e.last, e.pos))
