"""Reporting read models

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
    op.create_table('reporting_active_database',
    sa.Column('slot', sa.Integer(), nullable=False),
    sa.Column('database', sa.String(length=1000), nullable=False),
    sa.Column('switched_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('slot', name=op.f('pk_reporting_active_database'))
    )
    op.create_table('rm_baselines',
    sa.Column('baseline_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('bac_e4', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('baseline_id', name=op.f('pk_rm_baselines'))
    )
    op.create_table('rm_cap_allocations',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('allocation_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=64), nullable=True),
    sa.Column('skills', sa.Text(), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('hours_per_day_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('percent_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_cap_allocations'))
    )
    op.create_table('rm_cap_calendar_assignments',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('calendar_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('person_id', 'calendar_id', name=op.f('pk_rm_cap_calendar_assignments'))
    )
    op.create_table('rm_cap_calendars',
    sa.Column('calendar_id', sa.String(length=36), nullable=False),
    sa.Column('holidays', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('calendar_id', name=op.f('pk_rm_cap_calendars'))
    )
    op.create_table('rm_cap_days',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('week_on', sa.Date(), nullable=False),
    sa.Column('month_on', sa.Date(), nullable=False),
    sa.Column('capacity_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('hard_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('soft_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_cap_days'))
    )
    op.create_table('rm_cap_people',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_until', sa.Date(), nullable=True),
    sa.Column('horizon_from', sa.Date(), nullable=False),
    sa.Column('horizon_until', sa.Date(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_cap_people'))
    )
    op.create_table('rm_cap_periods',
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('period_on', sa.Date(), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('capacity_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('hard_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('soft_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('free_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('over_days', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('kind', 'period_on', 'person_id', 'recorded_at', name=op.f('pk_rm_cap_periods')),
    sqlite_with_rowid=False
    )
    op.create_table('rm_cap_person_skills',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('skill', sa.String(length=64), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_cap_person_skills'))
    )
    op.create_table('rm_cap_schedules',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('hours_per_weekday', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('person_id', 'effective_from', name=op.f('pk_rm_cap_schedules'))
    )
    op.create_table('rm_cap_time_off',
    sa.Column('time_off_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=False),
    sa.Column('half_days', sa.Text(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('time_off_id', name=op.f('pk_rm_cap_time_off'))
    )
    op.create_table('rm_cap_timesheet_lines',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('line_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('worked_on', sa.Date(), nullable=False),
    sa.Column('week_on', sa.Date(), nullable=False),
    sa.Column('month_on', sa.Date(), nullable=False),
    sa.Column('hours_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('cost_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_cap_timesheet_lines'))
    )
    op.create_table('rm_compliance',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('evaluated_on', sa.Date(), nullable=False),
    sa.Column('mandatory_items', sa.Integer(), nullable=False),
    sa.Column('attested_items', sa.Integer(), nullable=False),
    sa.Column('missing_item_ids', sa.Text(), nullable=False),
    sa.Column('compliant', sa.Boolean(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_compliance'))
    )
    op.create_table('rm_contingency_lines',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('budget_line_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('amount_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_contingency_lines'))
    )
    op.create_table('rm_costs',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('source_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('incurred_on', sa.Date(), nullable=False),
    sa.Column('hours', sa.Numeric(precision=9, scale=2), nullable=True),
    sa.Column('amount_e4', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_costs'))
    )
    op.create_table('rm_milestones',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('milestone_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=True),
    sa.Column('weight', sa.Numeric(precision=12, scale=4), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('reached_on', sa.Date(), nullable=True),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_milestones'))
    )
    op.create_table('rm_people',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_rm_people'))
    )
    op.create_table('rm_progress',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=False),
    sa.Column('percent_complete', sa.Numeric(precision=9, scale=4), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_progress'))
    )
    op.create_table('rm_project_stamps',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('changes', sa.BigInteger(), nullable=False),
    sa.Column('last_recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_rm_project_stamps'))
    )
    op.create_table('rm_project_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
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
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_project_versions'))
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
    op.create_table('rm_risk_assessments',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.String(length=16), nullable=False),
    sa.Column('probability_e8', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('impact_e8', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('score_e8', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('emv_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('currency', sa.String(length=3), nullable=True),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_risk_assessments'))
    )
    op.create_table('rm_risk_statuses',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_risk_statuses'))
    )
    op.create_table('rm_risk_versions',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_risk_versions'))
    )
    op.create_table('rm_risks',
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=32), server_default='open', nullable=False),
    sa.Column('score', sa.Numeric(precision=12, scale=4), nullable=True),
    sa.Column('identified_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('risk_id', name=op.f('pk_rm_risks'))
    )
    op.create_table('rm_staffing_requests',
    sa.Column('allocation_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('open', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('allocation_id', name=op.f('pk_rm_staffing_requests'))
    )
    op.create_table('rm_status_reports',
    sa.Column('report_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('period_end_on', sa.Date(), nullable=False),
    sa.Column('overall', sa.String(length=8), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('report_id', name=op.f('pk_rm_status_reports'))
    )
    op.create_table('rm_task_plans',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('parent_task_id', sa.String(length=36), nullable=True),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('finish_on', sa.Date(), nullable=False),
    sa.Column('budget_e4', sa.BigInteger(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('earning_rule', sa.String(length=32), nullable=False),
    sa.Column('effort_hours', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_task_plans'))
    )
    op.create_table('rm_vel_progress',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('status_on', sa.Date(), nullable=False),
    sa.Column('percent_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_vel_progress'))
    )
    op.create_table('rm_vel_tasks',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('task_id', sa.String(length=36), nullable=False),
    sa.Column('planned_effort_e4', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('recorded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('superseded_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rm_vel_tasks'))
    )
    with op.batch_alter_table('rm_baselines', schema=None) as batch_op:
        batch_op.create_index('ix_rm_baselines_project', ['project_id', 'recorded_at'], unique=False)

    with op.batch_alter_table('rm_cap_allocations', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_alloc_id', ['allocation_id', 'superseded_at'], unique=False)
        batch_op.create_index('ix_rm_cap_allocations_person', ['person_id'], unique=False)

    with op.batch_alter_table('rm_cap_calendar_assignments', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_calendar_assignments_calendar', ['calendar_id'], unique=False)

    with op.batch_alter_table('rm_cap_days', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_days_day', ['day'], unique=False)
        batch_op.create_index('ix_rm_cap_days_person', ['person_id', 'day', 'superseded_at'], unique=False)

    with op.batch_alter_table('rm_cap_people', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_people_person', ['person_id', 'superseded_at'], unique=False)

    with op.batch_alter_table('rm_cap_periods', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_periods_person', ['person_id', 'kind', 'period_on'], unique=False)

    with op.batch_alter_table('rm_cap_person_skills', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_person_skills_skill', ['skill', 'person_id'], unique=False)

    with op.batch_alter_table('rm_cap_time_off', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_cap_time_off_person_id'), ['person_id'], unique=False)

    with op.batch_alter_table('rm_cap_timesheet_lines', schema=None) as batch_op:
        batch_op.create_index('ix_rm_cap_timesheet_lines_line', ['line_id', 'superseded_at'], unique=False)
        batch_op.create_index('ix_rm_cap_timesheet_lines_person', ['person_id', 'worked_on'], unique=False)
        batch_op.create_index('ix_rm_cap_timesheet_lines_project', ['project_id', 'worked_on'], unique=False)

    with op.batch_alter_table('rm_compliance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_compliance_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('rm_contingency_lines', schema=None) as batch_op:
        batch_op.create_index('ix_rm_contingency_line', ['budget_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rm_contingency_lines_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('rm_costs', schema=None) as batch_op:
        batch_op.create_index('ix_rm_costs_project', ['project_id', 'incurred_on', 'recorded_at', 'superseded_at', 'currency', 'amount_e4', 'hours'], unique=False)
        batch_op.create_index('ix_rm_costs_source', ['source_id'], unique=False)

    with op.batch_alter_table('rm_milestones', schema=None) as batch_op:
        batch_op.create_index('ix_rm_milestones_project', ['project_id', 'milestone_id'], unique=False)

    with op.batch_alter_table('rm_progress', schema=None) as batch_op:
        batch_op.create_index('ix_rm_progress_known', ['project_id', 'status_on', 'recorded_at', 'superseded_at', 'task_id', 'percent_complete'], unique=False)
        batch_op.create_index('ix_rm_progress_task', ['project_id', 'task_id', 'status_on'], unique=False)

    with op.batch_alter_table('rm_project_versions', schema=None) as batch_op:
        batch_op.create_index('ix_rm_project_versions_project', ['project_id', 'recorded_at'], unique=False)

    with op.batch_alter_table('rm_projects', schema=None) as batch_op:
        batch_op.create_index('ix_rm_projects_portfolio', ['portfolio_id'], unique=False)
        batch_op.create_index('ix_rm_projects_program', ['program_id'], unique=False)

    with op.batch_alter_table('rm_risk_assessments', schema=None) as batch_op:
        batch_op.create_index('ix_rm_risk_assess_risk', ['risk_id', 'stage', 'assessed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_rm_risk_assessments_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('rm_risk_statuses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_risk_statuses_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_rm_risk_statuses_risk', ['risk_id', 'changed_on'], unique=False)

    with op.batch_alter_table('rm_risk_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_risk_versions_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_rm_risk_versions_risk', ['risk_id', 'superseded_at'], unique=False)

    with op.batch_alter_table('rm_risks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_risks_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('rm_staffing_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_staffing_requests_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('rm_status_reports', schema=None) as batch_op:
        batch_op.create_index('ix_rm_status_reports_project', ['project_id', 'period_end_on'], unique=False)

    with op.batch_alter_table('rm_task_plans', schema=None) as batch_op:
        batch_op.create_index('ix_rm_task_plans_plan', ['plan_id', 'task_id'], unique=False)
        batch_op.create_index('ix_rm_task_plans_project', ['project_id', 'plan_id'], unique=False)

    with op.batch_alter_table('rm_vel_progress', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_vel_progress_project_id'), ['project_id'], unique=False)
        batch_op.create_index('ix_rm_vel_progress_task', ['task_id', 'status_on'], unique=False)

    with op.batch_alter_table('rm_vel_tasks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rm_vel_tasks_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_rm_vel_tasks_task_id'), ['task_id'], unique=False)



def downgrade() -> None:
    op.drop_table("rm_vel_tasks")
    op.drop_table("rm_vel_progress")
    op.drop_table("rm_task_plans")
    op.drop_table("rm_status_reports")
    op.drop_table("rm_staffing_requests")
    op.drop_table("rm_risks")
    op.drop_table("rm_risk_versions")
    op.drop_table("rm_risk_statuses")
    op.drop_table("rm_risk_assessments")
    op.drop_table("rm_projects")
    op.drop_table("rm_project_versions")
    op.drop_table("rm_project_stamps")
    op.drop_table("rm_progress")
    op.drop_table("rm_people")
    op.drop_table("rm_milestones")
    op.drop_table("rm_costs")
    op.drop_table("rm_contingency_lines")
    op.drop_table("rm_compliance")
    op.drop_table("rm_cap_timesheet_lines")
    op.drop_table("rm_cap_time_off")
    op.drop_table("rm_cap_schedules")
    op.drop_table("rm_cap_person_skills")
    op.drop_table("rm_cap_periods")
    op.drop_table("rm_cap_people")
    op.drop_table("rm_cap_days")
    op.drop_table("rm_cap_calendars")
    op.drop_table("rm_cap_calendar_assignments")
    op.drop_table("rm_cap_allocations")
    op.drop_table("rm_baselines")
    op.drop_table("reporting_active_database")
    drop_kernel_schema(consumer=True)
