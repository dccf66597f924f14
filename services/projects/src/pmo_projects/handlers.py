"""One function per command: load, decide (pure domain), save in the unit of work."""
from __future__ import annotations

from pmo_projects.commands import CharterProject
from pmo_projects.domain.project import Project
from pmo_projects.views import write_project_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def charter_project(cmd: CharterProject, uow: UnitOfWork) -> Project:
    project = uow.save(Project.charter(new_id(), cmd))
    uow.also(lambda conn: write_project_view(conn, project))
    return project
