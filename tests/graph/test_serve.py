"""`kg serve` over HTTP: a real uvicorn server on a local port, talked to with urllib."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.graph.conftest import start

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def call(
    url: str, method: str = "GET", data: bytes | None = None, headers: dict | None = None
) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("content-type", ""), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read().decode()


def count(url: str) -> int:
    status, _, body = call(f"{url}/query?" + urllib.parse.urlencode({"query": COUNT}))
    assert status == 200
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_get_and_post_queries_in_each_format(endpoint: str) -> None:
    assert count(endpoint) > 300
    form = urllib.parse.urlencode(
        {"query": "SELECT ?n WHERE { ?a <https://schema.org/name> ?n } ORDER BY ?n LIMIT 2"}
    )
    status, kind, body = call(
        endpoint + "/sparql",
        "POST",
        form.encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    assert (status, kind.split(";")[0], body.splitlines()[0]) == (200, "text/csv", "n")
    status, kind, body = call(
        endpoint + "/query",
        "POST",
        b"ASK { ?s ?p ?o }",
        {"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert status == 200 and body.splitlines() == ["?boolean", "true"]
    construct = "CONSTRUCT { ?a <https://schema.org/name> ?n } WHERE { ?a <https://schema.org/name> ?n }"
    status, kind, body = call(
        endpoint + "/query?" + urllib.parse.urlencode({"query": construct}), headers={"Accept": "text/turtle"}
    )
    assert status == 200 and kind.startswith("text/turtle") and "Yuyuan Tantian" in body


@pytest.mark.parametrize(
    "method, data, headers, query",
    [
        ("POST", b"DROP ALL", {"Content-Type": "application/sparql-update"}, None),
        ("POST", b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"}, None),
        ("GET", None, {}, {"update": "DROP ALL"}),
        ("GET", None, {}, {"query": "DELETE WHERE { ?s ?p ?o }"}),
        ("GET", None, {}, {"query": "LOAD <http://127.0.0.1:9/x.ttl>"}),
        ("GET", None, {}, {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"}),
    ],
)
def test_updates_are_refused_and_nothing_changes(endpoint: str, method: str, data, headers, query) -> None:
    before = count(endpoint)
    url = endpoint + "/query" + ("?" + urllib.parse.urlencode(query) if query else "")
    status, _, _ = call(url, method, data, headers)
    assert 400 <= status < 500
    assert count(endpoint) == before


@pytest.mark.parametrize(
    "method, url_query, data, headers, expected",
    [
        ("PUT", "", b"x", {}, 405),
        ("GET", "?query=SELEC", None, {}, 400),
        ("GET", "?" + urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")]), None, {}, 400),
        ("POST", "", b"<q/>", {"Content-Type": "application/xml"}, 415),
        ("GET", "?" + urllib.parse.urlencode({"query": "ASK {}"}), None, {"Accept": "image/png"}, 406),
    ],
)
def test_malformed_requests_get_4xx(
    endpoint: str, method: str, url_query: str, data, headers, expected: int
) -> None:
    status, _, _ = call(endpoint + "/query" + url_query, method, data, headers)
    assert status == expected


def test_a_runaway_query_times_out_over_http(endpoint: str) -> None:
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    start = time.monotonic()
    status, _, body = call(endpoint + "/query?" + urllib.parse.urlencode({"query": runaway}))
    assert status == 503 and "timeout" in body
    assert time.monotonic() - start < 4.0
    assert count(endpoint) > 0


def test_updates_need_the_flag_and_the_token(seed_store: Path, tmp_path: Path) -> None:
    import os
    import shutil

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    token = "s3cret-token-for-tests"
    proc, url = start(store, "--writable", env={**os.environ, "KG_SERVE_TOKEN": token})
    try:
        before = count(url)
        insert = b"INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
        kind = {"Content-Type": "application/sparql-update"}
        assert call(url + "/query", "POST", insert, kind)[0] == 401
        assert call(url + "/query", "POST", insert, {**kind, "Authorization": "Bearer wrong"})[0] == 403
        assert call(url + "/query?" + urllib.parse.urlencode({"update": insert.decode()}))[0] == 403
        load = b"LOAD <http://127.0.0.1:9/x.ttl>"
        assert call(url + "/query", "POST", load, {**kind, "Authorization": f"Bearer {token}"})[0] == 403
        assert count(url) == before
        assert call(url + "/query", "POST", insert, {**kind, "Authorization": f"Bearer {token}"})[0] == 204
        assert count(url) == before + 1
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_writable_without_a_token_does_not_start(seed_store: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "KG_SERVE_TOKEN"}
    result = subprocess.run(
        ["kg", "serve", "--store", str(seed_store), "--writable"], capture_output=True, env=env
    )
    assert result.returncode == 2 and b"KG_SERVE_TOKEN" in result.stderr
