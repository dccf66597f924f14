"""The governance database: kernel tables, inline read tables written with each command, and the
local copy of projects fed by the projects service's events."""
from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, Integer, String, Table, Text

from pmo_shared.eventstore.tables import kernel_tables, new_metadata
from pmo_shared.eventstore.types import UTCDateTime
from pmo_shared.messaging.tables import consumer_tables

metadata = new_metadata()
kernel = kernel_tables(metadata)
consumer = consumer_tables(metadata)


def _id(name: str, **kwargs: Any) -> Column[str]:
    """A UUID as its canonical text: the same on every database."""
    return Column(name, String(36), **kwargs)


risks_view = Table(
    "risks_view", metadata,
    _id("risk_id", primary_key=True),
    _id("project_id", nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("status", String(32), nullable=False),
    _id("owner_id", nullable=False),
    Column("proximity", String(16), nullable=False),
    Column("strategy", String(16)),
    Column("inherent_score", String(16)),
    Column("residual_score", String(16)),
    # Current score x 10^6 as an integer: exact ranking on every database, no binary fractions.
    Column("rank_micro", BigInteger, nullable=False),
    Column("emv_amount", String(32)),
    Column("emv_currency", String(3)),
)

issues_view = Table(
    "issues_view", metadata,
    _id("issue_id", primary_key=True),
    _id("project_id", nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("severity", String(16), nullable=False),
    Column("status", String(16), nullable=False),
    _id("owner_id", nullable=False),
    Column("due_on", Date),
    _id("risk_id"),
)

change_requests_view = Table(
    "change_requests_view", metadata,
    _id("change_request_id", primary_key=True),
    _id("project_id", nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("status", String(16), nullable=False),
    _id("requested_by", nullable=False),
)

stage_gates_view = Table(
    "stage_gates_view", metadata,
    _id("gate_id", primary_key=True),
    _id("project_id", nullable=False, index=True),
    Column("phase", String(64), nullable=False),
    Column("project_type", String(64), nullable=False),
    Column("decision", String(32)),
)

standards_view = Table(
    "standards_view", metadata,
    _id("standard_id", primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("title", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("phase", String(64)),
    Column("retired", Boolean, nullable=False),
)

standard_project_types = Table(
    "standard_project_types", metadata,
    _id("standard_id", primary_key=True),
    Column("project_type", String(64), primary_key=True),
)

standard_items = Table(
    "standard_items", metadata,
    _id("standard_id", primary_key=True),
    _id("item_id", primary_key=True),
    Column("position", Integer, nullable=False),
    Column("text", String(500), nullable=False),
)

compliance_attestations = Table(
    "compliance_attestations", metadata,
    _id("project_id", primary_key=True),
    _id("item_id", primary_key=True),
    _id("standard_id", nullable=False),
    Column("standard_version", Integer, nullable=False),
    _id("attested_by", nullable=False),
    Column("attested_at", UTCDateTime(), nullable=False),
    Column("evidence_url", String(2000), nullable=False),
)

known_projects = Table(
    "known_projects", metadata,
    _id("project_id", primary_key=True),
    Column("code", String(64), nullable=False),
    Column("name", String(200), nullable=False),
    Column("project_type", String(64), nullable=False, index=True),
    _id("portfolio_id", index=True),
    _id("manager_id"),
)

knowledge_entries = Table(
    "knowledge_entries", metadata,
    _id("entry_id", primary_key=True),
    Column("kind", String(16), nullable=False),
    _id("project_id", index=True),
    Column("phase", String(64)),
    Column("title", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    # Lower-cased title and text: LIKE search behaves the same on SQLite and PostgreSQL.
    Column("search_text", Text, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

knowledge_tags = Table(
    "knowledge_tags", metadata,
    _id("entry_id", primary_key=True),
    Column("tag", String(64), primary_key=True, index=True),
)
