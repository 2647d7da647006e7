from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "seeds" / "000_ab4f8e58de2394bd.txt"
SEED_GOLD = ROOT / "seeds" / "000_ab4f8e58de2394bd.gold.jsonl"


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))
