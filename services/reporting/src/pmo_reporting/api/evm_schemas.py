"""Response schemas of the earned value reports."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from pmo_reporting.api.freshness import Freshness
from pmo_reporting.api.presentation import FigureRead, Presenter
from pmo_reporting.api.reportparams import ReportTime
from pmo_reporting.metrics.earned_schedule import EarnedSchedule
from pmo_reporting.metrics.evm import EacMethod, Indicators


class EarnedValueRead(BaseModel):
    currency: str
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    cv: Decimal
    cv_percent: FigureRead
    sv: Decimal
    sv_percent: FigureRead
    cpi: FigureRead
    spi: FigureRead
    csi: FigureRead
    eac_method: EacMethod
    eac: FigureRead
    etc: FigureRead
    vac: FigureRead
    tcpi_bac: FigureRead
    tcpi_eac: FigureRead

    @classmethod
    def of(cls, currency: str, figures: Indicators, show: Presenter) -> EarnedValueRead:
        m, r = show.money_figure, show.ratio_figure
        return cls(
            currency=currency, bac=show.money(figures.bac), pv=show.money(figures.pv),
            ev=show.money(figures.ev), ac=show.money(figures.ac), cv=show.money(figures.cv),
            cv_percent=r(figures.cv_percent), sv=show.money(figures.sv),
            sv_percent=r(figures.sv_percent), cpi=r(figures.cpi), spi=r(figures.spi),
            csi=r(figures.csi), eac_method=figures.eac_method, eac=m(figures.eac),
            etc=m(figures.etc), vac=m(figures.vac), tcpi_bac=r(figures.tcpi_bac),
            tcpi_eac=r(figures.tcpi_eac),
        )


class EarnedScheduleRead(BaseModel):
    """In working days (Monday to Friday) from the start of the measurement baseline."""

    es: FigureRead
    at: int
    sv_t: FigureRead
    spi_t: FigureRead
    es_on: date | None

    @classmethod
    def of(cls, schedule: EarnedSchedule, show: Presenter) -> EarnedScheduleRead:
        r = show.ratio_figure
        return cls(es=r(schedule.es), at=schedule.at, sv_t=r(schedule.sv_t),
                   spi_t=r(schedule.spi_t), es_on=schedule.es_on)


class AmountRead(BaseModel):
    amount: Decimal
    currency: str


class ProjectEvmRead(BaseModel):
    project_id: UUID
    code: str
    name: str
    portfolio_id: UUID | None
    program_id: UUID | None
    baseline_id: UUID | None
    time: ReportTime
    earned_value: EarnedValueRead
    earned_schedule: EarnedScheduleRead
    actual_hours: Decimal
    unconverted: list[AmountRead]
    rounding: str
    freshness: Freshness


class CurrencyEvmRead(EarnedValueRead):
    projects: int


class AggregateEvmRead(BaseModel):
    scope: str
    scope_id: UUID | None
    time: ReportTime
    eac_method: EacMethod
    projects: int
    totals: list[CurrencyEvmRead]
    unconverted: list[AmountRead]
    earned_schedule: FigureRead
    rounding: str
    freshness: Freshness
