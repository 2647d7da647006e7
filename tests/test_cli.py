from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app
from tests.conftest import ROOT, SEED_TEXT

runner = CliRunner()


def test_segment_seed_reproduces_gold_boundaries(seed_gold: dict) -> None:
    result = runner.invoke(app, ["segment", str(SEED_TEXT)])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == seed_gold["id"] and record["outlet"] == "Scoop Hub"
    got = [(s["start"], s["end"], s["text"]) for s in record["sentences"]]
    assert got == [(s["start"], s["end"], s["text"]) for s in seed_gold["sentences"]]


def test_segment_to_file_and_bad_inputs(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Talks resumed. Both sides said so.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "Fine."}\n{oops\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["segment", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"{tmp_path / 'bad.jsonl'}:2: malformed JSON" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(ids) == 2 and "x" in ids


def test_help_is_fast_and_imports_no_torch() -> None:
    code = "import sys; from kg.cli import app; assert 'torch' not in sys.modules and 'trafilatura' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    result = subprocess.run(["kg", "--help"], capture_output=True, text=True, check=True)
    assert "segment" in result.stdout


def test_help_shows_the_install_extra_in_brackets() -> None:
    """Rich markup must not swallow "[mpnet]" in "pip install 'kg[mpnet]'"."""
    for command in (["train", "--help"], ["annotate", "--help"]):
        result = runner.invoke(app, command, env={"COLUMNS": "300"}, terminal_width=300)
        assert result.exit_code == 0 and "kg[mpnet]" in result.stdout, command


def test_console_script_reads_stdin() -> None:
    result = subprocess.run(
        ["kg", "segment", "-"], input="Ceasefire holds\nThe army said so.", capture_output=True, text=True
    )
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert [s["text"] for s in record["sentences"]] == ["Ceasefire holds", "The army said so."]


def test_a_device_torch_cannot_use_is_one_line_and_exit_1(tmp_path: Path) -> None:
    import pytest
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has CUDA: the refusal is for machines without it")
    store = tmp_path / "store"
    for args in (["annotate", str(ROOT / "seeds")], ["ingest", str(ROOT / "seeds"), "--store", str(store)]):
        result = subprocess.run(["kg", *args, "--device", "cuda"], capture_output=True, text=True)
        assert result.returncode == 1
        assert result.stderr.strip().splitlines()[-1].startswith("error: --device cuda: torch sees no CUDA")
        assert "Traceback" not in result.stderr


def test_train_refuses_an_unknown_base_or_precision_before_loading_anything(tmp_path: Path) -> None:
    for flags, message in (
        (["--base", "bert-large"], "--base bert-large: unknown base encoder (use one of minilm, mpnet)"),
        (["--precision", "int8"], "--precision int8: training runs in fp32 or bf16"),
    ):
        result = subprocess.run(
            ["kg", "train", "-o", str(tmp_path / "m"), *flags], capture_output=True, text=True
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert message in result.stderr
        assert not (tmp_path / "m").exists()
