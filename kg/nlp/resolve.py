"""Mentions to canonical entities within one article (rules; no torch).

The model finds where a speaker, holder or intermediary is mentioned; this module says
who it is: pronouns to the last fitting entity, descriptions ("the outlet", "the
spokesman") to the entity they describe, short names to the full name, capitals to
their countries, titles stripped from names, unnamed sources kept as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.nlp.describe import POSSESSIVE, appositive, introduced
from kg.nlp.gazetteer import (
    CAPITALS,
    COUNTRY_ALIASES,
    DESCRIPTION_KINDS,
    TITLE_MODIFIERS,
    UNNAMED_HEADS,
)
from kg.nlp.names import is_name, plain_name, strip_titles
from kg.nlp.resolve_acronyms import abbreviates, acronym_given, person_initials
from kg.nlp.resolve_cataphora import Pending, as_the_body_writes, in_headline, named_next, pending
from kg.nlp.resolve_kinds import (
    FAMILY,
    GENDER,
    GROUP_PRONOUNS,
    PARTICLES,
    PERSON_PRONOUNS,
    field_variant,
    folded,
    given_name_gender,
    headed_by_body,
    is_place,
    is_proper,
    is_role,
    joined,
    looks_like_body,
    looks_personal,
    misspelt,
    names_a_thing,
    only_roles,
    surnames,
)
from kg.nlp.resolve_research import WORKS, group_named, issuing_sentence, names_group
from kg.nlp.resolve_span import (
    DESCRIBING,
    PREPOSITIONS,
    PROPER_RUN,
    SENTENCE_OPENERS,
    STOPWORDS,
    UPPER,
    after_owner,
    after_roles,
    asks,
    clean_mention,
    name_goes_on,
    office_before,
    person_after_role,
    trailing_name,
    unit_goes_on,
    unnamed_individual,
    whole_name,
    whole_words,
)
from kg.nlp.resolve_span import words as _words

DETERMINERS = ("the ", "this ", "that ", "these ", "those ")
UNNAMED = "unnamed sources"
_RESEARCH = "research group"  # the descriptor that marks a research group among the entities
# A description followed by the name it describes: "The Vice President, Mike Pence, said".
_NAMED_AFTER = re.compile(rf"\s*,\s+([{UPPER}][\w'’\-]+(?:\s+[{UPPER}][\w'’.\-]+){{1,3}})\s*,")
# An editor's brackets closing inside a name: "[Prime Minister Narendra] Modi".
_BRACKET_GOES_ON = re.compile(rf"\][^\S\n]+[{UPPER}][\w'’\-]+")
# "Pacific Gas [and Electric Company]": a body's name with "and" in it, the last part headed by one
# of _JOINT_HEADS and complete (no "of" or "for" after it); "Greywater and Halvorsen Foods" are two.
_AND_BODY = re.compile(
    rf"[^\S\n]+and[^\S\n]+([{UPPER}][\w'’\-]+(?:[^\S\n]+[{UPPER}][\w'’\-]+)*)(?![^\S\n]+(?:of|for|on|in)\b)"
)
# A name met before and another after "and" ("the Center for Biological Diversity and Center for Food
# Safety"): two agents, not a fuller name of the first ("Postal and Logistics Union" is one).
_JOINS = re.compile(r"\s+(?:and|&)\s")
_JOINT_HEADS = frozenset("company union department party commission corporation authority".split())
# "the administration" or "the campaign" after "the Trump administration" was written: that one, a body
# named by whom it serves, not the latest body of the kind (the Supreme Court) nor the person.
_LED = {"administration": "government", "campaign": "organization"}
_LED_BODY = re.compile(rf"(?<![\w\-'’])((?:[{UPPER}][\w'’\-]+[^\S\n]+)+)(administration|campaign)\b")
# A place's plural possessive before a name: "United States' National Basketball Association".
_PLACE_OWNS = re.compile(rf"(.+?s)[’'][^\S\n]+(?=[{UPPER}])")
_PAIR = re.compile(r"(.+?)\s+and\s+(.+)")
_OFFICE_BEFORE = re.compile(r"([A-Za-z]+)\s+(of|for)\s+(?:the\s+)?\Z")
_AFTER_PREPOSITION = re.compile(r"\b(?:with|to|from|by|at|in|on|of|for|against|about)\s+(?:the\s+)?\Z")


def _joins(first: str, longer: str) -> bool:
    return longer.startswith(first) and _JOINS.match(longer, len(first)) is not None


@dataclass
class Entity:
    name: str
    kind: str | None = None
    descriptors: set[str] = field(default_factory=set)
    last: int = -1
    pos: int = -1  # where it was first met in sentence ``last``: earlier is likelier the subject
    gender: str | None = None  # "m" or "f", once a title, a description or a pronoun says so
    assumed: bool = False  # the gender is only what the given name suggests ("Lindsey Graham")
    count: int = 0  # times met: a surname alone stands for its most mentioned bearer
    aliases: set[str] = field(default_factory=set)  # acronyms the text gave it: "... (WHO)"

    def guess_gender(self) -> None:
        """Where nothing has said a gender yet, assume the one the given name suggests."""
        if self.gender is None and (guess := given_name_gender(self.name)):
            self.gender, self.assumed = guess, True


def _national_role(mention: str) -> bool:
    """Whether a mention is a country's office, in lower case ("France’s transport minister"): a
    description of its holder, as "its chief executive" is, not a name."""
    owner, *owned = POSSESSIVE.split(mention, maxsplit=1)
    words = _words(owned[0]) if owned else []
    head = DESCRIPTION_KINDS.get(words[-1]) if words else None
    return (
        is_place(re.sub(r"[’']s$", "", owner))
        and all(w.islower() for w in words)
        and head in ("person", "official")
    )


def _head_words(description: str) -> set[str]:
    """Words of an appositive before its first preposition: "a spokeswoman for the ministry" -> spokeswoman."""
    out = set()
    for word in _words(description):
        if word.lower() in PREPOSITIONS:
            break
        out.add(word.lower())
    return out


def _quoted(text: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside a quotation opened after ``start`` (the sentence's start): a name
    a speaker utters is no subject of the sentence that reports it."""
    before = text[start:at]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _modifies_role(text: str, end: int) -> bool:
    """Whether the word ending at ``end`` names whom a role serves ("Varenne president Élodie
    Fontaine", "Helix chair", "Sumber Hijau chief executive"): a body's name, not a surname."""
    following = re.match(r"\s+([a-z][\w-]*)(?:\s+([a-z][\w-]*))?", text[end : end + 40])
    if not following:
        return False
    first, second = following.groups()
    return is_role(first) or (first in TITLE_MODIFIERS and bool(second) and is_role(second))


