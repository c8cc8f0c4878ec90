"""Input checks shared by every tempnb module.

Each check raises with a message that names the parameter, states what is
allowed, and shows the value received, in the style of the Hugging Face logits
processors ("`temperature` must be ... ; got -1").
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

# A probability vector may miss 1 by this much (relative to its length, so a
# float32 vector of many entries is not rejected for honest rounding).
PROBABILITY_SUM_TOLERANCE = 1e-6


def _describe(value: object) -> str:
    """A short, readable rendering of a received value for error messages."""
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, separator=", ")
    if isinstance(value, np.generic):
        return repr(value.item())
    return repr(value)


def as_real_array(value: object, name: str) -> np.ndarray:
    """Return `value` as a floating-point numpy array (ints become float64).

    float32 and float64 keep their precision; float16 is widened to float32,
    since its range is too small for exp() to be meaningful.
    """
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists and the like
        raise ValueError(f"`{name}` must be a rectangular array of real numbers; got {value!r}") from exc
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"`{name}` must contain real numbers (int or float); "
            f"got {_describe(value)} of dtype {array.dtype}"
        )
    if array.ndim == 0:
        raise ValueError(
            f"`{name}` must have at least one dimension (a vector of scores); "
            f"got the scalar {_describe(value)}"
        )
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype == np.float16:
        return array.astype(np.float32)
    return array


def check_axis(axis: object, ndim: int) -> int:
    """Normalise `axis` to a non-negative index, or explain what is allowed."""
    if not isinstance(axis, numbers.Integral) or isinstance(axis, bool):
        raise TypeError(f"`axis` must be an integer in [{-ndim}, {ndim - 1}]; got {axis!r}")
    try:
        return normalize_axis_index(int(axis), ndim)
    except np.exceptions.AxisError:
        raise ValueError(
            f"`axis` must be in [{-ndim}, {ndim - 1}] for an array with {ndim} dimension(s); "
            f"got {axis}"
        ) from None


def check_not_empty(array: np.ndarray, axis: int, name: str) -> None:
    if array.shape[axis] == 0:
        raise ValueError(
            f"`{name}` must have at least one entry along axis {axis}; got shape {array.shape}"
        )


def check_temperature(temperature: object, *, allow_zero: bool = True) -> float:
    """Return `temperature` as a float, or raise if it is not a number in the allowed range."""
    allowed = "[0, inf] (0 means argmax, inf means uniform)" if allow_zero else "(0, inf)"
    if isinstance(temperature, np.ndarray) and temperature.ndim == 0:
        temperature = temperature.item()
    if isinstance(temperature, bool) or not isinstance(temperature, numbers.Real):
        raise TypeError(f"`temperature` must be a real number in {allowed}; got {temperature!r}")
    value = float(temperature)
    if math.isnan(value) or value < 0 or (value == 0 and not allow_zero):
        raise ValueError(f"`temperature` must be a number in {allowed}; got {value!r}")
    return value


def check_fraction(value: object, name: str, *, low_open: bool = False) -> float:
    """Return `value` as a float in [0, 1] (or (0, 1] with `low_open`)."""
    allowed = "(0, 1]" if low_open else "[0, 1]"
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"`{name}` must be a real number in {allowed}; got {value!r}")
    number = float(value)
    if math.isnan(number) or number > 1 or number < 0 or (low_open and number == 0):
        raise ValueError(f"`{name}` must be a number in {allowed}; got {number!r}")
    return number


def check_probabilities(probs: object, axis: int, name: str = "probs") -> tuple[np.ndarray, int]:
    """Validate a probability array: entries in [0, 1], summing to 1 along `axis`."""
    array = as_real_array(probs, name)
    axis = check_axis(axis, array.ndim)
    check_not_empty(array, axis, name)
    # min/max propagate NaN, so these two reductions also catch NaN entries.
    low, high = float(np.min(array)), float(np.max(array))
    if math.isnan(low) or math.isnan(high):
        raise ValueError(f"`{name}` must not contain NaN; got {_describe(probs)}")
    if low < 0 or high > 1:
        bad = low if low < 0 else high
        raise ValueError(
            f"`{name}` entries must be probabilities in [0, 1]; got an entry equal to {bad!r}"
        )
    totals = np.sum(array, axis=axis, dtype=np.float64)
    tolerance = max(PROBABILITY_SUM_TOLERANCE, 4 * array.shape[axis] * np.finfo(array.dtype).eps)
    worst = float(np.max(np.abs(totals - 1.0)))
    if worst > tolerance:
        offending = float(np.ravel(totals)[np.argmax(np.abs(totals - 1.0))])
        raise ValueError(
            f"`{name}` must sum to 1 along axis {axis} (within {tolerance:.0e}); "
            f"got a sum of {offending!r}"
        )
    return array, axis
