"""kg: who said what, through whom, and who contradicts whom, from news articles.

``kg.load()`` gives the attribution model, ``kg.open_store(spec)`` a store; the records
they exchange are ``kg.Article`` and ``kg.AnnotatedArticle`` (see kg.api). Attributes are
imported on first use, so ``import kg`` stays light (no torch until a model is loaded).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "AnnotatedArticle",
    "AnnotatedSentence",
    "Article",
    "InputError",
    "QueryError",
    "Result",
    "Store",
    "__version__",
    "load",
    "open_store",
]

_WHERE = {
    "AnnotatedArticle": "kg.records",
    "AnnotatedSentence": "kg.records",
    "Article": "kg.records",
    "InputError": "kg.errors",
    "QueryError": "kg.errors",
    "Result": "kg.graph.query",
    "Store": "kg.graph.contract",
    "load": "kg.api",
    "open_store": "kg.api",
}

if TYPE_CHECKING:
    from kg.api import load, open_store
    from kg.errors import InputError, QueryError
    from kg.graph.contract import Store
    from kg.graph.query import Result
    from kg.records import AnnotatedArticle, AnnotatedSentence, Article


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(import_module(_WHERE[name]), name)


def __dir__() -> list[str]:
    return sorted(__all__)
