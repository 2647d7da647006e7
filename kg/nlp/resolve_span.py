"""Which part of a tagged span is the mention (rules; no torch).

The model's span often takes in more than the speaker: a verb or adverb ("said", "He publicly"),
an addressee ("officials to journalists"), a body's document ("FEC records"), the roles before a
name ("Ecologist Ryan Norris") or the place after it ("Chip Taylor of the University of Kansas").
These functions cut a span down to what the resolver looks up.
"""

from __future__ import annotations

import re
from itertools import dropwhile, takewhile

from kg.nlp.describe import POSSESSIVE, UPPER
from kg.nlp.gazetteer import DESCRIPTION_KINDS, UNNAMED_HEADS
from kg.nlp.resolve_kinds import (
    BODY_WORDS,
    CALENDAR,
    NOT_PERSONAL,
    PARTICLES,
    is_place,
    is_proper,
    is_role,
    looks_personal,
    only_roles,
)

STOPWORDS = frozenset("the a an this that these those both all some of s".split())
PREPOSITIONS = frozenset(
    "for of at with in to from on by affiliated based close linked who which that".split()
)
# Capitalised words in one line; not the end of a word ("ex-[Muslim Zara Kay]", "C-[MORE]").
PROPER_RUN = re.compile(rf"(?<![\w\-'’])[{UPPER}][\w'’\-]+(?:[^\S\n]+[{UPPER}][\w'’\-]+)*")
# Capitalised words that open a sentence, no part of the name after them ("When Trump").
SENTENCE_OPENERS = frozenset(
    """The A An In On At But And Meanwhile However According After Before While When If As Since Although
    Though During With Without For From Under Over Despite Asked Speaking Like Unlike Following Because So
    Yet Still Now Then Later Earlier Today Yesterday Last This That These Those Both Many Some Several
    Other Another Former New Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    March April May June July August September October November December Dear Mr Mrs Ms Said Says Remarked
    Added Noted Wrote Explained Told Insisted Retired Afterwards Afterward Additionally Separately Subsequently
    Eventually Initially Finally Previously Currently Recently Furthermore Moreover Instead
    Hi Hello Hey Regarding Concerning Thanks I'm I’m I've I’ve I'd I’d I'll I’ll""".split()  # "I'm Rich Bowen and ..."
)
# A question's auxiliary, capitalised as its first word: no part of the name after it ("Will Red Hat
# employees be barred ...?").
_AUXILIARIES = frozenset(
    "Will Would Can Could Should Shall May Might Must Do Does Did Is Are Was Were Has Have Had".split()
)
_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[.'’\-])*")  # letters of any alphabet: "Öztürk"

# Words a tagged span sometimes takes in that are no part of the name.
_LEAD_VERB = re.compile(
    r"^(?:according\s+to|said|says|fumed|added|insisted|remarked|noted|wrote|explained|told|asked|"
    r"both|also|then|later|citing|from|by|via|per)\s+",
    re.IGNORECASE,
)
# A finding stands for whom it is by: "polling by Democratic organizations", "a study from Griffith University".
_FINDING_BY = re.compile(
    r"^(?:(?:a|an|the|new|recent|latest|opinion|independent)\s+)*(?:polling|polls?|surveys?|study|studies|"
    r"reports?|analysis|research|data|figures|estimates?|findings)\s+(?:by|from)\s+",
    re.IGNORECASE,
)
_TRAIL_PLAIN = (
    r"later|also|both|again|alone|himself|herself|themselves|itself|then|too|said|says|told|"
    r"further|have|has|had|of|from|at|for|in|on|and|with|the|QC|KC|OBE|CBE|MBE"
)
_TRAIL_WORDS = re.compile(
    rf"(?:\s+(?:{_TRAIL_PLAIN}|[a-z]+ed|(?!(?:fami|al|assemb|dai|week|month)ly)[a-z]+ly)\b)+$"
)  # "He tweeted", "He publicly", "Some scholars have", "Durham Hall QC"
# A relative clause ends in its own participle or adverb ("officials who asked not to be named"):
# only the plain words after it ("... named said") are no part of the mention.
_RELATIVE = re.compile(r",?\s+(?:who|which)\s")
_TRAIL_AFTER_CLAUSE = re.compile(rf"(?:\s+(?:{_TRAIL_PLAIN})\b)+$")
# Where a body is based, or who leads or backs it, describes it before its name: "Virginia-based
# [Symplicity Corporation]", "Kurdish-led [Syrian Democratic Forces]".
_DESCRIBING = r"\S+-(?:based|led|backed|owned|run|funded)"
DESCRIBING = re.compile(_DESCRIBING)  # one such word, in a run of capitalised words
_BASED = re.compile(rf"^(?:[Tt]he\s+)?{_DESCRIBING}\s+(?=[{UPPER}])")
# Whom a statement was made to is no part of who made it: "officials to journalists".
_ADDRESSEE = re.compile(r"\s+to\s+(?:the\s+)?(?:journalists|reporters|press|media|lawmakers)$")
# What a body published stands for the body: "the Internal Revenue Service website", "the party's website";
# so does what kind of paper it is ("Time magazine" is Time, as "Time" says later).
_DOCUMENT = re.compile(
    r"(?<=[A-Z\w])(?:[’']s)?\s+(?:official\s+)?(?:website|records|data|figures|database|report|study|"
    r"statement|press\s+release|press|release|account|magazine|newspaper|tabloid)$"
)
# Words that may stand between a body's name and the role after it ("Center for Biological Diversity").
_NAME_LINKS = frozenset("of for the and".split())
# A person's name followed by where they work: the name alone is the speaker.
_OF_PLACE = re.compile(rf"\s+(?:of|from|at)\s+(?:the\s+)?[{UPPER}]")
_LINKS = frozenset("in for from at of and with to on".split())
_INITIAL = re.compile(r"^[A-Z]\.$")
_PEOPLE = frozenset(
    "acquaintance clerk witness neighbour neighbor resident friend relative member employee student".split()
)


def asks(sentence: str, word: str) -> bool:
    """Whether ``word`` opens the question ``sentence`` as its auxiliary (no lower-case word before it)."""
    before = sentence.split(word, 1)[0]
    return (
        word in _AUXILIARIES
        and sentence.rstrip(" \t\n\"”’'").endswith("?")
        and not re.search(r"\b[a-z]", before)
    )


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def clean_mention(mention: str) -> str:
    """The span without punctuation around it and without the words that are no part of a name."""
    dotted = re.search(r"\b(?:[A-Z]\.){2,}$", mention)  # keep the stop of "U.S."
    mention = mention.strip(" \t\n,.;:“”\"'‘’()") + ("." if dotted else "")
    mention = _BASED.sub("", _LEAD_VERB.sub("", _FINDING_BY.sub("", mention)))
    mention = _trim_trailing(_ADDRESSEE.sub("", mention))
    if _owned_document(mention):
        mention = _DOCUMENT.sub("", mention)
    mention = _name_before_place(mention)
    return re.sub(r"[’']s$", "", mention).strip(" ,")


def _trim_trailing(mention: str) -> str:
    """The mention without the verbs and adverbs a span takes in after it, none cut from inside a
    relative clause ("Officials who asked not to be named said" -> "... not to be named")."""
    if _RELATIVE.search(mention):
        return _TRAIL_AFTER_CLAUSE.sub("", mention)
    return _TRAIL_WORDS.sub("", mention)


def _name_before_place(mention: str) -> str:
    """ "Chip Taylor of the University of Kansas", "Lead author Sally Wasef of Australia's Griffith
    University" -> the person's name before "of", "from" or "at"; "Bank of
    England", "Crown Prince of Saudi Arabia ...", "Recording Industry Association of America" (no
    person's name) stay whole."""
    place = _OF_PLACE.search(mention)
    head = mention[: place.start()].split() if place else []
    plain = [
        k + 1 for k, w in enumerate(head) if w.lower() in STOPWORDS or not (is_proper(w) or w in PARTICLES)
    ]
    start = max(plain, default=0)
    name = head[start:]  # the capitalised words before "of", all of them
    common = any(DESCRIPTION_KINDS.get(w.lower()) or is_role(w) for w in name)
    common = common or (start > 0 and head[start - 1].lower() in STOPWORDS)  # "the Royal Swedish Academy"
    return " ".join(name) if looks_personal(" ".join(name)) and not common else mention


def _owned_document(mention: str) -> bool:
    """A document of a named body or of a described one ("FEC records", "the party's website"), not
    "the report" alone (a description of its own)."""
    match = _DOCUMENT.search(mention)
    if not match:
        return False
    owner = [w for w in mention[: match.start()].split() if w.lower() not in STOPWORDS]
    return any(is_proper(w) for w in owner) or match.group().startswith(("'s", "’s"))


def trailing_name(mention: str) -> str:
    """The proper name at the end of a described mention: "the Swiss daily Zürcher Handelsblatt"."""
    tokens = mention.split()
    k = len(tokens)
    while k > 0 and (tokens[k - 1][:1].isupper() or tokens[k - 1].lower() in PARTICLES):
        k -= 1
    while k < len(tokens) and tokens[k] in PARTICLES:
        k += 1
    if (
        k == 0
        or k == len(tokens)
        or not any(w[:1].islower() and w.lower() not in PARTICLES for w in tokens[:k])
    ):
        return mention
    before = [w.lower().strip(",") for w in tokens[:k]]
    linked = before[-1] in _LINKS or (before[-2:] == ["and", "the"] and "of" in before)
    # "Supreme Court of the United Kingdom": a name whose words are all capitalised before "of the"
    linked = linked or (before[-2:] == ["of", "the"] and all(w[:1].isupper() for w in tokens[: k - 2]))
    # "diplomats in Bamako", "CEN and CENELEC", "State of Iraq and the Levant" stay whole; "...
    # Diversity scientist Tierra Curry" does not
    if linked or any(w in UNNAMED_HEADS for w in before):
        return mention
    return " ".join(tokens[k:])


def after_roles(tokens: list[str]) -> tuple[list[str], set[str]]:
    """The name after the roles that open a mention, with those roles: "Ecologist Ryan Norris",
    "Secretary of State Mike Pompeo", "Prime Minister of India Narendra Modi", "Minister of State for
    IT and Telecom Saima Qureshi", "Federal Minister for Commerce Khawaja Imran Siddiqui"."""
    roles: set[str] = set()
    link = max((k for k, w in enumerate(tokens) if k and _office_link(w, tokens[k - 1])), default=0)
    tail = [w for w in tokens[link + 1 :] if w.lower() != "the"] if link else []
    if size := _name_ending(tail):
        roles = {w.lower() for w in tokens[: len(tokens) - size] if is_role(w)}
        tokens = tail[-size:]
    while (
        len(tokens) >= 3
        and is_role(tokens[0])
        and is_proper(tokens[1])
        and looks_personal(" ".join(tokens[1:]))
    ):
        roles.add(tokens[0].lower())
        tokens = tokens[1:]
    return tokens, roles


def _office_link(word: str, role: str) -> bool:
    """Whether ``word`` opens the complement of an office: "of" after a role, "for" after a title
    ("Minister for Commerce"; "a lawyer for Rodrigo Prado" is whom the lawyer serves)."""
    return is_role(role) and (word == "of" or (word == "for" and is_proper(role)))


def _name_ending(complement: list[str]) -> int:
    """How many last words of an office's complement are the holder's name: two ("State [Mike Pompeo]",
    "IT and Telecom [Saima Qureshi]"), three with a particle or an initial ("[John W. Smith]"); none
    when a link goes before them ("Health and [Social Care]") or they read as no person's."""
    initial = len(complement) > 3 and (complement[-2].lower() in PARTICLES or _INITIAL.match(complement[-2]))
    size = 3 if initial else 2
    name, before = complement[-size:], complement[-size - 1 : -size]
    if not before or not is_proper(before[0]) or not is_proper(name[0]):
        return 0
    return size if initial or looks_personal(" ".join(name)) else 0


def after_owner(tokens: list[str]) -> list[str]:
    """A person's full name without the place, body or office glued before it ("Germany Richard
    Grenell", "United Nations Nikki Haley", "Native American Rights Fund's Jacqueline De León", "NATO
    Secretary-General Jens Stoltenberg", "told NPR Hamza bin Laden"): in the run of capitalised words
    that ends the mention, the words after the last role, else the last two (three with a particle or
    an initial) after a place, a possessive, an acronym or a name ending in a body's word."""
    if any("," in w for w in tokens):  # an apposition, read elsewhere
        return tokens
    start = max(
        (k + 1 for k, w in enumerate(tokens) if not is_proper(w) and w not in PARTICLES - {"of"}), default=0
    )
    roles = [k for k in range(max(start, 1), len(tokens)) if is_role(tokens[k])]
    if roles and full_name(tokens[roles[-1] + 1 :]):
        return tokens[roles[-1] + 1 :]
    size = 3 if len(tokens) > 3 and (tokens[-2].lower() in PARTICLES or _INITIAL.match(tokens[-2])) else 2
    owner, name = tokens[start:-size], tokens[-size:]
    if not owner or not all(map(is_proper, owner)) or not full_name(name):
        return tokens
    possessive = len(POSSESSIVE.split(" ".join(owner + name))) > 1
    body = len(owner) > 1 and owner[-1].lower() in BODY_WORDS | NOT_PERSONAL
    acronym = len(owner) == 1 and len(owner[0]) > 1 and owner[0].isalpha() and owner[0].isupper()
    return name if possessive or body or acronym or is_place(" ".join(owner)) else tokens


def full_name(tokens: list[str]) -> bool:
    """Two or three words that read as a person's name, the first capitalised ("Jacqueline De León")."""
    return (
        2 <= len(tokens) <= 3
        and is_proper(tokens[0])
        and "of" not in tokens
        and looks_personal(" ".join(tokens))
    )


# An office's capitalised words and its "of" or "for" right before a span: "Minister of [Information
# Moammar al-Eryani]", "Secretary of [State Mike Pompeo]".
_OFFICE_OF = re.compile(
    rf"(?:[{UPPER}][\w\-]*[ \t]+)*([{UPPER}][\w\-]*)[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?\Z"
)


def office_before(text: str, start: int, end: int) -> int:
    """The start of a span widened over the office whose complement it opens with, when it ends in the
    holder's name ("Minister of [Information Moammar al-Eryani]", "President of [the United States Joe
    Biden]", "Director of [National Intelligence John Ratcliffe]"): read with the office, the field
    is the office's ("Information"), no part of the name; ``start`` when no office goes before or
    the span names no holder after it ("Secretary of [State]")."""
    office = _OFFICE_OF.search(text, max(0, start - 60), start)
    if not office or not is_role(office.group(1)):
        return start
    name, roles = after_roles(text[office.start() : end].split())
    return office.start() if roles and len(name) < len(text[start:end].split()) else start


# A site introduced by a determiner, not a website's kind ("social media site Facebook"): "a site
# called Abri Peyrony", "this other site Pech-de-l’Azé".
_SITE_BEFORE = re.compile(
    r"\b(?:a|the|this|that|another|other|one)[ \t]+sites?[ \t]+(?:(?:called|named|known[ \t]+as)[ \t]+)?\Z"
)


def names_a_site(text: str, start: int, end: int) -> bool:
    """Whether the text introduces the name at ``text[start:end]`` as a site ("from this other site
    [Pech]-de-l’Azé"): a place where things were found, never who says or holds something."""
    start, _ = whole_words(text, start, end)
    return bool(_SITE_BEFORE.search(text, max(0, start - 40), start))


def person_after_role(text: str, end: int) -> tuple[str, int] | None:
    """The person named after a role when a span ending at ``end`` names only the body: "[UCL]
    astronomer Angelos Tsiaras", "[Center] for Biological Diversity scientist Tierra Curry", "[Kamloops
    RCMP] Constable Gary Gray"; the name and where it ends."""
    clause = re.match(r"[^,.;:“”\"()]*", text[end : end + 150]).group()
    tokens = [(m.group(), end + m.end()) for m in re.finditer(r"\S+", clause)]
    for k, (word, _) in enumerate(tokens):
        if is_role(word):  # the name: up to three capitalised words or particles after the role
            name = list(
                takewhile(lambda t: is_proper(t[0]) or t[0] in PARTICLES - {"of"}, tokens[k + 1 : k + 4])
            )
            while name and not is_proper(name[-1][0]):
                name.pop()
            words = [w for w, _ in name]
            return (" ".join(words), name[-1][1]) if full_name(words) else None
        if not (is_proper(word) or word in _NAME_LINKS):
            return None
    return None


def unnamed_individual(mention: str) -> str | None:
    """How the annotators name someone brought in by a bare indefinite description: "a court clerk"
    -> "unnamed court clerk". None when it describes no person ("a statement"), names one ("a Coralink
    spokesman"), says more of them ("a spokesman for the operator", as written) or is a source."""
    head = mention.split()[1:]
    if not head or any(is_proper(w) or w.lower() in PREPOSITIONS for w in head):
        return None
    last = head[-1].lower()
    person = DESCRIPTION_KINDS.get(last) in ("person", "official") or is_role(last) or last in _PEOPLE
    return "unnamed " + " ".join(head).lower() if person and last not in UNNAMED_HEADS else None


_ROLE_AFTER = re.compile(rf"[ \t]+([{UPPER}][\w\-]*)")


def _whole_office(text: str, start: int, end: int) -> int:
    """The end of a span widened to the whole office it stops inside ("[Deputy] Attorney-General",
    "[Deputy] Prime Minister"): a title goes on while its capitalised words are roles."""
    words = text[start:end].split()
    while (after := _ROLE_AFTER.match(text, end)) and only_roles([*words, after.group(1)]):
        words.append(after.group(1))
        end = after.end()
    return end


_CAPITALISED_BEFORE = re.compile(rf"(?:[{UPPER}][\w\-]*[ \t]+)+\Z")
_CAPITALISED_AFTER = re.compile(rf"(?:[ \t]+[{UPPER}][\w'’\-]*)+")
# A place between "the" and a name is the name's first word: "the Nevada Independent".
_THE_PLACE = re.compile(rf"\b[Tt]he[ \t]+([{UPPER}][\w\-]*)[ \t]+\Z")
# The last part of a body's complement after "of": "Islamic State of Iraq [and the Levant],".
_AND_THE_LAST = re.compile(rf"[ \t]+and[ \t]+the[ \t]+[{UPPER}][\w'’\-]*(?=[,.;:)])")
_LINKED_AFTER = re.compile(
    rf"[ \t]+(?:of|on|for)[ \t]+(?:the[ \t]+)?[{UPPER}][\w'’\-]*(?:[ \t]+[{UPPER}][\w'’\-]*)*"
)


def _body_word(word: str) -> bool:
    """A word that ends a body's name ("Commission", "Journal", "Archive", "Board")."""
    low = word.lower()
    return low in BODY_WORDS | NOT_PERSONAL or DESCRIPTION_KINDS.get(low) not in (None, "person", "official")


def whole_name(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the whole name of a body it stops inside: "[Violence Archive]" of "Gun
    Violence Archive", "[Safety]" of "National Transportation Safety Board", "[New England Journal]"
    of "... of Medicine" (a body's name goes on with "of", "on", "for" and capitalised words). A
    person's name, a headline (every word capitalised) and a day or month are left as they are; an
    "of" complement takes a last part after "and the" that closes the phrase ("Islamic State of Iraq
    and the Levant,")."""
    end = _whole_office(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end) % (len(text) + 1)
    long_words = [w for w in text[line_start:line_end].split() if len(w) > 3]
    if sum(w[:1].isupper() for w in long_words) > 0.6 * len(long_words) or looks_personal(text[start:end]):
        return start, end
    last = text[start:end].split()[-1:] or [""]
    after = _CAPITALISED_AFTER.match(text, end)
    if last[0][:1].isupper() and after and _body_word(after.group().split()[-1]):
        end = after.end()
    elif not _body_word(last[0]):
        place = _THE_PLACE.search(text, 0, start) if len(text[start:end].split()) == 1 else None
        return (place.start(1), end) if place and is_place(place.group(1)) else (start, end)
    if text[start : start + 1].isupper() and (before := _CAPITALISED_BEFORE.search(text, 0, start)):
        words = list(dropwhile(lambda w: w in SENTENCE_OPENERS or is_place(w), before.group().split()))
        start -= len(" ".join(words)) + 1 if words else 0
    while (linked := _LINKED_AFTER.match(text, end)) and not set(linked.group().split()) & CALENDAR:
        end = linked.end()
        if closing := _AND_THE_LAST.match(text, end):
            end = closing.end()  # "... of Iraq and the Levant,"
    return start, end


# A web address cut before its country's domain: "UOL.com" of "UOL.com.br".
_DOMAIN_END = re.compile(r"\w\.(?:com|co|org|net|gov|edu|ac)\Z")
_COUNTRY_DOMAIN = re.compile(r"\.[a-z]{2}\b(?!\.\w)")
_JOINS = "-'’&"  # inside a word: "C-MORE", "O'Rourke", "PG&E", "West's"
_PARTICLE_BEFORE = re.compile(
    rf"(?<![\w\-])(?:{'|'.join(sorted(w.title() for w in PARTICLES - {'of'}))})[ \t]+\Z"
)


def whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the whole words it cuts ("C-[MORE]", "O'[Rourke]", "[PG]&E", "West'[s
    family]", "UOL.com[.br]"; an owner's "'s" after it stays out), to a capitalised particle that
    opens the name before it ("Al [Jazeera]", "De [Blasio]") and to the particles and words a name
    goes on with after it ("Hamza [bin Laden]")."""
    while 0 < start < len(text) and _inside_word(text, start) and _inside_word(text, start - 1):
        start -= 1
    while start < end < len(text) and _inside_word(text, end - 1) and _inside_word(text, end):
        if re.match(r"[’']s\b", text[end:]):
            break
        end += 1
    particle = _PARTICLE_BEFORE.search(text, 0, start)
    if particle and text[start : start + 1].isupper():
        start = particle.start()
    if _DOMAIN_END.search(text, start, end) and (tail := _COUNTRY_DOMAIN.match(text, end)):
        end = tail.end()  # "UOL.com[.br]"
    return start, name_goes_on(text, end) if text[start : start + 1].isupper() else end


# Lower-case particles a person's name goes on with after a capitalised word ("Hamza [bin Laden]").
_NAME_PARTICLES = "bin|bint|ibn|al|el|van|von|de|del|della|da|di|dos|du|der|den"
_GOES_ON = re.compile(
    rf"[ \t]+(?:(?:{_NAME_PARTICLES})[ \t]+[{UPPER}][\w'’\-]*|(?:al|el)-[{UPPER}][\w'’\-]*)"
)
_NEXT_NAME = re.compile(rf"[ \t]+[{UPPER}][\w'’\-]*")


def name_goes_on(text: str, end: int) -> int:
    """Where a name the text cuts at ``end`` ends: over a particle and the word after it ("Hamza [bin
    Laden]"), an "al-" surname ("Moammar [al-Eryani]"), and the word after a particle it ends in
    ("Haitham bin Tariq Al [Said]"); ``end`` when the name ends there."""
    last = text[:end].rsplit(None, 1)[-1:] or [""]
    if last[0].lower() in PARTICLES - {"of"} and (after := _NEXT_NAME.match(text, end)):
        end = after.end()
    while more := _GOES_ON.match(text, end):
        end = more.end()
    return end


# Words of a unit after a name joined by "and": "GitHub Trust and Safety team" is one team's name.
_UNITS = frozenset("team department division unit committee office section desk".split())
_UNIT_AFTER = re.compile(rf"[ \t]+and(?:[ \t]+[{UPPER}][\w'’\-]*)+(?=[ \t]+([a-z]+)\b)")


def unit_goes_on(text: str, end: int) -> int:
    """Where a unit's name a run of capitalised words stops inside ends: "[GitHub Trust] and Safety
    team" (the unit's word after it stays out); ``end`` when no unit's word follows."""
    unit = _UNIT_AFTER.match(text, end)
    return unit.end() if unit and unit.group(1) in _UNITS else end


def _inside_word(text: str, at: int) -> bool:
    """Whether ``text[at]`` belongs to a word: a letter or digit, or a join between two."""
    if text[at].isalnum():
        return True
    return text[at] in _JOINS and 0 < at < len(text) - 1 and text[at - 1].isalnum() and text[at + 1].isalnum()
