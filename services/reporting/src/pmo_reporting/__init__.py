"""PMO reporting service: read models and queries (earned value, capacity, risk, portfolio health)."""
