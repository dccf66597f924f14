"""Command handlers, one async function per command: load -> decide (pure domain) -> save."""
