"""The reporting database: consumer bookkeeping, leases and the read models (prefixed rm_)."""
from sqlalchemy import Column, Date, Index, Numeric, String, Table

from pmo_shared.eventstore.tables import kernel_tables, new_metadata
from pmo_shared.eventstore.types import UTCDateTime
from pmo_shared.messaging.tables import consumer_tables

metadata = new_metadata()
kernel = kernel_tables(metadata)
consumer = consumer_tables(metadata)

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

rm_risks = Table(
    "rm_risks", metadata,
    Column("risk_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("identified_at", UTCDateTime(), nullable=False),
)

rm_people = Table(
    "rm_people", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False),
    Column("team_id", String(36)),
)
