#!/usr/bin/env python3
"""Generate training articles in the corpus authoring format (data/corpus/AUTHORING.md).

Articles are assembled from hand-written sentence frames; the frames and every name table
(people, countries, organisations, outlets, vocabulary) live in data/corpus/generator/, whose
README.md describes each file and the frame syntax. The output is deterministic for a seed.
Usage: python3 scripts/gen_train_corpus.py [--seed 13] [--articles 300] [-o FILE]
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from kg.corpus.authoring import SENTENCE_FIELDS, mention_ref

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data/corpus/generator"
DEFAULT_OUT = ROOT / "data/corpus/src/train-generated.jsonl"

# The frame language: stance letters, role slots, the A/B mirror and the slot patterns.
STANCE = {"e": "eager", "o": "open", "d": "denying", "n": "neutral"}
ROLES = {"A", "B", "R", "MA", "MB", "O1", "O2", "pA", "pB", "pR", "pX", "pP"}
SWAP = {"A": "B", "B": "A", "MA": "MB", "MB": "MA", "pA": "pB", "pB": "pA"}
SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")
ALT = re.compile(r"\{((?:[^{}|]|\{[\w.]+\})*(?:\|(?:[^{}|]|\{[\w.]+\})*)+)\}")  # {a|b|} picks one alternative
SWAPPABLE = ("generic", "lead", "headline")  # frame groups whose sides may be mirrored
BACK_REFERENCE = re.compile(r"\.(pron|Pron|desc|they|rep)\}\]\]")
STRAIGHT_QUOTES = str.maketrans("“”‘’", "\"\"''")
ROLE_SIDE = {"pA": "A", "pB": "B", "pR": "R", "pP": "B"}  # the entity each person speaks for
PEOPLE = ("pA", "pB", "pR", "pX", "pP")


# ---------------------------------------------------------------- data files
def load_json(name: str) -> Any:
    """Read one JSON table of the generator's data folder (key order is kept: it drives the rng)."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def load_cultures() -> dict[str, tuple[list[str], list[str], list[str]]]:
    """Given names (male, female) and surnames per naming culture, from cultures.json."""
    return {c: (v["male"], v["female"], v["surnames"]) for c, v in load_json("cultures.json").items()}


def load_countries() -> list[tuple[str, str, str, str]]:
    """Countries as (name, capital, adjective, naming culture), from countries.json."""
    return [(c["name"], c["capital"], c["adjective"], c["culture"]) for c in load_json("countries.json")]


def load_outlets() -> tuple[list[tuple[str, str]], dict[str, list[tuple[str, str]]]]:
    """News outlets as (name, type): the general list and the extra ones per domain."""
    data = load_json("outlets.json")
    general = [(o["name"], o["type"]) for o in data["general"]]
    by_domain = {d: [(o["name"], o["type"]) for o in v] for d, v in data["by_domain"].items()}
    return general, by_domain


def expand_roles(options: list, shared: dict[str, list[dict]]) -> list[dict]:
    """A person's role options, with "@name" entries replaced by the shared set of roles.json."""
    out: list[dict] = []
    for opt in options:
        out.extend(shared[opt[1:]] if isinstance(opt, str) else [opt])
    return out


def load_domains() -> dict[str, dict]:
    """Per-domain cast, people, styles, parameters and vocabulary, from domains.json."""
    shared = load_json("roles.json")
    spec = load_json("domains.json")
    for dom in spec.values():
        dom["people"] = {k: expand_roles(v, shared) for k, v in dom["people"].items()}
    return spec


def parse_frame(line: str, group: str, index: int) -> dict:
    """One frame line (STANCE SPEAKER HOLDER VIA | template [|| c STANCE HOLDER | text]) as a dict."""
    parts = line.strip().split(" || ")
    head, tmpl = parts[0].split(" | ", 1)
    st, spk, hol, via = head.split()
    sents = [dict(stance=STANCE[st], speaker=spk, holder=hol, via=via, tmpl=tmpl, cont=False)]
    for p in parts[1:]:
        h, t = p.split(" | ", 1)
        _, st2, hol2 = h.split()
        sents.append(dict(stance=STANCE[st2], holder=hol2, tmpl=t, cont=True))
    return dict(id=f"{group}:{index}", sents=sents)


