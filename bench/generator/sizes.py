"""How much the generator writes: `small` for `make demo`, `large` for benchmarks (1M+ events)."""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Size:
    portfolios: int
    programs_per_portfolio: int
    projects: int
    tasks_per_project: int
    people: int
    teams: int
    risks_per_project: int
    timesheet_weeks: int  # how many past weeks carry timesheets (the costliest part)

    def with_projects(self, projects: int) -> Size:
        """`--projects N`: the rest scales with it, keeping about two people per project."""
        factor = projects / self.projects
        return replace(self, projects=projects, people=max(4, round(self.people * factor)),
                       teams=max(2, round(self.teams * factor ** 0.5)),
                       portfolios=max(1, min(self.portfolios, projects // 4 or 1)))


SIZES = {
    "small": Size(portfolios=2, programs_per_portfolio=2, projects=8, tasks_per_project=6,
                  people=14, teams=3, risks_per_project=2, timesheet_weeks=8),
    "medium": Size(portfolios=3, programs_per_portfolio=3, projects=40, tasks_per_project=12,
                   people=80, teams=6, risks_per_project=4, timesheet_weeks=26),
    "large": Size(portfolios=8, programs_per_portfolio=4, projects=1800, tasks_per_project=25,
                  people=3000, teams=60, risks_per_project=6, timesheet_weeks=52),
}
