"""Response bodies of the risk exposure and compliance reports (Decimals go out as strings)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel

from pmo_reporting.api.presentation import FigureRead
from pmo_reporting.capacity.schemas import ReportHeader


class HeatCell(BaseModel):
    probability: Decimal
    impact: Decimal
    risks: int


class HeatMap(ReportHeader):
    stage: str
    risks_counted: int
    cells: list[HeatCell]


class Amount(BaseModel):
    """An exact sum in one currency, or null with the reason (none, or mixed currencies)."""

    amount: Decimal | None
    currency: str | None
    reason: str | None = None


class ProjectExposure(BaseModel):
    project_id: str
    portfolio_id: str | None
    open_risks: int
    emv: Amount
    contingency: Amount
    emv_to_contingency: FigureRead


class PortfolioExposure(BaseModel):
    portfolio_id: str | None
    emv: Amount
    contingency: Amount
    emv_to_contingency: FigureRead


class ExposureReport(ReportHeader):
    stage: str
    projects: list[ProjectExposure]
    portfolios: list[PortfolioExposure]


class RankedRisk(BaseModel):
    risk_id: str
    project_id: str
    title: str
    category: str
    kind: str
    status: str
    probability: Decimal
    impact: Decimal
    score: Decimal
    emv: Amount
    assessed_on: date


class TopRisks(ReportHeader):
    stage: str
    items: list[RankedRisk]
    next_cursor: str | None = None


class ScorePoint(BaseModel):
    stage: str
    assessed_on: date
    probability: Decimal
    impact: Decimal
    score: Decimal
    emv: Amount
    recorded_at: str


class ScoreHistory(ReportHeader):
    risk_id: str
    project_id: str
    points: list[ScorePoint]


class ProjectCompliance(BaseModel):
    project_id: str
    portfolio_id: str | None
    evaluated_on: date | None
    compliant: bool | None
    mandatory_items: int | None
    attested_items: int | None
    missing_item_ids: list[str]
    status: str


class ComplianceReport(ReportHeader):
    items: list[ProjectCompliance]
    next_cursor: str | None = None
