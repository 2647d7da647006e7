"""Hardening II: bad Unicode, outputs that are safe to open, a store that tells the truth, budgets.

Ingest runs here with a stand-in annotator (every sentence neutral), so the store side is
tested without loading the model.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import InputError, StoreError, printable, shown_path
from kg.graph.folder import STALE_MARKER, check_writable, explain
from kg.graph.local import LocalStore
from kg.ingest import Diagnostics, read_articles
from kg.ingest.meta import ReadSettings
from kg.records import AnnotatedArticle, AnnotatedSentence
from kg.segment import segment
from tests.conftest import ROOT, RUN

runner = CliRunner()
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/kg-news/ns#Article> }"


def _neutral(shards, *_args, **_kw):
    """Stand-in for kg.scale.annotate_local: every sentence neutral, no model."""
    for shard in shards:
        yield [
            AnnotatedArticle(
                a, tuple(AnnotatedSentence(s.index, s.start, s.end, s.text) for s in segment(a)), RUN
            )
            for a in shard
        ]


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.scale

    monkeypatch.setattr(kg.scale, "annotate_local", _neutral)


def _lines(path: Path, records: list) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _count(store: Path) -> int:
    with LocalStore(store, readonly=True) as s:
        return int(next(iter(s.query(ARTICLES)))["n"])


# --- 1. every input error stays one record's error ---------------------------------


def test_a_lone_surrogate_is_one_records_error_and_the_rest_are_stored(tmp_path: Path, no_model) -> None:
    from kg.pipeline import ingest_to_store

    path = _lines(
        tmp_path / "in.jsonl",
        [
            {"id": "a1", "text": "Officials said talks resumed."},
            '{"id": "bad", "text": "He said \\ud800 talks failed."}',
            {"id": "a2", "text": "The union said no."},
        ],
    )
    diag, written, _ = ingest_to_store([str(path)], str(tmp_path / "store"))
    assert written == 2 and len(diag.errors) == 1
    assert "in.jsonl:2: field 'text' holds a lone surrogate (U+D800)" in diag.errors[0].line()
    assert _count(tmp_path / "store") == 2
    assert not (tmp_path / "store" / STALE_MARKER).exists()  # links and summaries rebuilt


def test_non_utf8_file_names_are_read_and_shown_escaped(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / os.fsdecode(b"bad\xff.txt")).write_text("The minister said talks resumed.", encoding="utf-8")
    (folder / "good.txt").write_text("Officials said no.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = subprocess.run(["kg", "segment", str(folder), "-o", str(out)], capture_output=True)
    assert result.returncode == 0, result.stderr
    sources = sorted(json.loads(line)["source"] for line in out.read_text(encoding="utf-8").splitlines())
    assert sources == [f"{folder}/bad\\xff.txt", f"{folder}/good.txt"]
    stdout = subprocess.run(["kg", "segment", str(folder)], capture_output=True, check=True).stdout
    stdout.decode("utf-8")  # valid UTF-8
    assert shown_path(os.fsdecode(b"x\xfe")) == "x\\xfe"


def test_a_record_that_breaks_the_reader_is_one_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kg.ingest import formats

    real = formats.from_json_line

    def fragile(line: str, where: str, source: str):
        if "boom" in line:
            raise UnicodeError("cannot handle this")
        return real(line, where, source)

    monkeypatch.setattr(formats, "from_json_line", fragile)
    path = _lines(tmp_path / "in.jsonl", [{"text": "A said b."}, {"text": "boom"}, {"text": "C said d."}])
    diag = Diagnostics()
    assert len(list(read_articles([str(path)], diag))) == 2
    assert len(diag.errors) == 1 and "in.jsonl:2: record not readable" in diag.errors[0].line()


# --- 2. outputs that are safe to open -----------------------------------------------


def test_csv_and_tsv_cells_are_guarded_against_formulas() -> None:
    from kg.graph.query import Result
    from kg.graph.results import render

    rows = tuple(
        (("literal", v, "http://www.w3.org/2001/XMLSchema#string", None),)
        for v in ("=HYPERLINK(1)", "+1+2", "-cmd", "@SUM(A1)", "-5", "3.5", "plain")
    )
    result = Result("select", ("v",), rows)
    cells = render(result, "csv").splitlines()[1:]
    assert cells == ["'=HYPERLINK(1)", "'+1+2", "'-cmd", "'@SUM(A1)", "-5", "3.5", "plain"]
    assert render(result, "csv", raw=True).splitlines()[1] == "=HYPERLINK(1)"
    assert render(result, "tsv").splitlines()[1] == '"\'=HYPERLINK(1)"'


def test_escape_sequences_never_reach_the_terminal(tmp_path: Path) -> None:
    from kg.graph.query import Result
    from kg.graph.results import to_table

    name = "Bob\x1b]0;pwned\x07\x1b[2J\u202e"
    table = to_table(Result("select", ("speaker",), ((("literal", name, None, None),),)))
    assert "\x1b" not in table and "\x07" not in table and "\u202e" not in table
    assert "Bob\\x1b]0;pwned\\x07" in table
    assert printable("a\nb\tc\x9b", one_line=True) == "a\\nb\tc\\x9b"
    (tmp_path / "a\x1b[2J.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["segment", str(tmp_path)])
    assert (
        result.exit_code == 1 and "\x1b" not in result.stderr and "a\\x1b[2J.txt: empty file" in result.stderr
    )


# --- 3. the store tells the truth -----------------------------------------------------


def test_a_store_in_use_is_one_line_before_any_work(tmp_path: Path) -> None:
    store = tmp_path / "store"
    LocalStore(store).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import pyoxigraph as ox, time; s = ox.Store({str(store / 'oxigraph')!r}); print(1, flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout.readline().strip() == b"1"
        (tmp_path / "a.txt").write_text("Officials said talks resumed.", encoding="utf-8")
        result = subprocess.run(
            ["kg", "ingest", str(tmp_path / "a.txt"), "--store", str(store)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        holder.kill()
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {store}: store is in use by another kg process (an ingest, a relink or a writable serve) "
        "(wait for it to finish, or give --store another folder)"
    )
    assert "Traceback" not in result.stderr


def test_a_store_path_that_is_a_file_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(StoreError, match="is a file, not a store folder"):
        LocalStore(afile)
    with pytest.raises(StoreError, match="is a file, so no store folder"):
        LocalStore(afile / "sub")
    monkeypatch.setattr(os, "access", lambda *_a, **_k: False)  # as a user without write permission
    with pytest.raises(StoreError, match="no permission to write here"):
        check_writable(tmp_path / "new-store")


def test_a_read_only_store_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.graph.local as local

    store = tmp_path / "store"
    LocalStore(store).close()

    class Denied:
        def __init__(self, path: str) -> None:
            raise OSError(f"IO error: While open a file for appending: {path}/000009.log: Permission denied")

    monkeypatch.setattr(local.ox, "Store", Denied)
    with pytest.raises(StoreError) as caught:
        LocalStore(store)
    assert caught.value.line() == (
        f"{store}: no permission to open the store "
        "(fix the folder's permissions, or give --store a folder you can write)"
    )
    assert "disk full" in explain(OSError(errno.ENOSPC, "No space left on device"), store).line()


_REAL_STORE = __import__("pyoxigraph").Store


class _FullDisk:
    """A pyoxigraph store whose writes fail with ENOSPC after ``room`` article graphs."""

    room = 2

    def __init__(self, path: str) -> None:
        self.real = _REAL_STORE(path)

    def update(self, text: str) -> None:
        if "INSERT DATA" in text:
            if _FullDisk.room <= 0:
                raise OSError(errno.ENOSPC, "No space left on device")
            _FullDisk.room -= 1
        self.real.update(text)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


def test_a_full_disk_stops_the_run_at_once_and_relink_repairs(tmp_path: Path, monkeypatch, no_model) -> None:
    import kg.graph.local as local
    from kg.pipeline import ingest_to_store

    path = _lines(
        tmp_path / "in.jsonl",
        [{"id": f"a{k}", "text": f"Official {k} said talks resumed."} for k in range(6)],
    )
    monkeypatch.setattr(local.ox, "Store", _FullDisk)
    _FullDisk.room = 2
    stored = []
    with pytest.raises(
        StoreError, match=r"disk full while trying to write; stored articles are whole"
    ) as caught:
        ingest_to_store([str(path)], str(tmp_path / "store"), chunk=1, on_article=lambda: stored.append(1))
    assert "`kg relink --store" in caught.value.line()
    assert len(stored) == 2  # stopped at the first failed write: nothing more was annotated or tried
    monkeypatch.undo()
    del caught  # its traceback holds the stand-in store's frames, and so the database lock
    gc.collect()
    store = tmp_path / "store"
    assert (store / STALE_MARKER).exists()
    assert _count(store) == 2
    result = runner.invoke(app, ["relink", "--store", str(store)])
    assert result.exit_code == 0, result.output
    assert not (store / STALE_MARKER).exists()


def test_ingest_cli_full_disk_is_one_line(tmp_path: Path, monkeypatch, no_model) -> None:
    import kg.graph.local as local
    from kg.cli.app import main

    path = _lines(
        tmp_path / "in.jsonl", [{"id": f"a{k}", "text": f"Official {k} said no."} for k in range(3)]
    )
    monkeypatch.setattr(local.ox, "Store", _FullDisk)
    _FullDisk.room = 1
    monkeypatch.setattr(sys, "argv", ["kg", "ingest", str(path), "--store", str(tmp_path / "store")])
    with pytest.raises(SystemExit) as code:
        main()
    assert code.value.code == 1


# --- 4. budgets -----------------------------------------------------------------------


def test_a_memory_hungry_query_is_stopped_with_its_limit(tmp_path: Path) -> None:
    from kg.errors import QueryMemory
    from kg.graph.query import QueryRunner

    LocalStore(tmp_path / "s").close()
    binds = "".join(f"BIND(CONCAT(?a{i}, ?a{i}) AS ?a{i + 1}) " for i in range(40))
    bomb = f'SELECT (STRLEN(?a40) AS ?n) WHERE {{ BIND("{"x" * 32}" AS ?a0) {binds}}}'
    with QueryRunner(str(tmp_path / "s" / "oxigraph"), timeout=30, memory_mb=200) as worker:
        with pytest.raises(QueryMemory, match="query used more than 200 MB of memory"):
            worker.run(bomb)
        assert worker.run("ASK {}").boolean is True  # a fresh worker answers the next one


def test_deep_nesting_and_huge_queries_never_reach_the_parser(tmp_path: Path) -> None:
    from kg.errors import QueryError
    from kg.graph.safety import check_query

    with pytest.raises(QueryError, match="nested 3001 levels deep"):
        check_query("SELECT * WHERE " + "{" * 3001 + "}" * 3001)
    with pytest.raises(QueryError, match="over the limit of 100,000"):
        check_query("ASK {}" + " " * 100_001)
    check_query(
        'SELECT * WHERE { ?s ?p "((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((" }'
    )
    LocalStore(tmp_path / "s").close()
    result = runner.invoke(
        app, ["query", "SELECT * WHERE " + "{" * 3000 + "}" * 3000, "--store", str(tmp_path / "s")]
    )
    assert result.exit_code == 2 and "nested 3000 levels deep" in result.stderr


def test_html_extraction_has_a_time_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    import trafilatura

    from kg.ingest import formats, html

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *_a, **_k: time.sleep(5))
    monkeypatch.setattr(html, "HTML_SECONDS", 0.3)
    monkeypatch.setattr(html.extract, "__defaults__", (0.3, html.HTML_FULL_MB))
    warned: list[str] = []
    start = time.monotonic()
    article = formats.from_html(
        "<html><body><p>The minister said talks resumed.</p></body></html>", "p.html", "p.html", warned.append
    )
    assert time.monotonic() - start < 2
    assert article.text == "The minister said talks resumed."
    assert "extraction took over its 0.3 s budget; read as plain text" in warned[0]


def test_an_article_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Talks resumed. " * 100_000, encoding="utf-8")  # 1.5 MB
    diag = Diagnostics()
    assert list(read_articles([str(path)], diag, ReadSettings(max_mb=1))) == []
    assert diag.errors[0].line() == (
        f"{path}: 1.5 MB is over the limit of 1 MB for one article "
        "(split it, or raise the limit with --max-article-mb or $KG_MAX_ARTICLE_MB)"
    )
    lines = _lines(tmp_path / "big.jsonl", [{"text": "x said y. " * 200_000}, {"text": "A said b."}])
    diag = Diagnostics()
    assert [a.text for a in read_articles([str(lines)], diag, ReadSettings(max_mb=1))] == ["A said b."]
    assert "big.jsonl:1: 2.0 MB is over the limit of 1 MB" in diag.errors[0].line()


@pytest.mark.slow
def test_a_20_mb_html_page_is_read_within_its_budget(tmp_path: Path) -> None:
    import time

    paragraphs = "".join(
        f"<p>The minister said talks with union {k} resumed on Monday {k * 7}.</p>\n" for k in range(280_000)
    )
    path = tmp_path / "big.html"
    path.write_text(f"<html><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    assert path.stat().st_size > 20_000_000
    start = time.monotonic()
    diag = Diagnostics()
    (article,) = read_articles([str(path)], diag, ReadSettings(max_mb=50))
    assert time.monotonic() - start < 60
    assert "over the 2 MB extraction budget; read as plain text" in diag.warnings[0]
    assert article.text.startswith("The minister said talks with union 0 resumed")


def _battery():
    """scripts/robustness_hardening.py, for the inputs it builds."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "robustness_hardening", ROOT / "scripts" / "robustness_hardening.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_a_200_mb_single_line_article_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    path = _battery().write_huge_article(tmp_path / "huge.jsonl")
    probe = (
        "import resource, subprocess, sys; "
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
        "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "kg", "segment", str(path), "-o", str(tmp_path / "out.jsonl")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    code, peak_kb = (int(x) for x in done.stdout.split("\n")[0].split())
    assert code == 1 and peak_kb / 1024 < 1500, (peak_kb, done.stdout)
    assert "huge.jsonl:1: 200.0 MB is over the limit of 10 MB for one article" in done.stdout
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8"))["id"] == "small"


# --- issue 14: the ingest side of a CLI that guides --------------------------------------


def test_outlet_and_date_options_front_matter_and_sidecars(tmp_path: Path) -> None:
    (tmp_path / "fm.txt").write_text(
        "---\noutlet: Harbour Ledger\npublished: 2025-04-26\ntitle: Talks\n---\nThe minister said talks resumed.\n",
        encoding="utf-8",
    )
    (tmp_path / "side.txt").write_text("Officials said no.", encoding="utf-8")
    (tmp_path / "side.meta.json").write_text(json.dumps({"outlet": "Side Post", "url": "https://x.org/a"}))
    (tmp_path / "plain.txt").write_text("The union said yes.", encoding="utf-8")
    result = runner.invoke(
        app, ["segment", str(tmp_path), "--outlet", "Default Desk", "--published", "2024-01-01"]
    )
    assert result.exit_code == 0, result.output
    records = {Path(r["source"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(records) == {"fm.txt", "side.txt", "plain.txt"}  # the sidecar is no article
    fm, side, plain = records["fm.txt"], records["side.txt"], records["plain.txt"]
    assert (fm["outlet"], fm["published"], fm["title"]) == ("Harbour Ledger", "2025-04-26", "Talks")
    assert fm["sentences"][0]["text"] == "The minister said talks resumed."  # the block is not text
    assert (side["outlet"], side["url"], side["published"]) == ("Side Post", "https://x.org/a", "2024-01-01")
    assert (plain["outlet"], plain["published"]) == ("Default Desk", "2024-01-01")


def test_ingest_reports_progress_and_the_whole_store(tmp_path: Path, no_model) -> None:
    path = _lines(
        tmp_path / "in.jsonl",
        [{"id": f"a{k}", "text": f"Official {k} said talks resumed. It was late."} for k in range(3)],
    )
    result = runner.invoke(app, ["ingest", str(path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert any(line.startswith("ingesting: 3 article(s) in ") for line in lines)
    assert lines[-1] == (
        f"3 article(s) stored in {tmp_path / 'store'}; the store holds 3 articles, 6 sentences, "
        "0 claims, 0 counter links; 0 error(s)"
    )


def test_output_paths_are_checked_before_work(tmp_path: Path) -> None:
    result = runner.invoke(app, ["annotate", "seeds", "-o", str(tmp_path / "no" / "out.jsonl")])
    assert result.exit_code == 1 or isinstance(result.exception, InputError)
    result = subprocess.run(
        ["kg", "annotate", "seeds", "-o", str(tmp_path / "no" / "out.jsonl")], capture_output=True, text=True
    )
    assert result.returncode == 1 and "torch" not in result.stderr
    assert (
        result.stderr.strip()
        == f"error: {tmp_path / 'no'}: folder does not exist (create it, or give -o a path in an existing folder)"
    )
    result = subprocess.run(["kg", "segment", "seeds", "-o", str(tmp_path)], capture_output=True, text=True)
    assert result.stderr.strip() == f"error: {tmp_path}: is a folder, not a file (give -o a file name)"
    result = runner.invoke(app, ["segment", str(tmp_path / "missing.txt")])
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder (check the path)" in result.stderr


def test_library_warnings_stay_off_the_screen() -> None:
    from kg.cli.app import quiet_libraries

    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        quiet_libraries()
        warnings.warn_explicit(
            "`is_gradient_checkpointing` is deprecated",
            FutureWarning,
            "modeling_utils.py",
            1,
            module="transformers.modeling_utils",
        )
        warnings.warn_explicit("slower than fp32", UserWarning, "api.py", 1, module="kg.api")
    assert [str(w.message) for w in seen] == ["slower than fp32"]


# --- properties over generated input --------------------------------------------------

NASTY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x40),
        st.sampled_from(
            ["\x1b", "\x07", "\x9b", "\u202e", "\ud800", "\udfff", "=", "+", "-", "@", "(", "{", "["]
        ),
        st.characters(codec="utf-8"),
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["text", "title", "outlet", "id", "url", "date"]), NASTY, min_size=1
    )
)
def test_any_record_is_an_article_or_one_error(tmp_path: Path, fields: dict) -> None:
    path = tmp_path / "r.jsonl"
    record = json.dumps(fields)  # lone surrogates become \\udXXX escapes, as scrapers write them
    path.write_text(record + "\n" + json.dumps({"text": "The union said no."}) + "\n", encoding="utf-8")
    diag = Diagnostics()
    articles = list(read_articles([str(path)], diag))
    assert articles[-1].text == "The union said no."
    assert len(articles) + len(diag.errors) == 2
    for article in articles:
        json.dumps(article.metadata(), ensure_ascii=False).encode("utf-8")  # always writable


@settings(max_examples=300, deadline=None)
@given(value=NASTY)
def test_printed_and_spreadsheet_cells_are_always_safe(value: str) -> None:
    from kg.graph.results import guarded

    shown = printable(value, one_line=True)
    assert not any(ch in shown for ch in ("\x1b", "\x07", "\x9b", "\u202e", "\n", "\r"))
    cell = guarded(value)
    if cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        float(cell)  # only a number may start that way


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("{}()[] ?s.\"'#<>\nSELECT")), max_size=400))
def test_query_checks_answer_every_text_quickly(text: str) -> None:
    from kg.errors import QueryError
    from kg.graph.safety import check_query

    with contextlib.suppress(QueryError):
        check_query(text)


