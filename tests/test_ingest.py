from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from kg.ingest import Diagnostics, read_articles
from kg.ingest.ids import article_id

HTML = """<html><head><title>Port strike ends | Dock Daily</title>
<meta property="og:site_name" content="Dock Daily"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Port strike ends after pay deal</h1>
<p>ROTTERDAM - Dockworkers ended a nine-day strike on Friday after the union accepted a new offer.</p>
<p>“We are satisfied for now,” said union leader Pieter Smit, adding that members would vote next week.</p>
<p>The port authority said traffic would return to normal within days, according to a statement.</p>
<script>var x = "Do not extract me.";</script></article>
<footer>Subscribe to our newsletter. Copyright Dock Daily.</footer></body></html>"""


def read(paths: list[str]) -> tuple[list, Diagnostics]:
    diag = Diagnostics()
    return list(read_articles(paths, diag)), diag


def write(tmp: Path, name: str, data: str | bytes) -> str:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return str(path)


def test_plain_text_and_markdown(tmp_path: Path) -> None:
    t = write(tmp_path, "a.txt", "Strike ends\nWorkers returned. Discover more from Dock Daily")
    m = write(tmp_path, "b.md", "# Vote count resumes\n\nThe commission said it would publish results.")
    (a, b), diag = read([t, m])
    assert not diag.errors
    assert a.title == "Strike ends" and a.text.startswith("Strike ends")
    assert b.title == "Vote count resumes" and a.source == t


def test_outlet_from_lines_and_from_metadata(tmp_path: Path) -> None:
    t = write(
        tmp_path, "a.txt", "Talks resume.\nDiscover more from Scoop Hub\nSubscribe to get the latest posts."
    )
    j = write(tmp_path, "b.json", json.dumps({"maintext": "Talks resume.", "source_domain": "example.org"}))
    (a, b), _ = read([t, j])
    assert a.outlet == "Scoop Hub"
    assert b.outlet == "example.org"


def test_json_field_names_of_scrapers(tmp_path: Path) -> None:
    records = [
        {
            "id": "n1",
            "text": "One.",
            "title": "T1",
            "url": "https://x.example/1",
            "outlet": "X",
            "date": "2026-01-02",
        },
        {"body": "Two.", "headline": "T2", "link": "https://x.example/2", "source": {"name": "NewsAPI Src"}},
        {"content": "Three.", "date_publish": "2026-03-04 10:00:00", "publisher": "P"},
    ]
    (a, b, c), diag = read([write(tmp_path, "x.json", json.dumps(records))])
    assert not diag.errors
    assert (a.id, a.title, a.url, a.outlet, a.published) == (
        "n1",
        "T1",
        "https://x.example/1",
        "X",
        "2026-01-02",
    )
    assert (b.title, b.outlet) == ("T2", "NewsAPI Src")
    assert (c.text, c.published, c.outlet) == ("Three.", "2026-03-04 10:00:00", "P")


def test_json_lines_and_wrapped_list(tmp_path: Path) -> None:
    jl = write(tmp_path, "x.jsonl", '{"id": "a", "text": "A."}\n\n{"id": "b", "maintext": "B."}\n')
    wrapped = write(tmp_path, "y.json", json.dumps({"articles": [{"id": "c", "content": "C."}]}))
    arts, diag = read([jl, wrapped])
    assert [a.id for a in arts] == ["a", "b", "c"] and not diag.errors


def test_html_main_text(tmp_path: Path) -> None:
    (a,), diag = read([write(tmp_path, "p.html", HTML)])
    assert not diag.errors
    assert "Dockworkers ended a nine-day strike" in a.text
    assert "Do not extract me" not in a.text and "Home" not in a.text.split("\n")[0]
    assert a.outlet == "Dock Daily"
    assert a.title == "Port strike ends after pay deal"


