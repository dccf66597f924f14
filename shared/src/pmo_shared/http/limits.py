"""Request body size limit as pure ASGI middleware: declared length checked first, then counted."""
from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmo_shared.http.problems import problem_response


class BodyTooLarge(HTTPException):
    """Raised from `receive`. An HTTPException because FastAPI re-raises those while reading a body
    (anything else becomes a 400), so the app's problem handler answers 413 as usual."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, detail=f"The request body exceeds {max_bytes} bytes.")


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self._declared_length(scope) > self.max_bytes:
            await self._reject(scope, receive, send)
            return
        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                # Chunked uploads have no Content-Length: stop as soon as the count passes the
                # limit, so the body is never held in memory beyond max_bytes plus one chunk.
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # Reached here only if the app let it escape (not FastAPI, or read after responding).
            if response_started:
                raise
            await self._reject(scope, receive, send)

    @staticmethod
    def _declared_length(scope: Scope) -> int:
        for name, value in scope["headers"]:
            if name == b"content-length":
                # The server validates framing; a value it let through is digits.
                return int(value) if value.isdigit() else 0
        return 0

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = BodyTooLarge(self.max_bytes).detail
        response = problem_response(413, "body-too-large", "Request body too large", detail)
        await response(scope, receive, send)
