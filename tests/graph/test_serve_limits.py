"""`kg serve` under abuse: big bodies, long URLs, slow clients, a busy pool, weak tokens, a live ingest."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

from kg.graph.query import REFRESH_SECONDS
from kg.serve_limits import CLIENT_SECONDS, weak_token
from tests.graph.conftest import start
from tests.graph.test_serve import call, count

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def raw(url: str, head: bytes, body: bytes = b"", wait: float = 30) -> tuple[bytes, float]:
    """Send ``head`` and ``body`` on a socket; the first bytes of the answer and how long they took."""
    host, port = urllib.parse.urlsplit(url).netloc.split(":")
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(wait)
        start_at = time.monotonic()
        try:
            sock.sendall(head)
            sock.sendall(body)
        except OSError:
            pass  # refused before it was all sent: what it answered is what counts
        try:
            answer = sock.recv(200)
        except OSError:
            answer = b""
        return answer, time.monotonic() - start_at


def test_a_50_mb_body_is_refused_without_being_read(endpoint: str) -> None:
    head = b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-update\r\nContent-Length: 50000000\r\n\r\n"
    answer, seconds = raw(endpoint, head, b"x" * 50_000_000)
    assert answer.startswith(b"HTTP/1.1 413") and seconds < 5
    chunked = b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nTransfer-Encoding: chunked\r\n\r\n"
    piece = b"100000\r\n" + b"a" * 0x100000 + b"\r\n"
    answer, _ = raw(endpoint, chunked, piece * 50)
    assert answer.startswith(b"HTTP/1.1 413")
    assert count(endpoint) > 0  # still serving


def test_a_long_url_gets_414_and_a_deep_query_400(endpoint: str) -> None:
    assert call(endpoint + "/query?query=" + "a" * 70_000)[0] == 414
    deep = "SELECT * WHERE " + "{" * 3000 + "}" * 3000
    status, _, body = call(
        endpoint + "/query", "POST", deep.encode(), {"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and "nested 3000 levels deep" in body


def test_a_busy_pool_answers_503_with_retry_after(endpoint: str) -> None:
    statuses: list[int] = []

    def slow() -> None:
        statuses.append(call(endpoint + "/query?" + urllib.parse.urlencode({"query": SLOW}))[0])

    threads = [threading.Thread(target=slow) for _ in range(2)]
    for thread in threads:
        thread.start()
    time.sleep(0.3)
    request = urllib.request.Request(endpoint + "/query?" + urllib.parse.urlencode({"query": "ASK {}"}))
    try:
        urllib.request.urlopen(request, timeout=10)
        status, retry = 200, None
    except urllib.error.HTTPError as exc:
        status, retry = exc.code, exc.headers.get("retry-after")
    for thread in threads:
        thread.join()
    # the two slow ones hold both workers for the 2 s timeout; the third waits at most that long
    assert status in (503, 200)
    if status == 503:
        assert retry == "5"
    assert statuses == [503, 503]


def test_weak_tokens_are_refused(seed_store: Path) -> None:
    assert weak_token(" " * 16) == "the token holds whitespace"
    assert weak_token("a" * 16) == "the token uses only 1 distinct characters (8 or more needed)"
    assert weak_token("short") == "the token has 5 characters, fewer than 16"
    assert weak_token("s3cret-token-for-tests") is None
    for token in (" " * 16, "abababababababab"):
        result = subprocess.run(
            ["kg", "serve", "--store", str(seed_store), "--writable"],
            capture_output=True,
            text=True,
            env={**os.environ, "KG_SERVE_TOKEN": token},
            timeout=30,
        )
        assert result.returncode == 2 and "needs a strong token" in result.stderr


def test_the_endpoint_sees_what_an_ingest_commits(seed_store: Path, tmp_path: Path, seed_gold: dict) -> None:
    from kg.graph.local import LocalStore
    from tests.conftest import BagOfWords, gold_doc

    store = tmp_path / "store"
    shutil.copytree(seed_store, store)
    proc, url = start(store)

    def graphs(url: str) -> int:
        query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        status, _, body = call(url + "/query?" + urllib.parse.urlencode({"query": query}))
        assert status == 200
        return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])

    try:
        before = graphs(url)
        writer = LocalStore(store, encoder=BagOfWords())  # the writer's lock, as `kg ingest` takes it
        writer.add(gold_doc({**seed_gold, "id": "second-copy"}))
        writer.refresh()
        deadline = time.monotonic() + 10
        while graphs(url) == before and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(REFRESH_SECONDS + 0.5)  # each worker looks again within REFRESH_SECONDS
        assert [graphs(url) for _ in range(4)] == [before + 1] * 4
        writer.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.slow
def test_half_sent_requests_are_cut_off(endpoint: str) -> None:
    head = b"POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\n"
    answers: dict[str, tuple[bytes, float]] = {}

    def probe(name: str, head: bytes, body: bytes) -> None:
        answers[name] = raw(endpoint, head, body, wait=CLIENT_SECONDS + 10)

    threads = [
        threading.Thread(target=probe, args=("line", b"GET /query?qu", b"")),
        threading.Thread(target=probe, args=("body", head, b"SELECT")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers["line"][0] == b"" and answers["line"][1] < CLIENT_SECONDS + 3
    assert answers["body"][0].startswith(b"HTTP/1.1 408") and answers["body"][1] < CLIENT_SECONDS + 3
    assert count(endpoint) > 0
