"""Queries that would reach outside the store are refused, and open no connection."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from kg.graph.query import QueryForbidden, QueryRunner
from kg.graph.safety import ForbiddenQuery, check_query


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/> { ?s ?p ?o } }",
        "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "LOAD <http://127.0.0.1:9/x.ttl>",
        "SELECT * WHERE { ?s ?p ?o } # harmless\nSERVICE",
    ],
)
def test_outside_reaching_queries_are_refused(query: str) -> None:
    with pytest.raises(ForbiddenQuery):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT ?service ?from WHERE { ?service <http://example.org/from> ?from }",
        'SELECT * WHERE { ?s ?p "SERVICE <http://x/> and FROM and LOAD" }',
        "PREFIX load: <http://example.org/> SELECT * WHERE { ?s load:from ?o } # SERVICE in a comment",
        "SELECT * WHERE { ?s <http://example.org/service> ?o }",
    ],
)
def test_harmless_look_alikes_pass(query: str) -> None:
    check_query(query)


def test_service_opens_no_connection(seed_store: Path) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    accepted: list[bool] = []

    def accept() -> None:
        try:
            conn, _ = listener.accept()
            accepted.append(True)
            conn.close()
        except OSError:
            pass

    thread = threading.Thread(target=accept)
    thread.start()
    with QueryRunner(str(seed_store / "oxigraph"), timeout=5) as runner:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <http://127.0.0.1:{port}/x.ttl> WHERE {{ ?s ?p ?o }}",
        ):
            with pytest.raises(QueryForbidden):
                runner.run(query)
    thread.join()
    listener.close()
    assert not accepted
