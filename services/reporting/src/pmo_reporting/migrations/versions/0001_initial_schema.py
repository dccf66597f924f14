"""Initial schema: kernel and consumer tables, slice read models.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

import pmo_shared.eventstore.types
from pmo_shared.migrate import create_kernel_schema, drop_kernel_schema

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_kernel_schema(consumer=True)
    op.create_table('rm_people',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_rm_people'))
    )
    op.create_table('rm_projects',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('portfolio_id', sa.String(length=36), nullable=True),
    sa.Column('program_id', sa.String(length=36), nullable=True),
    sa.Column('manager_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=32), nullable=False),
    sa.Column('planned_start_on', sa.Date(), nullable=False),
    sa.Column('planned_finish_on', sa.Date(), nullable=False),
    sa.Column('bac_amount', sa.Numeric(precision=19, scale=4), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('chartered_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_rm_projects'))
    )
    op.create_table('rm_risks',
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('identified_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('risk_id', name=op.f('pk_rm_risks'))
    )
    with op.batch_alter_table('rm_projects', schema=None) as batch_op:
        batch_op.create_index('ix_rm_projects_portfolio', ['portfolio_id'], unique=False)

    with op.batch_alter_table('rm_risks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_risks_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    op.drop_table("rm_risks")
    op.drop_table("rm_projects")
    op.drop_table("rm_people")
    drop_kernel_schema(consumer=True)
