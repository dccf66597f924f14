"""Initial schema: kernel tables and the resources views.

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
    op.create_table('allocations_view',
    sa.Column('allocation_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=64), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('hours_per_day', sa.String(length=32), nullable=True),
    sa.Column('percent_of_capacity', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('allocation_id', name=op.f('pk_allocations_view'))
    )
    op.create_table('people_view',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('employment_type', sa.String(length=32), server_default='employee', nullable=False),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_until', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_people_view'))
    )
    op.create_table('timesheet_projects_view',
    sa.Column('timesheet_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('timesheet_id', 'project_id', name=op.f('pk_timesheet_projects_view'))
    )
    op.create_table('timesheets_view',
    sa.Column('timesheet_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('week_start_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('total_hours', sa.String(length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('timesheet_id', name=op.f('pk_timesheets_view'))
    )
    with op.batch_alter_table('allocations_view', schema=None) as batch_op:
        batch_op.create_index('ix_allocations_view_person_dates', ['person_id', 'start_on', 'end_on'], unique=False)
        batch_op.create_index('ix_allocations_view_project', ['project_id', 'start_on'], unique=False)

    with op.batch_alter_table('people_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_view_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_view_team_id'), ['team_id'], unique=False)

    with op.batch_alter_table('timesheet_projects_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_timesheet_projects_view_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('timesheets_view', schema=None) as batch_op:
        batch_op.create_index('ix_timesheets_view_person_week', ['person_id', 'week_start_on'], unique=False)



def downgrade() -> None:
    op.drop_table("timesheets_view")
    op.drop_table("timesheet_projects_view")
    op.drop_table("people_view")
    op.drop_table("allocations_view")
    drop_kernel_schema()
