"""The desk's small helpers: marks in a sentence, links it may follow, the chart's bars."""

from __future__ import annotations

from kg.web.data import iri_term
from kg.web.highlight import marked
from kg.web.text import clean, display_iri, http_url, stance_chart


def test_speaker_and_cue_marked() -> None:
    sentence = "He said that she said it."
    assert marked(sentence, 100, (100, 102), "said") == [
        ("speaker", "He"),
        ("", " "),
        ("cue", "said"),
        ("", " that she said it."),
    ]
    assert marked(sentence, 0, (50, 60), "") == [("", sentence)]  # a mention outside: nothing marked
    assert marked("said said", 0, (0, 4), "said") == [("speaker", "said"), ("", " "), ("cue", "said")]


def test_only_http_links_and_safe_iris() -> None:
    assert http_url("javascript:alert(1)") == "" and http_url("HTTPS://x.org/a") == "HTTPS://x.org/a"
    assert iri_term("https://x.org/a") == "<https://x.org/a>"
    assert iri_term("https://x.org/a> } ; DROP ALL") is None and iri_term("no-scheme") is None
    assert display_iri("https://w3id.org/kg-news/stance#open") == "stance:open"
    assert clean("a\x0bb\x00c") == "a bc"


def test_stance_chart_stacks_each_month() -> None:
    chart = stance_chart({"2026-01": {"eager": 2, "denying": 1}, "2026-02": {"open": 3}})
    assert [b["month"] for b in chart["bars"]] == ["2026-01", "2026-02"] and chart["top"] == 3
    first = chart["bars"][0]["segments"]
    assert [s["stance"] for s in first] == ["eager", "denying"]
    assert abs(sum(s["h"] for s in first) - chart["height"]) < 0.5
