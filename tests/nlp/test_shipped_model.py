"""The shipped weights on the seed and on hard cases (slow: loads the real model once)."""

from __future__ import annotations

import pytest

from kg.nlp.evaluate import same_entity, score
from kg.records import Article
from tests.conftest import SEED_TEXT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def annotator():
    from kg.nlp.annotator import Annotator

    return Annotator()


def annotate(annotator, text: str) -> list[dict]:
    (doc,) = annotator.annotate([Article("t", text)])
    return doc.to_record()["sentences"]


def test_seed_speakers_and_stances(annotator, seed_gold: dict) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    predicted = annotate(annotator, text)
    scores = score([seed_gold], {seed_gold["id"]: predicted})
    assert scores.attribution.f1 >= 0.9
    assert scores.speaker_accuracy >= 0.8
    assert scores.stance_accuracy >= 0.8
    by_start = {s["start"]: s for s in predicted}
    gold = seed_gold["sentences"]
    ents = seed_gold["entities"]
    # "the outlet noted in a post on Weibo" -> Yuyuan Tantian; "he said" -> Donald Trump
    assert same_entity(by_start[gold[7]["start"]]["speaker"], "Yuyuan Tantian", ents)
    assert same_entity(by_start[gold[11]["start"]]["speaker"], "Donald Trump", ents)
    assert by_start[gold[12]["start"]]["stance"] == "denying"


def test_pronoun_speaker_after_a_quote(annotator) -> None:
    text = (
        "Defence Minister Arno Vik met reporters in Oslo on Monday after the border talks collapsed. "
        "“We will not sign this agreement under pressure,” he said."
    )
    quote = annotate(annotator, text)[1]
    assert quote["speaker"] == "Arno Vik"
    assert quote["stance"] == "denying"


def test_nested_according_to_sources_quoted_by(annotator) -> None:
    text = (
        "Dockworkers extended their strike into a second week on Monday. "
        "According to sources quoted by the Harbour Ledger, the employers are eager to reopen talks."
    )
    sent = annotate(annotator, text)[1]
    assert sent["speaker_type"] == "unnamed"
    assert [v.lower().removeprefix("the ") for v in sent["via"]] == ["harbour ledger"]
    assert sent["stance"] == "eager"


def test_a_denial(annotator) -> None:
    text = (
        "Lumber prices rose again this week. "
        "Canada's trade ministry on Tuesday denied that it had reopened talks on softwood duties."
    )
    sent = annotate(annotator, text)[1]
    assert sent["stance"] == "denying"
    assert sent["speaker"] is not None and "ministry" in sent["speaker"].lower()
