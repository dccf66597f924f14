"""Fault-injection support: a loopback TCP proxy, a load driver, a checker and the process rig."""
