"""/v1/evm: earned value per project, program, portfolio and for everything the caller sees."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from pmo_reporting.api.evm_schemas import (
    AggregateEvmRead,
    AmountRead,
    CurrencyEvmRead,
    EarnedScheduleRead,
    EarnedValueRead,
    ProjectEvmRead,
)
from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.presentation import FigureRead, Presenter
from pmo_reporting.api.reportparams import RoundingQuery, TimeSliceDep, describe, visible
from pmo_reporting.metrics.evm import EacMethod
from pmo_reporting.queries.evm_facts import Scope, load_facts, load_projects
from pmo_reporting.queries.evm_memo import memo_for
from pmo_reporting.queries.evm_report import ProjectEvm, ProjectFigures, aggregate, project_evm
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/evm", tags=["earned value"])
MethodQuery = Annotated[EacMethod, Query(description="EAC method, echoed back")]
BaselineQuery = Annotated[UUID | None, Query(
    description="A named baseline; default the current baseline as known at `as_known_at`")]


async def compute(side: ReadSideDep, principal: Principal, scope: Scope, when: TimeSlice,
                  method: EacMethod) -> list[ProjectFigures]:
    """Figures of every visible project in scope, remembered until the project changes."""
    memo = memo_for(side.database)

    def query(conn):  # type: ignore[no-untyped-def]
        projects = visible(principal, load_projects(conn, scope, when.known_at))
        return list(memo.figures(conn, projects, when,
                                 with_live=method == EacMethod.BOTTOM_UP).values())

    return await side.database.read(query)  # type: ignore[no-any-return]


async def one_project(side: ReadSideDep, principal: Principal, project_id: UUID, when: TimeSlice,
                      method: EacMethod, baseline_id: UUID | None) -> ProjectEvm | None:
    """One project with its earned schedule, which needs the whole measurement baseline."""
    def query(conn):  # type: ignore[no-untyped-def]
        projects = visible(principal, load_projects(conn, Scope(project_id=str(project_id)),
                                                    when.known_at))
        return load_facts(conn, projects, when, with_live=method == EacMethod.BOTTOM_UP,
                          baseline_id=None if baseline_id is None else str(baseline_id))

    facts = await side.database.read(query)
    return next((project_evm(f, as_of=when.as_of, method=method, with_schedule=True)
                 for f in facts.values()), None)


@router.get("/projects/{project_id}", response_model=ProjectEvmRead, dependencies=[AwaitEvents])
async def project_earned_value(project_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                               when: TimeSliceDep, eac_method: MethodQuery = EacMethod.TYPICAL,
                               baseline_id: BaselineQuery = None,
                               rounding: RoundingQuery = "presentation") -> ProjectEvmRead:
    evm = await one_project(side, principal, project_id, when, eac_method, baseline_id)
    if evm is None:
        raise NotFound(f"project {project_id} is not known to reporting")
    show, project = Presenter(rounding), evm.project
    return ProjectEvmRead(
        project_id=project_id, code=project.code, name=project.name,
        portfolio_id=project.portfolio_id, program_id=project.program_id,
        baseline_id=evm.figures.baseline_id, time=describe(when),
        earned_value=EarnedValueRead.of(evm.currency, evm.indicators, show),
        earned_schedule=EarnedScheduleRead.of(evm.schedule, show),  # type: ignore[arg-type]
        actual_hours=evm.figures.hours, unconverted=_unconverted([evm.figures], show),
        rounding=show.note, freshness=await freshness(side, side.consumer_name),
    )


def _unconverted(projects: list[ProjectFigures], show: Presenter) -> list[AmountRead]:
    sums: dict[str, object] = {}
    for figures in projects:
        for currency, amount in figures.unconverted.items():
            sums[currency] = sums.get(currency, 0) + amount  # type: ignore[operator]
    return [AmountRead(amount=show.money(amount), currency=currency)  # type: ignore[arg-type]
            for currency, amount in sorted(sums.items())]


async def _aggregate(side: ReadSideDep, principal: Principal, *, kind: str, scope_id: UUID | None,
                     scope: Scope, when: TimeSlice, method: EacMethod,
                     rounding: str) -> AggregateEvmRead:
    projects = await compute(side, principal, scope, when, method)
    show = Presenter(rounding)
    totals = [CurrencyEvmRead(projects=group.projects,
                              **EarnedValueRead.of(group.currency, group.indicators, show)
                              .model_dump())
              for group in aggregate(projects, method)]
    return AggregateEvmRead(
        scope=kind, scope_id=scope_id, time=describe(when), eac_method=method,
        projects=len(projects), totals=totals, unconverted=_unconverted(projects, show),
        earned_schedule=FigureRead(value=None, reason="earned schedule is reported per project"),
        rounding=show.note, freshness=await freshness(side, side.consumer_name),
    )


@router.get("/programs/{program_id}", response_model=AggregateEvmRead, dependencies=[AwaitEvents])
async def program_earned_value(program_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                               when: TimeSliceDep, eac_method: MethodQuery = EacMethod.TYPICAL,
                               rounding: RoundingQuery = "presentation") -> AggregateEvmRead:
    return await _aggregate(side, principal, kind="program", scope_id=program_id,
                            scope=Scope(program_id=str(program_id)), when=when, method=eac_method,
                            rounding=rounding)


@router.get("/portfolios/{portfolio_id}", response_model=AggregateEvmRead,
            dependencies=[AwaitEvents])
async def portfolio_earned_value(portfolio_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                                 when: TimeSliceDep, eac_method: MethodQuery = EacMethod.TYPICAL,
                                 rounding: RoundingQuery = "presentation") -> AggregateEvmRead:
    return await _aggregate(side, principal, kind="portfolio", scope_id=portfolio_id,
                            scope=Scope(portfolio_id=str(portfolio_id)), when=when,
                            method=eac_method, rounding=rounding)


@router.get("/all", response_model=AggregateEvmRead, dependencies=[AwaitEvents])
async def visible_earned_value(principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
                               eac_method: MethodQuery = EacMethod.TYPICAL,
                               rounding: RoundingQuery = "presentation") -> AggregateEvmRead:
    """Every project the caller may see (for a portfolio manager: their portfolios)."""
    return await _aggregate(side, principal, kind="all", scope_id=None, scope=Scope(), when=when,
                            method=eac_method, rounding=rounding)
