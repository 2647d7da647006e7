from __future__ import annotations

import pytest

from kg.records import Article
from kg.segment import segment, sentence_spans
from tests.conftest import SEED_TEXT


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_seed_gold_boundaries_reproduced(seed_gold: dict) -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    assert seed_gold["text"] == text
    gold = [(s["start"], s["end"]) for s in seed_gold["sentences"]]
    assert sentence_spans(text) == gold


def test_navigation_lines_are_not_sentences() -> None:
    text = "Talks resumed on Monday.\nREAD ALSO: Stocks rise\nDiscover more from Scoop Hub\nPhoto: A. Li / Reuters\nThey ended."
    assert texts(text) == ["Talks resumed on Monday.", "They ended."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The U.S. is eager. Beijing is not.", ["The U.S. is eager.", "Beijing is not."]),
        ("Talks with the U.S. The ministry said no.", ["Talks with the U.S.", "The ministry said no."]),
        ("Gov. Ana Ruiz spoke on Jan. 5 in St. Paul.", ["Gov. Ana Ruiz spoke on Jan. 5 in St. Paul."]),
        (
            "Author J. R. Tolkin agreed. Mr. Vale did not.",
            ["Author J. R. Tolkin agreed.", "Mr. Vale did not."],
        ),
        (
            "Acme Inc. shares fell. Acme Inc. The firm said.",
            ["Acme Inc. shares fell.", "Acme Inc.", "The firm said."],
        ),
        ("“It has to be fair,” he said. She agreed.", ["“It has to be fair,” he said.", "She agreed."]),
        ("“Is it fair?” she asked. He shrugged.", ["“Is it fair?” she asked.", "He shrugged."]),
        ("He said “no deal.” Talks ended.", ["He said “no deal.”", "Talks ended."]),
        (
            "“We are ready. But not at any price,” she said.",
            ["“We are ready.", "But not at any price,” she said."],
        ),
        (
            "Prices rose 3.5% in No. 2 plant. Workers left.",
            ["Prices rose 3.5% in No. 2 plant.", "Workers left."],
        ),
        ("Ceasefire holds in north\n\nThe army said so.", ["Ceasefire holds in north", "The army said so."]),
        (
            "Headline without stop\nBody sentence one. Two!",
            ["Headline without stop", "Body sentence one.", "Two!"],
        ),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_hard_wrapped_lines_are_joined() -> None:
    text = "The minister said the talks would\ncontinue next week. Nobody objected."
    assert texts(text) == ["The minister said the talks would\ncontinue next week.", "Nobody objected."]


def test_markdown_heading_marks_are_not_in_the_sentence() -> None:
    text = "# Truce talks stall\n\nThe envoy left."
    assert texts(text) == ["Truce talks stall", "The envoy left."]


def test_segment_offsets_point_into_text() -> None:
    article = Article(id="a", text="  One here.  Two there.\r\n\r\nThree!  ")
    sentences = segment(article)
    assert [s.text for s in sentences] == ["One here.", "Two there.", "Three!"]
    for s in sentences:
        assert article.text[s.start : s.end] == s.text
    assert [s.index for s in sentences] == [0, 1, 2]


def test_unbalanced_quotes_do_not_swallow_the_article() -> None:
    text = "“We will never sign, he said. The talks ended. Nobody spoke."
    assert len(texts(text)) == 3


def test_reporting_credits_are_noise_but_reporting_sentences_are_not() -> None:
    text = "Talks ended.\n(Reporting by Ana Ruiz; Editing by Tom Lee)\nReporting by the Ledger suggested otherwise."
    assert texts(text) == ["Talks ended.", "Reporting by the Ledger suggested otherwise."]
