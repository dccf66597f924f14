"""PMO test suites; a package so `tests.support` imports from the repository root."""
