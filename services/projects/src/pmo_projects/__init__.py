"""PMO projects service: portfolios, programs, projects, plans, baselines, progress and costs."""
