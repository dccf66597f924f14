"""Who may do what in the resources service, derived from the caller's roles and scopes."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from pmo_shared.http.principal import Principal, Role
from pmo_shared.kernel.errors import Forbidden

RESOURCE_MANAGERS = (Role.PMO_ADMIN.value, Role.PORTFOLIO_MANAGER.value)
RATE_READERS = (*RESOURCE_MANAGERS, Role.AUDITOR.value)


@dataclass(frozen=True)
class Access:
    principal: Principal

    def is_resource_manager(self) -> bool:
        return not self.principal.roles.isdisjoint(RESOURCE_MANAGERS)

    def sees_rates(self) -> bool:
        return not self.principal.roles.isdisjoint(RATE_READERS)

    def is_self(self, person_id: UUID) -> bool:
        return self.principal.person_id is not None and self.principal.person_id == person_id

    def manages_project(self, project_id: UUID) -> bool:
        """PMO admins, and project managers whose token lists the project (or a delegate's)."""
        return self.principal.can_manage_project(project_id)

    def reads_project(self, project_id: UUID) -> bool:
        """A project's staffing is the project's: a role on it is needed, as everywhere (API1).
        Managing the people pool is no such role; a portfolio manager lists the project."""
        return self.principal.can_read_project(project_id)

    def reads_person(self, person_id: UUID) -> bool:
        """Capacity is needed by whoever staffs work; a team member sees only their own."""
        return (self.is_self(person_id) or self.is_resource_manager()
                or not self.principal.roles.isdisjoint({Role.AUDITOR, Role.PROJECT_MANAGER}))

    def edits_own_time(self, person_id: UUID) -> bool:
        return self.is_self(person_id) or self.principal.is_admin()

    def require(self, allowed: bool, detail: str) -> None:
        if not allowed:
            raise Forbidden(detail)
