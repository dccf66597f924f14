"""Capacity, velocity and burn-rate read models. Fact rows are bitemporal: `recorded_at` is the
record time of the event that stated them, `superseded_at` that of the event that replaced them."""
from sqlalchemy import Boolean, Column, Date, Index, Integer, String, Table, Text

from pmo_reporting.tables import QUERY_ONLY, metadata
from pmo_shared.eventstore.tables import Position
from pmo_shared.eventstore.types import UTCDateTime


def _id() -> Column:  # type: ignore[type-arg]
    return Column("id", Position, primary_key=True, autoincrement=True)


def _bitemporal() -> list[Column]:  # type: ignore[type-arg]
    return [Column("recorded_at", UTCDateTime(), nullable=False),
            Column("superseded_at", UTCDateTime())]


rm_cap_people = Table(
    "rm_cap_people", metadata, _id(),
    Column("person_id", String(36), nullable=False),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False),
    Column("team_id", String(36)),
    Column("active_from", Date),
    Column("active_until", Date),
    Column("horizon_from", Date, nullable=False),
    Column("horizon_until", Date, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_cap_people_person", rm_cap_people.c.person_id, rm_cap_people.c.superseded_at)

rm_cap_person_skills = Table(
    "rm_cap_person_skills", metadata, _id(),
    Column("person_id", String(36), nullable=False),
    Column("skill", String(64), nullable=False),
    Column("level", Integer, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_cap_person_skills_skill", rm_cap_person_skills.c.skill,
      rm_cap_person_skills.c.person_id)

# Working state the projection recomputes days from; the days themselves are the history.
rm_cap_schedules = Table(
    "rm_cap_schedules", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("effective_from", Date, primary_key=True),
    Column("hours_per_weekday", String(200), nullable=False),
)
rm_cap_calendars = Table(
    "rm_cap_calendars", metadata,
    Column("calendar_id", String(36), primary_key=True),
    Column("holidays", Text, nullable=False),
)
rm_cap_calendar_assignments = Table(
    "rm_cap_calendar_assignments", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("calendar_id", String(36), primary_key=True),
)
Index("ix_rm_cap_calendar_assignments_calendar", rm_cap_calendar_assignments.c.calendar_id)
rm_cap_time_off = Table(
    "rm_cap_time_off", metadata,
    Column("time_off_id", String(36), primary_key=True),
    Column("person_id", String(36), nullable=False, index=True),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("half_days", Text, nullable=False),
    Column("cancelled", Boolean, nullable=False),
)

rm_cap_allocations = Table(
    "rm_cap_allocations", metadata, _id(),
    Column("allocation_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36)),
    Column("person_id", String(36)),
    Column("role", String(64)),
    Column("skills", Text, nullable=False),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("hours_per_day_e4", Position),
    Column("percent_e4", Position),
    Column("status", String(16), nullable=False),
    *_bitemporal(),
)
Index("ix_rm_cap_alloc_id", rm_cap_allocations.c.allocation_id,
      rm_cap_allocations.c.superseded_at)
Index("ix_rm_cap_allocations_person", rm_cap_allocations.c.person_id)

# One row per person and day with capacity or load: the indexed aggregate behind every report.
rm_cap_days = Table(
    "rm_cap_days", metadata, _id(),
    Column("person_id", String(36), nullable=False),
    Column("day", Date, nullable=False),
    Column("week_on", Date, nullable=False),
    Column("month_on", Date, nullable=False),
    Column("capacity_e4", Position, nullable=False),
    Column("hard_e4", Position, nullable=False),
    Column("soft_e4", Position, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_cap_days_person", rm_cap_days.c.person_id, rm_cap_days.c.day,
      rm_cap_days.c.superseded_at)
Index("ix_rm_cap_days_day", rm_cap_days.c.day)

# The same per person and week or month, rolled up when days change: a 52-week report reads
# 26,000 rows for 500 people instead of 182,000 days. Clustered by its key on SQLite (WITHOUT
# ROWID), so a range of periods is one sequential read with no lookups.
rm_cap_periods = Table(
    "rm_cap_periods", metadata,
    Column("kind", String(8), primary_key=True),
    Column("period_on", Date, primary_key=True),
    Column("person_id", String(36), primary_key=True),
    Column("recorded_at", UTCDateTime(), primary_key=True),
    Column("superseded_at", UTCDateTime()),
    Column("capacity_e4", Position, nullable=False),
    Column("hard_e4", Position, nullable=False),
    Column("soft_e4", Position, nullable=False),
    Column("free_e4", Position, nullable=False),
    Column("over_days", Integer, nullable=False),
    sqlite_with_rowid=False,
)
Index("ix_rm_cap_periods_person", rm_cap_periods.c.person_id, rm_cap_periods.c.kind,
      rm_cap_periods.c.period_on)

rm_cap_timesheet_lines = Table(
    "rm_cap_timesheet_lines", metadata, _id(),
    Column("line_id", String(36), nullable=False),
    Column("person_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36)),
    Column("worked_on", Date, nullable=False),
    Column("week_on", Date, nullable=False),
    Column("month_on", Date, nullable=False),
    Column("hours_e4", Position, nullable=False),
    Column("cost_e4", Position, nullable=False),
    Column("currency", String(3), nullable=False),
    *_bitemporal(),
)
Index("ix_rm_cap_timesheet_lines_line", rm_cap_timesheet_lines.c.line_id,
      rm_cap_timesheet_lines.c.superseded_at)
Index("ix_rm_cap_timesheet_lines_person", rm_cap_timesheet_lines.c.person_id,
      rm_cap_timesheet_lines.c.worked_on, info=QUERY_ONLY)
Index("ix_rm_cap_timesheet_lines_project", rm_cap_timesheet_lines.c.project_id,
      rm_cap_timesheet_lines.c.worked_on, info=QUERY_ONLY)

rm_vel_tasks = Table(
    "rm_vel_tasks", metadata, _id(),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36), nullable=False, index=True),
    Column("planned_effort_e4", Position, nullable=False),
    *_bitemporal(),
)
rm_vel_progress = Table(
    "rm_vel_progress", metadata, _id(),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36), nullable=False),
    Column("status_on", Date, nullable=False),
    Column("percent_e4", Position, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_vel_tasks_project_id", rm_vel_tasks.c.project_id, info=QUERY_ONLY)
Index("ix_rm_vel_progress_task", rm_vel_progress.c.task_id, rm_vel_progress.c.status_on)
Index("ix_rm_vel_progress_project_id", rm_vel_progress.c.project_id, info=QUERY_ONLY)
