"""The projects database: kernel tables plus inline read tables written in the command's transaction.

Amounts, hours and percentages are stored as text: SQLite has no exact decimal type, and the
inline tables are only ever read back into Decimal, never summed in SQL."""
from sqlalchemy import Column, Date, Index, Integer, String, Table, Text, UniqueConstraint

from pmo_shared.eventstore.tables import Position, kernel_tables, new_metadata
from pmo_shared.eventstore.types import UTCDateTime
from pmo_shared.messaging.tables import consumer_tables

metadata = new_metadata()
kernel = kernel_tables(metadata)
consumer = consumer_tables(metadata)
DecimalText = String(40)

portfolios_view = Table(
    "portfolios_view", metadata,
    Column("portfolio_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("currency", String(3), nullable=False),
)

programs_view = Table(
    "programs_view", metadata,
    Column("program_id", String(36), primary_key=True),
    Column("portfolio_id", String(36), nullable=False, index=True),
    Column("name", String(200), nullable=False),
)

projects_view = Table(
    "projects_view", metadata,
    Column("project_id", String(36), primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("portfolio_id", String(36)),
    Column("program_id", String(36)),
    Column("phase", String(32), nullable=False),
    Column("manager_id", String(36), nullable=False),
    Column("planned_start_on", Date, nullable=False),
    Column("planned_finish_on", Date, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("overall_status", String(8)),
    Column("version", Integer, nullable=False),
)
Index("ix_projects_view_portfolio", projects_view.c.portfolio_id, projects_view.c.code)
Index("ix_projects_view_program", projects_view.c.program_id, projects_view.c.code)

tasks = Table(
    "tasks", metadata,
    Column("task_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("parent_task_id", String(36)),
    Column("wbs_code", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("planned_start_on", Date, nullable=False),
    Column("planned_finish_on", Date, nullable=False),
    Column("planned_effort_hours", DecimalText, nullable=False),
    Column("planned_cost", DecimalText, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("earning_rule", String(32), nullable=False),
    Column("percent_complete", DecimalText, nullable=False),
    Column("status_on", Date),
    Column("version", Integer, nullable=False),
    Column("doc", Text, nullable=False),
    UniqueConstraint("project_id", "wbs_code", name="uq_tasks_project_wbs"),
)

task_dependencies = Table(
    "task_dependencies", metadata,
    Column("task_id", String(36), primary_key=True),
    Column("predecessor_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("kind", String(24), nullable=False),
    Column("lag_days", Integer, nullable=False),
)

milestones = Table(
    "milestones", metadata,
    Column("milestone_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("task_id", String(36)),
    Column("weight", DecimalText, nullable=False),
    Column("reached_on", Date),
    Column("version", Integer, nullable=False),
)

expenses = Table(
    "expenses", metadata,
    Column("expense_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("spent_on", Date, nullable=False),
    Column("amount", DecimalText, nullable=False),
    Column("currency", String(3), nullable=False),
    Column("category", String(64), nullable=False),
    Column("task_id", String(36)),
    Column("description", String(500), nullable=False),
    Column("version", Integer, nullable=False),
)

status_reports = Table(
    "status_reports", metadata,
    Column("report_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("period_end_on", Date, nullable=False),
    Column("schedule", String(8), nullable=False),
    Column("cost", String(8), nullable=False),
    Column("scope", String(8), nullable=False),
    Column("overall", String(8), nullable=False),
    Column("comment", String(4000), nullable=False),
    UniqueConstraint("project_id", "period_end_on", name="uq_status_reports_period"),
)

baselines = Table(
    "baselines", metadata,
    Column("baseline_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("name", String(200), nullable=False),
)

# One row per event of a project's aggregates, so the audit trail is one indexed range scan.
audit_log = Table(
    "audit_log", metadata,
    Column("position", Position, primary_key=True, autoincrement=True),
    Column("project_id", String(36), nullable=False),
    Column("aggregate_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("recorded_at", UTCDateTime(), nullable=False),
)
Index("ix_audit_log_project", audit_log.c.project_id, audit_log.c.position)

# Local copy of governance's stage gates, fed by its events (no synchronous call).
gate_decisions = Table(
    "gate_decisions", metadata,
    Column("gate_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False),
    Column("phase", String(32), nullable=False),
    Column("decision", String(32)),
    Column("gate_version", Integer, nullable=False),
    Column("defined_at", UTCDateTime(), nullable=False),
    Column("decided_at", UTCDateTime()),
)
Index("ix_gate_decisions_project", gate_decisions.c.project_id, gate_decisions.c.phase)
