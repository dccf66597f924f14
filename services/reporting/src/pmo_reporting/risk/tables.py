"""Risk and compliance read models, bitemporal like every fact (recorded_at / superseded_at)."""
from sqlalchemy import Boolean, Column, Date, Index, Integer, String, Table, Text

from pmo_reporting.tables import metadata
from pmo_shared.eventstore.tables import Position
from pmo_shared.eventstore.types import UTCDateTime


def _id() -> Column:  # type: ignore[type-arg]
    return Column("id", Position, primary_key=True, autoincrement=True)


def _bitemporal() -> list[Column]:  # type: ignore[type-arg]
    return [Column("recorded_at", UTCDateTime(), nullable=False),
            Column("superseded_at", UTCDateTime())]


rm_risk_versions = Table(
    "rm_risk_versions", metadata, _id(),
    Column("risk_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False, index=True),
    Column("title", String(200), nullable=False),
    Column("category", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    *_bitemporal(),
)
Index("ix_rm_risk_versions_risk", rm_risk_versions.c.risk_id, rm_risk_versions.c.superseded_at)

# Status is bitemporal in both times: a change takes effect on the UTC date it was recorded (the
# event carries no business date), a later change on the same date supersedes it, and a risk
# with no change by the status date is open.
rm_risk_statuses = Table(
    "rm_risk_statuses", metadata, _id(),
    Column("risk_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    Column("changed_on", Date, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_risk_statuses_risk", rm_risk_statuses.c.risk_id, rm_risk_statuses.c.changed_on)

# One row per (risk, stage, assessed_on); a re-assessment on the same date supersedes it.
rm_risk_assessments = Table(
    "rm_risk_assessments", metadata, _id(),
    Column("risk_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False, index=True),
    Column("stage", String(16), nullable=False),
    Column("probability_e8", Position, nullable=False),
    Column("impact_e8", Position, nullable=False),
    Column("score_e8", Position, nullable=False),
    Column("emv_e4", Position),
    Column("currency", String(3)),
    Column("assessed_on", Date, nullable=False),
    *_bitemporal(),
)
Index("ix_rm_risk_assess_risk", rm_risk_assessments.c.risk_id, rm_risk_assessments.c.stage,
      rm_risk_assessments.c.assessed_on)

rm_contingency_lines = Table(
    "rm_contingency_lines", metadata, _id(),
    Column("budget_line_id", String(36), nullable=False),
    Column("project_id", String(36), nullable=False, index=True),
    Column("amount_e4", Position, nullable=False),
    Column("currency", String(3), nullable=False),
    *_bitemporal(),
)

Index("ix_rm_contingency_line", rm_contingency_lines.c.budget_line_id)

rm_compliance = Table(
    "rm_compliance", metadata, _id(),
    Column("project_id", String(36), nullable=False, index=True),
    Column("evaluated_on", Date, nullable=False),
    Column("mandatory_items", Integer, nullable=False),
    Column("attested_items", Integer, nullable=False),
    Column("missing_item_ids", Text, nullable=False),
    Column("compliant", Boolean, nullable=False),
    *_bitemporal(),
)