def test_folders_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path, "d/2.txt", "Second.")
    write(tmp_path, "d/sub/1.txt", "Nested.")
    write(tmp_path, "d/.hidden/3.txt", "Hidden.")
    write(tmp_path, "d/notes.csv", "a,b")
    arts, diag = read([str(tmp_path / "d")])
    assert [a.text for a in arts] == ["Second.", "Nested."] and not diag.errors


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b'{"id": "s1", "text": "From stdin."}\n{"id": "s2", "text": "Again."}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    arts, _ = read(["-"])
    assert [a.id for a in arts] == ["s1", "s2"]


def test_stable_ids() -> None:
    text = "Ceasefire agreed.\nBoth sides said so."
    assert article_id(text) == article_id(text.replace("\n", "\r\n") + "  ")
    assert article_id(text) != article_id(text + " Later.")
    assert article_id("x", url="https://A.example/news/1/?utm_source=tw#top") == article_id(
        "y", url="https://a.example/news/1"
    )
    assert article_id("x", meta_id="abc-1") == "abc-1"
    assert len(article_id("x", meta_id="has spaces / slashes")) == 16
    # Fixed value: the id must not change between releases or machines.
    assert article_id("Talks resume.") == "290fd4e6d7627acf"


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty file"),
        ("bin.txt", bytes(range(256)) * 4, "binary data"),
        ("bad.json", b'{"text": "x",\n "title": }', "bad.json:2: malformed JSON"),
        ("notext.json", b'{"title": "no body"}', "record has no article text"),
        ("deep.json", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
        ("deep.jsonl", b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "nested too deeply"),
        ("page.html", b"<html><body><script>var a = 1;</script></body></html>", "no article text"),
    ],
)
def test_bad_input_is_one_clear_error_and_others_go_on(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    good = write(tmp_path, "good.txt", "Still read.")
    bad = write(tmp_path, name, data)
    arts, diag = read([bad, good])
    assert [a.text for a in arts] == ["Still read."]
    assert len(diag.errors) == 1
    line = diag.errors[0].line()
    assert message in line and name in line and "\n" not in line


def test_malformed_json_line_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "x.jsonl", '{"id": "a", "text": "A."}\n{"id": "b", "text": \n{"id": "c"}\n')
    arts, diag = read([path])
    assert [a.id for a in arts] == ["a"]
    assert [e.where for e in diag.errors] == [f"{path}:2", f"{path}:3"]
    assert "no article text" in diag.errors[1].problem


def test_legacy_encoding_and_invalid_utf8_are_read_with_a_warning(tmp_path: Path) -> None:
    latin = write(tmp_path, "cp1252.txt", "The minister’s café reopened.".encode("cp1252"))
    broken = write(tmp_path, "broken.txt", b"Valid start \x81\x8d\x8f\x90\x9d end.")
    (a, b), diag = read([latin, broken])
    assert a.text == "The minister’s café reopened."
    assert "\ufffd" in b.text or b.text.startswith("Valid start")
    assert len(diag.warnings) == 2 and not diag.errors


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    (a,), _ = read([write(tmp_path, "bom.txt", "\ufeffTalks.".encode())])
    assert a.text == "Talks."


def test_duplicate_ids(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "dup.jsonl",
        '{"id": "a", "text": "First."}\n{"id": "a", "text": "First."}\n{"id": "a", "text": "Other."}\n',
    )
    arts, diag = read([path])
    assert [a.text for a in arts] == ["First."]
    assert len(diag.warnings) == 1 and "repeats" in diag.warnings[0]
    assert len(diag.errors) == 1 and "already used by a different article" in diag.errors[0].line()


def test_missing_path(tmp_path: Path) -> None:
    arts, diag = read([str(tmp_path / "nope.txt")])
    assert not arts and "no such file" in diag.errors[0].line()


def test_five_megabyte_article_is_processed(tmp_path: Path) -> None:
    from kg.segment import segment

    para = "The union said it was open to talks. Management denied any offer had been made.\n"
    text = para * (5_000_000 // len(para) + 1)
    (a,), diag = read([write(tmp_path, "big.txt", text)])
    sentences = segment(a)
    assert len(a.text.encode()) > 5_000_000 and not diag.errors
    assert len(sentences) == 2 * text.count("\n")
    assert all(a.text[s.start : s.end] == s.text for s in sentences[:50])
