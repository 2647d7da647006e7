"""The Python API: the shipped model as a callable, and stores to add articles to and audit.

    import kg
    nlp = kg.load()
    doc = nlp(text, outlet="Reuters", published="2025-04-26")
    store = kg.open_store("kg-store")
    store.add(doc); store.refresh()
    for row in store.audit("who-said-what", speaker="Donald Trump"): ...

The CLI is a layer over these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.graph.contract import StoreBase
    from kg.nlp.annotator import Annotator
    from kg.nlp.embed import Encoder

__all__ = ["load", "open_store"]


def load(
    model: str | Path | None = None,
    *,
    device: str = "cpu",
    precision: str | None = None,
    threads: int | None = None,
) -> Annotator:
    """The attribution model, ready to annotate: the default unless ``model`` names a folder or a
    bundled model, "mpnet" (on the 12-layer all-mpnet-base-v2) or "mpnet-5" (its first 5 layers).

    The result is called on a text (``nlp(text, outlet=..., published=...)``) or on many
    ``kg.Article`` records (``nlp.annotate(articles)``) and gives ``kg.AnnotatedArticle``.
    ``device`` is cpu, cuda, cuda:N or auto; ``precision`` as for `kg annotate --precision`.
    """
    from kg.nlp.annotator import Annotator, model_folder

    return Annotator(model_folder(model), threads=threads, device=device, precision=precision)


def open_store(
    spec: str | Path | None = None,
    *,
    encoder: Encoder | None = None,
    readonly: bool = False,
    timeout: float = 60.0,
) -> StoreBase:
    """The store at a folder (created if missing) or a SPARQL 1.1 endpoint (``http(s)://...``).

    No spec means ``$KG_STORE``, else ``./kg-store``. ``encoder`` gives vectors to claims
    stored without one (gold records, older versions); by default the base encoder, loaded
    only if such a claim is met. ``readonly`` opens an existing local store for queries only.
    """
    from kg.graph.store import open_store as open_spec
    from kg.nlp.embed import BaseEncoder

    return open_spec(spec, encoder=encoder or BaseEncoder(), readonly=readonly, timeout=timeout)