def parse_frames(block: str, group: str) -> list[dict]:
    """All frames of a frame file, skipping blank lines and # comments; ids count from 0."""
    lines = [ln for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    return [parse_frame(line, group, k) for k, line in enumerate(lines)]


def load_frames(domains: tuple[str, ...]) -> dict[str, list[dict]]:
    """The frame groups: headline, lead, generic, then one per domain (frames/<group>.txt)."""
    groups = ("headline", "lead", "generic", *domains)
    return {
        g: parse_frames((DATA_DIR / "frames" / f"{g}.txt").read_text(encoding="utf-8"), g) for g in groups
    }


CULTURES = load_cultures()
COUNTRY_LIST = load_countries()
POOLS = load_json("pools.json")
OUTLET_LIST, DOMAIN_OUTLETS = load_outlets()
WORDS = load_json("words.json")
SPEC = load_domains()
DOMAINS = tuple(SPEC)
FRAMES = load_frames(DOMAINS)


# ---------------------------------------------------------------- entities
class Ent:
    """A named non-person actor (country, organisation, ministry, outlet) and its surface forms."""

    def __init__(
        self,
        canon: str,
        etype: str,
        kind: str,
        the: bool = False,
        short: str = "",
        desc: tuple | list = (),
        cap: str = "",
        adj: str = "",
        forms: list[str] | None = None,
    ) -> None:
        """Keep the names; default forms are the full name twice and the short name once."""
        self.canon, self.type, self.kind, self.short = canon, etype, kind, short
        self.disp = ("the " + canon) if the else canon
        self.desc, self.cap, self.adj = list(desc), cap, adj
        self.culture: str | None = None
        self.forms = forms or (
            [self.disp, self.disp] + ([short if not the or " " in short else "the " + short] if short else [])
        )


class Person:
    """A speaking person: a name drawn from a culture and a role drawn from the role options."""

    def __init__(self, rng: random.Random, culture: str, role_spec: list[dict], ctx: dict) -> None:
        """Draw gender, name and role; format the role's title, appositive and description."""
        males, females, surnames = CULTURES[culture]
        self.gender = rng.choice("mf")
        self.first = rng.choice(males if self.gender == "m" else females)
        self.sur = rng.choice(surnames)
        self.canon = f"{self.first} {self.sur}"
        role = rng.choice(role_spec)
        ctx = dict(ctx, sp=rng.choice(WORDS["spokesperson"][self.gender]))
        self.pre = role["title"].format(**ctx)
        self.appos = role["appositive"].format(**ctx)
        self.desc = role["description"].format(**ctx)
        self.type = role["type"]
        self.pron = "he" if self.gender == "m" else "she"
        self.pos = "his" if self.gender == "m" else "her"
        self.obj = "him" if self.gender == "m" else "her"
        self.org: str | None = None


def pool_ent(rng: random.Random, pool: str, used: set, etype: str, kind: str) -> Ent:
    """Draw an organisation not yet in the article from a pool of pools.json."""
    rows = [r for r in POOLS[pool]["entries"] if r["name"] not in used]
    row = rng.choice(rows)
    used.add(row["name"])
    return Ent(row["name"], etype, kind, row["the"], row["short"], row["desc"])


def country_ent(rng: random.Random, used: set) -> Ent:
    """Draw a country not yet in the article, named by itself, its capital or its government."""
    name, cap, adj, cult = rng.choice([c for c in COUNTRY_LIST if c[0] not in used])
    used.add(name)
    gov = f"the {adj} government"
    e = Ent(name, "government", "gov", False, "", [gov], cap, adj, forms=[name, name, cap, cap, gov])
    e.culture = cult
    return e


def cast_ent(rng: random.Random, how: str, used: set, kind: str | None = None) -> Ent:
    """A side or mediator given as "country" or "pool:NAME"; kind defaults to the pool's kind."""
    if how == "country":
        return country_ent(rng, used)
    pool = how.split(":")[1]
    return pool_ent(rng, pool, used, "organization", kind or POOLS[pool]["kind"])


class Ineligible(Exception):
    """A frame cannot be rendered in the article's current state (missing role, no antecedent)."""


# ---------------------------------------------------------------- the article being written
class Story:
    """One article in the making: its cast, vocabulary and the running mention state."""

    def __init__(self, rng: random.Random, domain: str, aid: str) -> None:
        """Cast the article (sides, home country, mediator, ministries, outlets, people)."""
        self.rng, self.domain, self.id = rng, domain, aid
        spec = SPEC[domain]
        used: set = set()
        roles = {side: cast_ent(rng, spec[side], used) for side in ("A", "B")}
        self.home = roles["A"] if roles["A"].cap else country_ent(rng, used)
        self._cast_mediator(spec, roles, used)
        self._cast_ministries(spec, roles)
        self._cast_outlets(roles)
        self._cast_people(spec, roles, self._university())
        self.roles = roles
        self.cities = self._cities(spec)
        self.side = self._sides(roles)
        self.params = {k: rng.choice(v) for k, v in spec["params"].items()}
        self.vocab = dict(spec["vocab"])
        self.state = dict(
            intro=set(), prev=set(), last_person=None, last_kind={}, last_ent=None, aliases=defaultdict(set)
        )

    # -------------------------------------------------------------- casting
    def _cast_mediator(self, spec: dict, roles: dict, used: set) -> None:
        """Role R: a country, a pool organisation, or a fixed body named after the home country."""
        rs = spec["R"]
        if isinstance(rs, str):
            roles["R"] = cast_ent(self.rng, rs, used, None if rs == "country" else "mediator")
        elif rs:
            name = rs["name"].format(adj=self.home.adj)
            roles["R"] = Ent(name, rs["type"], rs["kind"], rs["the"], rs["short"], rs["desc"])

    def _cast_ministries(self, spec: dict, roles: dict) -> None:
        """Roles MA and MB: the ministry of each side that is a country, where the domain has one."""
        if "ministry" not in spec:
            return
        m = spec["ministry"]
        for side, key in (("A", "MA"), ("B", "MB")):
            c = roles[side]
            if not c.cap:
                continue
            desc = [d.format(name=c.canon) for d in m["desc"]]
            ent = Ent(m["name"].format(adj=c.adj), "government", "ministry", True, "", desc)
            ent.forms = [ent.disp, m["possessive"].format(name=c.canon), ent.disp]
            roles[key] = ent

    def _cast_outlets(self, roles: dict) -> None:
        """The publishing outlet and the two outlets quoted (O1, O2), some of them domain outlets."""
        picks = self.rng.sample(DOMAIN_OUTLETS.get(self.domain, []) + self.rng.sample(OUTLET_LIST, 8), 3)
        self.outlet = picks[0][0]
        for key, (name, otype) in zip(("O1", "O2"), picks[1:], strict=False):
            roles[key] = Ent(name, "outlet", "outlet", False, "", ["the outlet", f"the {otype}"])

    def _university(self) -> str:
        """The university analysts work at: mostly the home capital's, else a fixed one."""
        unis = WORDS["universities"]
        if self.rng.random() < 0.6:
            return unis["in_capital"].format(capital=self.home.cap)
        return self.rng.choice(unis["others"])

    def _cast_people(self, spec: dict, roles: dict, uni: str) -> None:
        """Roles pA pB pR pX pP: one person each where the domain has the role, surnames distinct."""
        surnames: set = set()
        people = spec["people"]
        for key in PEOPLE:
            rspec = people.get(key) or (people["pA"] if key == "pB" else None)
            if rspec is not None:
                roles[key] = self._cast_person(key, rspec, roles.get(ROLE_SIDE.get(key)), uni, surnames)

    def _cast_person(self, key: str, rspec: list[dict], ent: Ent | None, uni: str, surnames: set) -> Person:
        """Draw one person for role key, speaking for ent, retrying to avoid a surname in use."""
        rng = self.rng
        culture = getattr(ent, "culture", None) or rng.choice(sorted(CULTURES))
        ctx = dict(
            bank=rng.choice(WORDS["banks"]),
            think=rng.choice(WORDS["think_tanks"]),
            uni=uni,
            nat=rng.choice(COUNTRY_LIST)[2],
        )
        if ent:
            ctx.update(name=ent.canon, the=ent.disp, short=ent.short or ent.canon, adj=ent.adj)
        for _ in range(20):
            p = Person(rng, culture, rspec, ctx)
            if p.sur not in surnames:
                break
        surnames.add(p.sur)
        p.org = {"pA": "MA", "pB": "MB"}.get(key) if "ministry" in (p.pre + p.appos).lower() else None
        return p

    def _cities(self, spec: dict) -> list[str]:
        """Places for {city}: international venues or the home capital, weighted, plus domain hubs."""
        if spec["venues"]:
            return WORDS["venues"] + [self.home.cap] * 4
        return [self.home.cap] * 3 + spec["hubs"]

    @staticmethod
    def _sides(roles: dict) -> dict[str, str]:
        """Which side (A, B or the role key) each cast member's canonical name stands for."""
        side = {}
        for k, v in roles.items():
            side[v.canon] = "A" if k in ("A", "MA", "pA") else "B" if k in ("B", "MB", "pB") else k
        return side

    # -------------------------------------------------------------- vocabulary slots
    def vocab_value(self, name: str) -> str:
        """The text for a non-role slot: a date word, a number, a domain parameter or vocabulary."""
        simple = self._simple_values()
        if name in simple:
            return simple[name]()
        if name in self.params:
            return self.params[name]
        if name in self.vocab:
            v = self.rng.choice(self.vocab[name])
            return SLOT.sub(lambda m: self.vocab_value(m[1]), v)
        raise Ineligible(name)

    def _simple_values(self) -> dict[str, Callable[[], str]]:
        """Slots drawn fresh at each use (cities, days, dates, numbers), as lazy draws."""
        rng, w = self.rng, WORDS
        return {
            "city": lambda: rng.choice(self.cities),
            "day": lambda: "on " + rng.choice(w["weekdays"][:5]),
            "weekday": lambda: rng.choice(w["weekdays"][:5]),
            "month": lambda: rng.choice(w["months"]),
            "date": lambda: f"{rng.choice(w['months'])} {rng.randint(1, 28)}",
            "deadline": lambda: rng.choice(w["deadlines"]),
            "n": lambda: str(rng.randint(3, 40)),
            "pct": lambda: str(rng.randint(5, 60)),
            "nth": lambda: rng.choice(w["ordinals"]),
            "year": lambda: str(rng.randint(2018, 2023)),
            "platform": lambda: rng.choice(w["platforms"]),
            "hrs": lambda: str(rng.randint(2, 9)),
        }

    # -------------------------------------------------------------- rendering
    def render(self, tmpl: str, st: dict, headline: bool = False) -> str:
        """Fill the slots of one template; updates st. Raises Ineligible."""
        rp = RenderPass(st, headline)

        def sub(m: re.Match) -> str:
            """The text for one {slot} or {slot.attr}: vocabulary, a person or an entity."""
            name, attr = m[1], m[2]
            if name not in ROLES:
                return self.vocab_value(name)
            obj = self.roles.get(name)
            if obj is None:
                raise Ineligible(name)
            if isinstance(obj, Person):
                return self._person_slot(name, attr, obj, rp)
            return self._entity_slot(name, attr, obj, rp)

        st["_last_person"] = st["last_person"]
        tmpl = re.sub(r"\[\[\{(p\w+)\.ref\}\]\]", r"{\1.pre}[[{\1.nm}]]", tmpl)
        while ALT.search(tmpl):
            tmpl = ALT.sub(lambda m: self.rng.choice(m[1].split("|")), tmpl)
        out = SLOT.sub(sub, tmpl)
        st["prev"] = set(rp.seen)
        if not headline:
            st["intro"].update(n for n in rp.seen if isinstance(self.roles[n], Person))
        st["last_person"] = st.pop("_last_person")
        return out

    def _person_slot(self, name: str, attr: str | None, obj: Person, rp: RenderPass) -> str:
        """A person slot: title, appositive, or a name/pronoun form that is recorded as an alias."""
        st = rp.st
        intro = name in st["intro"] or name in rp.seen
        if attr == "pre":  # title before a first mention, kept outside the speaker mention
            if not intro and obj.org and "ministry" in obj.pre:
                st["last_kind"]["ministry"] = obj.org
            return "" if intro or not obj.pre else obj.pre + " "
        if attr in ("ap", "apc"):
            if obj.org and rp.full.get(
                name
            ):  # "a spokeswoman for the trade ministry" introduces the ministry
                st["last_kind"]["ministry"] = obj.org
            return (", " + obj.appos + ("," if attr == "apc" else "")) if rp.full.get(name) else ""
        near = name in rp.seen or (st["last_person"] == name and name in st["prev"])
        s = self._person_form(name, attr, obj, intro, near, rp)
        if attr != "pos":
            st["aliases"][obj.canon].add(s)
        rp.seen.append(name)
        st["_last_person"] = name
        return s

    @staticmethod
    def _person_form(
        name: str, attr: str | None, obj: Person, intro: bool, near: bool, rp: RenderPass
    ) -> str:
        """How a person is named: full name on first mention, surname after, pronoun when near."""
        if attr in (None, "ref"):
            return obj.sur if intro else f"{obj.pre} {obj.canon}".strip()
        if attr in ("nm", "n"):
            if attr == "n":
                rp.full[name] = not intro
            return obj.sur if intro else obj.canon
        if attr == "full":
            return obj.canon
        if attr == "sur":
            if not (intro or rp.headline):
                raise Ineligible("sur")
            return obj.sur
        if attr in ("pron", "Pron", "pos", "obj", "desc"):
            if not near or rp.headline:
                raise Ineligible("pron")
            forms = {"pron": obj.pron, "Pron": obj.pron.capitalize(), "pos": obj.pos, "obj": obj.obj}
            return forms.get(attr, obj.desc)
        raise ValueError(attr)

    def _entity_slot(self, name: str, attr: str | None, obj: Ent, rp: RenderPass) -> str:
        """An entity slot: a name form, capital, adjective or back-reference, recorded as an alias."""
        st = rp.st
        if attr is None:
            s = self.rng.choice(obj.forms)
        elif attr == "name":
            s = obj.disp
        elif attr in ("cap", "adj", "short"):
            s = getattr(obj, attr)
            if not s:
                raise Ineligible(attr)
            if attr == "adj":
                return s
        elif attr in ("desc", "they", "rep"):
            s = self._entity_reference(name, attr, obj, rp)
        else:
            raise ValueError(attr)
        st["aliases"][obj.canon].add(s)
        rp.seen.append(name)
        st["last_kind"][obj.kind] = name
        st["last_ent"] = name
        return s

    def _entity_reference(self, name: str, attr: str, obj: Ent, rp: RenderPass) -> str:
        """A description, "they" or "the report", allowed only right after the entity was named."""
        st = rp.st
        if st["last_kind"].get(obj.kind) != name and name not in rp.seen:
            raise Ineligible("desc")
        if attr == "they" and (st["last_ent"] != name or name not in st["prev"]):
            raise Ineligible("they")
        desc = self.rng.choice(obj.desc)  # drawn for every attr, as the rng sequence depends on it
        return {"desc": desc, "they": "they", "rep": "the report"}[attr]

    # -------------------------------------------------------------- frames
    def canon(self, tok: str, swap: dict) -> tuple[str | None, str | None]:
        """A frame's speaker/holder/via token as (canonical name, speaker type)."""
        if tok == "-":
            return None, None
        if tok.startswith("U:"):
            return tok[2:].replace("_", " "), "unnamed"
        obj = self.roles[swap.get(tok, tok)]
        return obj.canon, obj.type

    def try_frame(self, frame: dict, headline: bool = False) -> list[dict] | None:
        """Render a whole frame on a copy of the state; returns sentences or None."""
        swap = SWAP if self.rng.random() < 0.5 and frame["id"].split(":")[0] in SWAPPABLE else {}
        st = copy.deepcopy(self.state)
        out: list[dict] = []
        try:
            for spec in frame["sents"]:
                out.append(self._frame_sentence(spec, swap, st, headline, out))
        except Ineligible:
            return None
        self.state = st
        return out

    def _frame_sentence(self, spec: dict, swap: dict, st: dict, headline: bool, out: list[dict]) -> dict:
        """Render one sentence of a frame (with sides swapped) and attach its labels."""
        tmpl = SLOT.sub(
            lambda m: "{" + swap.get(m[1], m[1]) + ("." + m[2] if m[2] else "") + "}", spec["tmpl"]
        )
        text, spans = extract(self.render(tmpl, st, headline))
        if spec["cont"]:
            s = dict(out[-1], text=text, _spans={}, speaker_mention=None, cue_mention=None)
        else:
            s = self._labelled(spec, swap, st, text, spans)
        s["stance"] = spec["stance"]
        s["holder"] = s["speaker"] if spec["holder"] == "=" else self.canon(spec["holder"], swap)[0]
        return s

    def _labelled(self, spec: dict, swap: dict, st: dict, text: str, spans: dict) -> dict:
        """A frame's first sentence with speaker, type, cue, via and channel read off its spans."""
        spk, stype = self.canon(spec["speaker"], swap)
        via = [] if spec["via"] == "-" else [self.canon(v, swap)[0] for v in spec["via"].split(",")]
        cue = text[slice(*spans["<<"])] if "<<" in spans else None
        if cue and spans["<<"][0] == 0:
            cue = cue[0].lower() + cue[1:]
        chan = text[slice(*spans["⟪"])] if "⟪" in spans else None
        if spk and stype == "unnamed" and "[[" in spans:
            st["aliases"][spk].add(text[slice(*spans["[["])])
        return dict(text=text, _spans=spans, speaker=spk, speaker_type=stype, cue=cue, via=via, channel=chan)


class RenderPass:
    """The bookkeeping of one template rendering: state, roles seen so far, full-name flags."""

    def __init__(self, st: dict, headline: bool) -> None:
        """Start a pass over one template with the article state st."""
        self.st, self.headline = st, headline
        self.seen: list[str] = []
        self.full: dict[str, bool] = {}


# ---------------------------------------------------------------- span markers
def extract(marked: str) -> tuple[str, dict]:
    """Strip span markers; return clean text (first letter capitalised) and marker spans."""
    text: list[str] = []
    spans: dict = {}
    stack: list = []
    i = 0
    while i < len(marked):
        two = marked[i : i + 2]
        if two in ("[[", "<<"):
            stack.append((two, len(text)))
            i += 2
        elif two in ("]]", ">>"):
            kind, start = stack.pop()
            spans[kind] = (start, len(text))
            i += 2
        elif marked[i] == "⟪":
            stack.append(("⟪", len(text)))
            i += 1
        elif marked[i] == "⟫":
            kind, start = stack.pop()
            spans[kind] = (start, len(text))
            i += 1
        else:
            text.append(marked[i])
            i += 1
    return capitalise_first(text), spans


def capitalise_first(chars: list[str]) -> str:
    """Join the characters with the first letter upper-cased (sentences may open with a slot)."""
    for k, c in enumerate(chars):
        if c.isalpha():
            chars[k] = c.upper()
            break
    return "".join(chars)


def mention(text: str, span: tuple[int, int] | None) -> str | list | None:
    """A mention as the authoring format wants it: the substring, or [substring, n] (whole words)."""
    if span is None:
        return None
    return mention_ref(text, *span)


# ---------------------------------------------------------------- choosing frames
class Picker:
    """Chooses frames for one article, steering the stance counts towards a drawn target."""

    def __init__(self, rng: random.Random, story: Story) -> None:
        """Draw the article length and its target share of each stance."""
        self.rng, self.story = rng, story
        self.n_target = rng.randint(12, 20)
        share_n = rng.uniform(0.42, 0.53)
        w = [rng.uniform(0.8, 1.2) for _ in range(3)]
        self.target = {"neutral": share_n * self.n_target}
        for st, x in zip(("eager", "open", "denying"), w, strict=False):
            self.target[st] = (1 - share_n) * self.n_target * x / sum(w)
        self.count: defaultdict[str, int] = defaultdict(int)
        self.used: set[str] = set()

    def pick(
        self, groups: list[str], headline: bool = False, room: int = 20, free: bool = False
    ) -> list[dict]:
        """Render the first frame that fits, trying stances most behind their target first."""
        for stance in self._stance_order(free):
            for f in self._candidates(groups, stance, room)[:60]:
                out = self.story.try_frame(f, headline)
                if out:
                    self.used.add(f["id"])
                    for s in out:
                        self.count[s["stance"]] += 1
                    return out
        raise RuntimeError("no frame fits")

    def _stance_order(self, free: bool) -> list[str]:
        """Stances by how far they lag their target (with jitter); free: any, a quarter neutral first."""
        rng = self.rng
        stances = sorted(self.target, key=lambda k: -(self.target[k] - self.count[k] + rng.random() * 0.9))
        if free:  # headline and lead: any stance, a quarter of them neutral
            stances = rng.sample(["eager", "open", "denying"], 3)
            stances.insert(0 if rng.random() < 0.25 else 3, "neutral")
        return stances

    def _candidates(self, groups: list[str], stance: str, room: int) -> list[dict]:
        """Unused frames of the groups opening with stance and fitting in room, shuffled."""
        pool = [
            f
            for g in groups
            for f in FRAMES[g]
            if f["sents"][0]["stance"] == stance and f["id"] not in self.used and len(f["sents"]) <= room
        ]
        self.rng.shuffle(pool)
        if self.rng.random() < 0.6:  # prefer frames that refer back with a pronoun or description
            pool.sort(key=lambda f: not BACK_REFERENCE.search(f["sents"][0]["tmpl"]))
        return pool


# ---------------------------------------------------------------- article assembly
def build(rng: random.Random, domain: str, aid: str) -> dict:
    """One generated article record in the authoring format (the bench imports this)."""
    story = Story(rng, domain, aid)
    picker = Picker(rng, story)
    straight = rng.random() < 0.3
    headline = picker.pick(["headline"], headline=True, free=True)
    story.state.update(last_person=None, last_kind={}, last_ent=None)
    paras = split_paragraphs(rng, body_blocks(rng, picker, domain))
    style = rng.choice(SPEC[domain]["styles"])
    add_dateline(rng, story, style, paras[0][0])
    sentences = finish_sentences(headline + [s for p in paras for s in p], straight)
    it = iter(sentences)
    out_paras = [[next(it)]] + [[next(it) for _ in p] for p in paras]
    add_noise(rng, story.outlet, out_paras)
    return {
        "id": aid,
        "domain": domain,
        "style": style,
        "outlet": story.outlet,
        "date": f"{rng.randint(2024, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": article_url(story.outlet, domain, sentences[0]["text"]),
        "paragraphs": out_paras,
        "entities": entity_table(sentences, story),
        "counters": find_counters(sentences, story),
    }


def body_blocks(rng: random.Random, picker: Picker, domain: str) -> list[list[dict]]:
    """The body as frame blocks: a lead, then generic and (3 to 6) domain frames up to the length."""
    blocks = [picker.pick(["lead"], free=True) if rng.random() < 0.9 else picker.pick(["generic"])]
    dom_left = rng.randint(3, 6)
    total = 1 + len(blocks[0])
    while total < picker.n_target:
        groups = [domain] if dom_left > 0 and rng.random() < 0.45 else ["generic"]
        try:
            b = picker.pick(groups, room=20 - total)
        except RuntimeError:
            b = picker.pick(["generic", domain], room=20 - total)
        if groups == [domain]:
            dom_left -= 1
        blocks.append(b)
        total += len(b)
    return blocks


def split_paragraphs(rng: random.Random, blocks: list[list[dict]]) -> list[list[dict]]:
    """Group the blocks into 4 to 9 body paragraphs (a frame never straddles two)."""
    k = rng.randint(4, min(9, len(blocks)))
    cuts = sorted(rng.sample(range(1, len(blocks)), k - 1))
    bounds = zip([0, *cuts], [*cuts, len(blocks)], strict=False)
    return [[s for b in blocks[a:z] for s in b] for a, z in bounds]


def add_dateline(rng: random.Random, story: Story, style: str, first: dict) -> None:
    """Most wire and state-media articles open with "CAPITAL, Month d (Outlet) – "; shifts spans."""
    if style in ("wire", "state-media") and rng.random() < 0.8:
        pre = f"{story.home.cap.upper()}, {rng.choice(WORDS['months'])} {rng.randint(1, 28)} ({story.outlet}) – "
        first["text"] = pre + first["text"]
        first["_spans"] = {k: (a + len(pre), b + len(pre)) for k, (a, b) in first["_spans"].items()}


def finish_sentences(sentences: list[dict], straight: bool) -> list[dict]:
    """Turn spans into mentions, optionally straighten quotes, keep only the authoring fields."""
    for s in sentences:
        sp = s.pop("_spans")
        if straight:
            s["text"] = s["text"].translate(STRAIGHT_QUOTES)
            if s["cue"]:
                s["cue"] = s["cue"].translate(STRAIGHT_QUOTES)
        s["speaker_mention"] = mention(s["text"], sp.get("[[")) if sp else s.get("speaker_mention")
        s["cue_mention"] = mention(s["text"], sp.get("<<")) if sp else s.get("cue_mention")
    return [{f: s[f] for f in SENTENCE_FIELDS} for s in sentences]


def add_noise(rng: random.Random, outlet: str, out_paras: list[list[dict]]) -> None:
    """In about half of the articles, add one or two boilerplate lines (photo credit, links)."""
    if rng.random() >= 0.55:
        return
    noise = WORDS["noise"]
    kinds = rng.sample(["read", "photo", "discover", "subscribe"], rng.randint(1, 2))
    if "photo" in kinds:
        m, f, sn = CULTURES[rng.choice(sorted(CULTURES))]
        first, surname = rng.choice(m + f), rng.choice(sn)
        line = noise["photo"].format(first=first, surname=surname, agency=rng.choice(WORDS["photo_agencies"]))
        out_paras.insert(1, [{"noise": line}])
    if "read" in kinds:
        at = rng.randint(2, len(out_paras) - 1)
        out_paras.insert(at, [{"noise": noise["read_also"].format(headline=rng.choice(WORDS["read_also"]))}])
    if "discover" in kinds:
        out_paras.extend([{"noise": line.format(outlet=outlet)}] for line in noise["discover"])
    elif "subscribe" in kinds:
        out_paras.append([{"noise": noise["subscribe"].format(outlet=outlet)}])


def entity_table(sentences: list[dict], story: Story) -> dict[str, list[str]]:
    """Every canonical name used, with the other names the article uses for it."""
    ents: dict = {}
    for s in sentences:
        for name in [s["speaker"], s["holder"], *s["via"]]:
            if name:
                ents.setdefault(name, set())
    for canon, surf in story.state["aliases"].items():
        ents.setdefault(canon, set()).update(x for x in surf if x != canon and canon not in x)
    return {k: sorted(v) for k, v in sorted(ents.items())}


def find_counters(sentences: list[dict], story: Story) -> list[list[int]]:
    """Up to 3 pairs [i, j]: a denial j against the latest earlier eager claim i about the same side."""
    counters = []
    for j, sj in enumerate(sentences):
        if sj["stance"] != "denying" or len(counters) >= 3:
            continue
        side = story.side.get(sj["holder"])
        for i in range(j - 1, -1, -1):
            si = sentences[i]
            if (
                si["stance"] == "eager"
                and story.side.get(si["holder"]) in ("A", "B")
                and side == story.side.get(si["holder"])
            ):
                counters.append([i, j])
                break
    return counters


def article_url(outlet: str, domain: str, headline: str) -> str:
    """A fictional url: the outlet's host under .example, the domain and a slug of the headline."""
    slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")[:60]
    host = re.sub(r"[^a-z0-9]+", "", outlet.lower())
    return f"https://{host}.example/{domain}/{slug}"


# ---------------------------------------------------------------- command line
def neutral_share_ok(rec: dict) -> bool:
    """Whether an article's share of neutral sentences lies within 40-55%."""
    labs = [s["stance"] for p in rec["paragraphs"] for s in p if "stance" in s]
    return 0.40 <= labs.count("neutral") / len(labs) <= 0.55


def generate(rng: random.Random, domain: str, aid: str) -> dict:
    """One article, redrawn (up to 30 times) until its neutral share is within 40-55%."""
    for _ in range(30):
        rec = build(rng, domain, aid)
        if neutral_share_ok(rec):
            break
    return rec


def write_corpus(path: Path, n: int, seed: int) -> None:
    """Write n articles as JSON Lines, cycling through the domains, numbered per domain."""
    rng = random.Random(seed)
    per: defaultdict[str, int] = defaultdict(int)
    with open(path, "w", encoding="utf-8") as fh:
        for k in range(n):
            domain = DOMAINS[k % len(DOMAINS)]
            per[domain] += 1
            rec = generate(rng, domain, f"train-{domain}-g{per[domain]:03d}")
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, write the articles and report how many from how many frames."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--articles", type=int, default=300)
    ap.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT.relative_to(ROOT)}"
    )
    args = ap.parse_args(argv)
    write_corpus(args.output, args.articles, args.seed)
    n_frames = sum(len(v) for v in FRAMES.values())
    print(f"wrote {args.articles} articles to {args.output} from {n_frames} frames")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
