"""The governance database: kernel tables plus inline read tables."""
from sqlalchemy import Column, String, Table

from pmo_shared.eventstore.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)

risks_view = Table(
    "risks_view", metadata,
    Column("risk_id", String(36), primary_key=True),
    Column("project_id", String(36), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("status", String(32), nullable=False),
    Column("owner_id", String(36), nullable=False),
)
