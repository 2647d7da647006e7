"""SPARQL over the store with a timeout that really stops a query, a result cap and bound values.

Queries run in a worker process that opens the store read-only and reopens it when a
writer has committed since. A query that outlives its timeout, or its memory limit, is
stopped by ending the worker (a thread could only be abandoned, still burning CPU). Values a user supplies are bound as RDF terms (SEP-0007 substitutions), never pasted
into the query text.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection

from kg.errors import QueryError, QueryForbidden, QueryMemory, QueryTimeout
from kg.graph.safety import check_query

DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
DEFAULT_MEMORY_MB = 2048  # a query worker's memory beyond what it starts with (`--memory`)
REFRESH_SECONDS = 1.0  # how often a worker looks for an ingest's commits

Term = tuple[str, str, str | None, str | None]  # (kind: uri|literal|bnode|triple, value, datatype, lang)


@dataclass(frozen=True)
class Result:
    """What a query gave: SELECT rows, an ASK answer, or a graph (CONSTRUCT/DESCRIBE) as Turtle."""

    form: str  # "select" | "ask" | "graph"
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool = False
    turtle: str = ""
    truncated: bool = False

    def __iter__(self) -> Iterator[dict[str, str | None]]:
        """SELECT rows as {variable: value} (each term's lexical form; None where unbound)."""
        for row in self.rows:
            yield {
                v: (term[1] if term is not None else None)
                for v, term in zip(self.variables, row, strict=True)
            }


def _term(term) -> Term:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return ("uri", term.value, None, None)
    if isinstance(term, ox.BlankNode):
        return ("bnode", term.value, None, None)
    if isinstance(term, ox.Literal):
        return ("literal", term.value, term.datatype.value, term.language)
    return ("triple", str(term), None, None)


def _bind(params: dict[str, str]) -> dict:
    """User values as RDF terms: <iri> for IRIs, a plain literal otherwise."""
    import pyoxigraph as ox

    out = {}
    for name, value in params.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"parameter name {name!r} is not a SPARQL variable name")
        term = ox.NamedNode(value[1:-1]) if re.fullmatch(r"<[^<>\"{}|^`\\\s]+>", value) else ox.Literal(value)
        out[ox.Variable(name)] = term
    return out


def run_query(store, sparql: str, params: dict[str, str] | None = None, limit: int = DEFAULT_LIMIT) -> Result:
    """Run one query on an open pyoxigraph store, in this process (no timeout)."""
    import pyoxigraph as ox

    check_query(sparql)
    try:
        answer = store.query(sparql, use_default_graph_as_union=True, substitutions=_bind(params or {}))
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax {exc}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return Result("graph", turtle=answer.serialize(format=ox.RdfFormat.TURTLE).decode("utf-8"))
    variables = tuple(v.value for v in answer.variables)
    rows, truncated = [], False
    for solution in answer:
        if len(rows) >= limit:
            truncated = True
            break
        rows.append(tuple(_term(solution[v]) if solution[v] is not None else None for v in variables))
    return Result("select", variables, tuple(rows), truncated=truncated)


def _open_read_only(path: str):
    """The store read-only; retried a few times, since a writer's compaction may remove a file meanwhile."""
    import pyoxigraph as ox

    for attempt in range(20):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError):
            if attempt == 19:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def store_signature(path: str) -> tuple:
    """What changes when a writer commits: the database's file names, sizes and times."""
    try:
        with os.scandir(path) as entries:
            return tuple(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries))
    except OSError:
        return ()


class _Snapshot:
    """The worker's view of the store, reopened when a writer (an ingest) has committed since."""

    def __init__(self, path: str) -> None:
        self.path, self.checked = path, time.monotonic()
        self.signature = store_signature(path)
        self.store = _open_read_only(path)

    def current(self):
        if time.monotonic() - self.checked >= REFRESH_SECONDS:
            self.checked = time.monotonic()
            signature = store_signature(self.path)
            if signature != self.signature:
                self.reopen(signature)
        return self.store

    def reopen(self, signature: tuple | None = None) -> None:
        self.store = None
        self.store = _open_read_only(self.path)
        self.signature = signature or store_signature(self.path)


def _limit_memory(memory_mb: int | None) -> None:
    """Cap this worker's address space at what it uses now plus ``memory_mb`` (a query past it ends the worker)."""
    import resource

    if not memory_mb:
        return
    with open("/proc/self/statm") as fh:
        now = int(fh.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (now + memory_mb * 2**20, resource.RLIM_INFINITY))


