"""Test configuration.

When a Hypothesis property fails, Hypothesis's pytest plugin imports ``libcst`` to write a patch
with the failing example. Old ``libcst`` releases use the deprecated ``mypy_extensions.TypedDict``,
and with ``filterwarnings = ["error"]`` that warning turns the failure report into a pytest
INTERNALERROR that hides every result. Importing the module once here, with that warning
silenced, keeps failures reported as failures.
"""

from __future__ import annotations

import contextlib
import warnings

from hypothesis import HealthCheck, settings

# ImportError: libcst is not installed, so Hypothesis writes no patch and nothing warns.
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

# The long fuzz run: ``python -m pytest tests/test_fuzz.py --hypothesis-profile=fuzz``
# (100,000 examples per test, new ones every run; tests/test_fuzz.py and fuzz/README.md).
settings.register_profile(
    "fuzz",
    max_examples=100_000,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)

# Every other run (CI, the README's test command): the same examples every time, so that a
# red run is a change in the code, not a new draw; the fuzz profile above explores.
settings.register_profile("ci", derandomize=True, deadline=None)
settings.load_profile("ci")
