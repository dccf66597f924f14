"""Initial schema: kernel tables and the governance views.

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
    op.create_table('change_requests_view',
    sa.Column('change_request_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('requested_by', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('change_request_id', name=op.f('pk_change_requests_view'))
    )
    op.create_table('compliance_attestations',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('standard_id', sa.String(length=36), nullable=False),
    sa.Column('standard_version', sa.Integer(), nullable=False),
    sa.Column('attested_by', sa.String(length=36), nullable=False),
    sa.Column('attested_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('evidence_url', sa.String(length=2000), nullable=False),
    sa.PrimaryKeyConstraint('project_id', 'item_id', name=op.f('pk_compliance_attestations'))
    )
    op.create_table('issues_view',
    sa.Column('issue_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('severity', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('risk_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('issue_id', name=op.f('pk_issues_view'))
    )
    op.create_table('knowledge_entries',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=True),
    sa.Column('phase', sa.String(length=64), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('updated_at', pmo_shared.eventstore.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_knowledge_entries'))
    )
    op.create_table('knowledge_tags',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('tag', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('entry_id', 'tag', name=op.f('pk_knowledge_tags'))
    )
    op.create_table('known_projects',
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('project_type', sa.String(length=64), nullable=False),
    sa.Column('portfolio_id', sa.String(length=36), nullable=True),
    sa.Column('manager_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_known_projects'))
    )
    op.create_table('risks_view',
    sa.Column('risk_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('proximity', sa.String(length=16), nullable=False),
    sa.Column('strategy', sa.String(length=16), nullable=True),
    sa.Column('inherent_score', sa.String(length=16), nullable=True),
    sa.Column('residual_score', sa.String(length=16), nullable=True),
    sa.Column('rank_micro', sa.BigInteger(), nullable=False),
    sa.Column('emv_amount', sa.String(length=32), nullable=True),
    sa.Column('emv_currency', sa.String(length=3), nullable=True),
    sa.PrimaryKeyConstraint('risk_id', name=op.f('pk_risks_view'))
    )
    op.create_table('stage_gates_view',
    sa.Column('gate_id', sa.String(length=36), nullable=False),
    sa.Column('project_id', sa.String(length=36), nullable=False),
    sa.Column('phase', sa.String(length=64), nullable=False),
    sa.Column('project_type', sa.String(length=64), nullable=False),
    sa.Column('decision', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('gate_id', name=op.f('pk_stage_gates_view'))
    )
    op.create_table('standard_items',
    sa.Column('standard_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('standard_id', 'item_id', name=op.f('pk_standard_items'))
    )
    op.create_table('standard_project_types',
    sa.Column('standard_id', sa.String(length=36), nullable=False),
    sa.Column('project_type', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('standard_id', 'project_type', name=op.f('pk_standard_project_types'))
    )
    op.create_table('standards_view',
    sa.Column('standard_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('phase', sa.String(length=64), nullable=True),
    sa.Column('retired', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('standard_id', name=op.f('pk_standards_view'))
    )
    with op.batch_alter_table('change_requests_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_requests_view_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('issues_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_issues_view_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('knowledge_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_entries_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('knowledge_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_knowledge_tags_tag'), ['tag'], unique=False)

    with op.batch_alter_table('known_projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_known_projects_portfolio_id'), ['portfolio_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_known_projects_project_type'), ['project_type'], unique=False)

    with op.batch_alter_table('risks_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risks_view_project_id'), ['project_id'], unique=False)

    with op.batch_alter_table('stage_gates_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stage_gates_view_project_id'), ['project_id'], unique=False)



def downgrade() -> None:
    op.drop_table("standards_view")
    op.drop_table("standard_project_types")
    op.drop_table("standard_items")
    op.drop_table("stage_gates_view")
    op.drop_table("risks_view")
    op.drop_table("known_projects")
    op.drop_table("knowledge_tags")
    op.drop_table("knowledge_entries")
    op.drop_table("issues_view")
    op.drop_table("compliance_attestations")
    op.drop_table("change_requests_view")
    drop_kernel_schema(consumer=True)
