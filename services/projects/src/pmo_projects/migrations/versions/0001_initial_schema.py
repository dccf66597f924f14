"""Initial schema: kernel tables and the projects views.

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
    op.create_table('audit_log',
    sa.Column('position', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('aggregate_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('position', name=op.f('pk_audit_log'))
    )
    op.create_table('baselines',
    sa.Column('baseline_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('baseline_id', name=op.f('pk_baselines'))
    )
    op.create_table('expenses',
    sa.Column('expense_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('spent_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.String(length=40), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('description', sa.String(length=500), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('expense_id', name=op.f('pk_expenses'))
    )
    op.create_table('gate_decisions',
    sa.Column('gate_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=32), nullable=False),
    sa.Column('decision', sa.String(length=32), nullable=True),
    sa.Column('gate_version', sa.Integer(), nullable=False),
    sa.Column('defined_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('gate_id', name=op.f('pk_gate_decisions'))
    )
    op.create_table('milestones',
    sa.Column('milestone_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('weight', sa.String(length=40), nullable=False),
    sa.Column('reached_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('milestone_id', name=op.f('pk_milestones'))
    )
    op.create_table('portfolios_view',
    sa.Column('portfolio_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.PrimaryKeyConstraint('portfolio_id', name=op.f('pk_portfolios_view'))
    )
    op.create_table('programs_view',
    sa.Column('program_id', sa.String(length=36), nullable=False),
    sa.Column('portfolio_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('program_id', name=op.f('pk_programs_view'))
    )
    op.create_table('projects_view',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('portfolio_id', sa.String(length=36), nullable=True),
    sa.Column('program_id', sa.String(length=36), nullable=True),
    sa.Column('phase', sa.String(length=32), nullable=False),
    sa.Column('manager_id', sa.String(length=36), nullable=False),
    sa.Column('planned_start_on', sa.Date(), nullable=False),
    sa.Column('planned_finish_on', sa.Date(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('overall_status', sa.String(length=8), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_projects_view')),
    sa.UniqueConstraint('code', name=op.f('uq_projects_view_code'))
    )
    op.create_table('status_reports',
    sa.Column('report_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('period_end_on', sa.Date(), nullable=False),
    sa.Column('schedule', sa.String(length=8), nullable=False),
    sa.Column('cost', sa.String(length=8), nullable=False),
    sa.Column('scope', sa.String(length=8), nullable=False),
    sa.Column('overall', sa.String(length=8), nullable=False),
    sa.Column('comment', sa.String(length=4000), nullable=False),
    sa.PrimaryKeyConstraint('report_id', name=op.f('pk_status_reports')),
    sa.UniqueConstraint('project_id', 'period_end_on', name='uq_status_reports_period')
    )
    op.create_table('task_dependencies',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('predecessor_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('lag_days', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('task_id', 'predecessor_id', name=op.f('pk_task_dependencies'))
    )
    op.create_table('tasks',
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('parent_task_id', sa.String(length=36), nullable=True),
    sa.Column('wbs_code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('planned_start_on', sa.Date(), nullable=False),
    sa.Column('planned_finish_on', sa.Date(), nullable=False),
    sa.Column('planned_effort_hours', sa.String(length=40), nullable=False),
    sa.Column('planned_cost', sa.String(length=40), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('earning_rule', sa.String(length=32), nullable=False),
    sa.Column('percent_complete', sa.String(length=40), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('doc', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('task_id', name=op.f('pk_tasks')),
    sa.UniqueConstraint('project_id', 'wbs_code', name='uq_tasks_project_wbs')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_log_project', ['project_id', 'position'], unique=False)

    with op.batch_alter_table('baselines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_baselines_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('expenses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expenses_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('gate_decisions', schema=None) as batch_op:
        batch_op.create_index('ix_gate_decisions_project', ['project_id', 'phase'], unique=False)

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('programs_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programs_view_portfolio_id'), ['portfolio_id'], unique=False)

    with op.batch_alter_table('projects_view', schema=None) as batch_op:
        batch_op.create_index('ix_projects_view_portfolio', ['portfolio_id', 'code'], unique=False)
        batch_op.create_index('ix_projects_view_program', ['program_id', 'code'], unique=False)

    with op.batch_alter_table('task_dependencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_task_dependencies_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    op.drop_table("tasks")
    op.drop_table("task_dependencies")
    op.drop_table("status_reports")
    op.drop_table("projects_view")
    op.drop_table("programs_view")
    op.drop_table("portfolios_view")
    op.drop_table("milestones")
    op.drop_table("gate_decisions")
    op.drop_table("expenses")
    op.drop_table("baselines")
    op.drop_table("audit_log")
    drop_kernel_schema(consumer=True)
