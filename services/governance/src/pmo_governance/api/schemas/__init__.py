"""HTTP schemas of the governance API, one module per area."""
