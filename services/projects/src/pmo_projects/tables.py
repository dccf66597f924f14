"""The projects database: kernel tables plus inline read tables written in the command's transaction."""
from sqlalchemy import Column, Date, Index, String, Table

from pmo_shared.eventstore.tables import kernel_tables, new_metadata

metadata = new_metadata()
kernel = kernel_tables(metadata)

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
)
Index("ix_projects_view_portfolio", projects_view.c.portfolio_id, projects_view.c.project_id)
