"""Queries that would reach outside the store are refused, and open no connection."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest

from kg.errors import QueryForbidden
from kg.graph.local import LocalStore
from kg.graph.safety import check_query


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
    with pytest.raises(QueryForbidden):
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
    with LocalStore(seed_store, readonly=True).runner(5) as runner:
        for query in (
            f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
            f"SELECT * FROM <http://127.0.0.1:{port}/x.ttl> WHERE {{ ?s ?p ?o }}",
        ):
            with pytest.raises(QueryForbidden):
                runner.run(query)
    thread.join()
    listener.close()
    assert not accepted


def test_no_socket_or_file_is_opened_while_a_hostile_query_runs() -> None:
    """An audit hook watches every socket connect and file open during the queries."""
    import sys

    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.graph.query import run_query

    store = ox.Store()
    store.update("INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }")
    events: list[tuple[str, object]] = []
    watching = [True]

    def hook(event: str, args: tuple) -> None:
        if watching[0] and event in ("socket.connect", "socket.getaddrinfo", "open", "urllib.Request"):
            events.append((event, args[0] if args else None))

    sys.addaudithook(hook)
    with open(__file__, encoding="utf-8"):  # the hook does see an open
        pass
    assert events and events[0][0] == "open"
    events.clear()
    try:
        for query in (
            "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
            "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
            "LOAD <http://127.0.0.1:9/x.ttl>",
        ):
            with pytest.raises(QueryError):
                run_query(store, query)
    finally:
        watching[0] = False
    assert events == []
