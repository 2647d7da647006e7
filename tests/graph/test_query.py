from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.errors import QueryError, QueryTimeout
from kg.graph.audit import audit_queries
from kg.graph.local import LocalStore
from kg.graph.results import render

PREFIX = "PREFIX kg: <https://w3id.org/kg-news/ns#> PREFIX schema: <https://schema.org/> "


@pytest.fixture(scope="module")
def runner(seed_store: Path):
    with LocalStore(seed_store, readonly=True).runner(2.0) as r:
        yield r


def test_select_in_every_format(runner) -> None:
    result = runner.run(PREFIX + "SELECT ?n WHERE { ?a a kg:Outlet ; schema:name ?n } ORDER BY ?n")
    data = json.loads(render(result, "json"))
    assert [b["n"]["value"] for b in data["results"]["bindings"]] == ["CCTV", "Scoop Hub", "Yuyuan Tantian"]
    assert list(csv.reader(io.StringIO(render(result, "csv"))))[1:] == [
        ["CCTV"],
        ["Scoop Hub"],
        ["Yuyuan Tantian"],
    ]
    assert render(result, "tsv").splitlines()[:2] == ["?n", '"CCTV"']
    assert "Yuyuan Tantian" in render(result, "table")


def test_ask_construct_and_limit(runner) -> None:
    assert json.loads(render(runner.run("ASK { ?s ?p ?o }"), "json")) == {"head": {}, "boolean": True}
    turtle = runner.run(
        PREFIX + "CONSTRUCT { ?a schema:name ?n } WHERE { ?a a kg:Outlet ; schema:name ?n }"
    ).turtle
    assert "Scoop Hub" in turtle
    capped = runner.run("SELECT * WHERE { ?s ?p ?o }", limit=5)
    assert len(capped.rows) == 5 and capped.truncated


def test_syntax_error_names_the_position(runner) -> None:
    with pytest.raises(QueryError, match=r"at 1:25"):
        runner.run("SELECT * WHERE { ?s ?p }")


@pytest.mark.parametrize("value", ['x" } ; DROP ALL ; #', 'Chinese officials" || true || "', "<urn:x> } #"])
def test_user_values_are_bound_as_terms(runner, value: str) -> None:
    before = runner.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
    result = runner.run(
        PREFIX + "SELECT ?c ?holder WHERE { ?c kg:holder/schema:name ?holder }", {"holder": value}
    )
    assert result.rows == ()
    assert runner.run("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == before


def test_a_runaway_query_is_stopped(seed_store: Path) -> None:
    with LocalStore(seed_store, readonly=True).runner(1.0) as r:
        start = time.monotonic()
        with pytest.raises(QueryTimeout):
            r.run("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        assert time.monotonic() - start < 2.0
        assert r.run("ASK { ?s ?p ?o }").boolean  # a fresh worker serves the next query


def test_every_audit_query_answers_on_the_seed(runner) -> None:
    queries = audit_queries()
    assert set(queries) == {
        "who-said-what",
        "chain",
        "counterclaims",
        "stance-by-holder",
        "anonymous-sourcing",
        "timeline",
    }
    for q in queries.values():
        assert q.answers and q.params
    rows = {name: runner.run(q.text).rows for name, q in queries.items()}
    values = {name: [[t[1] if t else "" for t in row] for row in r] for name, r in rows.items()}
    assert ["Chinese officials", "denying"] in [r[:2] for r in values["who-said-what"]]
    assert ["1", "Yuyuan Tantian", "unnamed sources"] in [r[1:4] for r in values["chain"]]
    assert values["counterclaims"] and all(r[0] == "Chinese officials" for r in values["counterclaims"])
    assert ["China", "Donald Trump", "1", "0", "0", "0"] in values["stance-by-holder"]
    assert values["anonymous-sourcing"] == [["Scoop Hub", "10", "2", "0.2"]]
    assert ["Chinese officials", "(undated)", "denying", "1"] in values["timeline"]
    trump = runner.run(queries["who-said-what"].text, {"speaker": "Donald Trump"}).rows
    assert len(trump) == 3 and {r[0][1] for r in trump} == {"Donald Trump"}


def test_cli_query_and_audit(seed_store: Path) -> None:
    cli = CliRunner()
    listed = cli.invoke(app, ["audit", "--list"])
    assert listed.exit_code == 0 and "anonymous-sourcing" in listed.stdout
    out = cli.invoke(app, ["audit", "counterclaims", "--store", str(seed_store), "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[0].startswith("speaker,stance,counterclaim")
    bad = cli.invoke(app, ["query", "SELECT * WHERE {", "--store", str(seed_store)])
    assert bad.exit_code == 2 and "syntax error" in bad.stderr
    missing = cli.invoke(app, ["query", "ASK {}", "--store", str(seed_store / "nope")])
    assert missing.exit_code == 2 and "no store here" in missing.stderr
    unknown = cli.invoke(app, ["audit", "nope", "--store", str(seed_store)])
    assert unknown.exit_code == 2


def test_audit_queries_on_a_small_two_outlet_fixture(small_store: Path) -> None:
    queries = audit_queries()
    with LocalStore(small_store, readonly=True).runner(5.0) as r:

        def values(name: str, **params: str) -> list[list[str]]:
            return [[t[1] if t else "" for t in row] for row in r.run(queries[name].text, params).rows]

        assert values("chain") and values("chain")[0][1:4] == ["1", "Dock Daily", "unnamed sources"]
        assert values("anonymous-sourcing") == [
            ["Harbour Ledger", "1", "1", "1"],
            ["Dock Daily", "1", "0", "0"],
        ]
        timeline = values("timeline", holder="Port Employers Association")
        assert [row[1:3] for row in timeline] == [["2026-03-02", "eager"], ["2026-03-03", "denying"]]
        (counter,) = values("counterclaims")
        assert counter[0] == "Port Employers Association" and counter[6:] == [
            "test-labour-991",
            "test-labour-990",
        ]
        by_holder = values("stance-by-holder")
        assert ["Port Employers Association", "unnamed sources", "1", "0", "0", "0"] in by_holder
        said = values("who-said-what", outlet="Harbour Ledger")
        assert [row[0] for row in said] == ["unnamed sources"] and said[0][6] == "Dock Daily"
