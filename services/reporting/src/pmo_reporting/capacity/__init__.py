"""Capacity vs demand, utilization, over-allocation, shortages, velocity and burn rate."""
