"""Entities across articles: one key per real-world entity, aliases and a curated table."""

from __future__ import annotations

import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from kg.nlp.gazetteer import CAPITALS, COUNTRY_ALIASES

CURATED = Path(__file__).resolve().parent / "data" / "entities.json"


@lru_cache(maxsize=1)
def curated() -> dict[str, dict]:
    """Curated frequent entities, by normalised alias: name, type, Wikidata id."""
    table: dict[str, dict] = {}
    for entry in json.loads(CURATED.read_text(encoding="utf-8")):
        for alias in [entry["name"], *entry.get("aliases", [])]:
            table[normalise(alias)] = entry
    return table


def normalise(name: str) -> str:
    """Case, dots, spacing and a leading "the" do not make another entity."""
    text = unicodedata.normalize("NFC", name).strip().lower()
    text = re.sub(r"^the\s+", "", text).replace(".", "")
    text = re.sub(r"[’']s\b", "s", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def canonical(name: str) -> tuple[str, str, dict | None]:
    """(key, display name, curated entry) for a name as the annotations give it."""
    country = CAPITALS.get(name) or COUNTRY_ALIASES.get(name)
    if country:
        name = country
    entry = curated().get(normalise(name))
    if entry:
        return normalise(entry["name"]), entry["name"], entry
    return normalise(name), name, None
