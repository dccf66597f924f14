"""PMO resources service: people, teams, rates, calendars, allocations and timesheets."""
