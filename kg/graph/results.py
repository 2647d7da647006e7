"""Query results as SPARQL 1.1 JSON, CSV and TSV, or a terminal table.

CSV and TSV cells that a spreadsheet would run as a formula (a leading ``=``, ``+``, ``-``,
``@``, tab or carriage return) get a leading ``'`` unless ``guard=False`` (``--raw``);
numbers are left alone. Table cells never carry control characters or escape sequences.
"""

from __future__ import annotations

import csv
import io
import json
import re

from kg.errors import printable
from kg.graph.prefixes import compact
from kg.graph.query import Result, Term

FORMATS = ("table", "json", "csv", "tsv")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def guarded(value: str) -> str:
    """A cell a spreadsheet shows as text: ``'`` before a leading formula character (not before a number)."""
    if value.startswith(_FORMULA) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def _json_term(term: Term) -> dict:
    kind, value, datatype, lang = term
    if kind == "literal":
        out = {"type": "literal", "value": value}
        if lang:
            out["xml:lang"] = lang
        elif datatype and datatype != XSD_STRING:
            out["datatype"] = datatype
        return out
    return {"type": kind, "value": value}


def _nt(term: Term, guard: bool = False) -> str:
    """A term in N-Triples form, as SPARQL TSV results want it (a literal's text guarded if asked)."""
    kind, value, datatype, lang = term
    if guard and kind == "literal":
        value = guarded(value)
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return f"_:{value}"
    if kind == "triple":
        return value
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    if lang:
        return f'"{escaped}"@{lang}'
    if datatype and datatype != XSD_STRING:
        return f'"{escaped}"^^<{datatype}>'
    return f'"{escaped}"'


def to_json(result: Result) -> str:
    if result.form == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings = [
        {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]
    return json.dumps(
        {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}, ensure_ascii=False
    )


def to_csv(result: Result, guard: bool = True) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if result.form == "ask":
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return buf.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (guarded(t[1]) if guard else t[1]) for t in row])
    return buf.getvalue()


def to_tsv(result: Result, guard: bool = True) -> str:
    if result.form == "ask":
        return "?boolean\n" + ("true" if result.boolean else "false") + "\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join("" if t is None else _nt(t, guard) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def to_table(result: Result, width: int = 60) -> str:
    """Aligned columns for a person at a terminal; long values are cut with an ellipsis."""
    if result.form == "ask":
        return "yes\n" if result.boolean else "no\n"
    cells = [[_cell(t, width) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[k]) for r in cells]) for k, v in enumerate(result.variables)]
    lines = ["  ".join(v.ljust(w) for v, w in zip(result.variables, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    note = f"\n({len(result.rows)} rows{', cut at the limit' if result.truncated else ''})\n"
    return "\n".join(lines) + note


def _cell(term: Term | None, width: int) -> str:
    """A table cell: IRIs whole or as a prefixed name (either pastes back into a query), text cut."""
    if term is None:
        return ""
    if term[0] == "uri":
        return printable(compact(term[1]))
    return _short(printable(term[1]), width)


def _short(value: str, width: int) -> str:
    value = " ".join(value.split())
    if value.startswith("https://w3id.org/kg-news/"):
        value = value.rsplit("/", 2)[-2] + "/" + value.rsplit("/", 1)[-1] if "/" in value else value
    return value if len(value) <= width else value[: width - 1] + "…"


def render(result: Result, fmt: str, *, raw: bool = False, terminal: bool = False) -> str:
    """The result as ``fmt``; ``raw`` leaves CSV/TSV cells unguarded; ``terminal`` escapes control characters."""
    if result.form == "graph":
        text = result.turtle
    elif fmt in ("csv", "tsv"):
        text = (to_csv if fmt == "csv" else to_tsv)(result, guard=not raw)
    else:
        text = {"json": to_json, "table": to_table}[fmt](result)
    return printable(text.replace("\r\n", "\n")) if terminal else text
