"""Entities across articles: one key per real-world entity, aliases and a curated table."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from kg.nlp.gazetteer import CAPITALS, COUNTRY_ALIASES
from kg.nlp.names import name_key, normalise, plain_name, strip_titles

CURATED = Path(__file__).resolve().parent / "data" / "entities.json"


@lru_cache(maxsize=1)
def curated() -> dict[str, dict]:
    """Curated frequent entities, by normalised alias and by key: name, type, Wikidata id."""
    table: dict[str, dict] = {}
    for entry in json.loads(CURATED.read_text(encoding="utf-8")):
        table.setdefault(name_key(entry["name"]), entry)
        for alias in [entry["name"], *entry.get("aliases", [])]:
            table.setdefault(normalise(alias), entry)
    return table


def display_name(name: str) -> str:
    """The name an agent is shown by: no titles, party labels or middle initials, no lower-case "the"."""
    clean = plain_name(strip_titles(name.strip())[0])
    return re.sub(r"^the\s+", "", clean)


def canonical(name: str) -> tuple[str, str, dict | None]:
    """(key, display name, curated entry) for a name as the annotations give it.

    Names merge across articles when their keys agree (kg.nlp.names.name_key) or through
    the curated table; a surname alone keeps its own key.
    """
    country = CAPITALS.get(name) or COUNTRY_ALIASES.get(name)
    if country:
        name = country
    entry = curated().get(normalise(name)) or curated().get(name_key(name))
    if entry:
        return name_key(entry["name"]), entry["name"], entry
    return name_key(name), display_name(name), None
