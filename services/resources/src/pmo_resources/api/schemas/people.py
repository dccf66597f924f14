"""Bodies of people, teams, holiday calendars, schedules, time off and cost rates."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from pmo_resources.api.schemas.common import Name, Role, SkillLevelIn, Write
from pmo_resources.domain.holiday_calendar import HolidayCalendar
from pmo_resources.domain.person import Person
from pmo_resources.domain.team import Team

EmploymentType = Literal["employee", "contractor", "intern"]


class PersonCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Ada Lovelace", "role": "engineer", "skills": [{"skill": "python", "level": 5}],
        "employment_type": "employee", "active_from": "2027-01-04"}]})

    name: Name
    role: Role
    team_id: UUID | None = None
    skills: Annotated[list[SkillLevelIn], Field(max_length=50)] = []
    employment_type: EmploymentType = "employee"
    active_from: date | None = None
    active_until: date | None = None


class PersonUpdate(Write):
    name: Name | None = None
    role: Role | None = None
    team_id: UUID | None = None
    skills: Annotated[list[SkillLevelIn], Field(max_length=50)] | None = None
    employment_type: EmploymentType | None = None
    active_until: date | None = None


class SkillLevelRead(BaseModel):
    skill: str
    level: int


class PersonRead(BaseModel):
    id: UUID
    version: int
    name: str
    role: str
    team_id: UUID | None
    skills: list[SkillLevelRead]
    employment_type: str
    active_from: date | None
    active_until: date | None
    calendar_ids: list[UUID]

    @classmethod
    def of(cls, person: Person) -> PersonRead:
        return cls(id=person.id, version=person.next_version, name=person.name,
                   role=person.role, team_id=person.team_id,
                   skills=[SkillLevelRead(skill=s.skill, level=s.level) for s in person.skills],
                   employment_type=person.employment_type, active_from=person.active_from,
                   active_until=person.active_until, calendar_ids=person.calendar_ids)


class PersonSummary(BaseModel):
    """A list row, read from the people table."""

    id: UUID
    name: str
    role: str
    team_id: UUID | None
    employment_type: str
    active_from: date | None
    active_until: date | None

    @classmethod
    def of(cls, row: Any) -> PersonSummary:
        return cls(id=row.person_id, name=row.name, role=row.role, team_id=row.team_id,
                   employment_type=row.employment_type, active_from=row.active_from,
                   active_until=row.active_until)


class TeamCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Platform", "lead_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d"}]})

    name: Name
    lead_id: UUID | None = None


class TeamLeadUpdate(Write):
    lead_id: UUID | None


class TeamRead(BaseModel):
    id: UUID
    version: int
    name: str
    lead_id: UUID | None

    @classmethod
    def of(cls, team: Team) -> TeamRead:
        return cls(id=team.id, version=team.next_version, name=team.name, lead_id=team.lead_id)


class HolidayIn(Write):
    on: date
    name: Name


class HolidayCalendarCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "name": "Germany", "holidays": [{"on": "2027-01-01", "name": "New Year"}]}]})

    name: Name
    holidays: Annotated[list[HolidayIn], Field(max_length=1000)]


class HolidayCalendarRead(BaseModel):
    id: UUID
    version: int
    name: str
    holidays: list[HolidayIn]

    @classmethod
    def of(cls, calendar: HolidayCalendar) -> HolidayCalendarRead:
        return cls(id=calendar.id, version=calendar.next_version, name=calendar.name,
                   holidays=[HolidayIn(on=h.on, name=h.name) for h in calendar.holidays])
