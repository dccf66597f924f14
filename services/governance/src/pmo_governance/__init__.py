"""PMO governance service: risks, issues, change requests, stage gates, standards and lessons learned."""
