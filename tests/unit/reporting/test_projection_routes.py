"""A projection that names the events it `handles` is called for nothing else, so the list must
hold every event it acts on: each one it does not name must leave it untouched."""
from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer
from pmo_shared.envelope import Envelope
from pmo_shared.events import catalogue
from pmo_shared.events.projects import ProgressReported
from pmo_shared.events.resources import TimesheetLineRecorded
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier, Projection

ROUTED = [projection for projection in PROJECTIONS if hasattr(projection, "handles")]
ENVELOPE = Envelope(id=uuid4(), source="/pmo/test", type="pmo.test.thing.happened", subject="s",
                    time=datetime(2027, 1, 4, tzinfo=UTC), aggregatetype="thing",
                    aggregateid="a-1", aggregateversion=1, eventversion=1, actor="ada", data={})


class Untouchable:
    """A connection that fails the test the moment a projection uses it."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the connection's {name!r} was used")


@pytest.mark.parametrize("projection", ROUTED, ids=lambda projection: projection.name)
def test_every_event_a_projection_does_not_name_leaves_it_untouched(projection: Projection) -> None:
    handles = projection.handles  # type: ignore[attr-defined]
    ignored = [cls for cls in catalogue if not issubclass(cls, handles)]

    for cls in ignored:
        projection.apply(Untouchable(), ENVELOPE, cls.model_construct())  # type: ignore[arg-type]

    assert len(ignored) < len(catalogue)


def test_the_applier_calls_only_the_projections_that_handle_an_event() -> None:
    applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                           projections=PROJECTIONS, clock=SystemClock())

    timesheet = {projection.name for projection in applier._route(TimesheetLineRecorded)}
    progress = {projection.name for projection in applier._route(ProgressReported)}

    assert timesheet == {"costs", "actuals", "project_stamps"}
    assert progress == {"progress", "velocity", "project_stamps"}
