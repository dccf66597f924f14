"""RiskExposureProjection: risk versions, status changes, assessments, contingency budget lines
and compliance evaluations as bitemporal facts."""
from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import Connection

from pmo_reporting.bitemporal import replace, revise
from pmo_reporting.capacity.units import to_e4, to_e8
from pmo_reporting.risk.tables import (
    rm_compliance,
    rm_contingency_lines,
    rm_risk_assessments,
    rm_risk_statuses,
    rm_risk_versions,
)
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import (
    ComplianceEvaluated,
    RiskAssessed,
    RiskIdentified,
    RiskRevised,
    RiskStatusChanged,
)
from pmo_shared.events.projects import BudgetLinePlanned

CONTINGENCY = "contingency"


class RiskExposureProjection:
    name = "risk_exposure"
    handles = (RiskIdentified, RiskRevised, RiskStatusChanged, RiskAssessed, BudgetLinePlanned,
               ComplianceEvaluated)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        at = envelope.time
        match event:
            case RiskIdentified():
                replace(conn, rm_risk_versions, {"risk_id": str(event.risk_id)}, {
                    "project_id": str(event.project_id), "title": event.title,
                    "category": event.category, "kind": event.kind}, at)
            case RiskRevised():
                revise(conn, rm_risk_versions, {"risk_id": str(event.risk_id)},
                       {"title": event.title, "category": event.category}, at)
            case RiskStatusChanged():
                replace(conn, rm_risk_statuses, {"risk_id": str(event.risk_id),
                                                 "changed_on": at.date()}, {
                    "project_id": str(event.project_id), "status": event.status}, at)
            case RiskAssessed():
                self._assessed(conn, event, at)
            case BudgetLinePlanned() if event.category.lower() == CONTINGENCY:
                replace(conn, rm_contingency_lines, {"budget_line_id": str(event.budget_line_id)}, {
                    "project_id": str(event.project_id), "amount_e4": to_e4(event.amount.amount),
                    "currency": event.amount.currency}, at)
            case ComplianceEvaluated():
                # Each evaluation is dated by its record time; a later one on the same day wins.
                replace(conn, rm_compliance, {"project_id": str(event.project_id),
                                              "evaluated_on": at.date()}, {
                    "mandatory_items": event.mandatory_items,
                    "attested_items": event.attested_items, "compliant": event.compliant,
                    "missing_item_ids": json.dumps(sorted(map(str, event.missing_item_ids)))}, at)

    def _assessed(self, conn: Connection, event: RiskAssessed, at: datetime) -> None:
        key = {"risk_id": str(event.risk_id), "stage": event.stage,
               "assessed_on": event.assessed_on}
        replace(conn, rm_risk_assessments, key, {
            "project_id": str(event.project_id), "probability_e8": to_e8(event.probability),
            "impact_e8": to_e8(event.impact), "score_e8": to_e8(event.score),
            "emv_e4": None if event.emv is None else to_e4(event.emv.amount),
            "currency": None if event.emv is None else event.emv.currency}, at)
