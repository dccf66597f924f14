"""The one table saying who may call each route of the four apps (keys as `endpoints.Endpoint.key`):
a served route missing from ACCESS fails the matrix, so new endpoints are covered by design."""
from __future__ import annotations

from dataclasses import dataclass

# Access kinds. A project-scoped kind follows the object's project (from the path or the object).
PUBLIC = "public"                  # health and metrics: no token needed
SIGNED_IN = "signed_in"            # any valid token; lists filter to what the caller may see
ADMIN = "admin"                    # pmo_admin only
INSPECT = "inspect"                # pmo_admin or auditor (read-only operations views)
RESOURCE_MANAGER = "resource_manager"  # pmo_admin or portfolio_manager (the shared people pool)
RATE_READER = "rate_reader"        # resource managers and auditors: cost rates are confidential
PROJECT_READ = "project_read"      # admin, auditor, a role on the project or on its portfolio
PROJECT_MANAGE = "project_manage"  # admin, the project's manager or its portfolio's manager
PROJECT_CONTRIBUTE = "project_contribute"  # PROJECT_MANAGE plus members (never auditors)
PERSON_READ = "person_read"        # the person, resource managers, auditors, project managers
PERSON_SELF = "person_self"        # the person themself or a resource manager
PORTFOLIO_READ = "portfolio_read"  # admin, auditor, that portfolio's manager

PRINCIPALS = ("anonymous", "member_a", "auditor", "member_b", "other_portfolio_manager", "admin",
              "other_service")
UNAUTHENTICATED = frozenset({"anonymous", "other_service"})


@dataclass(frozen=True)
class Rule:
    access: str
    obj: str | None = None  # the world object whose A/B copies fill the path, if any


def _r(access: str, obj: str | None = None) -> Rule:
    return Rule(access, obj)


P, G, R, Q = "projects", "governance", "resources", "reporting"
HEALTH = {f"{svc} GET {path}": _r(PUBLIC) for svc in (P, G, R, Q)
          for path in ("/livez", "/readyz", "/metrics")}

