from __future__ import annotations

import gc
import json
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from kg.graph.build import build_article_graph
from kg.nlp.gold import from_record
from kg.records import AnnotatedArticle, RunInfo

ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "seeds" / "000_ab4f8e58de2394bd.txt"
SEED_GOLD = ROOT / "seeds" / "000_ab4f8e58de2394bd.gold.jsonl"
RUN = RunInfo(model="test model", weights_sha256="0" * 64, code_version="test")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def labelled(text: str, **labels: object) -> dict:
    """An authoring-format sentence: every label field present, neutral narration unless given."""
    base = dict.fromkeys(
        ("speaker", "speaker_mention", "speaker_type", "cue", "cue_mention", "channel", "holder")
    )
    return {"text": text, **base, "via": [], "stance": "neutral", **labels}


def bag_of_words(texts):
    """Stand-in sentence embeddings: fast, deterministic, texts about talks are close."""
    out = np.zeros((len(texts), 4), dtype=np.float32)
    for k, text in enumerate(texts):
        words = text.lower()
        out[k] = [words.count("talk") + 0.1, words.count("negotiat"), words.count("dialogue"), 1.0]
    return out / np.linalg.norm(out, axis=1, keepdims=True)


class BagOfWords:
    """A fake encoder (kg.nlp.embed.Encoder) with the bag-of-words vectors."""

    dim = 4

    def encode(self, texts):
        return bag_of_words(texts)


def gold_doc(record: dict, source: str | None = None) -> AnnotatedArticle:
    """A gold record (with its text) as the model stage's record."""
    return from_record(record, run=RUN, source=source)


def gold_graph(record: dict, source: str | None = None):
    """The article graph of a gold record (with its text)."""
    return build_article_graph(gold_doc(record, source))


class DenialsCounter:
    """A fake pair classifier: a denial counters the eager claims it is paired with, nothing else."""

    def __init__(self) -> None:
        self.threshold = {"counters": 0.5, "same": 0.5}

    def scores(self, claims, pairs):
        out = np.zeros((len(pairs), 3), np.float32)
        for k, (i, j) in enumerate(pairs):
            stances = {claims.stances[i], claims.stances[j]}
            out[k] = (0.1, 0.9, 0.0) if stances == {"denying", "eager"} else (0.9, 0.1, 0.0)
        return out


def write_store(folder: Path, records: list[dict], linker=None) -> Path:
    """A closed store folder holding these gold records' graphs and links (``linker``: a pair classifier)."""
    from kg.graph.local import LocalStore

    with LocalStore(folder, encoder=BagOfWords()) as store:
        store.linker = linker
        for record in records:
            store.add(gold_doc(record))
        store.refresh()
    gc.collect()
    return folder


def hostile_copy(record: dict, text: str) -> dict:
    """A gold record under another id, outlet and date, its sentence 12 replaced by ``text``."""
    import copy

    copied = copy.deepcopy(record)
    copied.update(id="hostile", outlet="Other <Outlet>", published="2025-04-20")
    copied["sentences"][12]["text"] = text
    return copied


def start_server(command: list[str], probe: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """Start a server on a free loopback port ({port} in ``command``); return it once ``probe`` answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [part.format(port=port) for part in command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + probe, timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"{command[0]} did not start: " + proc.stderr.read().decode())
