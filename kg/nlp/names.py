"""Names of agents: what a name is (and what is only a fragment of text), and the key it merges on.

The graph makes one node per key across articles, so the key forgives what does not make
another agent (case, dots, a leading "the", possessives, titles, party labels, middle
initials) and nothing else: never a surname alone. A speaker or holder that is no name
("the statement", "closed", a dateline, a headline) never becomes an agent of its own.
"""

from __future__ import annotations

import re
import unicodedata

from kg.nlp.gazetteer import (
    CAPITALS,
    COUNTRY_ALIASES,
    DESCRIPTION_KINDS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
    UNNAMED_HEADS,
)
from kg.nlp.resolve_kinds import ARABIC_SURNAME
from kg.nlp.resolve_kinds import PARTICLES as NAME_PARTICLES

# Lower-case words a name may hold ("Bank of England", "Ministry for the Environment", "Abu Bakr al-Baghdadi").
PARTICLES = frozenset(
    "of the for and de del della dela di da dos das do du van von der den bin ibn al el la le los las y on in at "
    "from to with a et & und zu".split()
)
_PRONOUNS = frozenset(
    "he she him her his hers i me we us our my your they them their it its you who this that".split()
)
# Verbs that mark a clause or a headline caught in a span ("Michael Moore Has", "Mr. Burton fumed").
_VERBS = frozenset(
    """is are was were be been being has have had does did says said tells told asks asked adds added
    denies denied fumed claims claimed warns warned urges urged insists insisted announces announced
    reports reported confirms confirmed rejects rejected calls called wants wanted will would could should
    can cannot won't didn't doesn't remarked noted stated explained replied wrote tweeted argued commented
    responded suggested acknowledged admitted alleged""".split()
)
# Capitalised words that are also first or last names: a verb only in lower case.
_NAME_LIKE = frozenset({"will", "said", "may", "can", "calls", "wants"})
# Words that open a description or a clause, not a name ("A Hampshire Police spokesman", "For Martin").
_OPENERS = frozenset(
    """a an one some several many each every another any no two three four five for from with to in on at by
    after before when while if as of although though because since despite local across afterwards regarding
    whereas meanwhile however also later then thus according following among amid during without about
    between through into like unlike and yet but or nor hi hello dear""".split()
)
# Heads of names of events, storms, diseases, documents, products and buildings: things, not agents
# ("World War II", "Doris Day Show", "United States Constitution", "Hong Kong Police Headquarters",
# "Southbank Boulevard"; places of worship, where attacks and celebrations happen: "Al Noor Mosque",
# "Jolo Cathedral").
_NOT_AGENTS = frozenset(
    """war pandemic epidemic virus covid-19 advisory olympics show measles flu influenza ebola
    coronavirus syndrome constitution treaty amendment manifesto headquarters boulevard avenue mosque
    cathedral synagogue basilica""".split()
)
# A hall that belongs to someone is a building or a room, never an agent ("La Fortaleza's Hall of
# Mirrors"); "Hall" alone may be a surname ("Durham Hall").
_OWNED_HALL = re.compile(r"\w[’']s?\s+Hall$")
# Heads of names of places and courses, capitalised: "International Space Station", "Pre University
# Course" (a "Charleston radio station" speaks).
_PLACE_HEADS = frozenset({"Station", "Course"})
# Products, works, devices, systems and laws the resolver handed over as agents in the Wikinews
# train and dev articles, whose names carry no word that tells them from an agent's: a curated list.
_KNOWN_THINGS = frozenset(
    {
        "Red Hat Enterprise Linux",
        "Red Hat Linux",
        "Black Panther",
        "Sailor Moon",
        "Internet Relay Chat",
        "VCR",
        "LRIT",
        "BIPA",
    }
)
# A body's channel or paper in lower case after its name: where it said it, not who ("Vox website").
_CHANNELS = frozenset("website site report statement account page blog tweet video interview".split())
# Words that never name an agent, alone or together: common nouns that open a sentence or are what
# is left of a cut name ("Findings", "Prevention" of "... Control and Prevention", "Transport" of a
# ministry's name; "Disease Control", "Human Rights", "Fundamental Research": the field a body's
# name ends in; "National Team" cut from its country), a programme ("Social Security"), events
# ("Brexit"), the adjectives of parties ("Democratic") and of faiths ("Roman Catholic"; not "Hindu":
# the newspaper The Hindu reaches here without its "The").
_COMMON_WORDS = frozenset(
    """area areas findings results data evidence statistics figures research analysis safety prevention
    debates earth brexit neighbors neighbours transport health education environment defence defense justice
    interior democratic republican human rights disease control fundamental social security public foreign
    affairs civil aviation climate change national team roman catholic protestant muslim jewish buddhist
    sikh""".split()
)
# Places no government rules: a continent or a part of the world ("Europe") is no agent.
_REGIONS = frozenset(
    {"europe", "asia", "africa", "antarctica", "oceania", "north america", "south america", "latin america"}
)
# Plurals the annotators never name, whoever they belong to ("Biden campaign officials", "Chinese
# citizens", "Hong Kong student groups", "Democratic organizations"): unnamed sources. A country's
# officials ("Chinese officials") are the exception (_description); "US authorities", "Rittenhouse's
# lawyers", "Penn State researchers" are named in the gold.
_UNNAMED_PLURALS = frozenset(
    """officials citizens organizations organisations groups legislators protesters students nations users
    experts aides opponents residents activists sources""".split()
)
# Common adjectives a sentence's first word capitalises before a description ("State media").
_COMMON_OPENERS = frozenset("state federal regional provincial municipal parish national public".split())
# A body named by its country alone was cut before its field ("Egyptian Ministry [of State for Antiquity]").
_CUT_BODIES = frozenset("ministry department".split())
# Plural agent nouns: "Meteorologists", "Commentators" are people, not a name.
_PLURAL_ROLE = re.compile(r"^[A-Za-z]{3,}(?:ists|ators)$")
_STORMS = frozenset("hurricane typhoon cyclone storm tropical".split())
_CODE = re.compile(r"^[A-Za-z]+(?:-[A-Za-z]+)*-\d+s?$")  # COVID-19, SARS-CoV-2, B-17s (planes)
_CAPTION_WORDS = frozenset("image photo photograph picture file caption video".split())
_CALENDAR = frozenset(
    """January February March April May June July August September October November December Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
_DATELINE = re.compile(r"^[A-Z][A-Z .'\-]*?(?:\s*\([^)]*\))?\s+[—–-](?:\s|$)")
# Heads of a named group or office ("Baytown police", "Biden campaign", "Kerala health minister").
GROUP_HEADS = frozenset(
    {*DESCRIPTION_KINDS, *UNNAMED_HEADS}
    | set(
        """police campaign researcher team protester citizen family authority media rebel organizer organiser
        supporter parent opponent plaintiff student nation member staff resident worker chain study roommate
        boyfriend girlfriend daughter son wife husband associate agent prosecutor prosecution defence defense
        lawmaker legislator voter party forces troops navy force guard service services administration sister
        brother palace dispatcher news speaker organization organisation expert candidate community
        administrator observer""".split()
    )
)
# A sovereign's title, capitalised alone for the one who holds it ("the Sultan", "misleading the
# Queen"); "King", "Prince" and "Pope" alone are as often surnames or a stage name.
_SOVEREIGNS = frozenset("sultan emir queen emperor empress tsar czar".split())
# Titles that end an office, never a name ("Iranian Chess Federation President").
_OFFICE_ENDS = frozenset(
    """president minister spokesman spokeswoman spokesperson chairman chairwoman secretary ambassador envoy
    governor senator premier ceo""".split()
)
_SUFFIXES = frozenset("Jr Sr Inc Ltd LLC PLC Co Corp II III IV".split())
# "Brussels-based media network", "Fourteen-year-old Zoe": a description, not a name.
_DESCRIBED = re.compile(r"\w-based\s+[a-z]|\w-year-old\b")
_SPACE = re.compile(r"\s+")
_DOMAIN = re.compile(r"^[a-z0-9-]+\.(?:com|org|net|gov|edu|io|co|info|news)$")


_COUNTRIES = frozenset({*CAPITALS.values(), *COUNTRY_ALIASES.values()})


def _demonyms() -> frozenset[str]:
    """A country's adjective, from its name ("Cuban", "Russian", "Chinese", "Iraqi"): alone, no agent.

    Nor is its plural ("Armenians", "Samoans", _people): the annotators leave a people unnamed
    ("Australians") or give its words to its government ("The Armenians" -> Armenia).
    """
    countries = {c.lower() for c in _COUNTRIES if " " not in c}
    forms = {stem + end for c in countries for stem in (c, c[:-1]) for end in ("n", "an", "ian", "ese", "i")}
    forms |= {c[:-1] for c in countries if c.endswith("y")}  # "German"
    forms |= _IRREGULAR_DEMONYMS
    return frozenset(forms - {p.lower() for p in (*CAPITALS, *COUNTRY_ALIASES, *countries)})


# First words of a body's own name, cut off after its owner's possessive ("United Nations' Food").
_CUT_AFTER_OWNER = frozenset(
    "food world national international central general high new centers centres".split()
)
# Adjectives no rule above derives from the gazetteer's countries.
_IRREGULAR_DEMONYMS = frozenset(
    "turkish british english irish scottish welsh polish spanish danish swedish finnish kurdish dutch "
    "french greek swiss thai filipino samoan".split()
)


_DEMONYMS = _demonyms()


def _title_case(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def is_name(name: str | None) -> bool:
    """Whether ``name`` reads as a proper name of an agent, not a fragment of the sentence."""
    if not name or not name.strip() or len(name) > 120:
        return False
    text = name.strip()
    if _DATELINE.match(text) or any(ch in text for ch in '“”":;?!|[]{}') or text.count(",") > 1:
        return False
    words = text.split()
    pronoun = words[0].lower() in _PRONOUNS and not words[0].isupper()  # "We Will", not "US Embassy"
    if len(words) > 10 or pronoun or (len(words) == 1 and words[0] in _CALENDAR):
        return False  # "We Will", "March"
    if text.count("(") != text.count(")") or re.search(r"[’']\s*(?:d|ll|ve|re|m)\b", text):
        return False  # "Deutsche Welle (DW", "Wherever I'd": cut off, or a clause
    last = words[-1].lower().strip(".,")
    if last in PARTICLES - {"al", "el"} or last in _CAPTION_WORDS:
        return False  # "Xiaogang Wei of the", "Mark Seidenberg Image"
    if _DESCRIBED.search(text):
        return False  # "Brussels-based media network", "Fourteen-year-old Zoe": a description
    if _thing(words, text):
        return False  # "World War II", "COVID-19", "Vox website", "Findings", "Cuban": not an agent
    if _two_agents(words):
        return False  # "Pierce and Hawkins", "Sadie Weiner, Hagan": two agents, or one glued to another
    if _description(words):
        return False  # "Biden campaign officials", "State media", "Egyptian Ministry": unnamed, or cut
    if len(words) > 2 and re.search(r"\w[’']s?\s+[A-Z]\w*$", text) and words[-1].lower() in _CUT_AFTER_OWNER:
        return False  # "United Nations' Food": the owner and the first word of what it owns
    if _office(words):
        return False  # an office, not who holds it
    first = words[0].lower()
    if first in _OPENERS or (first == "the" and len(words) > 1 and words[1][:1].islower()):
        return False  # "One senator", "For Martin", "of Threatened Taxa", "The company"
    if len(words) == 1 and _singular(first.strip(".,")) in GROUP_HEADS:
        return False  # "Authorities", "Police": a common noun that opens the sentence
    if len(words) == 1 and first in _SOVEREIGNS:
        return False  # "the Sultan", "the Queen": a sovereign's title, no name
    if (
        text.isupper()
        and len(text) > 4
        and (_title_case(text) in CAPITALS or text.title() in COUNTRY_ALIASES)
    ):
        return False  # "BEIJING": a dateline
    if len(words) > 2 and words[1] == "of" and words[0].lower() in GROUP_HEADS:
        words = words[2:]  # "government of Oman", "mayor of Yartsevo": the name after the office
    head = _group_head(words)
    named = False
    for k, word in enumerate(words):
        bare = word.strip(".,'’()-")
        low = bare.lower()
        if not bare:
            continue
        if low in _VERBS and (bare.islower() or low not in _NAME_LIKE):
            return False
        if any(ch.isupper() for ch in bare) or bare[:1].isdigit() or _DOMAIN.match(bare):
            named = named or not bare[:1].isdigit()
        elif low not in PARTICLES and not low.startswith(("al-", "el-", "d'", "l'")) and k < head:
            return False  # a lower-case word: a description or a clause ("the statement", "small group")
    return named


def _thing(words: list[str], text: str) -> bool:
    """An event, storm, disease, document, product or channel, or a common word alone: no agent."""
    last = words[-1].lower().strip(".,")
    war = len(words) >= 2 and words[-2].lower() == "war" and words[-1] in ("I", "II")
    if last in _NOT_AGENTS or words[0].lower() in _STORMS or _CODE.match(text) or war:
        return True
    if words[-1] in _PLACE_HEADS or text in _KNOWN_THINGS or _OWNED_HALL.search(text):
        return True  # "International Space Station", "Sailor Moon", "Fortaleza's Hall"
    if len(words) > 1 and words[-1].islower() and last in _CHANNELS:
        return True  # "Vox website", "Marine Traffic's website": where a body said it
    if text.lower() in _REGIONS or all(w.lower().strip(".,'’") in _COMMON_WORDS for w in words):
        return True  # "Europe"; "Human Rights", "Social Security", "Findings"
    if len(words) > 1:
        return False
    word = last.strip("'’")
    return word in _DEMONYMS or _people(word) or bool(_PLURAL_ROLE.match(word))


def _people(word: str) -> bool:
    """A people by its plural ("armenians", "samoans"): the country's adjective and an s."""
    return word.endswith("s") and word[:-1] in _DEMONYMS


def _description(words: list[str]) -> bool:
    """Unnamed people or a cut body, by their words: "Biden campaign officials", "Hong Kong student groups"
    (plurals the annotators never name), "State media" (a description opening a sentence),
    "Sara Seager and other researchers", "Egyptian Ministry" (a ministry with no field)."""
    if len(words) < 2:
        return False
    lower = [w.lower() for w in words]
    owner = " ".join(words[:-1])
    national = all(w in _DEMONYMS for w in lower[:-1]) or owner in COUNTRY_ALIASES or owner in _COUNTRIES
    # A country's officials as one side ("Chinese officials" in the seed's talks) stay an agent.
    plural = (
        lower[-1] in _UNNAMED_PLURALS and words[-1].islower() and not (lower[-1] == "officials" and national)
    )
    if plural or {"other", "others"} & set(lower):
        return True
    if lower[0] in _COMMON_OPENERS and all(w.islower() for w in words[1:]):
        return True
    return words[-1][:1].isupper() and lower[-1] in _CUT_BODIES and national


def _two_agents(words: list[str]) -> bool:
    """Two names joined: "Dick Durbin and Adam Schiff", "AP and NBC News" (not "Law and Justice Party",
    "Centers for Disease Control and Prevention", "Johnson & Johnson"), or glued by a comma
    ("Tunisian Parliament, Samir Dilou"; not "Martin Luther King, Jr.")."""
    text = " ".join(words)
    left, comma, right = text.partition(", ")
    if comma and right.strip(".") not in _SUFFIXES and _proper(left.split()) and _proper(right.split()):
        return True
    for joint in (" and ", " & "):
        left, sep, right = text.partition(joint)
        if not sep or left == right or any(w.lower() in ("of", "for") for w in words):
            continue
        sides = [left.split(), right.split()]
        if joint == " & " and len(words) == 3:
            continue  # "Procter & Gamble": one company
        if all(1 <= len(s) <= 3 and _proper(s) for s in sides):
            return sides[1][-1].lower() not in GROUP_HEADS  # "... Justice Party" is one party
    return False


def _proper(words: list[str]) -> bool:
    """A short run of capitalised words: a name, as far as its shape tells."""
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _office(words: list[str]) -> bool:
    """A title alone ("Deputy Prime Minister", "Indian Prime Minister", "UN High Commissioner",
    "Iranian Chess Federation President")."""
    if len(words) < 2 or words[-1].lower() not in TITLE_WORDS:
        return False
    if words[-1].lower() in _OFFICE_ENDS and words[-1][:1].isupper():
        return True  # no name ends in "President": the office of the body before it
    return all(
        _is_title(w) or w.isupper() or w.lower() in ("high", "prime") or re.search(r"(?:ian|ese|ish|i)$", w)
        for w in words[:-1]
    )


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and word[:-1] in GROUP_HEADS else word


def _group_head(words: list[str]) -> int:
    """Where a named group's lower-case tail begins ("Egyptian [state media]"), or len(words) if none."""
    k = len(words)
    while k > 0 and words[k - 1].islower() and len(words) - k < 3:
        k -= 1
    last = words[-1].lower().strip(".,")
    singular = last[:-1] if last.endswith("s") and last[:-1] in GROUP_HEADS else last
    if k == len(words) or k == 0 or (singular not in GROUP_HEADS and last not in GROUP_HEADS):
        return len(words)
    return k


_PARTY_LABELS = frozenset(
    "republican republicans democrat democratic labour conservative liberal libertarian green independent".split()
)
_INITIAL = re.compile(r"^[A-Z]\.$")
# Where the initial is what tells two people apart.
_KEEP_INITIALS = frozenset({"George W. Bush", "George H. W. Bush"})


def plain_name(name: str) -> str:
    """A person's name as the guidelines write it: no party label, no middle initial.

    "Republican Donald Trump" and "Donald J. Trump" -> "Donald Trump"; names of bodies
    ("Democratic Party", "Green Party of Canada") and initials that are the whole first
    name ("J. K. Rowling") are kept.
    """
    if name in _KEEP_INITIALS:
        return name
    words = name.split()
    labelled = (
        len(words) >= 3 and words[0].lower() in _PARTY_LABELS and all(w[:1].isupper() for w in words[1:])
    )
    if labelled and not any(DESCRIPTION_KINDS.get(w.lower()) or w.lower() == "party" for w in words[1:]):
        words = words[1:]
    if len(words) >= 3 and not _INITIAL.match(words[0]) and words[-1][:1].isupper():
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return " ".join(words)


# Honorifics and ranks that open a person's name and are no part of it ("Alhaji Sani Dankwambo",
# "Hon. Yaw Boakye-Ansah", "Reverend Charity Phiri", "Chief Superintendent Graciano Mijares"); not
# "Sheikh", part of names ("Sheikh Hasina").
_HONORIFICS = frozenset(
    """alhaji alhaja hajiya hon. hon honourable honour rev. rev reverend datuk dato dato' dato’ tun sir dame
    brigadier superintendent inspector lieutenant corporal""".split()
)
# Malaysian honorifics of two words: "Tan Sri", "Datuk Seri" ("Sri" alone opens names: "Sri Mulyani").
_DOUBLE_HONORIFIC = re.compile(r"\b(?:Tan|Datuk|Dato['’]?)\s+S(?:e)?ri\s+(?=\S+\s+\S)")


def strip_titles(name: str) -> tuple[str, set[str]]:
    """("U.S. President Donald Trump") -> ("Donald Trump", {"president", "u.s."}); bodies keep their words."""
    honours = set()
    if double := _DOUBLE_HONORIFIC.search(name):
        honours = set(double.group().lower().split())
        name = name[: double.start()] + name[double.end() :]
    words = name.split()
    last_title = max((i for i, w in enumerate(words) if _is_title(w)), default=-1)
    rest = words[last_title + 1 :]
    core = any(_is_title(w) and w.lower().strip(",.") not in TITLE_MODIFIERS for w in words[: last_title + 1])
    institutional = any(
        DESCRIPTION_KINDS.get(w.lower()) in ("government", "organization", "outlet") for w in rest
    )
    if core and rest and not institutional and rest[0][:1].isupper() and all(map(_name_word, rest)):
        return " ".join(rest), honours | {w.strip(",.").lower() for w in words[: last_title + 1]}
    return name, honours


def _name_word(word: str) -> bool:
    """A word of a person's name: capitalised, a particle or an "al-" surname ("Bashar al-Assad",
    "Hamza bin Laden")."""
    return word[:1].isupper() or word in NAME_PARTICLES - {"of"} or bool(ARABIC_SURNAME.match(word))


def _is_title(word: str) -> bool:
    low = word.lower().rstrip(",")
    return low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or low in _HONORIFICS


def name_key(name: str) -> str:
    """The key two names of one agent share across articles: no titles, party labels or middle initials.

    "President Donald J. Trump", "Republican Donald Trump" -> "donald trump"; "Trump" stays
    "trump" (a surname alone never merges with a full name across articles).
    """
    return normalise(plain_name(strip_titles(name)[0]))


def normalise(name: str) -> str:
    """Case, dots, spacing, a leading "the" and possessives do not make another entity."""
    text = unicodedata.normalize("NFC", name).strip().lower()
    text = re.sub(r"^the\s+", "", text).replace(".", "")
    text = re.sub(r"[’']s\b", "s", text)
    return _SPACE.sub(" ", text).strip(" ,;:")
