from __future__ import annotations

from kg.nlp.resolve import ArticleResolver
from tests.nlp.conftest import resolve_mentions as _resolve


def test_a_research_group_is_named_as_introduced_and_its_study_speaks_for_it() -> None:
    text = (
        "Researchers from the University of Washington reported a find. Jing Wang said x. "
        "According to the study, y. The researchers said z."
    )
    got = _resolve(
        text, ["Researchers from the University of Washington", "Jing Wang", "the study", "The researchers"]
    )
    assert got[2] == got[3] == "Researchers from the University of Washington"


def test_a_definite_group_met_first_is_named_by_its_members() -> None:
    text = "According to the research team, x. They said y."
    assert _resolve(text, ["the research team", "They"]) == ["researchers", "researchers"]


def test_the_report_without_a_research_group_is_left_to_the_descriptions() -> None:
    text = "The report said so."
    assert _resolve(text, ["The report"]) != ["researchers"]


def test_a_study_brings_in_its_authors_and_all_it_is_called_later_is_them() -> None:
    text = "A study found x. The researchers said y. Researchers added z. The research paper says w."
    got = _resolve(text, ["A study", "The researchers", "Researchers", "The research paper"])
    assert got == ["A study"] * 4


def test_the_study_met_first_is_named_by_its_authors() -> None:
    text = "Michael Siegel spoke. The study found x. The team said y."
    assert _resolve(text, ["Michael Siegel", "The study", "The team"])[1:] == ["study authors"] * 2


def test_the_paper_met_first_is_no_research_group() -> None:
    text = "According to the paper, x."
    assert _resolve(text, ["the paper"]) != ["study authors"]


def test_a_document_speaks_for_whom_the_sentence_naming_it_was_about() -> None:
    sentences = [
        "Donald Trump led the race.",
        "Trump's niece Mary Trump released the tell-all book Too Much.",
        "The book alleges, among other things, that Trump cheated.",
    ]
    text = " ".join(sentences)
    resolver, at = ArticleResolver(text), 0
    for number, sentence in enumerate(sentences):
        if number == 2:
            assert resolver.resolve(at, at + len("The book"), number, "person") == "Mary Trump"
        resolver.observe(at, at + len(sentence), number)
        at += len(sentence) + 1