ACCESS: dict[str, Rule] = {
    **HEALTH,
    # projects
    f"{P} POST /v1/portfolios": _r(ADMIN),
    f"{P} GET /v1/portfolios": _r(SIGNED_IN),
    f"{P} GET /v1/portfolios/{{portfolio_id}}": _r(PORTFOLIO_READ, "portfolio"),
    f"{P} PUT /v1/portfolios/{{portfolio_id}}/criteria": _r(ADMIN, "portfolio"),
    f"{P} POST /v1/portfolios/{{portfolio_id}}/objectives": _r(ADMIN, "portfolio"),
    f"{P} GET /v1/portfolios/{{portfolio_id}}/ranking": _r(PORTFOLIO_READ, "portfolio"),
    f"{P} POST /v1/programs": _r(ADMIN),
    f"{P} GET /v1/programs": _r(SIGNED_IN),
    f"{P} GET /v1/programs/{{program_id}}": _r(SIGNED_IN),
    f"{P} POST /v1/projects": _r(ADMIN),
    f"{P} GET /v1/projects": _r(SIGNED_IN),
    f"{P} GET /v1/projects/{{project_id}}": _r(PROJECT_READ, "project"),
    f"{P} PATCH /v1/projects/{{project_id}}": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/move": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/phase-changes": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/budget-lines": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/funding-tranches": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/objective-links": _r(PROJECT_MANAGE, "project"),
    f"{P} PUT /v1/projects/{{project_id}}/ratings": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/tasks": _r(PROJECT_MANAGE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/tasks": _r(PROJECT_READ, "project"),
    f"{P} GET /v1/projects/{{project_id}}/tasks/{{task_id}}": _r(PROJECT_READ, "project"),
    f"{P} PATCH /v1/projects/{{project_id}}/tasks/{{task_id}}": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/tasks/{{task_id}}/dependencies":
        _r(PROJECT_MANAGE, "project"),
    f"{P} DELETE /v1/projects/{{project_id}}/tasks/{{task_id}}/dependencies/{{predecessor_id}}":
        _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/tasks/{{task_id}}/progress":
        _r(PROJECT_CONTRIBUTE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/plan": _r(PROJECT_READ, "project"),
    f"{P} POST /v1/projects/{{project_id}}/milestones": _r(PROJECT_MANAGE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/milestones": _r(PROJECT_READ, "project"),
    f"{P} PATCH /v1/projects/{{project_id}}/milestones/{{milestone_id}}":
        _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/milestones/{{milestone_id}}/reached":
        _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/baselines": _r(PROJECT_MANAGE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/baselines": _r(PROJECT_READ, "project"),
    f"{P} GET /v1/projects/{{project_id}}/baselines/{{baseline_id}}": _r(PROJECT_READ, "project"),
    f"{P} POST /v1/projects/{{project_id}}/expenses": _r(PROJECT_MANAGE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/expenses": _r(PROJECT_READ, "project"),
    f"{P} PATCH /v1/projects/{{project_id}}/expenses/{{expense_id}}": _r(PROJECT_MANAGE, "project"),
    f"{P} POST /v1/projects/{{project_id}}/status-reports": _r(PROJECT_MANAGE, "project"),
    f"{P} GET /v1/projects/{{project_id}}/status-reports": _r(PROJECT_READ, "project"),
    f"{P} GET /v1/projects/{{project_id}}/events": _r(PROJECT_READ, "project"),
    # governance
    f"{G} GET /v1/projects/{{project_id}}/risk-register": _r(PROJECT_READ, "project"),
    f"{G} PUT /v1/projects/{{project_id}}/risk-register": _r(PROJECT_MANAGE, "project"),
    f"{G} POST /v1/projects/{{project_id}}/risks": _r(PROJECT_MANAGE, "project"),
    f"{G} GET /v1/projects/{{project_id}}/risks": _r(PROJECT_READ, "project"),
    f"{G} GET /v1/risks/{{risk_id}}": _r(PROJECT_READ, "risk"),
    f"{G} PUT /v1/risks/{{risk_id}}": _r(PROJECT_MANAGE, "risk"),
    f"{G} POST /v1/risks/{{risk_id}}/assessments": _r(PROJECT_MANAGE, "risk"),
    f"{G} POST /v1/risks/{{risk_id}}/status": _r(PROJECT_MANAGE, "risk"),
    f"{G} PUT /v1/risks/{{risk_id}}/response": _r(PROJECT_MANAGE, "risk"),
    f"{G} POST /v1/risks/{{risk_id}}/mitigation-actions": _r(PROJECT_MANAGE, "risk"),
    f"{G} POST /v1/risks/{{risk_id}}/mitigation-actions/{{action_id}}/completion":
        _r(PROJECT_MANAGE, "risk"),
    f"{G} POST /v1/projects/{{project_id}}/issues": _r(PROJECT_MANAGE, "project"),
    f"{G} GET /v1/projects/{{project_id}}/issues": _r(PROJECT_READ, "project"),
    f"{G} GET /v1/issues/{{issue_id}}": _r(PROJECT_READ, "issue"),
    f"{G} PUT /v1/issues/{{issue_id}}": _r(PROJECT_MANAGE, "issue"),
    f"{G} POST /v1/issues/{{issue_id}}/resolution": _r(PROJECT_MANAGE, "issue"),
    f"{G} POST /v1/projects/{{project_id}}/change-requests": _r(PROJECT_MANAGE, "project"),
    f"{G} GET /v1/projects/{{project_id}}/change-requests": _r(PROJECT_READ, "project"),
    f"{G} GET /v1/change-requests/{{request_id}}": _r(PROJECT_READ, "change_request"),
    f"{G} PUT /v1/change-requests/{{request_id}}": _r(PROJECT_MANAGE, "change_request"),
    f"{G} POST /v1/change-requests/{{request_id}}/decisions": _r(PROJECT_MANAGE, "change_request"),
    f"{G} POST /v1/change-requests/{{request_id}}/{{step}}": _r(PROJECT_MANAGE, "change_request"),
    f"{G} POST /v1/projects/{{project_id}}/stage-gates": _r(PROJECT_MANAGE, "project"),
    f"{G} GET /v1/projects/{{project_id}}/stage-gates": _r(PROJECT_READ, "project"),
    f"{G} GET /v1/stage-gates/{{gate_id}}": _r(PROJECT_READ, "stage_gate"),
    f"{G} POST /v1/stage-gates/{{gate_id}}/criteria/{{criterion_id}}/evidence":
        _r(PROJECT_MANAGE, "stage_gate"),
    f"{G} POST /v1/stage-gates/{{gate_id}}/criteria/{{criterion_id}}/attestation":
        _r(PROJECT_MANAGE, "stage_gate"),
    f"{G} POST /v1/stage-gates/{{gate_id}}/decision": _r(PROJECT_MANAGE, "stage_gate"),
    f"{G} POST /v1/standards": _r(ADMIN),
    f"{G} GET /v1/standards": _r(SIGNED_IN),
    f"{G} GET /v1/standards/{{standard_id}}": _r(SIGNED_IN),
    f"{G} PUT /v1/standards/{{standard_id}}": _r(ADMIN),
    f"{G} POST /v1/standards/{{standard_id}}/retirement": _r(ADMIN),
    f"{G} POST /v1/projects/{{project_id}}/compliance/attestations": _r(PROJECT_MANAGE, "project"),
    f"{G} GET /v1/projects/{{project_id}}/compliance": _r(PROJECT_READ, "project"),
    f"{G} GET /v1/compliance/non-compliant": _r(SIGNED_IN),
    f"{G} POST /v1/projects/{{project_id}}/lessons": _r(PROJECT_CONTRIBUTE, "project"),
    # Lessons are shared across projects on purpose (see pmo_governance.api.lessons).
    f"{G} GET /v1/lessons/{{lesson_id}}": _r(SIGNED_IN, "lesson"),
    f"{G} PUT /v1/lessons/{{lesson_id}}": _r(PROJECT_CONTRIBUTE, "lesson"),
    f"{G} POST /v1/articles": _r(ADMIN),
    f"{G} GET /v1/articles/{{article_id}}": _r(SIGNED_IN),
    f"{G} PUT /v1/articles/{{article_id}}": _r(ADMIN),
    f"{G} GET /v1/knowledge": _r(SIGNED_IN),
    # resources
    f"{R} POST /v1/people": _r(RESOURCE_MANAGER),
    f"{R} PATCH /v1/people/{{person_id}}": _r(RESOURCE_MANAGER),
    f"{R} GET /v1/people": _r(SIGNED_IN),
    f"{R} GET /v1/people/{{person_id}}": _r(SIGNED_IN),
    f"{R} POST /v1/teams": _r(RESOURCE_MANAGER),
    f"{R} PUT /v1/teams/{{team_id}}/lead": _r(RESOURCE_MANAGER),
    f"{R} GET /v1/teams/{{team_id}}": _r(SIGNED_IN),
    f"{R} POST /v1/holiday-calendars": _r(RESOURCE_MANAGER),
    f"{R} PUT /v1/holiday-calendars/{{calendar_id}}": _r(RESOURCE_MANAGER),
    f"{R} GET /v1/holiday-calendars/{{calendar_id}}": _r(SIGNED_IN),
    f"{R} GET /v1/people/{{person_id}}/availability": _r(PERSON_READ),
    f"{R} POST /v1/people/{{person_id}}/schedules": _r(RESOURCE_MANAGER),
    f"{R} POST /v1/people/{{person_id}}/holiday-calendars": _r(RESOURCE_MANAGER),
    f"{R} DELETE /v1/people/{{person_id}}/holiday-calendars/{{calendar_id}}": _r(RESOURCE_MANAGER),
    f"{R} POST /v1/people/{{person_id}}/time-off": _r(PERSON_SELF),
    f"{R} DELETE /v1/people/{{person_id}}/time-off/{{time_off_id}}": _r(PERSON_SELF),
    # Cost rates are confidential money: only PMO admins set them (issue 7, function level).
    f"{R} POST /v1/people/{{person_id}}/cost-rates": _r(ADMIN),
    f"{R} GET /v1/people/{{person_id}}/cost-rates": _r(RATE_READER),
    f"{R} POST /v1/roles/{{role}}/cost-rates": _r(ADMIN),
    f"{R} GET /v1/roles/{{role}}/cost-rates": _r(RATE_READER),
    f"{R} GET /v1/people/{{person_id}}/calendar": _r(PERSON_READ),
    f"{R} GET /v1/people/{{person_id}}/over-allocations": _r(PERSON_READ),
    f"{R} POST /v1/allocations": _r(PROJECT_MANAGE),
    f"{R} POST /v1/allocations/{{allocation_id}}/fill": _r(PROJECT_MANAGE, "allocation"),
    f"{R} POST /v1/allocations/{{allocation_id}}/propose": _r(PROJECT_MANAGE, "allocation"),
    f"{R} POST /v1/allocations/{{allocation_id}}/confirm": _r(PROJECT_MANAGE, "allocation"),
    f"{R} POST /v1/allocations/{{allocation_id}}/cancel": _r(PROJECT_MANAGE, "allocation"),
    f"{R} PATCH /v1/allocations/{{allocation_id}}": _r(PROJECT_MANAGE, "allocation"),
    f"{R} GET /v1/allocations/{{allocation_id}}": _r(PROJECT_READ, "allocation"),
    f"{R} GET /v1/projects/{{project_id}}/staffing": _r(PROJECT_READ, "project"),
    f"{R} POST /v1/timesheets": _r(PERSON_SELF),
    f"{R} POST /v1/timesheets/{{timesheet_id}}/lines": _r(PERSON_SELF),
    f"{R} PUT /v1/timesheets/{{timesheet_id}}/lines/{{line_id}}": _r(PERSON_SELF),
    f"{R} POST /v1/timesheets/{{timesheet_id}}/submit": _r(PERSON_SELF),
    f"{R} POST /v1/timesheets/{{timesheet_id}}/approve": _r(PROJECT_MANAGE),
    f"{R} POST /v1/timesheets/{{timesheet_id}}/reject": _r(PROJECT_MANAGE),
    f"{R} GET /v1/timesheets/{{timesheet_id}}": _r(PERSON_SELF),
    f"{R} GET /v1/timesheets": _r(SIGNED_IN),
    # reporting
    f"{Q} GET /v1/projects/{{project_id}}": _r(PROJECT_READ, "project"),
    f"{Q} GET /v1/people/count": _r(SIGNED_IN),
    f"{Q} GET /v1/evm/projects/{{project_id}}": _r(PROJECT_READ, "project"),
    f"{Q} GET /v1/evm/programs/{{program_id}}": _r(SIGNED_IN),
    f"{Q} GET /v1/evm/portfolios/{{portfolio_id}}": _r(SIGNED_IN, "portfolio"),
    f"{Q} GET /v1/evm/all": _r(SIGNED_IN),
    f"{Q} GET /v1/evm/projects/{{project_id}}/series": _r(PROJECT_READ, "project"),
    f"{Q} GET /v1/evm/programs/{{program_id}}/series": _r(SIGNED_IN),
    f"{Q} GET /v1/evm/portfolios/{{portfolio_id}}/series": _r(SIGNED_IN, "portfolio"),
    f"{Q} GET /v1/evm/all/series": _r(SIGNED_IN),
    f"{Q} GET /v1/portfolio/health": _r(SIGNED_IN),
    **{f"{svc} POST /v1/admin/republish": _r(ADMIN) for svc in (P, G, R)},
    f"{Q} GET /v1/admin/dead-letters": _r(INSPECT),
    f"{Q} POST /v1/admin/dead-letters/{{dead_letter_id}}/redrive": _r(ADMIN),
    f"{Q} POST /v1/admin/rebuilds": _r(ADMIN),
    f"{Q} GET /v1/admin/rebuilds/current": _r(INSPECT),
    f"{Q} GET /v1/capacity/demand": _r(SIGNED_IN),
    f"{Q} GET /v1/capacity/over-allocations": _r(SIGNED_IN),
    f"{Q} GET /v1/capacity/unfilled-requests": _r(SIGNED_IN),
    f"{Q} GET /v1/capacity/shortages": _r(SIGNED_IN),
    f"{Q} GET /v1/velocity": _r(SIGNED_IN),
    f"{Q} GET /v1/burn-rate": _r(SIGNED_IN),
    f"{Q} GET /v1/risk-exposure/heat-map": _r(SIGNED_IN),
    f"{Q} GET /v1/risk-exposure/emv": _r(SIGNED_IN),
    f"{Q} GET /v1/risk-exposure/risks/{{risk_id}}/score-history": _r(PROJECT_READ, "risk"),
    f"{Q} GET /v1/risk-exposure/top-risks": _r(SIGNED_IN),
    f"{Q} GET /v1/compliance": _r(SIGNED_IN),
}

# Who passes each kind, for an object of project A (swap member_a/member_b for project B).
# Only the principals of the matrix: the other-portfolio manager manages neither A nor B.
_ALLOWED_ON_A: dict[str, frozenset[str]] = {
    PUBLIC: frozenset(PRINCIPALS),
    SIGNED_IN: frozenset(PRINCIPALS) - UNAUTHENTICATED,
    ADMIN: frozenset({"admin"}),
    INSPECT: frozenset({"admin", "auditor"}),
    RESOURCE_MANAGER: frozenset({"admin", "other_portfolio_manager"}),
    RATE_READER: frozenset({"admin", "auditor", "other_portfolio_manager"}),
    PROJECT_READ: frozenset({"admin", "auditor", "member_a"}),
    PROJECT_MANAGE: frozenset({"admin"}),
    PROJECT_CONTRIBUTE: frozenset({"admin", "member_a"}),
    PERSON_READ: frozenset({"admin", "auditor", "other_portfolio_manager"}),
    PERSON_SELF: frozenset({"admin", "other_portfolio_manager"}),
    PORTFOLIO_READ: frozenset({"admin", "auditor"}),
}
_PROJECT_SCOPED = frozenset({PROJECT_READ, PROJECT_MANAGE, PROJECT_CONTRIBUTE})

# Reads that show other projects' records on purpose: lessons learned and the knowledge search
# over them are shared across projects (pmo_governance.api.lessons), ids and all.
SHARED_BY_DESIGN = frozenset({"governance GET /v1/knowledge", "governance GET /v1/lessons/{lesson_id}"})

# Routes skipped while a finding awaits its fix in a service being worked on; empty when done.
PENDING_FIX: frozenset[str] = frozenset()

# Query parameters a route requires, so the matrix reaches its authorization check.
SERIES_RANGE = {"from": "2027-01-04", "to": "2027-03-28"}
QUERY = {f"reporting GET /v1/evm/{path}/series": SERIES_RANGE for path in (
    "projects/{project_id}", "programs/{program_id}", "portfolios/{portfolio_id}", "all")}


def allowed(rule: Rule, owner: str) -> frozenset[str]:
    names = _ALLOWED_ON_A[rule.access]
    if owner == "b" and rule.access in _PROJECT_SCOPED and "member_a" in names:
        return (names - {"member_a"}) | {"member_b"}
    return names
