"""Command handlers, one module per area: load -> decide (pure domain) -> save in the unit of work."""
