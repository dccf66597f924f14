"""/v1/portfolios: the top of the hierarchy, its strategic objectives and prioritization."""
from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects.api.access import can_read_portfolio, ensure_manages_portfolio
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.hierarchy import PortfolioCreate, PortfolioRead
from pmo_projects.api.schemas.strategy import CriteriaUpdate, ObjectiveCreate, RankedProject, rank
from pmo_projects.commands import CreatePortfolio
from pmo_projects.domain.portfolio import Portfolio
from pmo_projects.domain.project import Project
from pmo_projects.handlers.hierarchy import create_portfolio
from pmo_projects.tables import portfolios_view, projects_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.errors import NotFound
from pmo_shared.kernel.ids import new_id
from pmo_shared.writeside import WriteSide

router = APIRouter(prefix="/v1/portfolios", tags=["portfolios"])


async def _readable(side: WriteSide, principal: PrincipalDep, portfolio_id: UUID) -> Portfolio:
    portfolio = await side.load(Portfolio, portfolio_id)
    if portfolio is None or not can_read_portfolio(principal, portfolio_id):
        raise NotFound(f"portfolio {portfolio_id} does not exist")
    return portfolio


@router.post("", status_code=201, response_model=PortfolioRead,
             dependencies=[Depends(require_roles("pmo_admin"))])
async def post_portfolio(body: PortfolioCreate, scope: CommandScopeDep) -> Response:
    cmd = CreatePortfolio(**body.model_dump())
    return await scope.run(lambda uow: create_portfolio(cmd, uow), PortfolioRead.of, status=201,
                           location=lambda p: f"/v1/portfolios/{p.id}")


@router.get("", response_model=Page[PortfolioRead])
async def list_portfolios(principal: PrincipalDep, side: WriteSideDep, limit: LimitQuery = 50,
                          cursor: CursorQuery = None) -> Page[PortfolioRead]:
    query = after_cursor(select(portfolios_view.c.portfolio_id), portfolios_view.c.portfolio_id,
                         cursor)
    if not (principal.is_admin() or principal.has_role("auditor")):
        query = query.where(portfolios_view.c.portfolio_id.in_(
            [str(p) for p in principal.portfolio_ids]))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    loaded = {r.portfolio_id: await side.load(Portfolio, UUID(r.portfolio_id)) for r in rows}
    return page_of(rows, limit, "portfolio_id",
                   lambda r: PortfolioRead.of(loaded[r.portfolio_id]))  # type: ignore[arg-type]


@router.get("/{portfolio_id}", response_model=PortfolioRead)
async def get_portfolio(portfolio_id: UUID, principal: PrincipalDep,
                        side: WriteSideDep) -> Response:
    portfolio = await _readable(side, principal, portfolio_id)
    return resource_response(PortfolioRead.of(portfolio), version=portfolio.version)


async def _change(scope: CommandScopeDep, portfolio_id: UUID,
                  change: Callable[[Portfolio], None], status: int = 200) -> Response:
    ensure_manages_portfolio(scope.principal, portfolio_id)

    async def decide(uow: UnitOfWork) -> Portfolio:
        portfolio = await uow.get(Portfolio, portfolio_id)
        change(portfolio)
        return uow.save(portfolio)

    return await scope.run(decide, PortfolioRead.of, status=status)


@router.put("/{portfolio_id}/criteria", response_model=PortfolioRead)
async def put_criteria(portfolio_id: UUID, body: CriteriaUpdate,
                       scope: CommandScopeDep) -> Response:
    """Weights of the prioritization criteria; criteria left out weigh zero."""
    return await _change(scope, portfolio_id, lambda p: p.configure_criteria(dict(body.weights)))


@router.post("/{portfolio_id}/objectives", status_code=201, response_model=PortfolioRead)
async def post_objective(portfolio_id: UUID, body: ObjectiveCreate,
                         scope: CommandScopeDep) -> Response:
    return await _change(scope, portfolio_id, lambda p: p.define_objective(
        new_id(), body.name, body.description), status=201)


@router.get("/{portfolio_id}/ranking", response_model=list[RankedProject])
async def get_ranking(portfolio_id: UUID, principal: PrincipalDep,
                      side: WriteSideDep) -> list[RankedProject]:
    """Projects of the portfolio by weighted score (0..10), highest first."""
    portfolio = await _readable(side, principal, portfolio_id)
    ids = await side.database.read(lambda c: c.execute(select(projects_view.c.project_id).where(
        projects_view.c.portfolio_id == str(portfolio_id))).scalars().all())
    projects = [p for i in ids if (p := await side.load(Project, UUID(i))) is not None]
    return rank(portfolio.weights, projects)
