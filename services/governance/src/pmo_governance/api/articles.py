"""/v1/articles: versioned best-practice articles, written by PMO admins, read by everyone."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.schemas.knowledge import ArticleCreate, ArticleRead
from pmo_governance.commands.knowledge import WriteArticle
from pmo_governance.domain.article import Article
from pmo_governance.handlers import knowledge as handlers
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1", tags=["knowledge"])
admins_only = [Depends(require_roles("pmo_admin"))]


def _read(article: Article) -> ArticleRead:
    return ArticleRead.of(article.latest, version=article.next_version)


def _command(body: ArticleCreate) -> WriteArticle:
    return WriteArticle(title=body.title, body=body.body, tags=tuple(body.tags))


@router.post("/articles", status_code=201, response_model=ArticleRead, dependencies=admins_only)
async def publish(body: ArticleCreate, scope: CommandScopeDep) -> Response:
    cmd, now = _command(body), scope.write_side.clock.now()
    return await scope.run(lambda uow: handlers.publish_article(cmd, uow, now), _read,
                           status=201, location=lambda a: f"/v1/articles/{a.id}")


@router.get("/articles/{article_id}", response_model=ArticleRead)
async def read(article_id: UUID, _principal: PrincipalDep, write_side: WriteSideDep,
               version: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> JSONResponse:
    article = await write_side.load(Article, article_id)
    if article is None or (version is not None and version > len(article.versions)):
        raise NotFound(f"article {article_id} (version {version}) does not exist")
    content = article.versions[version - 1] if version else article.latest
    return resource_response(ArticleRead.of(content, version=article.version),
                             version=article.version)


@router.put("/articles/{article_id}", response_model=ArticleRead, dependencies=admins_only)
async def revise(article_id: UUID, body: ArticleCreate, scope: CommandScopeDep) -> Response:
    cmd, now = _command(body), scope.write_side.clock.now()
    return await scope.run(lambda uow: handlers.revise_article(article_id, cmd, uow, now), _read)
