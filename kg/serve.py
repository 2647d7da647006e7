"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store (Starlette under uvicorn).

GET and POST queries at /query and /sparql; results as SPARQL JSON, CSV or TSV, graphs as
Turtle; a timeout that stops the query and a cap on result rows. Updates are refused
(403) unless the server was started with --writable and a token, and the request
carries it (``Authorization: Bearer TOKEN``); queries run in read-only workers.
"""

from __future__ import annotations

import hmac
import queue
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.errors import QueryBusy, QueryError, QueryForbidden, QueryTimeout
from kg.graph.local import LocalStore
from kg.graph.query import QueryRunner, Result
from kg.graph.results import to_csv, to_json, to_tsv
from kg.serve_limits import WAIT_SECONDS, Limits, SlowClientProtocol
from kg.web import desk_routes

MEDIA = {
    "application/sparql-results+json": ("json", to_json),
    "application/json": ("json", to_json),
    "text/csv": ("csv", to_csv),
    "text/tab-separated-values": ("tsv", to_tsv),
}
GRAPH_MEDIA = ("text/turtle", "application/x-turtle")


def _pick(accept: str, form: str) -> tuple[str, object] | None:
    """The response type for an Accept header (first acceptable wins; */* means the default)."""
    wanted = [part.split(";")[0].strip().lower() for part in (accept or "*/*").split(",")]
    for media in wanted:
        if form == "graph" and media in (*GRAPH_MEDIA, "*/*", "text/*"):
            return "text/turtle", None
        if form != "graph" and media in MEDIA:
            return media, MEDIA[media][1]
        if form != "graph" and media in ("*/*", "application/*"):
            return "application/sparql-results+json", to_json
    return None


class Endpoint:
    """A pool of query workers over one store folder; updates only with a token, if enabled."""

    def __init__(
        self, store: LocalStore, timeout: float, limit: int, workers: int = 2, token: str | None = None
    ) -> None:
        self.store, self.timeout, self.limit, self.token = store, timeout, limit, token
        self.workers = workers
        self.pool: queue.Queue[QueryRunner] = queue.Queue()
        for _ in range(workers):
            self.pool.put(store.runner(timeout))
        self.write_lock = threading.Lock()

    @contextmanager
    def runner(self) -> Iterator[QueryRunner]:
        try:
            runner = self.pool.get(timeout=WAIT_SECONDS)  # never wait long behind slow queries: 503
        except queue.Empty:
            raise QueryBusy("every query worker is busy; try again in a few seconds") from None
        try:
            yield runner
        finally:
            self.pool.put(runner)

    def run(self, sparql: str) -> Result:
        with self.runner() as runner:
            return runner.run(sparql, None, self.limit)

    def update(self, text: str) -> None:
        """Stop every query worker (the store must not be open read-only meanwhile), update, resume."""
        with self.write_lock:
            runners = [self.pool.get() for _ in range(self.workers)]
            try:
                for runner in runners:
                    runner.close()
                self.store.update_isolated(text, self.timeout)
            finally:
                for runner in runners:
                    self.pool.put(runner)  # each restarts on its next query, seeing the new data

    def close(self) -> None:
        while not self.pool.empty():
            self.pool.get().close()


READ_ONLY = PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)


class _Update(str):
    """An update request's text (POST only: the protocol has no updates by GET)."""


async def _query_text(request: Request) -> str | Response:
    """The one query or update of a protocol request, or the 4xx response that says what is wrong."""
    if request.method == "GET":
        if "update" in request.query_params:
            return PlainTextResponse("updates are never accepted by GET\n", status_code=403)
        queries = request.query_params.getlist("query")
    else:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return _Update((await request.body()).decode("utf-8", errors="replace"))
        if kind == "application/sparql-query":
            queries = [(await request.body()).decode("utf-8", errors="replace")]
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                updates = form["update"]
                if len(updates) != 1 or "query" in form:
                    return PlainTextResponse("give exactly one update\n", status_code=400)
                return _Update(updates[0])
            queries = form.get("query", [])
        else:
            return PlainTextResponse(
                "POST a query as application/sparql-query or application/x-www-form-urlencoded\n",
                status_code=415,
            )
    if len(queries) != 1:
        return PlainTextResponse(f"give exactly one query, not {len(queries)}\n", status_code=400)
    return queries[0]


def make_app(endpoint: Endpoint) -> Starlette:
    async def query(request: Request) -> Response:
        text = await _query_text(request)
        if isinstance(text, Response):
            return text
        if isinstance(text, _Update):
            return await _update(request, text)
        try:
            result = await run_in_threadpool(endpoint.run, text)
        except QueryTimeout as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        except QueryForbidden as exc:
            return PlainTextResponse(f"{exc}\n", status_code=403)
        except QueryError as exc:
            status = 403 if "update" in str(exc).lower() else 400
            return PlainTextResponse(f"{exc}\n", status_code=status)
        choice = _pick(request.headers.get("accept", ""), result.form)
        if choice is None:
            return PlainTextResponse("no acceptable result format for this query\n", status_code=406)
        media, render = choice
        body = result.turtle if render is None else render(result)
        headers = {"X-Result-Truncated": "true"} if result.truncated else {}
        return Response(body, media_type=media, headers=headers)

    async def _update(request: Request, text: str) -> Response:
        if endpoint.token is None:
            return READ_ONLY
        auth = request.headers.get("authorization", "")
        if not auth.startswith("Bearer "):
            return PlainTextResponse(
                "updates need a token\n", status_code=401, headers={"WWW-Authenticate": "Bearer"}
            )
        if not hmac.compare_digest(auth[7:].encode(), endpoint.token.encode()):
            return PlainTextResponse("wrong token\n", status_code=403)
        try:
            await run_in_threadpool(endpoint.update, text)
        except QueryTimeout as exc:
            return PlainTextResponse(f"{exc}\n", status_code=503)
        except QueryForbidden as exc:
            return PlainTextResponse(f"{exc}\n", status_code=403)
        except QueryError as exc:
            return PlainTextResponse(f"{exc}\n", status_code=400)
        return Response(status_code=204)

    methods = ["GET", "POST"]
    routes = [
        Route("/query", query, methods=methods),
        Route("/sparql", query, methods=methods),
        *desk_routes(endpoint),  # the audit desk (kg.web): pages for people, at /
    ]

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        endpoint.close()

    return Starlette(routes=routes, lifespan=lifespan)


def serve(
    store: LocalStore, host: str, port: int, timeout: float, limit: int, token: str | None = None
) -> None:
    import uvicorn

    endpoint = Endpoint(store, timeout, limit, token=token)
    app = Limits(make_app(endpoint))  # sizes, slow clients, Retry-After (kg.serve_limits)
    uvicorn.run(app, host=host, port=port, log_level="warning", http=SlowClientProtocol)
