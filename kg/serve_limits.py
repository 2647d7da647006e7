"""What `kg serve` refuses before a query runs: big requests, slow clients, weak tokens, a full pool.

- A request body over ``MAX_BODY`` bytes gets 413 as soon as that is known (its
  Content-Length, or the bytes counted as they arrive): it is never read whole.
- A request line over ``MAX_URL`` bytes gets 414.
- A client that sends its headers or body slower than ``CLIENT_SECONDS`` is cut off
  (408 for a body; a connection with no complete request is closed).
- A query that waits more than ``WAIT_SECONDS`` for a free worker gets 503 with
  ``Retry-After`` (kg.errors.QueryBusy), so two slow queries never hold every other request.
- A token for ``--writable`` must be 16+ characters, no whitespace, 8+ distinct characters.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_BODY = 1_000_000
MAX_URL = 65_536
CLIENT_SECONDS = 10.0
WAIT_SECONDS = 5.0
RETRY_AFTER = "5"


def weak_token(token: str | None) -> str | None:
    """Why a token is too weak for --writable, or None when it will do."""
    if not token:
        return "no token in $KG_SERVE_TOKEN"
    if any(ch.isspace() for ch in token):
        return "the token holds whitespace"
    if len(token) < 16:
        return f"the token has {len(token)} characters, fewer than 16"
    if len(set(token)) < 8:
        return f"the token uses only {len(set(token))} distinct characters (8 or more needed)"
    return None


async def _reply(send: Any, status: int, text: str, headers: list | None = None) -> None:
    body = (text + "\n").encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class Limits:
    """ASGI middleware: request size and body time limits, and Retry-After on every 503."""

    def __init__(self, app: Any, max_body: int = MAX_BODY, max_url: int = MAX_URL) -> None:
        self.app, self.max_body, self.max_url = app, max_body, max_url

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if len(scope.get("raw_path", b"")) + len(scope.get("query_string", b"")) > self.max_url:
            await _reply(send, 414, f"request line over {self.max_url:,} bytes: POST the query instead")
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_body:
            await _reply(send, 413, f"request body over {self.max_body:,} bytes")
            return
        seen, refused = [0], [False]

        async def bounded_receive() -> dict:
            try:
                message = await asyncio.wait_for(receive(), CLIENT_SECONDS)
            except TimeoutError:
                refused[0] = True
                await _reply(send, 408, f"request body not sent within {CLIENT_SECONDS:g} s")
                return {"type": "http.disconnect"}
            seen[0] += len(message.get("body", b""))
            if seen[0] > self.max_body:
                refused[0] = True
                await _reply(send, 413, f"request body over {self.max_body:,} bytes")
                return {"type": "http.disconnect"}
            return message

        async def guarded_send(message: dict) -> None:
            if refused[0]:
                return  # the refusal is the response
            if message["type"] == "http.response.start" and message["status"] == 503:
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (b"retry-after", RETRY_AFTER.encode())],
                }
            await send(message)

        try:
            await self.app(scope, bounded_receive, guarded_send)
        except Exception:
            if not refused[0]:
                raise


class SlowClientProtocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol, closing a connection that starts no request within CLIENT_SECONDS.

    uvicorn times out idle keep-alive connections but not one that sends half a request line
    and waits; this closes it (after connecting, and after each response).
    """

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()

    def _arm(self) -> None:
        self.loop.call_later(CLIENT_SECONDS, self._check, self.cycle)

    def _check(self, cycle: Any) -> None:
        idle = self.cycle is cycle and (cycle is None or cycle.response_complete)
        if idle and not self.transport.is_closing():
            self.transport.close()
