"""Opening a store: the one place that decides local, remote or N-Quads shards.

``open_store(spec)``: an ``http(s)://`` address is a SPARQL 1.1 store (kg.graph.remote),
anything else a folder (kg.graph.local); with ``shards=True`` the folder receives N-Quads
shards for a bulk loader (kg.graph.shards). No spec means ``$KG_STORE``, else ``./kg-store``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kg.graph.contract import Store, StoreBase
from kg.graph.local import LocalStore, holds_store
from kg.graph.remote import RemoteStore
from kg.graph.shards import ShardStore

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder

__all__ = ["DEFAULT_STORE", "Store", "holds_store", "is_remote", "open_store", "store_path"]

DEFAULT_STORE = "./kg-store"


def store_path(option: str | Path | None) -> str:
    """--store, else $KG_STORE, else ./kg-store."""
    return str(option or os.environ.get("KG_STORE") or DEFAULT_STORE)


def is_remote(spec: str | Path | None) -> bool:
    return isinstance(spec, str) and spec.startswith(("http://", "https://"))


def open_store(
    spec: str | Path | None = None,
    *,
    encoder: Encoder | None = None,
    readonly: bool = False,
    shards: bool = False,
    timeout: float = 60.0,
) -> StoreBase:
    """The store ``spec`` names (see the module docstring).

    ``readonly`` opens an existing local store for queries only (kg.errors.StoreMissing if
    there is none); ``encoder`` computes vectors for claims stored without one when links
    are refreshed; ``timeout`` is a remote store's per-request limit in seconds.
    """
    where = store_path(spec)
    if is_remote(where):
        return RemoteStore(where, timeout, encoder=encoder)
    if shards:
        return ShardStore(Path(where))
    return LocalStore(where, encoder=encoder, readonly=readonly)
