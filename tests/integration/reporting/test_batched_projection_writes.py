"""Projections that buffer their writes per batch (capacity.deferred) end equal to applying every
event on its own, however the stream is cut into batches, and a failing event leaves nothing of
its buffered rows behind: the result equals a clean apply without it (or with it, once retried)."""
from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest
from sqlalchemy import Connection

from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer
from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events import catalogue
from pmo_shared.events import projects as p
from pmo_shared.events import resources as r
from pmo_shared.eventstore.database import Database
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.migrate import upgrade
from tests.integration.reporting.evm.feed import at, eur
from tests.integration.reporting.evm.test_operations import read_models
from tests.support.databases import fresh_database_url

T0 = at("2026-01-02T09:00")


def history():
    """A project whose tasks, progress, timesheet lines and expenses are each corrected later,
    some within a few events (one batch) and some far apart (across batches)."""
    project, start = uuid4(), date(2026, 1, 5)
    yield p.ProjectChartered(
        project_id=project, code="B-1", name="b", goals=["g"], sponsor_id=uuid4(),
        manager_id=uuid4(), planned_start_on=start, planned_finish_on=date(2026, 6, 30),
        budget=eur("50000"), project_type="it")
    tasks = [uuid4() for _ in range(3)]
    for number, task in enumerate(tasks):
        yield p.TaskPlanned(
            project_id=project, task_id=task, parent_task_id=None, wbs_code=f"1.{number}",
            name="t", planned_start_on=start, planned_finish_on=start + timedelta(days=9),
            planned_effort_hours=Decimal(40), planned_cost=eur("3000"),
            earning_rule="percent_complete")
    yield p.BaselineCaptured(
        project_id=project, baseline_id=uuid4(), name="B1", reason="initial",
        change_request_id=None, budget_at_completion=eur("9000"),
        tasks=[p.BaselineTask(task_id=task, wbs_code="1", planned_start_on=start,
                              planned_finish_on=start + timedelta(days=9), budget=eur("3000"),
                              earning_rule="percent_complete", planned_effort_hours=Decimal(40))
               for task in tasks])
    line, person, expense = uuid4(), uuid4(), uuid4()
    for percent in ("10", "20", "30"):
        yield p.ProgressReported(project_id=project, task_id=tasks[0], status_on=start,
                                 percent_complete=Decimal(percent))
        yield r.TimesheetLineRecorded(
            timesheet_id=uuid4(), line_id=uuid4(), person_id=uuid4(), project_id=project,
            task_id=tasks[1], worked_on=start, hours=Decimal(8), hourly_rate=eur("90"),
            cost=eur("720"))
    yield r.TimesheetLineRecorded(
        timesheet_id=uuid4(), line_id=line, person_id=person, project_id=project,
        task_id=tasks[2], worked_on=start, hours=Decimal(8), hourly_rate=eur("90"), cost=eur("720"))
    yield p.ExpenseRecorded(project_id=project, expense_id=expense, spent_on=start,
                            amount=eur("100"), category="travel")
    for hours in ("6", "4"):
        yield r.TimesheetLineCorrected(
            timesheet_id=uuid4(), line_id=line, person_id=person, project_id=project,
            task_id=tasks[2], worked_on=start, hours=Decimal(hours), hourly_rate=eur("90"),
            cost=eur(str(90 * int(hours))), reason="typo")
        yield p.ExpenseCorrected(project_id=project, expense_id=expense, spent_on=start,
                                 amount=eur(hours), category="travel")
        yield p.TaskReplanned(
            project_id=project, task_id=tasks[0], parent_task_id=None, wbs_code="1.0", name="t",
            planned_start_on=start, planned_finish_on=start + timedelta(days=int(hours)),
            planned_effort_hours=Decimal(hours), planned_cost=eur("3000"),
            earning_rule="percent_complete")
    yield p.ProgressReported(project_id=project, task_id=tasks[0], status_on=start,
                             percent_complete=Decimal("35"))


