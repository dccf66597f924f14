"""`POST /v1/admin/republish` for a write service: the `pmo republish` command over HTTP, for
operators who reach the service but not its database. PMO admins only; every write service
mounts it (pmo_shared.http.app.create_write_service_app)."""
from __future__ import annotations

from typing import ClassVar

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict

from pmo_shared.http.auth import require_roles
from pmo_shared.kernel.errors import DomainError
from pmo_shared.messaging.republish import Republisher
from pmo_shared.messaging.stream import ensure_stream
from pmo_shared.writeside import WriteSide

router = APIRouter(prefix="/v1/admin", tags=["admin"],
                   dependencies=[Depends(require_roles("pmo_admin"))])


class NatsUnavailable(DomainError):
    status: ClassVar[int] = 503
    problem_type: ClassVar[str] = "nats-unavailable"
    title: ClassVar[str] = "NATS is not reachable from this service"


class RepublishRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"republished": 1250,
                                                               "stream": "PMO"}]})

    republished: int
    stream: str


@router.post("/republish", response_model=RepublishRead)
async def republish(request: Request) -> RepublishRead:
    """Publishes every event of this service's store to the stream (re-created if missing), in
    commit order; the stream and the consumers drop what they already have."""
    side: WriteSide = request.app.state.write_side
    js = side.runtime.js
    if js is None or not side.runtime.nats_connected:
        raise NatsUnavailable("the service has no NATS connection; retry when /readyz shows it")
    settings = side.runtime.settings
    await ensure_stream(js, name=settings.stream_name, replicas=settings.stream_replicas,
                        duplicate_window_seconds=settings.stream_duplicate_window_seconds)
    count = await Republisher(database=side.database, tables=side.store.tables,
                              source=side.store.source, js=js).run()
    return RepublishRead(republished=count, stream=settings.stream_name)
