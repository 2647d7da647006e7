"""The audit desk: the web app `kg serve` shows at ``/`` (who said what, claims, agents, SPARQL, network).

Server-side pages (Jinja2, autoescaped) over the store, every one answered by a few SPARQL
queries run by the server's query workers (with their timeout); read-only.
``desk_routes(endpoint)`` gives the routes ``kg.serve.make_app`` serves beside ``/query``.
"""

from __future__ import annotations

from kg.web.routes import desk, desk_routes

__all__ = ["desk", "desk_routes"]