def incoming(events):
    # Every event a minute after the previous one, so each supersede has its own record time.
    return [Incoming(sequence=number, raw=b"{}", envelope=Envelope(
        id=uuid4(), source="/pmo/test", type=cloudevent_type(event.event_type), subject="t",
        time=T0 + timedelta(minutes=number), aggregatetype="t", aggregateid=str(uuid4()),
        aggregateversion=1, eventversion=event.event_version, actor="t",
        data=event.model_dump(mode="json"))) for number, event in enumerate(events, start=1)]


class FailingOn:
    """Fails applying one event (after the buffering projections took its rows), `times` times."""
    name = "failing"

    def __init__(self, event_id, times):
        self.event_id, self.left = str(event_id), times

    def apply(self, conn: Connection, envelope: Envelope, event) -> None:
        if str(envelope.id) == self.event_id and self.left > 0:
            self.left -= 1
            raise RuntimeError("poison")


class FailingFlushOf:
    """Buffers the ids of the events it sees and fails its end-of-batch flush while they include
    one event: the applier then applies the batch one event at a time and parks that one."""
    name = "failing_flush"
    slot = "tests.failing_flush"

    def __init__(self, event_id):
        self.event_id = str(event_id)

    def apply(self, conn: Connection, envelope: Envelope, event) -> None:
        conn.info.setdefault(self.slot, set()).add(str(envelope.id))

    def flush(self, conn: Connection) -> None:
        if self.event_id in conn.info.pop(self.slot, set()):
            raise RuntimeError("poison at flush")

    def discard(self, conn: Connection) -> None:
        conn.info.pop(self.slot, None)


def applied(database_kind, tmp_path, items, batch_size, extra=()):
    """Applies `items` in batches of `batch_size` into a fresh database; its rm_ rows and result."""
    applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                           projections=(*PROJECTIONS, *extra), clock=SystemClock())
    with fresh_database_url(database_kind, tmp_path) as url:
        upgrade("pmo_reporting", url)
        database = Database(url)
        try:
            results = []
            for start in range(0, len(items), batch_size):
                with database.writer.connect() as conn, conn.begin():
                    results.append(applier.apply(conn, items[start:start + batch_size]))
            return read_models(database), results
        finally:
            database.dispose()


@pytest.mark.parametrize("batch_size", [4, 1000])
def test_read_models_are_the_same_whatever_the_batch_size(database_kind, tmp_path, batch_size):
    items = incoming(history())
    one_by_one, _ = applied(database_kind, tmp_path, items, 1)

    batched, _ = applied(database_kind, tmp_path, items, batch_size)

    assert batched == one_by_one
    assert len(one_by_one["rm_progress"]) == 4
    assert sum(row[-1] == "None" for row in one_by_one["rm_progress"]) == 1


def test_a_poison_event_in_a_batch_leaves_the_read_models_of_a_clean_apply_without_it(
        database_kind, tmp_path):
    items = incoming(history())
    poison = items[9]  # a progress report: two buffering projections took its rows
    assert poison.envelope.type == "pmo.projects.progress.reported"
    clean, _ = applied(database_kind, tmp_path, [i for i in items if i is not poison], 1000)

    batched, results = applied(database_kind, tmp_path, items, 1000,
                               extra=[FailingOn(poison.envelope.id, times=1_000)])

    assert [(result.applied, result.parked) for result in results] == [(len(items) - 1, 1)]
    assert batched == clean


def test_an_event_that_fails_once_is_applied_on_retry_as_in_a_clean_apply(database_kind, tmp_path):
    items = incoming(history())
    clean, _ = applied(database_kind, tmp_path, items, 1000)

    batched, results = applied(database_kind, tmp_path, items, 1000,
                               extra=[FailingOn(items[9].envelope.id, times=1)])

    assert [(result.applied, result.parked) for result in results] == [(len(items), 0)]
    assert batched == clean


def test_an_event_whose_flush_fails_is_parked_alone_and_the_rest_equals_a_clean_apply(
        database_kind, tmp_path):
    items = incoming(history())
    poison = items[12]
    clean, _ = applied(database_kind, tmp_path, [i for i in items if i is not poison], 1000)

    batched, results = applied(database_kind, tmp_path, items, 1000,
                               extra=[FailingFlushOf(poison.envelope.id)])

    assert [(result.applied, result.parked) for result in results] == [(len(items) - 1, 1)]
    assert batched == clean
