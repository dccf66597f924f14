"""Handlers for portfolios, programs and a project's charter, position, phase and funding."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from pmo_projects.commands import (
    AmendCharter,
    ChangePhase,
    CharterProject,
    CreatePortfolio,
    CreateProgram,
)
from pmo_projects.domain.errors import UnknownReference
from pmo_projects.domain.portfolio import Portfolio, Program
from pmo_projects.domain.project import Project
from pmo_projects.projections.gates import gate_guarding
from pmo_projects.views.hierarchy import record_audit, write_portfolio, write_program, write_project
from pmo_projects.views.plan import ensure_tasks_inside
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import NotFound
from pmo_shared.kernel.ids import new_id
from pmo_shared.kernel.money import Money


async def create_portfolio(cmd: CreatePortfolio, uow: UnitOfWork) -> Portfolio:
    portfolio = uow.save(Portfolio.create(new_id(), cmd))
    uow.also(lambda conn: write_portfolio(conn, portfolio))
    return portfolio


async def create_program(cmd: CreateProgram, uow: UnitOfWork) -> Program:
    if await uow.load(Portfolio, cmd.portfolio_id) is None:
        raise NotFound(f"portfolio {cmd.portfolio_id} does not exist")
    program = uow.save(Program.create(new_id(), cmd))
    uow.also(lambda conn: write_program(conn, program))
    return program


async def _check_position(uow: UnitOfWork, portfolio_id: UUID | None,
                          program_id: UUID | None) -> UUID | None:
    """The program decides the portfolio when given; a program of another portfolio is 422."""
    if program_id is not None:
        program = await uow.load(Program, program_id)
        if program is None:
            raise UnknownReference(f"program {program_id} does not exist", pointer="#/program_id")
        if portfolio_id not in (None, program.portfolio_id):
            raise UnknownReference("the program belongs to another portfolio",
                                   pointer="#/program_id")
        return program.portfolio_id
    if portfolio_id is not None and await uow.load(Portfolio, portfolio_id) is None:
        raise UnknownReference(f"portfolio {portfolio_id} does not exist", pointer="#/portfolio_id")
    return portfolio_id


def _persist(uow: UnitOfWork, project: Project) -> Project:
    uow.save(project)
    uow.also(lambda conn: write_project(conn, project))
    uow.also(lambda conn: record_audit(conn, project.id, uow.written))
    return project


async def charter_project(cmd: CharterProject, uow: UnitOfWork) -> Project:
    portfolio_id = await _check_position(uow, cmd.portfolio_id, cmd.program_id)
    return _persist(uow, Project.charter(new_id(), replace(cmd, portfolio_id=portfolio_id)))


async def amend_charter(project_id: UUID, cmd: AmendCharter, uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    project.amend(cmd)
    uow.also(lambda conn: ensure_tasks_inside(conn, project_id, cmd.planned_start_on,
                                              cmd.planned_finish_on))
    return _persist(uow, project)


async def move_project(project_id: UUID, portfolio_id: UUID | None, program_id: UUID | None,
                       uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    portfolio_id = await _check_position(uow, portfolio_id, program_id)
    project.move(portfolio_id, program_id)
    return _persist(uow, project)


async def change_phase(project_id: UUID, cmd: ChangePhase, uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    gate = await uow.database.read(lambda c: gate_guarding(c, str(project_id), cmd.to_phase))
    project.change_phase(cmd, gate)
    return _persist(uow, project)


async def plan_budget_line(project_id: UUID, category: str, amount: Money, description: str,
                           uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    project.plan_budget_line(new_id(), category, amount, description)
    return _persist(uow, project)


async def approve_tranche(project_id: UUID, phase: str, amount: Money, today: date,
                          uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    project.approve_tranche(new_id(), phase, amount, today)
    return _persist(uow, project)


async def link_objective(project_id: UUID, objective_id: UUID, weight: Decimal,
                         uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    if project.s.portfolio_id is None:
        raise UnknownReference("the project is in no portfolio", pointer="#/objective_id")
    portfolio = await uow.load(Portfolio, project.s.portfolio_id)
    assert portfolio is not None
    portfolio.ensure_objective(objective_id)
    project.link_objective(objective_id, weight)
    return _persist(uow, project)


async def rate_project(project_id: UUID, ratings: dict[str, Decimal], uow: UnitOfWork) -> Project:
    project = await uow.get(Project, project_id)
    project.rate(ratings)
    return _persist(uow, project)

