"""Initial schema: kernel tables and the governance slice views.

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
    op.create_table('risks_view',
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('risk_id', name=op.f('pk_risks_view'))
    )
    with op.batch_alter_table('risks_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risks_view_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    op.drop_table("risks_view")
    drop_kernel_schema()
