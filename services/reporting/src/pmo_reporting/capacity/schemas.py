"""Response bodies of the capacity, velocity and burn-rate reports (Decimals go out as strings)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel

from pmo_reporting.api.freshness import Freshness
from pmo_reporting.api.presentation import FigureRead


class ReportHeader(BaseModel):
    as_of: date
    as_known_at: datetime
    rounding: str
    freshness: Freshness


class CapacityPeriod(BaseModel):
    period_on: date
    capacity_hours: Decimal
    hard_allocated_hours: Decimal
    soft_allocated_hours: Decimal
    allocated_hours: Decimal
    availability_hours: Decimal
    unfilled_request_hours: Decimal
    actual_hours: Decimal
    forecast_utilization: FigureRead
    actual_utilization: FigureRead
    over_allocated_days: int


class CapacityGroup(BaseModel):
    key: str
    periods: list[CapacityPeriod]


class CapacityReport(ReportHeader):
    group_by: str
    period: str
    from_on: date
    to_on: date
    items: list[CapacityGroup]
    next_cursor: str | None = None


class OverAllocatedDay(BaseModel):
    day: date
    capacity_hours: Decimal
    allocated_hours: Decimal
    excess_hours: Decimal


class OverAllocatedPerson(BaseModel):
    person_id: str
    days: list[OverAllocatedDay]


class OverAllocationReport(ReportHeader):
    items: list[OverAllocatedPerson]
    next_cursor: str | None = None


class UnfilledRequest(BaseModel):
    allocation_id: str
    project_id: str
    role: str | None
    skills: list[dict[str, str | int]]
    start_on: date
    end_on: date
    status: str
    requested_hours: Decimal


class UnfilledRequestReport(ReportHeader):
    from_on: date
    to_on: date
    items: list[UnfilledRequest]
    next_cursor: str | None = None


class Shortage(BaseModel):
    skill: str
    min_level: int
    period_on: date
    demand_hours: Decimal
    available_hours: Decimal
    shortage_hours: Decimal


class ShortageReport(ReportHeader):
    period: str
    from_on: date
    to_on: date
    items: list[Shortage]


class VelocityPeriod(BaseModel):
    period_on: date
    completed_effort_hours: Decimal
    closed: bool


class VelocityReport(ReportHeader):
    unit: str
    period: str
    last_n: int
    periods: list[VelocityPeriod]
    mean_of_last_closed: FigureRead
    periods_in_mean: int


class BurnPeriod(BaseModel):
    period_on: date
    hours: Decimal
    cost: Decimal


class BurnSeries(BaseModel):
    key: str
    currency: str
    total_hours: Decimal
    total_cost: Decimal
    mean_cost_per_period: Decimal
    periods: list[BurnPeriod]


class BurnRateReport(ReportHeader):
    group_by: str
    period: str
    from_on: date
    to_on: date
    items: list[BurnSeries]
    next_cursor: str | None = None
