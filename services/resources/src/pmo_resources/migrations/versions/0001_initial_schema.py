"""Initial schema: kernel tables and the resources slice views.

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
    op.create_table('people_view',
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=64), nullable=False),
    sa.Column('team_id', sa.String(length=36), nullable=True),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_people_view'))
    )
    with op.batch_alter_table('people_view', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_view_role'), ['role'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_view_team_id'), ['team_id'], unique=False)



def downgrade() -> None:
    op.drop_table("people_view")
    drop_kernel_schema()
