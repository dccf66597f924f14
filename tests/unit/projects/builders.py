"""Valid defaults for the projects domain, overridable per test."""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

from pmo_projects.commands import CharterProject, PlanTask, ReportProgress
from pmo_projects.domain.project import Project
from pmo_projects.domain.task import ProjectWindow, Task
from pmo_shared.kernel.money import Money

WINDOW = ProjectWindow(date(2027, 1, 4), date(2027, 12, 17), "EUR")
TODAY = date(2027, 6, 30)


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def charter_cmd(**overrides: Any) -> CharterProject:
    return replace(CharterProject(
        code="ERP-1", name="ERP", goals=("retire legacy",), sponsor_id=uuid4(),
        manager_id=uuid4(), planned_start_on=WINDOW.start_on, planned_finish_on=WINDOW.finish_on,
        budget=eur("100000"), project_type="it"), **overrides)


def saved_project(**overrides: Any) -> Project:
    project = Project.charter(uuid4(), charter_cmd(**overrides))
    project.mark_saved()
    return project


def plan_cmd(**overrides: Any) -> PlanTask:
    return replace(PlanTask(
        name="Build", planned_start_on=date(2027, 2, 1), planned_finish_on=date(2027, 3, 31),
        planned_effort_hours=Decimal(80), planned_cost=eur("12000"),
        earning_rule="percent_complete"), **overrides)


def saved_task(**overrides: Any) -> Task:
    task = Task.plan_new(uuid4(), uuid4(), plan_cmd(**overrides), wbs_code="1", window=WINDOW)
    task.mark_saved()
    return task


def progress(on: date, percent: str) -> ReportProgress:
    return ReportProgress(status_on=on, percent_complete=Decimal(percent))
