"""Pure reporting math (no I/O): working days, earned value, earned schedule, time series."""