def test_standard_input_is_read_within_the_limit(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"text": f"Official {k} said no."}) + "\n" for k in range(3))
    done = subprocess.run(["kg", "segment", "-"], input=lines.encode(), capture_output=True, timeout=60)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 3  # JSON Lines stream, line by line
    big = ("The minister said talks resumed. " * 40_000).encode()  # 1.3 MB of text
    done = subprocess.run(
        ["kg", "segment", "-", "--max-article-mb", "0.1"], input=big, capture_output=True, timeout=60
    )
    assert done.returncode == 1
    assert b"<stdin>: more than 1 MB that is not JSON Lines, over the limit for one article" in done.stderr


def test_store_totals_count_what_the_store_holds(tmp_path: Path, seed_gold: dict) -> None:
    from kg.graph.totals import store_totals
    from tests.conftest import write_store

    store = write_store(tmp_path / "s", [seed_gold, {**seed_gold, "id": "copy"}])
    with LocalStore(store, readonly=True) as s:
        totals = store_totals(s)
        counters = s.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/kg-news/graph/links> "
            "{ ?a <https://w3id.org/kg-news/ns#counters> ?b } }"
        )
    n_sentences = len(seed_gold["sentences"])
    assert totals["articles"] == 2 and totals["sentences"] == 2 * n_sentences
    assert totals["links"] == int(next(iter(counters))["n"]) > 0


