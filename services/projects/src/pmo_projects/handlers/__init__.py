"""One async function per command: load, decide (pure domain), save in the unit of work."""
