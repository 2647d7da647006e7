from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from kg.corpus.authoring import AuthoringError, build_article
from kg.corpus.build import build_corpus
from kg.corpus.validate import check_record, validate_files
from tests.conftest import ROOT
from tests.conftest import labelled as sentence

CORPUS = ROOT / "data" / "corpus"
SPLIT_FILES = [CORPUS / f"{s}.jsonl" for s in ("train", "dev", "test")]


def authoring(**extra: object) -> dict:
    return {
        "id": "test-trade-901",
        "domain": "trade",
        "style": "wire",
        "outlet": "Harbour Ledger",
        "paragraphs": [
            [sentence("Lumber talks stall")],
            [{"noise": "READ ALSO: Loonie slips"}],
            [
                sentence(
                    "“He said no, and he meant it,” he said.",
                    speaker="Mira Koval",
                    speaker_mention=["he", 2],
                    speaker_type="official",
                    cue="said",
                    cue_mention=["said", 2],
                    holder="Mira Koval",
                    stance="denying",
                )
            ],
        ],
        "entities": {"Mira Koval": ["he"]},
        "counters": [[0, 1]],
        **extra,
    }


def test_authoring_offsets_are_computed() -> None:
    art = build_article(authoring())
    s = art["sentences"][1]
    assert art["text"][s["start"] : s["end"]] == s["text"]
    m, c = s["speaker_mention"], s["cue_mention"]
    assert art["text"][m["start"] : m["end"]] == "he" and m["start"] - s["start"] == s["text"].rindex(
        "he said"
    )
    assert art["text"][c["start"] : c["end"]] == "said" and c["end"] == s["end"] - 1
    assert "READ ALSO: Loonie slips" in art["text"] and len(art["sentences"]) == 2
    assert not check_record(art, "x")


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda r: r["paragraphs"][2][0].update(speaker_mention="she"), "'she' (occurrence 1) is not in"),
        (lambda r: r["paragraphs"][2][0].update(stance="hostile"), "stance 'hostile'"),
        (lambda r: r["paragraphs"][2][0].update(holder="Nobody"), "holder 'Nobody' is not a key"),
        (lambda r: r.update(counters=[[0, 7]]), "counters pair [0, 7]"),
        (lambda r: r["paragraphs"][2][0].update(speaker_type=None), "speaker_type is null exactly"),
    ],
)
def test_authoring_errors(change, message: str) -> None:
    rec = authoring()
    change(rec)
    with pytest.raises(AuthoringError, match=re.escape(message)):
        build_article(rec)


def test_validator_finds_broken_records(tmp_path: Path) -> None:
    art = build_article(authoring())
    bad = json.loads(json.dumps(art))
    bad["sentences"][1]["start"] += 1
    bad["sentences"][1]["via"] = ["Ghost Outlet"]
    bad["sentences"][0]["stance"] = "maybe"
    problems = check_record(bad, "f:1")
    assert any("not the sentence text" in p for p in problems)
    assert any("via 'Ghost Outlet' is not a key" in p for p in problems)
    assert any("stance 'maybe'" in p for p in problems)
    (tmp_path / "train.jsonl").write_text(json.dumps(art) + "\n", encoding="utf-8")
    (tmp_path / "test.jsonl").write_text(json.dumps(art) + "\n{broken\n", encoding="utf-8")
    report = validate_files([tmp_path / "train.jsonl", tmp_path / "test.jsonl"])
    assert any("is also in train" in p for p in report.problems)
    assert any("sentence also in train" in p for p in report.problems)
    assert any("test.jsonl:2: malformed JSON" in p for p in report.problems)


def test_seed_gold_is_valid() -> None:
    report = validate_files([ROOT / "seeds" / "000_ab4f8e58de2394bd.gold.jsonl"])
    assert report.ok, report.problems


def test_corpus_is_valid_and_large_enough() -> None:
    report = validate_files(SPLIT_FILES)
    assert report.ok, report.problems[:20]
    assert sum(report.articles.values()) >= 300
    assert sum(report.sentences.values()) >= 5000
    assert report.articles["test"] >= 40
    for split, stances in report.stances.items():
        total = sum(stances.values())
        for label in ("eager", "open", "denying", "neutral"):
            assert stances[label] / total >= 0.10, (split, label)


def test_corpus_files_are_built_from_the_authoring_sources(tmp_path: Path) -> None:
    build_corpus(CORPUS / "src", tmp_path)
    for name in ("train.jsonl", "dev.jsonl", "test.jsonl", "test-cross-pairs.jsonl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (CORPUS / name).read_text(encoding="utf-8"), (
            name
        )


def test_dev_and_test_share_no_generated_frame() -> None:
    for split in ("dev", "test"):
        for line in (CORPUS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            assert json.loads(line)["source_file"] != "train-generated.jsonl"
