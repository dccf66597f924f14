"""Running a command from an endpoint: If-Match, Idempotency-Key, one commit, ETag and event ids.

A POST with an `Idempotency-Key` stores its response in the same transaction as its events, so a
retry returns the original response and can never write twice; the same key with another body
is rejected."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, TypeVar

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.store import EventContext
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.etag import etag_for, parse_if_match
from pmo_shared.http.observability import current_request_id
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.errors import ConcurrencyConflict, DomainError
from pmo_shared.tracing import current_traceparent
from pmo_shared.writeside import WriteSide

T = TypeVar("T")
EVENT_IDS_HEADER = "PMO-Event-Ids"
REPLAYED_HEADER = "Idempotent-Replayed"


class IdempotencyKeyReused(DomainError):
    status = 422
    problem_type = "idempotency-key-reused"
    title = "This Idempotency-Key was used for a different request"


@dataclass
class CommandScope:
    write_side: WriteSide
    principal: Principal
    if_match: int | None
    idempotency_key: str | None
    request_hash: str

    @property
    def context(self) -> EventContext:
        return EventContext(actor=self.principal.subject, correlation_id=current_request_id(),
                            traceparent=current_traceparent())

    def unit_of_work(self) -> UnitOfWork:
        return self.write_side.unit_of_work(self.context, if_match=self.if_match)

    async def run(self, decide: Callable[[UnitOfWork], Awaitable[T]],
                  render: Callable[[T], BaseModel], *, status: int = 200,
                  location: Callable[[T], str] | None = None) -> Response:
        """`decide` loads, calls the domain and `uow.save`s; `render` builds the body."""
        if self.idempotency_key is not None:
            replay = await self._stored_response()
            if replay is not None:
                return replay
        uow = self.unit_of_work()
        result = await decide(uow)
        body = render(result).model_dump_json()
        headers: dict[str, str] = {}
        if isinstance(result, Aggregate):
            headers["ETag"] = etag_for(result.next_version)
        if location is not None:
            headers["Location"] = location(result)
        if self.idempotency_key is not None:
            uow.also(lambda conn: self._remember(conn, uow, status, headers, body))
        try:
            envelopes = await uow.commit()
        except IntegrityError:
            # A concurrent request with the same key won, or a unique row was taken meanwhile.
            replay = await self._stored_response() if self.idempotency_key else None
            if replay is None:
                raise ConcurrencyConflict("a concurrent request changed the same data") from None
            return replay
        headers[EVENT_IDS_HEADER] = ",".join(str(e.id) for e in envelopes)
        return Response(body, status_code=status, headers=headers,
                        media_type="application/json")

    def _remember(self, conn: Connection, uow: UnitOfWork, status: int,
                  headers: dict[str, str], body: str) -> None:
        stored = {**headers, EVENT_IDS_HEADER: ",".join(str(e.id) for e in uow.written)}
        table = self.write_side.store.tables.idempotency_keys
        conn.execute(insert(table).values(
            principal=self.principal.subject, key=self.idempotency_key,
            request_hash=self.request_hash, status_code=status, headers=json.dumps(stored),
            body=body, created_at=self.write_side.clock.now(),
        ))

    async def _stored_response(self) -> Response | None:
        table = self.write_side.store.tables.idempotency_keys
        row = await self.write_side.database.read(lambda conn: conn.execute(
            select(table).where(table.c.principal == self.principal.subject,
                                table.c.key == self.idempotency_key)).first())
        if row is None:
            return None
        if row.request_hash != self.request_hash:
            raise IdempotencyKeyReused(
                "the key was first used with another method, path or body")
        headers = {**json.loads(row.headers), REPLAYED_HEADER: "true"}
        return Response(row.body, status_code=row.status_code, headers=headers,
                        media_type="application/json")


async def command_scope(
    request: Request, principal: PrincipalDep,
    # Parsed here rather than through the sync IfMatchDep: FastAPI runs a sync dependency in its
    # thread pool, a thread hand-off on every command that cost ~15% of a POST's CPU.
    if_match: Annotated[str | None, Header(
        alias="If-Match", description='Expected version as a strong ETag, e.g. "3"')] = None,
    idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key", min_length=1,
                                                  max_length=255)] = None,
) -> CommandScope:
    body = await request.body()
    digest = hashlib.sha256()
    # Straight from the scope: building `request.url` cost more than the hash itself. For any
    # route path these bytes equal the URL's path and query the hash was first defined over.
    for part in (request.method.encode(), request.scope["path"].encode(),
                 request.scope["query_string"]):
        digest.update(part + b"\0")
    digest.update(body)
    return CommandScope(write_side=request.app.state.write_side, principal=principal,
                        if_match=parse_if_match(if_match), idempotency_key=idempotency_key,
                        request_hash=digest.hexdigest())


CommandScopeDep = Annotated[CommandScope, Depends(command_scope)]


async def write_side(request: Request) -> WriteSide:
    # async: a sync dependency would be run in the thread pool on every request.
    side: WriteSide = request.app.state.write_side
    return side


WriteSideDep = Annotated[WriteSide, Depends(write_side)]


def resource_response(model: BaseModel, *, version: int, status: int = 200) -> JSONResponse:
    """A GET of one aggregate: the body and its version as ETag."""
    return JSONResponse(model.model_dump(mode="json"), status_code=status,
                        headers={"ETag": etag_for(version)})


