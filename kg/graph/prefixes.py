"""The project's SPARQL prefixes, declared once: added to queries that lack them, used to print IRIs short.

``declare(text)`` puts a ``PREFIX`` line before a query for each of these prefixes it uses
and does not declare itself; ``compact(iri)`` writes an IRI as a prefixed name that pastes
back into a query (``kg:Claim``, ``stance:eager``), or whole in angle brackets when none fits.
"""

from __future__ import annotations

import re

from kg.graph import iris

PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg-news/ns#",
    "stance": "https://w3id.org/kg-news/stance#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "id": iris.ID,
    "graph": iris.GRAPHS,
}
_NOT_CODE = re.compile(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_DECLARED = re.compile(r"(?im)^\s*PREFIX\s+([A-Za-z][\w.-]*)?\s*:")
# A prefixed name's local part that needs no escape in SPARQL or Turtle ("/" would: such IRIs
# print whole).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")


def missing(text: str) -> list[str]:
    """The project prefixes ``text`` uses (``name:``) and does not declare."""
    declared = {m.group(1) or "" for m in _DECLARED.finditer(text)}
    code = _NOT_CODE.sub(" ", text)  # IRIs, strings and comments cannot use a prefix
    return [
        name
        for name in PREFIXES
        if name not in declared and re.search(rf"(?<![\w:?$.-]){re.escape(name)}:", code)
    ]


def declare(text: str) -> str:
    """``text`` with a PREFIX line for each project prefix it uses but does not declare."""
    lines = [f"PREFIX {name}: <{PREFIXES[name]}>" for name in missing(text)]
    return "\n".join([*lines, text]) if lines else text


def declare_inline(text: str) -> tuple[str, int]:
    """Like ``declare``, but the declarations go before the query on its first line, so the
    parser's line numbers stay the user's; returns the text and how far line 1 moved right."""
    head = "".join(f"PREFIX {name}: <{PREFIXES[name]}> " for name in missing(text))
    return head + text, len(head)


def user_position(message: str, shift: int) -> str:
    """A parser message (``... at LINE:COLUMN ...``) with line 1's column as the user wrote it."""
    if not shift:
        return message
    return re.sub(r"\bat 1:(\d+)", lambda m: f"at 1:{max(1, int(m.group(1)) - shift)}", message)


def compact(iri: str) -> str:
    """A prefixed name that reads back as ``iri`` (the longest namespace that fits), else ``<iri>``."""
    for name, namespace in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and _LOCAL.fullmatch(iri[len(namespace) :]):
            return f"{name}:{iri[len(namespace) :]}"
    return f"<{iri}>"
