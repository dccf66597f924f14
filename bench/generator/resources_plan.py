"""Commands of the resources service that set up the organisation: teams, holiday calendars,
role and personal cost rates, and people with (part-time) schedules and time off."""
from __future__ import annotations

import random
from datetime import date, timedelta

from bench.generator.model import DIRECTOR, Plan, Ref, Stream, day, money
from bench.generator.world import CURRENCY, ROLES, Person

R = "resources"
HOLIDAYS = {"de": (("01-01", "Neujahr"), ("05-01", "Tag der Arbeit"), ("10-03", "Tag der Einheit"),
                   ("12-25", "Weihnachten"), ("12-26", "Zweiter Weihnachtstag")),
            "uk": (("01-01", "New Year's Day"), ("05-05", "Early May bank holiday"),
                   ("08-25", "Summer bank holiday"), ("12-25", "Christmas Day"),
                   ("12-26", "Boxing Day"))}
ROLE_RATES = {"developer": 85, "analyst": 75, "architect": 110, "tester": 65, "designer": 80,
              "project_manager": 95}


def organisation(plan: Plan, teams: int, today: date) -> None:
    for team in range(teams):
        plan.stream(0, f"team.{team}").call(R, "POST", "/v1/teams", {"name": f"Team {team + 1}"},
                                            capture=f"team.{team}", label="team")
    for code, holidays in HOLIDAYS.items():
        years = range(today.year - 1, today.year + 2)
        plan.stream(0, f"calendar.{code}").call(R, "POST", "/v1/holiday-calendars", {
            "name": f"Public holidays {code.upper()}",
            "holidays": [{"on": f"{year}-{md}", "name": name}
                         for year in years for md, name in holidays]},
            capture=f"calendar.{code}", label="holiday calendar")
    for role in ROLES:
        stream = plan.stream(0, f"rates.{role}")
        for effective_from, raise_ in ((today - timedelta(days=500), 0),
                                       (today - timedelta(days=120), 5)):
            stream.call(R, "POST", f"/v1/roles/{role}/cost-rates", {
                "effective_from": day(effective_from),
                "hourly_rate": money(ROLE_RATES[role] + raise_, CURRENCY)}, label="role cost rate")


def staff(plan: Plan, rng: random.Random, people: list[Person], today: date) -> None:
    director = plan.stream(1, "person.director")
    director.call(R, "POST", "/v1/people", {"name": "Pat Director", "role": "project_manager"},
                  capture=DIRECTOR, label="person")
    for person in people:
        _person(plan.stream(1, f"person.{person.index}"), rng, person, today)


def _person(stream: Stream, rng: random.Random, person: Person, today: date) -> None:
    name = f"person.{person.index}"
    stream.call(R, "POST", "/v1/people", {
        "name": person.name, "role": person.role, "team_id": Ref(f"team.{person.team}"),
        "skills": [{"skill": s, "level": level} for s, level in person.skills],
        "employment_type": person.employment_type}, capture=name, label="person")
    base = f"/v1/people/{{{name}}}"
    stream.call(R, "POST", f"{base}/schedules", {
        "effective_from": day(today - timedelta(days=500)),
        "hours_per_weekday": list(person.schedule)}, label="schedule")
    stream.call(R, "POST", f"{base}/holiday-calendars", {
        "calendar_id": Ref(f"calendar.{person.calendar}")}, label="calendar assignment")
    for start, end in person.time_off:
        half_days = [day(end)] if end > start and rng.random() < 0.3 else []
        stream.call(R, "POST", f"{base}/time-off", {
            "start_on": day(start), "end_on": day(end), "half_days": half_days,
            "reason": "vacation"}, label="time off")
    if person.employment_type == "contractor":
        stream.call(R, "POST", f"{base}/cost-rates", {
            "effective_from": day(today - timedelta(days=500)),
            "hourly_rate": money(ROLE_RATES[person.role] + rng.randint(20, 40), CURRENCY)},
            label="personal cost rate")


def team_leads(plan: Plan, people: list[Person], teams: int) -> None:
    for team in range(teams):
        members = [p for p in people if p.team == team]
        if members:
            plan.stream(2, f"team.{team}").call(R, "PUT", f"/v1/teams/{{team.{team}}}/lead", {
                "lead_id": Ref(f"person.{members[0].index}")}, label="team lead")
