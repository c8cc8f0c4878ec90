"""What every exercise check shares: calling a learner's code safely, comparing, reporting.

Self-checks for the exercises.

A learner calls ``check_<exercise>(answer)`` on their own answer. It prints one
line: a pass, or a specific hint about what is wrong. It never raises because
the answer is wrong (an answer that raises is reported as a hint too), so an
unfinished exercise never stops "Run All". The worked solutions sit at the end
of each notebook and are checked by the same functions in CI.
"""

from __future__ import annotations

import contextlib
import io
import math
import warnings
from collections.abc import Callable

import numpy as np

PASS = "✅"
HINT = "💡"


def report(ok: bool, success: str, hint: str) -> None:
    """Print the outcome of a check: one pass line, or one hint.

    Returns None on purpose, so a check as the last line of a cell shows only its message.
    """
    print(f"{PASS} {success}" if ok else f"{HINT} Not yet: {hint}")


def _call(function: Callable, *args):
    """Call a learner's function; return (result, problem), capturing warnings and prints."""
    with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            try:
                result = function(*args)
            except Exception as exc:  # the learner's code may fail in any way
                return None, f"it raised {type(exc).__name__}: {exc}"
    if caught:
        first = caught[0]
        return result, f"it emitted a {first.category.__name__}: {first.message}"
    return result, None


def _close(actual: object, expected: object, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    try:
        a = np.asarray(actual, dtype=float)
    except (TypeError, ValueError):
        return False
    b = np.asarray(expected, dtype=float)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=False))


def _number(value: object) -> float | None:
    try:
        number = float(np.asarray(value).item()) if np.ndim(value) == 0 else None
    except (TypeError, ValueError):
        return None
    return number if number is not None and not math.isnan(number) else None

