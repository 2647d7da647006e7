"""A row's confidence from its heads' product, by the row map calibration fitted (kg.nlp.calibrate).

Decoding applies the map; fitting it needs decoding. The map lives here so that neither
module imports the other's: ``sigmoid(slope * logit(product) + bias)`` with one (slope, bias)
for rows without a speaker and one for rows with one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.nlp.model import ModelConfig

# Rows are mapped by whether they name a speaker: (slope, bias) per group.
SPEAKERLESS, ATTRIBUTED = "speakerless", "attributed"
RowMap = Mapping[str, Sequence[float]]
_EPS = 1e-6


def logit(p: float) -> float:
    p = min(max(p, _EPS), 1 - _EPS)
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))


def row_confidence(product: float, speakerless: bool, rows: RowMap | None) -> float:
    """A row's calibrated confidence; the product itself where no map (or no map for its group) was fitted."""
    params = (rows or {}).get(SPEAKERLESS if speakerless else ATTRIBUTED)
    if params is None:
        return product
    slope, bias = params
    return sigmoid(slope * logit(product) + bias)


def row_map(config: ModelConfig) -> RowMap | None:
    """The row map a model was calibrated with (None for models calibrated by temperature alone)."""
    calibration = config.training.get("calibration")
    return calibration.get("rows") if isinstance(calibration, dict) else None
