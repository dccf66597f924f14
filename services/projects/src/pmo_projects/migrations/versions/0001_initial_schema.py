"""Initial schema: kernel tables and the projects list view.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

from pmo_shared.migrate import create_kernel_schema, drop_kernel_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kernel_schema()
    op.create_table('projects_view',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('portfolio_id', sa.String(length=36), nullable=True),
    sa.Column('program_id', sa.String(length=36), nullable=True),
    sa.Column('phase', sa.String(length=32), nullable=False),
    sa.Column('manager_id', sa.String(length=36), nullable=False),
    sa.Column('planned_start_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_projects_view')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_view_code'))
    )
    with op.batch_alter_table('projects_view', schema=None) as batch_op:
        batch_op.create_index('ix_projects_view_portfolio', ['portfolio_id', 'project_id'], unique=False)



def downgrade() -> None:
    op.drop_table("projects_view")
    drop_kernel_schema()
