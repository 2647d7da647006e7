"""The desk's routes: each handler reads its page's data on one query worker, then renders a template."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from kg.errors import QueryError, QueryTimeout
from kg.graph.local import LocalStore
from kg.graph.query import QueryRunner
from kg.web import data, sparql
from kg.web.highlight import marked
from kg.web.index import StoreIndex
from kg.web.text import clean, display_iri, http_url, stance_chart


class Endpoint(Protocol):
    """What the desk needs of the server (``kg.serve.Endpoint``): its store, row cap and query workers."""

    store: LocalStore
    limit: int

    def runner(self) -> AbstractContextManager[QueryRunner]: ...


STATIC = Path(__file__).resolve().parent / "static"
ENV = Environment(
    loader=PackageLoader("kg.web", "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    finalize=lambda value: (
        clean(value) if isinstance(value, str) and not isinstance(value, Markup) else value
    ),
)
ENV.filters.update(iri=display_iri, clean=clean, http=http_url)
ENV.globals.update(stances=data.STANCES)


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    return HTMLResponse(ENV.get_template(name).render(**context), status_code=status)


def _int(value: str | None) -> int:
    try:
        return max(0, min(int(value or 0), 1_000_000))
    except ValueError:
        return 0


class _Pages:
    """Handlers over one endpoint's query workers."""

    def __init__(self, endpoint: Endpoint) -> None:
        self.endpoint = endpoint
        self.store_index = StoreIndex(endpoint.store.database if endpoint.store.path is not None else None)

    async def read(self, work: Callable[[data.Run], Any]) -> Any:
        """Run ``work`` (which issues the page's queries) on one query worker, off the event loop."""

        def go() -> Any:
            with self.endpoint.runner() as runner:
                return work(lambda text, params, limit: runner.run(text, params, limit))

        return await run_in_threadpool(go)

    async def guarded(self, request: Request, handler: Callable) -> Response:
        try:
            return await handler(request)
        except QueryTimeout as exc:
            return _page("error.html", 503, title="Too slow", message=f"{exc}; narrow the filters.")
        except QueryError as exc:
            return _page("error.html", 400, title="Query failed", message=str(exc))

    async def index(self, request: Request) -> Response:
        q = request.query_params
        filters = data.Filters(**{k: q.get(k, "")[:200] for k in data.Filters.__dataclass_fields__})
        page = _int(q.get("page"))

        def work(run: data.Run) -> tuple:
            return data.claims_page(run, self.store_index, filters, page), self.store_index.outlets(run)

        found, outlets = await self.read(work)
        claims, more = found.claims, found.more
        keep = {k: v for k, v in vars(filters).items() if v}
        return _page(
            "index.html",
            claims=claims,
            total=found.total,
            filters=filters,
            outlets=outlets,
            page=page,
            first=page * data.PAGE + 1,
            prev_url=f"/?{urlencode({**keep, 'page': page - 1})}" if page else None,
            next_url=f"/?{urlencode({**keep, 'page': page + 1})}" if more else None,
        )

    async def claim(self, request: Request) -> Response:
        iri = request.query_params.get("iri", "")

        def work(run: data.Run) -> tuple | None:
            found = data.claim_details(run, [iri]) if data.iri_term(iri) else []
            if not found:
                return None
            claim = found[0]
            return claim, data.context(run, claim), *data.counters(run, claim)

        got = await self.read(work)
        if got is None:
            return _page("error.html", 404, title="No such claim", message=f"no claim {iri} in this store")
        claim, around, counters, countered, reverses = got
        return _page(
            "claim.html",
            claim=claim,
            around=around,
            pieces=marked(claim.text, claim.start, claim.mention, claim.cue),
            counters=counters,
            countered=countered,
            reverses=reverses,
        )

    async def agent(self, request: Request) -> Response:
        q = request.query_params
        iri, by_page, about_page = q.get("iri", ""), _int(q.get("by")), _int(q.get("about"))

        def work(run: data.Run) -> dict | None:
            info = data.agent(run, iri) if data.iri_term(iri) else None
            if info is None:
                return None
            by, more_by = data.agent_claims(run, iri, "by", by_page)
            about, more_about = data.agent_claims(run, iri, "about", about_page)
            quoted_by, quotes = data.quoting(run, iri)
            return {
                "agent": info,
                "by": by,
                "about": about,
                "chart": stance_chart(data.stance_over_time(run, iri)),
                "quoted_by": quoted_by,
                "quotes": quotes,
                "sourcing": data.sourcing(run, iri) if info.type == "outlet" else None,
                "more": {"by": more_by, "about": more_about},
            }

        got = await self.read(work)
        if got is None:
            return _page("error.html", 404, title="No such agent", message=f"no agent {iri} in this store")

        def link(role: str, page: int) -> str:
            pages = {"by": by_page, "about": about_page, role: page}
            return "/agent?" + urlencode({"iri": iri, **{k: v for k, v in pages.items() if v}})

        pagers = {
            role: {
                "prev": link(role, current - 1) if current else None,
                "next": link(role, current + 1) if got["more"][role] else None,
            }
            for role, current in (("by", by_page), ("about", about_page))
        }
        return _page("agent.html", pagers=pagers, **got)

    async def sparql_page(self, request: Request) -> Response:
        text = request.query_params.get("query", "")
        result, error = None, ""
        if text.strip():
            try:
                result = await self.read(lambda run: sparql.run(run, text, sparql.SHOWN))
            except QueryTimeout as exc:
                error = f"{exc}"
            except QueryError as exc:
                error = str(exc)
        return _page(
            "sparql.html",
            status=400 if error else 200,
            query=text or sparql.EXAMPLES[0][1],
            examples=sparql.EXAMPLES,
            prefixes=sparql.PREFIX_LINES,
            result=result,
            rows=sparql.cells(result) if result is not None else [],
            error=error,
            downloads={
                fmt: "/editor/download?" + urlencode({"query": text, "format": fmt})
                for fmt in ("csv", "json")
            },
        )

    async def download(self, request: Request) -> Response:
        text, fmt = request.query_params.get("query", ""), request.query_params.get("format", "csv")
        if fmt not in sparql.DOWNLOADS:
            return Response("format: csv or json\n", status_code=400, media_type="text/plain")
        try:
            result = await self.read(lambda run: sparql.run(run, text, self.endpoint.limit))
        except QueryTimeout as exc:
            return Response(f"{exc}\n", status_code=503, media_type="text/plain")
        except QueryError as exc:
            return Response(f"{exc}\n", status_code=400, media_type="text/plain")
        media, render = sparql.DOWNLOADS[fmt]
        headers = {"Content-Disposition": f'attachment; filename="kg-results.{fmt}"'}
        return Response(render(result), media_type=media, headers=headers)

    async def network_page(self, request: Request) -> Response:
        return _page("network.html", kinds=list(data.EDGE_KINDS))

    async def network_json(self, request: Request) -> Response:
        q = request.query_params
        kinds = [k for k in q.getlist("kind") if k in data.EDGE_KINDS] or list(data.EDGE_KINDS)
        limit = max(1, min(_int(q.get("limit")) or 150, 1000))
        key = f"network {sorted(kinds)} {limit}"
        elements = await self.read(
            lambda run: self.store_index.cached(key, lambda: data.network(run, kinds, limit))
        )
        return JSONResponse(elements)


def desk_routes(endpoint: Endpoint) -> list[BaseRoute]:
    """The desk's routes, for ``kg.serve.make_app`` to serve beside the SPARQL endpoint."""
    pages = _Pages(endpoint)

    def route(path: str, handler: Callable) -> Route:
        async def guarded(request: Request) -> Response:
            return await pages.guarded(request, handler)

        return Route(path, guarded)

    return [
        route("/", pages.index),
        route("/claim", pages.claim),
        route("/agent", pages.agent),
        route("/editor", pages.sparql_page),
        route("/editor/download", pages.download),
        route("/network", pages.network_page),
        route("/network.json", pages.network_json),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def desk(endpoint: Endpoint) -> Starlette:
    """The desk alone, as a Starlette app."""
    return Starlette(routes=desk_routes(endpoint))
