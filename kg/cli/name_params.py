"""The names `--param` gives (speaker, holder, outlet), matched to the store's spellings."""

from __future__ import annotations

import typer

from kg.cli.app import _err


def resolve_names(target, params: dict[str, str], timeout: float) -> dict[str, str]:
    """``params`` with each name (speaker, holder, outlet) replaced by the store's spelling of it.

    Several names holding the typed words: exit 2 listing them. None: the closest are
    suggested on standard error and the typed value is kept (the answer is then empty)."""
    from kg.graph.name_match import NAME_PARAMS, match, stored_names

    out = dict(params)
    for key, value in params.items():
        if key not in NAME_PARAMS or value.startswith("<"):
            continue
        found = match(value, stored_names(target, key, timeout))
        if found.name is not None:
            if found.name != value:
                _err(f"--param {key}={value}: taken as {found.name!r}")
            out[key] = found.name
        elif found.candidates:
            shown = ", ".join(repr(n) for n in found.candidates[:10])
            _err(f"--param {key}={value}: several names fit ({shown}); give one of them")
            raise typer.Exit(2)
        else:
            hint = f"; closest: {', '.join(repr(n) for n in found.suggestions)}" if found.suggestions else ""
            _err(f"--param {key}={value}: no such {key} in the store{hint}")
    return out
