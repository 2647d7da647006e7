"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint over the store (Starlette under uvicorn).

GET and POST queries at /query and /sparql; results as SPARQL JSON, CSV or TSV, graphs as
Turtle; a timeout that stops the query and a cap on result rows. Updates are refused:
the store is opened read-only by the query workers, and update requests get 403.
"""

from __future__ import annotations

import queue
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from kg.graph.query import QueryError, QueryForbidden, QueryRunner, QueryTimeout, Result
from kg.graph.results import to_csv, to_json, to_tsv

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
    """A pool of query workers over one store folder."""

    def __init__(self, oxigraph_dir: str, timeout: float, limit: int, workers: int = 2) -> None:
        self.limit = limit
        self.pool: queue.Queue[QueryRunner] = queue.Queue()
        for _ in range(workers):
            self.pool.put(QueryRunner(oxigraph_dir, timeout=timeout))

    @contextmanager
    def runner(self) -> Iterator[QueryRunner]:
        runner = self.pool.get()
        try:
            yield runner
        finally:
            self.pool.put(runner)

    def run(self, sparql: str) -> Result:
        with self.runner() as runner:
            return runner.run(sparql, None, self.limit)

    def close(self) -> None:
        while not self.pool.empty():
            self.pool.get().close()


async def _query_text(request: Request) -> str | Response:
    """The one query of a protocol request, or the 4xx response that says what is wrong."""
    if request.method == "GET":
        if "update" in request.query_params:
            return PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)
        queries = request.query_params.getlist("query")
    else:
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind == "application/sparql-update":
            return PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)
        if kind == "application/sparql-query":
            queries = [(await request.body()).decode("utf-8", errors="replace")]
        elif kind == "application/x-www-form-urlencoded":
            form = parse_qs((await request.body()).decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                return PlainTextResponse("this endpoint is read-only: updates are refused\n", status_code=403)
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

    async def root(_: Request) -> Response:
        return PlainTextResponse("kg SPARQL endpoint (read-only): GET or POST /query\n")

    methods = ["GET", "POST"]
    routes = [
        Route("/query", query, methods=methods),
        Route("/sparql", query, methods=methods),
        Route("/", root),
    ]

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        endpoint.close()

    return Starlette(routes=routes, lifespan=lifespan)


def serve(oxigraph_dir: str, host: str, port: int, timeout: float, limit: int) -> None:
    import uvicorn

    uvicorn.run(make_app(Endpoint(oxigraph_dir, timeout, limit)), host=host, port=port, log_level="warning")