def _aside(text: str, start: int, begin: int, end: int) -> bool:
    """Whether the name ``text[begin:end]`` is no subject of the sentence opened at ``start``: uttered
    by the speaker, the object of a preposition ("In an interview with Freight Monitor, Mendoza
    denied"), an owner ("Kerslake's solicitor, Priya Chandrasekaran") or whom a role serves."""
    object_of = _AFTER_PREPOSITION.search(text, max(start, begin - 30), begin)
    owner = re.search(r"[’']s$", text[begin:end])
    return bool(_quoted(text, start, begin) or object_of or owner or _modifies_role(text, end))


def _fitting(name: str, kind: str | None) -> str | None:
    """The kind a tag gives a name, unless it makes a name headed by a body's word a person ("Police",
    "Tata Institute": "he" never stands for them)."""
    return None if kind in ("person", "official") and headed_by_body(name) else kind


class ArticleResolver:
    """Keeps the entities met so far in one article and resolves each new mention."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.entities: list[Entity] = []
        self.renamed: dict[str, str] = {}
        self.pending: list[Pending] = []  # descriptions that named no one yet
        self.at = -1  # offset of the mention being read (-1: a carried speaker, before all else)
        self.sentences: dict[int, tuple[int, int]] = {}  # where each sentence read lies
        self.subjects: dict[int, tuple[int, Entity]] = {}  # each sentence's entity met first, and where

    # --- public -------------------------------------------------------------------

    def resolve(self, start: int, end: int, sentence: int, kind: str | None = None) -> str:
        """Canonical name of the mention ``text[start:end]`` in sentence number ``sentence``."""
        start, end = whole_name(self.text, *whole_words(self.text, start, end))
        start = office_before(self.text, start, end)
        self.at = start
        mention = clean_mention(self.text[start:end])
        if in_headline(self.text, start):
            mention = as_the_body_writes(self.text, mention)
        low = mention.lower()
        if not mention or all(w.lower() in STOPWORDS for w in _words(mention)):
            return UNNAMED
        bare = re.sub(r"^the\s+", "", mention, flags=re.IGNORECASE)
        country = CAPITALS.get(mention) or COUNTRY_ALIASES.get(mention) or COUNTRY_ALIASES.get(bare)
        if country:
            return self._touch(self._entity(country, "government"), sentence, "government").name
        if low in PERSON_PRONOUNS or low in GROUP_PRONOUNS:
            return self._pronoun(low, mention, sentence)
        if low == "you":
            return self._addressee(mention, sentence)
        if low.startswith(("a ", "an ")) and (unnamed := unnamed_individual(mention)):
            ent = self._entity(unnamed, "unnamed")  # an indefinite brings in someone new
            ent.descriptors |= set(unnamed.split()[1:])
            return self._touch(ent, sentence, "unnamed").name
        if group := self._research_group(mention, sentence):
            return group
        rest = _words(mention.split(" ", 1)[1] if low.startswith(DETERMINERS) else mention)
        described = not any(is_proper(w) for w in rest) or only_roles(rest) or _national_role(mention)
        if described or low.startswith(DETERMINERS):
            # "the Senate Minority Leader, Chuck Schumer, said": the name the description stands for
            named = _NAMED_AFTER.match(self.text, end)
            if named and not COUNTRY_ALIASES.get(named.group(1)):
                return self._named(named.group(1), named.end(1), sentence, kind)
        if described:
            return self._description(mention, sentence, kind)
        if joint := self._joint(mention, end, sentence, kind):
            return joint
        if not looks_personal(mention) and (person := person_after_role(self.text, end)):
            return self._named(*person, sentence, kind)  # "[UCL] astronomer Angelos Tsiaras"
        return self._named(mention, end, sentence, kind)

    def observe(self, start: int, end: int, sentence: int) -> None:
        """Register the multi-word proper names of ``text[start:end]``, tagged or not, as entities met,
        and a surname alone ("Trump maintained ...") as its bearer met."""
        self.sentences[sentence] = (start, end)
        past = start
        for match in PROPER_RUN.finditer(self.text, start, end):
            if match.start() < past or unit_goes_on(self.text, match.end()) > match.end():
                continue  # "Mohammad bin [Salman]": read with the name before; "GitHub Trust [and Safety team]"
            at, past = match.start(), self._run_end(match)
            for part in POSSESSIVE.split(self.text[at:past]):  # "Brazil's National Institute": two names
                self.at, at = at, self.text.index(part, at) + len(part)
                words = re.sub(r"[’']s$", "", part).replace("]", "").split()
                office = _OFFICE_BEFORE.search(self.text, max(0, self.at - 40), self.at)
                if _aside(self.text, start, self.at, at):  # after the sentence's own subject
                    self.at += len(self.text)
                if office and is_role(office.group(1)):  # "Secretary of [State Mike Pompeo]"
                    words = after_roles([*office.groups(), *words])[0][-len(words) :]
                if words and asks(self.text[start:end], words[0]):
                    words = words[1:]  # "Will Red Hat employees be barred ...?"
                while words and (
                    words[0] in SENTENCE_OPENERS or is_place(words[0]) or DESCRIBING.fullmatch(words[0])
                ):
                    words = words[1:]  # "When Trump", "Argentina Alberto Fernández", "Kurdish-led SDF"
                self._met(words, at, sentence)

    def _run_end(self, run: re.Match[str]) -> int:
        """Where a run of capitalised words met in passing ends: over the particles its name goes on
        with ("Crown Prince Mohammad [bin Salman]", "told NPR Hamza [bin Laden]"), or a body's name over
        its "and" ("Pacific Gas [and Electric Company]"). A one-word run is
        left as it is, its name's last word met as a surname alone: a name written in passing before
        a particle brings in no new person for the pronouns after it to take ("reported Hamza bin
        Laden to be dead ... asked Trump about it, but he declined" in a Wikinews dev article). A run
        goes on past an editor's closing bracket ("[Prime Minister Narendra] Modi")."""
        if bracket := _BRACKET_GOES_ON.match(self.text, run.end()):
            return bracket.end()
        joint, first = _AND_BODY.match(self.text, run.end()), run.group().split()
        if (
            joint
            and joint.group(1).split()[-1].lower() in _JOINT_HEADS
            and not headed_by_body(run.group())  # not "Marisol Brands and Vantara Energy"
            and not any(w.isupper() for w in first)  # nor "PDWU and Meridian Health Group"
            and not self._bearer(first[-1])  # nor "Trump and ..."
        ):
            return joint.end()
        return name_goes_on(self.text, run.end()) if " " in run.group() else run.end()

    def _met(self, words: list[str], at: int, sentence: int) -> None:
        """A run of capitalised words met in passing: a name of two words or more, the roles before it
        describing its bearer ("Prime Minister Igor Matovič", then "the Prime Minister"), or a surname
        alone standing for its bearer ("Trump maintained", "told MSNBC Cummings")."""
        name = after_owner(words)  # "Hong Kong Carrie Lam", "United Nations Nikki Haley"
        if len(name) == 2 and len(name[0]) > 2 and name[0].isupper() and self._bearer(name[1]):
            name = name[1:]  # an outlet's acronym glued before a surname
        if len(name) >= 2 and not COUNTRY_ALIASES.get(" ".join(name)) and not only_roles(name):
            ent = self._entity(self._named(" ".join(name), at, sentence, None), None)
            ent.descriptors |= {w.lower() for w in words[: -len(name)] if is_role(w)}
        elif name and not _modifies_role(self.text, at) and (bearer := self._bearer(name[0])):
            self._touch(bearer, sentence)

    def final(self, name: str | None) -> str | None:
        """The name an entity ended up with (a short name met first is upgraded to the full one)."""
        seen = set()
        while name in self.renamed and name not in seen:
            seen.add(name)
            name = self.renamed[name]
        return name

    def affiliation(self, name: str) -> str:
        """The name an affiliation read off a description stands for, read as a speaker's mention is:
        a person's name without the office or place glued before it ("Minister of Information Moammar
        al-Eryani", "United States Joe Biden" of "President of the United States Joe Biden"); a
        surname alone ("paid tribute to Luk", "Pelosi's announcement", "Syrian President Bashar") the
        full name the article gives its bearer ("John Luk Jok", "Nancy Pelosi"). Any other name, a
        place ("Egypt", not "Roman Egypt") and a surname that no one met bears stay as written."""
        words, _ = after_roles(after_owner(name.split()))
        bare = strip_titles(" ".join(words))[0]
        if len(bare.split()) > 1:
            return bare if looks_personal(bare) else name
        surname = is_name(bare) and not is_place(bare)  # not "Egypt", "Europe"
        bearer = self._bearer(bare) if surname else None
        return self.final(bearer.name) or name if bearer else name

    def note(self, name: str, sentence: int, kind: str | None = None) -> None:
        """Record that ``name`` was spoken of (e.g. a carried-over speaker) in this sentence."""
        self.at = -1
        self._touch(self._entity(name, kind), sentence, kind)

    # --- kinds of mention ----------------------------------------------------------

    def _pronoun(self, low: str, mention: str, sentence: int) -> str:
        """The most recent fitting entity, the subject first within a sentence: a person of the
        pronoun's gender for "he"/"she", a body for "they"/"it"; a name of no known kind fits if
        it reads as such ("Anne Sacoolas" a person, "Utah Jazz" not)."""
        person = low in PERSON_PRONOUNS
        wanted = ("person", "official") if person else ("government", "organization", "outlet", "unnamed")
        gender = GENDER.get(low)
        # A gender only assumed from a given name gives way when no one else fits ("Lindsey Graham ... he").
        for strict in (True, False):
            for ent in self._recent():
                clash = gender and ent.gender not in (None, gender) and (strict or not ent.assumed)
                if clash or names_a_thing(ent.name):
                    continue
                fits = looks_personal(ent.name) if person else looks_like_body(ent.name)
                if ent.kind in wanted or (ent.kind is None and fits):
                    if person and gender and (ent.gender is None or ent.assumed):
                        ent.gender, ent.assumed = gender, False
                    return self._touch(ent, sentence).name
            if not (person and gender):
                break
        return mention

    def _addressee(self, mention: str, sentence: int) -> str:
        """ "You" as a speaker is whom an interview's question addresses ("((WN)) You mentioned you
        were a TV anchor"): the person most spoken of so far, the one interviewed."""
        person = max(filter(self._personal, self.entities), key=lambda e: e.count, default=None)
        return self._touch(person, sentence).name if person else mention

    def _joint(self, mention: str, end: int, sentence: int, kind: str | None) -> str | None:
        """Two people named together ("Senate Minority Whip Dick Durbin and Representative Adam Schiff",
        "Barr and Ross" after both were named): one joint agent, each by the name they go by."""
        pair = _PAIR.fullmatch(mention)
        if not pair:
            return None
        people = []
        for part in pair.groups():
            words, _ = after_roles(after_owner(part.split()))
            bare = strip_titles(" ".join(words))[0]
            bearer = self._bearer(bare) if len(bare.split()) == 1 and is_proper(bare) else None
            if not (bearer or looks_personal(bare)):
                return None
            people.append(bearer.name if bearer else None)
        names = [
            known or self._named(part, end if k else self.at, sentence, kind)
            for k, (known, part) in enumerate(zip(people, pair.groups(), strict=True))
        ]
        if len(set(names)) < 2:
            return None
        return self._touch(self._entity(" and ".join(names), kind), sentence, kind).name

    def _research_group(self, mention: str, sentence: int) -> str | None:
        """A research group brought in as written, or the latest one a description refers back to."""
        latest = next((e for e in self._recent() if _RESEARCH in e.descriptors), None)
        if latest and names_group(mention):
            return self._touch(latest, sentence).name
        if name := group_named(mention):
            group = self._entity(name, "organization")
            group.descriptors.add(_RESEARCH)
            return self._touch(group, sentence).name
        return None

    def _description(self, mention: str, sentence: int, kind: str | None) -> str:
        words = [w.lower() for w in _words(mention)]
        head = words[-1] if words else ""
        if head in UNNAMED_HEADS or any(w in UNNAMED_HEADS for w in words[:2]):
            name = re.sub(r"^(?:the|some)\s+", "", mention, flags=re.IGNORECASE)
            return self._touch(self._entity(name, "unnamed"), sentence, "unnamed").name
        for ent in self._recent():
            if head and (head in ent.descriptors or head in ent.name.lower().split()):
                return self._touch(ent, sentence).name
        if head in _LED and len(words) <= 2 and (led := self._led_body(head)):
            return self._touch(led, sentence).name
        if head in FAMILY:
            return self._relative(head, mention, sentence)
        if head in WORKS and (author := self._author(head)):
            return self._touch(author, sentence).name
        wanted = DESCRIPTION_KINDS.get(head) or kind
        if wanted:
            for ent in self._recent():
                if ent.kind == wanted or (wanted == "person" and ent.kind == "official"):
                    ent.descriptors.add(head)  # "the complaint" later is the same body's again
                    return self._touch(ent, sentence).name
        written = mention[:1].lower() + mention[1:] if mention.split()[0].istitle() else mention
        self.pending += pending(written, head, wanted, sentence, in_headline(self.text, self.at))
        return written

    def _led_body(self, head: str) -> Entity | None:
        """The latest "<Name> administration" (or campaign) the text wrote before this mention."""
        found = None
        for match in _LED_BODY.finditer(self.text, 0, max(self.at, 0)):
            if match.group(2) == head:
                found = match
        if found is None:
            return None
        words = [w for w in found.group(1).split() if w not in SENTENCE_OPENERS and w != "The"]
        return self._entity(" ".join([*words, head]), _LED[head]) if words else None

    def _author(self, work: str) -> Entity | None:
        """Whom a document stands for ("The book alleges" after "Mary Trump released the tell-all book"):
        the subject of the sentence that named it, not the latest person (Donald Trump)."""
        number = issuing_sentence(self.text, work, self.at, self.sentences)
        return self.subjects[number][1] if number in self.subjects else None

    def _relative(self, head: str, mention: str, sentence: int) -> str:
        """ "The father" that no entity was described as: a relation, not a role, so never the latest
        person (the judge who sentenced him); the one person of the article who fits, if only one
        does, else as written. "His father" is never the one person met: that is "he"."""
        gender = GENDER.get(head)
        fitting = [
            ent
            for ent in self.entities
            if self._personal(ent) and (gender is None or ent.gender in (None, gender) or ent.assumed)
        ]
        if len(fitting) == 1 and mention.lower().startswith("the "):
            return self._touch(fitting[0], sentence).name
        return mention[:1].lower() + mention[1:]

    def _named(self, mention: str, end: int, sentence: int, kind: str | None) -> str:
        if re.match(r"(?:the|The)\s+\S", mention) and any(is_proper(w) for w in mention.split()[1:]):
            mention = mention.split(" ", 1)[1]  # "The Taliban", "the Biden campaign": as "Taliban"
        mention, acronym = acronym_given(mention)
        if (owner := _PLACE_OWNS.match(mention)) and is_place(owner.group(1)):
            mention = mention[owner.end() :]
        words, roles = after_roles(after_owner(mention.split()))
        mention = " ".join(words)
        name, titles = strip_titles(trailing_name(mention))
        titles |= roles
        name = plain_name(name)
        ent = self._match(name)
        new = ent is None
        if new:
            ent = self._entity(name, kind)
        elif len(name) > len(ent.name) and abbreviates(ent.name, name):
            self.renamed[ent.name] = name  # "PG&E" met first, "Pacific Gas and Electric Company" later
            ent.aliases.add(ent.name)  # the acronym still names it
            ent.name = name
        elif len(name) > len(ent.name) and ent.name in name and not _joins(ent.name, name):
            self.renamed[ent.name] = name  # "Koval" met first, "Mira Koval" later: keep the full name
            ent.name = name
        ent.descriptors |= titles
        ent.aliases |= {acronym} if acronym else set()
        if titles and ent.kind is None:
            ent.kind = "official"
        description = introduced(appositive(self.text, end) or "")
        if description:
            ent.descriptors |= _head_words(description)
            ent.kind = self._kind_of(description) or ent.kind  # "X, a media outlet": the text says
        # What the text says (a title, "spokeswoman") outweighs what the given name suggests.
        if said := next((GENDER[w] for w in ent.descriptors if w in GENDER), None):
            ent.gender, ent.assumed = said, False
        else:
            ent.guess_gender()  # "Koval" met first, "Mira Koval" now
        if new and (described := named_next(self.pending, ent.name, ent.kind, sentence)):
            self.renamed[described] = ent.name  # "its chief executive said" before "Magnus Lindqvist"
        return self._touch(ent, sentence, kind).name

    # --- helpers -------------------------------------------------------------------

    @staticmethod
    def _kind_of(description: str) -> str | None:
        """The kind a description gives: of its last known word before a preposition ("a spokeswoman
        for the ministry" is a person), a capitalised one only as the head ("the Republican Party
        presidential nominee" is no party, "the Labour Party" is)."""
        head = _words(description)
        head = head[: next((i for i, w in enumerate(head) if w.lower() in PREPOSITIONS), len(head))]
        for k, word in reversed(list(enumerate(head))):
            if word.lower() in DESCRIPTION_KINDS and (k == len(head) - 1 or not is_proper(word)):
                return DESCRIPTION_KINDS[word.lower()]
        return None

    def _match(self, name: str) -> Entity | None:
        """An entity already met that this name refers to: same name, or a part of it (of a name,
        never of a description such as "a spokesman for West")."""
        tokens = folded(name).split()
        for ent in self._recent():
            if folded(ent.name) == folded(name) or name in ent.aliases:
                return ent
        if len(tokens) == 1 and (bearer := self._bearer(name)):
            return bearer
        for ent in self._recent():  # "Supreme Court" after "Supreme Court of Puerto Rico"
            theirs = folded(ent.name).split()
            if (
                2 <= len(tokens) < len(theirs)
                and theirs[: len(tokens)] == tokens
                and theirs[len(tokens)] == "of"
            ):
                return ent
        for ent in self._recent():  # "Emergencies Ministry" and "Emergency Situations Ministry"
            if field_variant(name, ent.name):
                return ent
        for ent in self._recent():  # "RIAA" and "Recording Industry Association of America", "PG&E"
            if abbreviates(name, ent.name) or abbreviates(ent.name, name):
                return ent
        if name.isalpha() and name.isupper():  # "NG" answering for Natasha Gownaris
            for ent in self._recent():
                if self._personal(ent) and person_initials(ent.name) == name:
                    return ent
        for ent in self._recent():
            theirs = folded(ent.name).split()
            if (
                len(tokens) < len(theirs)
                and is_name(ent.name)
                and not any(
                    w.islower() and w not in PARTICLES - {"of"} for w in ent.name.split()
                )  # "Trump campaign"
                and (theirs[-len(tokens) :] == tokens or theirs[: len(tokens)] == tokens)
            ):
                return ent
            part = tokens[-len(theirs) :] == theirs or tokens[: len(theirs)] == theirs
            part = part and not joined(tokens, theirs)
            if len(theirs) < len(tokens) and part and ent.kind != "government" and self._same_kind(ent, name):
                return ent
        return None

    def _bearer(self, surname: str) -> Entity | None:
        """The person a surname alone stands for: of those met who bear it, the most mentioned
        (in an article on Donald Trump, "Trump" is he, not Mary Trump), the latest on a tie."""
        bearers = [
            ent for ent in self._recent() if folded(surname) in surnames(ent.name) and self._personal(ent)
        ] or [
            ent
            for ent in self._recent()
            if self._personal(ent) and any(misspelt(folded(surname), s) for s in surnames(ent.name))
        ]
        return max(bearers, key=lambda e: e.count, default=None)

    def _same_kind(self, ent: Entity, name: str) -> bool:
        """Whether a longer name may be the full name of an entity: "Doris Day Show" is no person's."""
        return ent.kind not in ("person", "official") or not looks_like_body(name)

    @staticmethod
    def _personal(ent: Entity) -> bool:
        """Whether an entity is a person: so the text calls it, or its name reads as a person's."""
        return ent.kind in ("person", "official") or (ent.kind is None and looks_personal(ent.name))

    def _entity(self, name: str, kind: str | None) -> Entity:
        for ent in self.entities:
            if ent.name == name:
                return ent
        ent = Entity(name, _fitting(name, kind))
        ent.guess_gender()
        self.entities.append(ent)
        return ent

    def _touch(self, ent: Entity, sentence: int, kind: str | None = None) -> Entity:
        ent.count += 1
        if self.at >= 0 and self.at < self.subjects.get(sentence, (len(self.text), ent))[0]:
            self.subjects[sentence] = (self.at, ent)
        if sentence > ent.last:
            ent.last, ent.pos = sentence, self.at
        elif sentence == ent.last:
            ent.pos = min(ent.pos, self.at)
        if ent.kind is None:
            ent.kind = _fitting(ent.name, kind)
        return ent

    def _recent(self) -> list[Entity]:
        return sorted(self.entities, key=lambda e: (-e.last, e.pos))
