"""HTTP building blocks every service uses: problems, auth, pagination, ETags, limits, telemetry.

Middleware order, outermost first: request id, metrics, CORS, body size limit. `add_middleware`
puts each new middleware outside the previous ones, so install them in the reverse order.
"""
