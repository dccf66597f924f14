"""The resources database: kernel tables plus inline read tables written with the events.

Hours are stored as decimal text: SQLite has no exact decimal type and floats are not allowed."""
from sqlalchemy import Column, Date, Index, Integer, String, Table

from pmo_shared.eventstore.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)

people_view = Table(
    "people_view", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False, index=True),
    Column("team_id", String(36), index=True),
    Column("employment_type", String(32), nullable=False, server_default="employee"),
    Column("active_from", Date),
    Column("active_until", Date),
)

allocations_view = Table(
    "allocations_view", metadata,
    Column("allocation_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36)),
    Column("person_id", String(36)),
    Column("role", String(64)),
    Column("start_on", Date, nullable=False),
    Column("end_on", Date, nullable=False),
    Column("hours_per_day", String(32)),
    Column("percent_of_capacity", String(32)),
    Column("status", String(16), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_allocations_view_person_dates", "person_id", "start_on", "end_on"),
    Index("ix_allocations_view_project", "project_id", "start_on"),
)

timesheets_view = Table(
    "timesheets_view", metadata,
    Column("timesheet_id", String(36), primary_key=True),
    Column("person_id", String(36), nullable=False),
    Column("week_start_on", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("total_hours", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_timesheets_view_person_week", "person_id", "week_start_on"),
)

timesheet_projects_view = Table(
    "timesheet_projects_view", metadata,
    Column("timesheet_id", String(36), primary_key=True),
    Column("project_id", String(36), primary_key=True, index=True),
)
