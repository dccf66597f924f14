"""Who is calling: roles, project/portfolio scopes, and the object-level access rules over them."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID


class Role(StrEnum):
    PMO_ADMIN = "pmo_admin"
    PORTFOLIO_MANAGER = "portfolio_manager"
    PROJECT_MANAGER = "project_manager"
    TEAM_MEMBER = "team_member"
    AUDITOR = "auditor"
    SERVICE = "service"  # a machine caller, scoped like a person by its token's claims


ROLES: frozenset[str] = frozenset(role.value for role in Role)


@dataclass(frozen=True, slots=True)
class Principal:
    subject: str
    roles: frozenset[str]
    project_ids: frozenset[UUID]
    portfolio_ids: frozenset[UUID]
    person_id: UUID | None = None

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def is_admin(self) -> bool:
        return Role.PMO_ADMIN in self.roles

    def can_read_project(self, project_id: UUID, portfolio_id: UUID | None = None) -> bool:
        """OWASP API1: a project is readable only through a role that covers it."""
        if self.is_admin() or self.has_role(Role.AUDITOR):
            return True
        if self._manages_portfolio(portfolio_id):
            return True
        return project_id in self.project_ids

    def can_manage_project(self, project_id: UUID, portfolio_id: UUID | None = None) -> bool:
        """Auditor and team member roles never grant writes, whatever their scopes."""
        if self.is_admin() or self._manages_portfolio(portfolio_id):
            return True
        return self.has_role(Role.PROJECT_MANAGER) and project_id in self.project_ids

    def _manages_portfolio(self, portfolio_id: UUID | None) -> bool:
        return (
            portfolio_id is not None
            and self.has_role(Role.PORTFOLIO_MANAGER)
            and portfolio_id in self.portfolio_ids
        )
