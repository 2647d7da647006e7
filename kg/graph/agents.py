"""One class per agent, decided once for the whole store.

An article says what a mention is in one sentence (``kg:speakerRole``: the model's or the
annotator's speaker type); the agent's class follows from all of them together, by these
rules, first match wins:

1. an agent that publishes an article is an Outlet;
2. the curated table's class (kg/graph/data/entities.json);
3. a country (or its capital) is a Government; a name of two words or more ending in a
   newspaper's word ("Miami Herald", "Manila Bulletin", "The Telegraph") is an Outlet, whatever
   roles its mentions were given;
4. the roles its mentions play: Official when any mention is an official (a person with an
   office), else the most frequent role (ties: government, organization, outlet, person);
5. no role at all: an intermediary of a chain is an Outlet; a name ending in a kind word
   ("... Ministry", "... Times") takes that kind; a surname alone takes the class of the
   person of the store who bears it ("Pelosi", an owner in "Pelosi's announcement", as
   "Nancy Pelosi"); a name of two to four capitalised words or "al-" surnames ("Bashar
   al-Assad") is a person; anything else an organisation.

Unnamed sources are scoped to their article and keep the class they were given there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping

from kg.graph.entities import canonical
from kg.graph.terms import KG
from kg.nlp.gazetteer import COUNTRY_ALIASES, DESCRIPTION_KINDS
from kg.nlp.resolve_kinds import ARABIC_SURNAME

CLASSES = {
    "person": KG.PrivatePerson,
    "official": KG.Official,
    "government": KG.Government,
    "organization": KG.Organization,
    "outlet": KG.Outlet,
}
# The last word of a newspaper's name; an agent so named is an Outlet whatever roles the model
# gave its mentions ("Korea Herald" had been typed Government, "Herald Sun" Official).
NEWSPAPER_WORDS = frozenset(
    "herald times post tribune gazette journal telegraph guardian chronicle mail mirror bulletin "
    "inquirer courier dispatch news sun".split()
)
_TIES = ("official", "government", "organization", "outlet", "person")
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

AGENT_VARS = ("agent", "what", "value", "n")
# How each agent is met, counted: its names, the roles of its mentions, whether it publishes
# or passes quotes on. Unnamed sources are typed in their article and left out.
AGENTS_QUERY = f"""SELECT ?agent ?what ?value (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{
    {{ ?agent a <{KG.Agent}> ; <https://schema.org/name> ?value .
       FILTER NOT EXISTS {{ ?agent a <{KG.UnnamedSource}> }} BIND("name" AS ?what) }}
    UNION {{ ?att <{KG.speaker}> ?agent ; <{KG.speakerRole}> ?value . BIND("role" AS ?what) }}
    UNION {{ ?art <https://schema.org/publisher> ?agent . BIND("publishes" AS ?what) BIND("" AS ?value) }}
    UNION {{ ?step <{KG.intermediary}> ?agent . BIND("hop" AS ?what) BIND("" AS ?value) }} }} }}
GROUP BY ?agent ?what ?value"""


def agent_class(
    name: str,
    roles: Counter[str],
    publishes: bool,
    intermediary: bool,
    bearers: Mapping[str, str] | None = None,
) -> str:
    """The one class of an agent (see the module docstring for the rules); ``bearers``: surname ->
    class of the people of the store (``surname_classes``)."""
    if publishes:
        return "outlet"
    entry = canonical(name)[2]
    if entry and entry.get("type") in CLASSES:
        return entry["type"]
    if name in COUNTRY_ALIASES.values() or COUNTRY_ALIASES.get(name):
        return "government"
    words = name.split()
    if len(words) >= 2 and words[-1].lower() in NEWSPAPER_WORDS and all(w[:1].isupper() for w in words):
        return "outlet"
    roles = Counter({r: n for r, n in roles.items() if r in CLASSES and n})
    if roles:
        if roles["official"]:
            return "official"
        return max(roles, key=lambda r: (roles[r], -_TIES.index(r)))
    if intermediary:
        return "outlet"
    kind = DESCRIPTION_KINDS.get(words[-1].lower()) if words else None
    if kind in CLASSES:
        return kind
    if len(words) == 1 and bearers and name in bearers:
        return bearers[name]
    personal = all(w[:1].isupper() or ARABIC_SURNAME.match(w) for w in words)  # "Bashar al-Assad"
    return "person" if 2 <= len(words) <= 4 and personal else "organization"


def surname_classes(classes: Mapping[str, str]) -> dict[str, str]:
    """Surname -> class of the people among ``classes`` (name -> class) named by two words or more:
    an official when any bearer is one ("Trump" of "Donald Trump" and "Mary Trump")."""
    out: dict[str, str] = {}
    for name, kind in classes.items():
        words = name.split()
        if kind in ("person", "official") and len(words) >= 2 and words[-1][:1].isupper():
            out[words[-1]] = "official" if "official" in (kind, out.get(words[-1])) else kind
    return out


def agent_triples(rows: Iterable[dict[str, str | None]]) -> Iterator[str]:
    """N-Triples of the agents graph: one ``rdf:type`` per named agent, from rows of AGENTS_QUERY."""
    names: dict[str, str] = {}
    roles: dict[str, Counter[str]] = {}
    flags: dict[str, set[str]] = {}
    for row in rows:
        agent, what, value = row["agent"], row["what"], row["value"] or ""
        if what == "name":
            names[agent] = min(names.get(agent, value), value)  # one name, whatever the order of rows
        elif what == "role":
            roles.setdefault(agent, Counter())[value] += int(row["n"] or 0)
        else:
            flags.setdefault(agent, set()).add(str(what))

    def classes(bearers: Mapping[str, str] | None) -> dict[str, str]:
        out = {}
        for agent, name in names.items():
            found = flags.get(agent, set())
            out[agent] = agent_class(
                name, roles.get(agent, Counter()), "publishes" in found, "hop" in found, bearers
            )
        return out

    bearers = surname_classes({names[a]: kind for a, kind in classes(None).items()})
    for agent, kind in sorted(classes(bearers).items()):
        yield f"<{agent}> <{_RDF_TYPE}> <{CLASSES[kind]}> ."
