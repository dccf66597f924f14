"""The reporting database: consumer bookkeeping, leases and the read models (prefixed rm_).

Facts that the PMO can see change after the fact (plans, progress, costs, status reports) are
bitemporal: `recorded_at` is the record time of the event that stated them and `superseded_at`
the record time of the later event that replaced them, so "as known at T" is a plain filter.
Money is stored as integer ten-thousandths (`*_e4`): exact sums in SQL on SQLite and PostgreSQL."""
from sqlalchemy import BigInteger, Boolean, Column, Date, Index, Numeric, String, Table

from pmo_shared.eventstore.tables import Position, kernel_tables, new_metadata
from pmo_shared.eventstore.types import UTCDateTime
from pmo_shared.messaging.tables import consumer_tables

metadata = new_metadata()
kernel = kernel_tables(metadata)
consumer = consumer_tables(metadata)
# The info of an index only queries read through: a rebuild's bulk load builds it once at the end
# (operations/replay.py), from sorted keys, instead of updating it row by row. An index that a
# projection reads or updates through while it applies events must not carry it.
QUERY_ONLY = {"query_only": True}


def _id() -> Column:  # type: ignore[type-arg]
    return Column("id", Position, primary_key=True, autoincrement=True)


def _bitemporal() -> list[Column]:  # type: ignore[type-arg]
    return [Column("recorded_at", UTCDateTime(), nullable=False),
            Column("superseded_at", UTCDateTime())]


rm_projects = Table(
    "rm_projects", metadata,
    Column("project_id", String(36), primary_key=True),
    Column("code", String(32), nullable=False),
    Column("name", String(200), nullable=False),
    Column("portfolio_id", String(36)),
    Column("program_id", String(36)),
    Column("manager_id", String(36), nullable=False),
    Column("phase", String(32), nullable=False),
    Column("planned_start_on", Date, nullable=False),
    Column("planned_finish_on", Date, nullable=False),
    Column("bac_amount", Numeric(19, 4), nullable=False),
    Column("currency", String(3), nullable=False),
    Column("chartered_at", UTCDateTime(), nullable=False),
)
Index("ix_rm_projects_portfolio", rm_projects.c.portfolio_id)
Index("ix_rm_projects_program", rm_projects.c.program_id)

# Every version of a project's charter, hierarchy and phase, bitemporal: a report as known at T
# groups projects as they were then (rm_projects is the current version).
rm_project_versions = Table(
    "rm_project_versions", metadata,
    _id(),
    *(Column(column.name, column.type, nullable=column.nullable) for column in rm_projects.columns),
    *_bitemporal(),
)
Index("ix_rm_project_versions_project", rm_project_versions.c.project_id,
      rm_project_versions.c.recorded_at)

# Bumped by every event that names a project: cached per-project figures are keyed by it.
rm_project_stamps = Table(
    "rm_project_stamps", metadata,
    Column("project_id", String(36), primary_key=True),
    Column("changes", BigInteger, nullable=False),
    Column("last_recorded_at", UTCDateTime(), nullable=False),
)

# One row per task per plan version: `plan_id` is the project id for the live plan (superseded
# by replans) or a baseline id (immutable once captured).
rm_task_plans = Table(
    "rm_task_plans", metadata,
    _id(),
    Column("plan_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36), nullable=False),
    Column("parent_task_id", String(36)),
    Column("start_on", Date, nullable=False),
    Column("finish_on", Date, nullable=False),
    Column("budget_e4", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("earning_rule", String(32), nullable=False),
    Column("effort_hours", Numeric(12, 2), nullable=False),
    *_bitemporal(),
)
Index("ix_rm_task_plans_plan", rm_task_plans.c.plan_id, rm_task_plans.c.task_id)
Index("ix_rm_task_plans_project", rm_task_plans.c.project_id, rm_task_plans.c.plan_id,
      info=QUERY_ONLY)

rm_baselines = Table(
    "rm_baselines", metadata,
    Column("baseline_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("name", String(200), nullable=False),
    Column("bac_e4", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)
Index("ix_rm_baselines_project", rm_baselines.c.project_id, rm_baselines.c.recorded_at)

rm_progress = Table(
    "rm_progress", metadata,
    _id(),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36), nullable=False),
    Column("status_on", Date, nullable=False),
    Column("percent_complete", Numeric(9, 4), nullable=False),
    *_bitemporal(),
)
Index("ix_rm_progress_task", rm_progress.c.project_id, rm_progress.c.task_id,
      rm_progress.c.status_on)
Index("ix_rm_progress_known", rm_progress.c.project_id, rm_progress.c.status_on,
      rm_progress.c.recorded_at, rm_progress.c.superseded_at, rm_progress.c.task_id,
      rm_progress.c.percent_complete, info=QUERY_ONLY)

rm_milestones = Table(
    "rm_milestones", metadata,
    _id(),
    Column("milestone_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36)),
    Column("weight", Numeric(12, 4), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("reached_on", Date),
    *_bitemporal(),
)
Index("ix_rm_milestones_project", rm_milestones.c.project_id, rm_milestones.c.milestone_id)

# Actual costs: expenses and timesheet lines, one row per version of each (`source_id`).
rm_costs = Table(
    "rm_costs", metadata,
    _id(),
    Column("source_id", String(36), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("project_id", String(36), nullable=False),
    Column("task_id", String(36)),
    Column("person_id", String(36)),
    Column("incurred_on", Date, nullable=False),
    Column("hours", Numeric(9, 2)),
    Column("amount_e4", BigInteger, nullable=False),
    Column("currency", String(3), nullable=False),
    *_bitemporal(),
)
# Covering: actual cost sums as known at T are answered from the index alone.
Index("ix_rm_costs_project", rm_costs.c.project_id, rm_costs.c.incurred_on, rm_costs.c.recorded_at,
      rm_costs.c.superseded_at, rm_costs.c.currency, rm_costs.c.amount_e4, rm_costs.c.hours,
      info=QUERY_ONLY)
Index("ix_rm_costs_source", rm_costs.c.source_id)

rm_status_reports = Table(
    "rm_status_reports", metadata,
    Column("report_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("period_end_on", Date, nullable=False),
    Column("overall", String(8), nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)
Index("ix_rm_status_reports_project", rm_status_reports.c.project_id,
      rm_status_reports.c.period_end_on)

rm_staffing_requests = Table(
    "rm_staffing_requests", metadata,
    Column("allocation_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("person_id", String(36)),
    Column("open", Boolean, nullable=False),
)

rm_risks = Table(
    "rm_risks", metadata,
    Column("risk_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("status", String(32), nullable=False, server_default="open"),
    Column("score", Numeric(12, 4)),
    Column("identified_at", UTCDateTime(), nullable=False),
)

rm_people = Table(
    "rm_people", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False),
    Column("team_id", String(36)),
)
