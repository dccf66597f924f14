"""Projections, listed explicitly in the order they are applied."""
from pmo_reporting.capacity.actuals import ActualsProjection
from pmo_reporting.capacity.progress import VelocityProjection
from pmo_reporting.capacity.projection import CapacityProjection
from pmo_reporting.projections.costs import CostsProjection
from pmo_reporting.projections.health import HealthProjection
from pmo_reporting.projections.people import PeopleProjection
from pmo_reporting.projections.plan import PlanProjection
from pmo_reporting.projections.portfolio import ProjectsProjection
from pmo_reporting.projections.progress import ProgressProjection
from pmo_reporting.projections.risks import RisksProjection
from pmo_reporting.projections.stamps import ProjectStampsProjection
from pmo_reporting.risk.projection import RiskExposureProjection

PROJECTIONS = (
    ProjectsProjection(), PlanProjection(), ProgressProjection(), CostsProjection(),
    HealthProjection(), RisksProjection(), PeopleProjection(),
    CapacityProjection(), ActualsProjection(), VelocityProjection(), RiskExposureProjection(),
    ProjectStampsProjection(),
)

# A rebuild's bulk load runs each shard in a process of its own (operations/shards.py): a shard's
# projections read and write only tables of their own. The first shard also decides what is
# applied (markers, order); the second, which only follows, takes every event that names a project
# (stamps) and the timesheet lines (most events), which the first then reads without validating
# their data. So both have about as much to do.
SHARDS = (
    ("projects", "plan", "progress", "health", "risks", "people", "capacity", "velocity",
     "risk_exposure"),
    ("costs", "actuals", "project_stamps"),
)