def test_commands_that_run_the_model_default_to_a_lower_limit(tmp_path: Path, no_model, monkeypatch) -> None:
    monkeypatch.delenv("KG_MAX_ARTICLE_MB", raising=False)
    path = _lines(
        tmp_path / "in.jsonl", [{"id": "big", "text": "Talks resumed. " * 80_000}, {"text": "A said b."}]
    )
    result = runner.invoke(app, ["ingest", str(path), "--store", str(tmp_path / "store")])
    assert result.exit_code == 1
    assert f"{path}:1: 1.2 MB is over the limit of 1 MB for one article" in result.stderr
    assert _count(tmp_path / "store") == 1
    assert runner.invoke(app, ["segment", str(path)]).exit_code == 0  # reading alone allows 10 MB


def test_a_query_worker_that_cannot_open_the_store_says_why(tmp_path: Path) -> None:
    from kg.errors import QueryError
    from kg.graph.query import QueryRunner

    with (
        QueryRunner(str(tmp_path / "gone" / "oxigraph"), timeout=20) as worker,
        pytest.raises(QueryError, match=r"gone/oxigraph: cannot read the store: .*No such file"),
    ):
        worker.run("ASK {}")


def test_ingest_passes_the_chosen_model_to_the_annotator(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`kg ingest --model mpnet` annotates with the bundled 12-layer model, not the default."""
    from typer.testing import CliRunner

    import kg.scale
    from kg.cli import app

    chosen = []

    def remember(shards, threads, device, precision, model=None):
        chosen.append(model)
        yield from _neutral(shards)

    monkeypatch.setattr(kg.scale, "annotate_local", remember)
    text = _lines(tmp_path / "a.jsonl", [{"id": "a", "text": "Talks resumed, officials said."}])
    for flags, model in (([], None), (["--model", "mpnet"], "mpnet")):
        result = CliRunner().invoke(app, ["ingest", str(text), "--store", str(tmp_path / "s"), *flags])
        assert result.exit_code == 0, result.output
        assert chosen.pop() == model
