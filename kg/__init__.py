"""kg: who said what, through whom, and who contradicts whom, from news articles."""

from __future__ import annotations

__version__ = "0.1.0"
