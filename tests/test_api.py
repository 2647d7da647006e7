"""The Python API as the README shows it, on the seed article, with the shipped model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kg
from tests.conftest import ROOT, SEED_TEXT, BagOfWords, gold_doc


@pytest.mark.slow
def test_readme_example_on_the_seed(tmp_path: Path) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    nlp = kg.load()
    doc = nlp(text, outlet="South China Morning Post", published="2025-04-26")
    assert isinstance(doc, kg.AnnotatedArticle) and doc.article.outlet == "South China Morning Post"
    assert doc.sentences[0].stance in ("eager", "open", "denying", "neutral")
    speakers = {s.speaker for s in doc.sentences}
    assert "Donald Trump" in speakers and "Yuyuan Tantian" in speakers
    assert doc.vectors is not None and any(v is not None for v in doc.vectors)

    store = kg.open_store(tmp_path / "kg-store")
    store.add(doc)
    assert store.refresh() > 0
    rows = list(store.audit("who-said-what", speaker="Donald Trump"))
    assert rows and {row["speaker"] for row in rows} == {"Donald Trump"}
    assert all(row["outlet"] == "South China Morning Post" for row in rows)
    store.close()

    # the same table as `kg audit who-said-what` over the same store
    cli = subprocess.run(
        [
            "kg",
            "audit",
            "who-said-what",
            "--store",
            str(tmp_path / "kg-store"),
            "-p",
            "speaker=Donald Trump",
            "-f",
            "tsv",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(cli.stdout.strip().splitlines()) == len(rows) + 1


def test_stores_keep_one_contract(tmp_path: Path, seed_gold: dict) -> None:
    """Gold records go through the same API; the folder is reopened read-only for audits."""
    doc = gold_doc(seed_gold)
    with kg.open_store(tmp_path / "s", encoder=BagOfWords()) as store:
        assert isinstance(store, kg.Store)
        store.add(doc)
        store.refresh()
    with kg.open_store(tmp_path / "s", readonly=True) as store:
        rows = list(store.audit("who-said-what", holder="China"))
    assert rows and all(row["holder"] == "China" for row in rows)
    with pytest.raises(kg.QueryError, match="no audit query named"):
        store.audit("who-said-waht")
    with pytest.raises(kg.InputError, match="no store here"):
        kg.open_store(tmp_path / "nothing", readonly=True)


def test_import_kg_is_light() -> None:
    code = "import sys, kg; kg.Article; kg.open_store; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.slow
def test_the_readme_python_block_runs(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Python API", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    (tmp_path / "example.py").write_text(block, encoding="utf-8")
    out = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "Donald Trump" in out.stdout and (tmp_path / "kg-store").is_dir()
