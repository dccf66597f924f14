"""/v1/knowledge: one search over lessons learned and articles, by words and tags."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Query

from pmo_governance.api.schemas.knowledge import KnowledgeHit, KnowledgePage
from pmo_governance.queries.knowledge import search
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import WriteSideDep
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery

router = APIRouter(prefix="/v1", tags=["knowledge"])
PLURAL = {"lesson": "lessons", "article": "articles"}


@router.get("/knowledge", response_model=KnowledgePage)
async def search_knowledge(
    _principal: PrincipalDep, write_side: WriteSideDep,
    q: Annotated[str | None, Query(max_length=200, description="words, all must appear")] = None,
    tag: Annotated[list[str], Query(max_length=10, description="repeat for several")] = [],  # noqa: B006
    kind: Literal["lesson", "article"] | None = None, project_id: UUID | None = None,
    phase: Annotated[str | None, Query(max_length=64)] = None,
    limit: LimitQuery = DEFAULT_LIMIT, cursor: CursorQuery = None,
) -> KnowledgePage:
    rows, tags_of, next_cursor = await write_side.database.read(lambda conn: search(
        conn, text=q, tags=tag, kind=kind, project_id=project_id, phase=phase, limit=limit,
        cursor=cursor))
    items = [KnowledgeHit(id=r.entry_id, kind=r.kind, title=r.title, project_id=r.project_id,
                          phase=r.phase, content_version=r.version,
                          tags=tags_of.get(r.entry_id, []), updated_at=r.updated_at,
                          href=f"/v1/{PLURAL[r.kind]}/{r.entry_id}") for r in rows]
    return KnowledgePage(items=items, next_cursor=next_cursor)
