"""Projections, listed explicitly in the order they are applied."""
from pmo_reporting.projections.people import PeopleProjection
from pmo_reporting.projections.portfolio import ProjectsProjection
from pmo_reporting.projections.risks import RisksProjection

PROJECTIONS = (ProjectsProjection(), RisksProjection(), PeopleProjection())
