"""Registers the shared fixtures in tests/support for every suite."""

pytest_plugins = [
    "tests.support.nats",
    "tests.support.databases",
    "tests.support.kernel",
    "tests.support.system",
]
