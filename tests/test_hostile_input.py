"""Hostile and malformed input: property-based tests over ingest and segmentation, XML bombs."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.ingest import Diagnostics, read_articles
from kg.records import Article
from kg.segment import segment, sentence_spans

NEWSY = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "'",
        ".",
        "!",
        "?",
        "…",
        "U.S.",
        "Gov.",
        "J.",
        "\n",
        "\n\n",
        " ",
        "said",
        "READ ALSO: x\n",
        "\x00",
        "\ufeff",
        "\r\n",
        "Talks",
        "he",
        "(",
        ")",
        "—",
        "é",
        "😀",
    ]
)
TEXTS = st.one_of(st.text(max_size=400), st.lists(NEWSY, max_size=120).map("".join))


def check_spans(text: str) -> None:
    spans = sentence_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        last = end


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_segmentation_never_crashes_and_offsets_are_valid(text: str) -> None:
    check_spans(text)
    for s in segment(Article("a", text)):
        assert text[s.start : s.end] == s.text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600), st.sampled_from([".txt", ".json", ".jsonl", ".html", ".md", ".bin"]))
def test_ingest_of_random_bytes_never_crashes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    diag = Diagnostics()
    for article in read_articles([str(path)], diag):
        assert article.text.strip()
        check_spans(article.text)
    assert all("\n" not in e.line() for e in diag.errors)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=1, max_value=400), st.sampled_from(["div", "p", "span", "b", "table"]))
def test_deeply_nested_html_with_scripts(tmp_path: Path, depth: int, tag: str) -> None:
    body = (
        f"<{tag}>" * depth
        + "<script>alert('x')</script><p>The minister said talks had failed.</p>"
        + f"</{tag}>" * depth
    )
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><style>p{{}}</style></head><body>{body}</body></html>", encoding="utf-8")
    for article in read_articles([str(path)], Diagnostics()):
        assert "alert" not in article.text
        check_spans(article.text)


def test_billion_laughs_and_external_entities_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY lol0 "lol">{lol}'
        f'<!ENTITY xxe SYSTEM "file://{secret}">]>'
        "<html><body><article><p>Officials said talks resumed. &lol9; &xxe;</p>"
        "<p>The union denied it in a statement on Monday.</p></article></body></html>"
    )
    path = tmp_path / "bomb.html"
    path.write_text(page, encoding="utf-8")
    start = time.monotonic()
    articles = list(read_articles([str(path)], Diagnostics()))
    assert time.monotonic() - start < 10
    for article in articles:
        assert "TOP-SECRET" not in article.text
        assert article.text.count("lol") < 1000
