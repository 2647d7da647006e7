"""The query-side CLI: predeclared prefixes, IRIs that paste back, names matched, stats, articles."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.name_match import match
from kg.graph.prefixes import PREFIXES, compact, declare, declare_inline, user_position
from tests.conftest import write_store


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    return write_store(tmp_path_factory.mktemp("cli-seed"), [seed_gold])


def _kg(*args: str):
    return CliRunner().invoke(app, list(args))


def test_prefixes_are_added_only_where_used_and_undeclared() -> None:
    text = "PREFIX kg: <x#>\nSELECT ?c WHERE { ?c a kg:Claim ; schema:name ?n . ?c <http://a/rdf:b> ?o }"
    out = declare(text)
    assert "PREFIX schema: <https://schema.org/>" in out and out.count("PREFIX kg:") == 1
    assert "PREFIX rdf:" not in out  # only inside an IRI
    assert set(PREFIXES) >= {"kg", "schema", "prov", "rdf", "rdfs", "xsd", "owl", "skos", "id", "graph"}
    inline, shift = declare_inline("SELECT ?c WHERE { ?c a kg:Claim }")
    assert inline.count("\n") == 0 and shift > 0
    assert user_position("error at 1:90: x", shift).startswith(f"error at 1:{90 - shift}:")


def test_compact_names_read_back() -> None:
    assert compact("https://w3id.org/kg-news/ns#Claim") == "kg:Claim"
    assert compact("https://w3id.org/kg-news/stance#eager") == "stance:eager"
    whole = "https://w3id.org/kg-news/id/article/abc/claim/10"
    assert compact(whole) == f"<{whole}>"


def test_query_with_prefixes_and_iris_that_paste_back(seed_folder: Path) -> None:
    result = _kg(
        "query",
        "SELECT ?c ?s WHERE { ?c a kg:Claim ; kg:stance ?s } ORDER BY ?c LIMIT 3",
        "--store",
        str(seed_folder),
    )
    assert result.exit_code == 0, result.output
    row = result.stdout.splitlines()[2].split()
    assert row[0].startswith("<https://w3id.org/kg-news/id/article/") and row[0].endswith(">")
    assert row[1].startswith("stance:")
    again = _kg("query", f"ASK {{ {row[0]} kg:stance {row[1]} }}", "--store", str(seed_folder))
    assert again.exit_code == 0 and again.stdout.strip() == "yes", again.output
    bad = _kg("query", "SELECT ?c WHERE { ?c a kg:Claim ?x }", "--store", str(seed_folder))
    assert bad.exit_code == 2 and "at 1:" in bad.stderr
    column = int(bad.stderr.split("at 1:")[1].split(":")[0])
    assert column <= len("SELECT ?c WHERE { ?c a kg:Claim ?x }") + 1


def test_names_match_whatever_the_case() -> None:
    names = ["Donald Trump", "Melania Trump", "Chinese officials", "Guo Jiakun"]
    assert match("donald TRUMP", names).name == "Donald Trump"
    assert match("guo", names).name == "Guo Jiakun"
    assert match("trump", names).candidates == ("Donald Trump", "Melania Trump")
    assert match("chinese oficials", names).suggestions[0] == "Chinese officials"


def test_audit_param_case_insensitive_with_suggestions(seed_folder: Path) -> None:
    found = _kg(
        "audit", "who-said-what", "--param", "speaker=trump", "--format", "json", "--store", str(seed_folder)
    )
    assert found.exit_code == 0, found.output
    rows = json.loads(found.stdout)["results"]["bindings"]
    assert rows and {r["speaker"]["value"] for r in rows} == {"Donald Trump"}
    assert "taken as 'Donald Trump'" in found.stderr
    missing = _kg("audit", "who-said-what", "--param", "speaker=Donld Trmp", "--store", str(seed_folder))
    assert missing.exit_code == 0 and "closest: 'Donald Trump'" in missing.stderr


def test_stats_and_articles(seed_folder: Path) -> None:
    stats = _kg("stats", "--store", str(seed_folder))
    assert stats.exit_code == 0, stats.output
    values = {line[:14].strip(): line[14:].strip() for line in stats.stdout.splitlines()}
    assert values["articles"] == "1" and values["claims"] == "10" and int(values["sentences"]) > 10
    assert values["outlets"] == "1" and values["last ingest"].startswith("20")
    assert int(values["agents"]) >= 4 and "counter links" in values
    listed = _kg("articles", "--store", str(seed_folder), "--format", "csv")
    assert listed.exit_code == 0, listed.output
    header, row = listed.stdout.splitlines()[:2]
    assert header == "id,outlet,date,title,sentences" and row.startswith("d7c6f7544dd1cd7b,Scoop Hub,")
    empty = _kg("articles", "--store", str(seed_folder), "--offset", "1", "--format", "csv")
    assert empty.stdout.splitlines() == ["id,outlet,date,title,sentences"]
