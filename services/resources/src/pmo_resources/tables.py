"""The resources database: kernel tables plus inline read tables."""
from sqlalchemy import Column, String, Table

from pmo_shared.eventstore.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)

people_view = Table(
    "people_view", metadata,
    Column("person_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(64), nullable=False, index=True),
    Column("team_id", String(36), index=True),
)
