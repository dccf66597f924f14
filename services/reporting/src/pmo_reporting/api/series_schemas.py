"""Response schemas of the S-curve, burn rate and runway series."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from pmo_reporting.api.freshness import Freshness
from pmo_reporting.api.presentation import FigureRead, Presenter
from pmo_reporting.api.reportparams import ReportTime
from pmo_reporting.metrics.series import Curve, Interval, in_period


class PointRead(BaseModel):
    period_start_on: date
    period_end_on: date
    pv: Decimal
    ev: Decimal
    ac: Decimal
    pv_in_period: Decimal
    ev_in_period: Decimal
    ac_in_period: Decimal


class CurveRead(BaseModel):
    """One currency's S-curve, burn rates (mean spend per period over the burn window, full
    precision before rounding) and runway (periods the unspent BAC lasts at the actual rate)."""

    currency: str
    points: list[PointRead]
    bac: Decimal
    burn_rate_actual: FigureRead
    burn_rate_planned: FigureRead
    runway_periods: FigureRead

    @classmethod
    def fields(cls, currency: str, curve: Curve, spans: list[tuple[date, date]], *, burn_window: int,
           show: Presenter) -> dict[str, object]:
        m = show.money
        added = zip(in_period(curve.pv), in_period(curve.ev), in_period(curve.ac), strict=True)
        points = [PointRead(period_start_on=start, period_end_on=end, pv=m(pv), ev=m(ev), ac=m(ac),
                            pv_in_period=m(pv_added), ev_in_period=m(ev_added),
                            ac_in_period=m(ac_added))
                  for (start, end), pv, ev, ac, (pv_added, ev_added, ac_added)
                  in zip(spans, curve.pv, curve.ev, curve.ac, added, strict=True)]
        rates = curve.burn(last=burn_window)
        return {"currency": currency, "points": points, "bac": m(curve.bac),
                "burn_rate_actual": show.money_figure(rates.actual),
                "burn_rate_planned": show.money_figure(rates.planned),
                "runway_periods": show.ratio_figure(rates.runway_periods)}


class SeriesRead(CurveRead):
    project_id: UUID
    interval: Interval
    time: ReportTime
    burn_window_periods: int
    rounding: str
    freshness: Freshness


class CurrencySeriesRead(CurveRead):
    projects: int


class AggregateSeriesRead(BaseModel):
    """The summed series of every visible project of a program, a portfolio or of all, one per
    currency: amounts in different currencies are never added together."""

    scope: str
    scope_id: UUID | None
    interval: Interval
    time: ReportTime
    projects: int
    series: list[CurrencySeriesRead]
    burn_window_periods: int
    rounding: str
    freshness: Freshness
