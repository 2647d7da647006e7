from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.conftest import DenialsCounter, start_server, write_store
from tests.conftest import labelled as s


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    """The seed gold's graph and links."""
    return write_store(tmp_path_factory.mktemp("seed-store"), [seed_gold])


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two small dated articles from two outlets, hand-made: a report through a chain, and its denial."""
    from kg.corpus.authoring import build_article

    report = build_article(
        {
            "id": "test-labour-990",
            "domain": "labour",
            "style": "wire",
            "outlet": "Harbour Ledger",
            "date": "2026-03-02",
            "paragraphs": [
                [s("Port employers seek talks with dock union")],
                [
                    s(
                        "According to sources quoted by Dock Daily, the employers want to reopen talks.",
                        speaker="unnamed sources",
                        speaker_mention="sources",
                        speaker_type="unnamed",
                        cue="according to",
                        cue_mention="According to",
                        via=["Dock Daily"],
                        holder="Port Employers Association",
                        stance="eager",
                    )
                ],
            ],
            "entities": {"unnamed sources": ["sources"], "Dock Daily": [], "Port Employers Association": []},
        }
    )
    denial = build_article(
        {
            "id": "test-labour-991",
            "domain": "labour",
            "style": "wire",
            "outlet": "Dock Daily",
            "date": "2026-03-03",
            "paragraphs": [
                [
                    s(
                        "The employers' association denied that it wants to reopen talks with the union.",
                        speaker="Port Employers Association",
                        speaker_mention="The employers' association",
                        speaker_type="organization",
                        cue="denied",
                        cue_mention="denied",
                        holder="Port Employers Association",
                        stance="denying",
                    )
                ]
            ],
            "entities": {"Port Employers Association": ["The employers' association"]},
        }
    )
    for record in (report, denial):
        record["published"] = record["date"]
    return write_store(tmp_path_factory.mktemp("small-store"), [report, denial], DenialsCounter())


def start(store: Path, *extra: str, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    command = ["kg", "serve", "--store", str(store), "--port", "{port}", "--timeout", "2", *extra]
    return start_server(command, "/", env)


@pytest.fixture(scope="module")
def endpoint(seed_store: Path):
    proc, url = start(seed_store)
    yield url
    proc.terminate()
    proc.wait(timeout=10)
