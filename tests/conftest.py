"""Shared test configuration."""

import os

from hypothesis import HealthCheck, settings

# Timing-based deadlines make property tests flaky on shared CI machines; speed
# is measured in benchmarks/, not asserted here. CI runs a fixed, reproducible
# set of examples so a red run can be replayed exactly.
settings.register_profile(
    "tempnb",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("ci", parent=settings.get_profile("tempnb"), derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "tempnb")