def _worker(path: str, conn: Connection, memory_mb: int | None = None) -> None:
    # The engine's own report of a failed allocation (a page of backtrace) is not for the user:
    # the parent says what happened in one line.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        snapshot = _Snapshot(path)
    except (OSError, RuntimeError) as exc:  # no permission, not a store: the answer to the first query
        from kg.graph.folder import explain

        error = exc if isinstance(exc, OSError) else OSError(str(exc))
        conn.send(("error", explain(error, path, "read").line()))
        return
    _limit_memory(memory_mb)
    while True:
        request = conn.recv()
        if request is None:
            return
        try:
            try:
                result = run_query(snapshot.current(), *request)
            except (OSError, RuntimeError):  # a file a writer compacted away: reopen once and retry
                snapshot.reopen()
                result = run_query(snapshot.store, *request)
            conn.send(("ok", result))
        except QueryForbidden as exc:
            conn.send(("forbidden", str(exc)))
        except QueryError as exc:
            conn.send(("error", str(exc)))
        except MemoryError:
            conn.send(("memory", ""))
        except Exception as exc:
            conn.send(("error", f"query failed: {exc}"))


class QueryRunner:
    """A worker process over a store folder; ended and restarted when a query times out.

    The worker sees what a writer commits meanwhile (reopened within REFRESH_SECONDS), and
    may use ``memory_mb`` more memory than when it started before it is stopped.
    """

    def __init__(
        self, oxigraph_dir: str, timeout: float = DEFAULT_TIMEOUT, memory_mb: int | None = DEFAULT_MEMORY_MB
    ) -> None:
        self.path, self.timeout, self.memory_mb = oxigraph_dir, timeout, memory_mb
        self._proc: mp.Process | None = None
        self._conn: Connection | None = None

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        parent, child = ctx.Pipe()
        self._proc = ctx.Process(target=_worker, args=(self.path, child, self.memory_mb), daemon=True)
        self._proc.start()
        child.close()
        self._conn = parent

    def run(self, sparql: str, params: dict[str, str] | None = None, limit: int = DEFAULT_LIMIT) -> Result:
        check_query(sparql)  # before the worker: a query too deep would crash its parser
        if self._proc is None or not self._proc.is_alive():
            self._start()
        assert self._conn is not None
        try:
            self._conn.send((sparql, params or {}, limit))
            if not self._conn.poll(self.timeout):
                self.close(kill=True)
                raise QueryTimeout(f"query stopped after its {self.timeout:g} s timeout")
            status, value = self._conn.recv()
        except (EOFError, OSError):  # the worker died: out of memory (its limit), or the engine failed
            assert self._proc is not None
            self._proc.join(timeout=5)
            code = self._proc.exitcode
            self.close(kill=True)
            if code != -6:  # SIGABRT is how the engine ends when an allocation fails
                raise QueryError(
                    f"the query engine stopped (exit code {code}); the query was not answered"
                ) from None
            status, value = "memory", ""
        if status == "memory":
            raise QueryMemory(
                f"query used more than {self.memory_mb} MB of memory and was stopped "
                "(make it smaller, or allow more with --memory)"
            )
        if status == "forbidden":
            raise QueryForbidden(value)
        if status == "error":
            raise QueryError(value)
        return value

    def close(self, kill: bool = False) -> None:
        if self._proc is None:
            return
        if kill:
            self._proc.kill()
        else:
            try:
                assert self._conn is not None
                self._conn.send(None)
            except (BrokenPipeError, OSError):
                pass
        self._proc.join(timeout=5)
        self._proc, self._conn = None, None

    def __enter__(self) -> QueryRunner:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _apply(path: str, text: str, conn: Connection) -> None:
    import pyoxigraph as ox

    try:
        ox.Store(path).update(text)
        conn.send(("ok", None))
    except SyntaxError as exc:
        conn.send(("error", f"SPARQL syntax {exc}"))
    except OSError as exc:  # in use (an ingest), no permission, disk full: in words
        from kg.graph.folder import explain

        conn.send(("error", f"update not applied: {explain(exc, path, 'write').line()}"))
    except Exception as exc:
        conn.send(("error", f"update failed: {exc}"))


def apply_update(oxigraph_dir: str, text: str, timeout: float = DEFAULT_TIMEOUT) -> None:
    """Run one SPARQL update in its own process (all or nothing; ended at the timeout).

    No query worker may hold the store open meanwhile: the caller stops them first.
    """
    check_query(text)
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_apply, args=(oxigraph_dir, text, child), daemon=True)
    proc.start()
    try:
        if not parent.poll(timeout):
            proc.kill()
            raise QueryTimeout(f"update stopped after its {timeout:g} s timeout; nothing was written")
        status, message = parent.recv()
    finally:
        proc.join(timeout=10)
    if status == "error":
        raise QueryError(message)
