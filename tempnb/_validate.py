"""Input checks shared by every tempnb module, and the numerical boundary constants.

Each check raises with a message that names the parameter, states what is
allowed, and shows the value received, in the style of the Hugging Face logits
processors ("`temperature` must be ... ; got -1"). Every tempnb module validates
its input through these functions, so one kind of mistake gets one kind of
message everywhere.

Array-likes from other libraries are accepted when their meaning is clear:
lists, tuples, numpy arrays, pandas Series and DataFrames (their values), and
tensors of array libraries such as PyTorch (detached from the autograd graph and
copied to the CPU: tempnb returns numpy arrays, so no gradient could flow through
it anyway). A NumPy masked array with masked entries is refused: tempnb does not
read masks, and silently using the hidden values would give a masked logit
probability. The message says what to pass instead.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.lib.array_utils import normalize_axis_index

__all__ = [
    "MASKED_LOGIT",
    "MASKED_LOGITS_HINT",
    "MASKED_PROBS_HINT",
    "PROBABILITY_SUM_TOLERANCE",
    "ROUNDING_ULPS",
    "as_real_array",
    "check_axis",
    "check_choice",
    "check_features",
    "check_fraction",
    "check_labels",
    "check_logits",
    "check_logits_2d",
    "check_not_empty",
    "check_positive_float",
    "check_positive_int",
    "check_probabilities",
    "check_probabilities_2d",
    "check_rng",
    "check_same_shape",
    "check_size",
    "check_slider_value",
    "check_temperature",
    "check_text",
    "check_words",
    "describe",
    "probability_sum_tolerance",
    "rounding_allowance",
]

# ---------------------------------------------------------------- constants (the one source of each)

# The logit that removes an entry: softmax gives it probability exactly 0.
MASKED_LOGIT = -math.inf

# A probability vector may miss 1 by this much (or by the rounding allowance of
# its length and dtype, if larger: see probability_sum_tolerance).
PROBABILITY_SUM_TOLERANCE = 1e-6

# How many units in the last place a comparison against a threshold forgives
# (top_p's nucleus boundary): enough for the rounding of the threshold itself and
# of a carefully computed sum, far less than one token's probability.
ROUNDING_ULPS = 4


# What to pass instead of a masked array, by kind of parameter.
MASKED_LOGITS_HINT = "np.ma.filled({name}, -np.inf), which gives every masked logit probability 0"
MASKED_PROBS_HINT = "np.ma.filled({name}, 0.0), renormalised if the masked entries held probability"


def probability_sum_tolerance(n_entries: int, dtype: np.dtype) -> float:
    """How far from 1 the sum of `n_entries` probabilities of `dtype` may honestly be.

    ``PROBABILITY_SUM_TOLERANCE``, or ``ROUNDING_ULPS * sqrt(n) * eps`` if larger: rounding
    errors that fall either way (the stored entries', a pairwise sum's, a normalising
    total's) grow like a random walk, sqrt(n) units. A float32 running total of equal
    entries rounds one way at every step and drifts roughly like n units; it is not
    covered (notebook 01 shows one rejected at n = 10,000). (A bound growing like n would
    let a float32 vector of a million entries sum to 0.6.)
    """
    return max(PROBABILITY_SUM_TOLERANCE, ROUNDING_ULPS * math.sqrt(n_entries) * float(np.finfo(dtype).eps))


def rounding_allowance(scale: float, dtype: np.dtype) -> float:
    """`ROUNDING_ULPS` units in the last place of a number of size `scale` in `dtype`."""
    return ROUNDING_ULPS * float(np.spacing(np.asarray(abs(scale), dtype=dtype)))


# ---------------------------------------------------------------- describing values


def describe(value: object) -> str:
    """A short, readable rendering of a received value for error messages."""
    if isinstance(value, np.ndarray) and value.size > 6:
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return np.array2string(value, separator=", ")
    if isinstance(value, np.generic):
        return repr(value.item())
    text = repr(value)
    return text if len(text) <= 80 else f"{type(value).__name__} {text[:60]}..."



# ---------------------------------------------------------------- arrays


def _masked_array_error(name: str, masked_hint: str | None) -> TypeError:
    hint = masked_hint or f"np.ma.filled({name}, value) with the value a masked entry should take"
    return TypeError(
        f"`{name}` is a NumPy masked array with masked entries; tempnb does not read masks and will "
        f"not silently use the hidden values. Pass {hint}"
    )


def _from_tensor(value: object, name: str) -> np.ndarray:
    """A PyTorch-like tensor as a numpy array: detached from autograd and copied to the CPU."""
    try:
        tensor = value.detach()
        if hasattr(tensor, "cpu"):
            tensor = tensor.cpu()
        return np.asarray(tensor.numpy())
    except Exception as exc:  # e.g. a dtype numpy lacks (bfloat16)
        raise TypeError(
            f"`{name}` is a {type(value).__name__} that could not be converted to a numpy array "
            f"({type(exc).__name__}); pass `{name}.detach().cpu().float().numpy()` instead"
        ) from exc


def as_array(value: object, name: str, *, masked_hint: str | None = None) -> np.ndarray:
    """`value` as a numpy array, from lists, numpy, pandas or tensor-like objects.

    A masked array is accepted only if nothing is masked; `masked_hint` says what
    to pass instead (e.g. ``"np.ma.filled(logits, -np.inf)"``).
    """
    if type(value) is np.ndarray:  # the common case, and not a masked array (a subclass)
        return value
    if isinstance(value, np.ma.MaskedArray):
        if np.ma.getmaskarray(value).any():
            raise _masked_array_error(name, masked_hint)
        return np.asarray(value.data)
    if callable(getattr(value, "detach", None)) and callable(getattr(value, "numpy", None)):
        return _from_tensor(value, name)
    try:
        array = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists and the like
        raise ValueError(
            f"`{name}` must be a rectangular array of real numbers; got {describe(value)}"
        ) from exc
    except Exception as exc:  # an array-like whose __array__ refuses (RuntimeError and the like)
        raise TypeError(
            f"`{name}` could not be converted to a numpy array ({type(exc).__name__}: {exc}); "
            f"pass a numpy array or a list of numbers instead"
        ) from exc
    return array


def as_real_array(value: object, name: str, *, masked_hint: str | None = None) -> np.ndarray:
    """Return `value` as a floating-point numpy array of at least one dimension (ints become float64).

    float32 and float64 keep their precision; float16 is widened to float32,
    since its range is too small for exp() to be meaningful.
    """
    array = as_array(value, name, masked_hint=masked_hint)
    if array.dtype.kind not in "biuf":
        raise TypeError(
            f"`{name}` must contain real numbers (int or float); "
            f"got {describe(value)} of dtype {array.dtype}"
        )
    if array.ndim == 0:
        raise ValueError(
            f"`{name}` must have at least one dimension (a vector of scores); "
            f"got the scalar {describe(value)}"
        )
    if array.dtype.kind in "biu":
        return array.astype(np.float64)
    if array.dtype == np.float16:
        return array.astype(np.float32)
    if array.dtype.itemsize > 8:  # long double: numpy's float64 paths are what is tested
        return array.astype(np.float64)
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


def check_not_empty(array: np.ndarray, axis: int, name: str, given_axis: object = None) -> None:
    """Raise unless `array` has at least one entry along `axis` (other axes may be empty).

    The message names `given_axis`, the axis as the caller wrote it (-1, say), when it is given.
    """
    if array.shape[axis] == 0:
        raise ValueError(
            f"`{name}` must have at least one entry along axis {_shown(axis, given_axis)}; got shape {array.shape}"
        )


def _shown(axis: int, given_axis: object) -> object:
    """The axis a message names: the caller's own (e.g. -1), not its normalised index."""
    return axis if given_axis is None else int(given_axis)


def check_same_shape(a: np.ndarray, b: np.ndarray, name_a: str, name_b: str) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"`{name_a}` and `{name_b}` must have the same shape; got {a.shape} and {b.shape}"
        )


def check_logits(logits: object, axis: object = -1, name: str = "logits") -> tuple[np.ndarray, int, np.ndarray]:
    """Validate logits; return them as floats, the normalised axis and the max along it.

    The max doubles as the validity check: it propagates NaN, equals -inf only
    when a whole slice is masked, and equals +inf when a slice has +inf entries.
    Batches with no slices at all (shape ``(0, K)``) pass: there is nothing to check.
    """
    x = as_real_array(logits, name, masked_hint=MASKED_LOGITS_HINT.format(name=name))
    given_axis = axis
    axis = check_axis(axis, x.ndim)
    check_not_empty(x, axis, name, given_axis)
    x_max = np.max(x, axis=axis, keepdims=True)
    if np.isfinite(x_max).all():  # the common case: one check instead of two
        return x, axis, x_max
    if np.isnan(x_max).any():
        raise ValueError(
            f"`{name}` must not contain NaN (use -inf to mask an entry); "
            f"got NaN in an array of shape {x.shape}"
        )
    if np.isneginf(x_max).any():
        raise ValueError(
            f"`{name}` must have at least one entry above -inf along axis {_shown(axis, given_axis)}; "
            "got a slice where every logit is -inf (nothing left to give probability to)"
        )
    return x, axis, x_max


def check_logits_2d(logits: object, name: str = "logits", *, min_classes: int = 1) -> np.ndarray:
    """A 2-D (examples, classes) array of finite float64 logits with at least one example."""
    array = as_real_array(logits, name, masked_hint=f"the unmasked rows of `{name}` only").astype(
        np.float64, copy=False)
    if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] < min_classes:
        classes = "one class" if min_classes == 1 else f"{min_classes} classes"
        raise ValueError(
            f"`{name}` must be a 2-D array of shape (examples, classes) with at least one example "
            f"and {classes}; got shape {array.shape}"
        )
    if not np.isfinite(array).all():
        raise ValueError(f"`{name}` must be finite (no NaN or inf); got non-finite entries")
    return array


def check_features(x: object, n_features: int, name: str = "x") -> np.ndarray:
    """A 2-D (examples, n_features) array of finite float64 inputs (no examples is allowed)."""
    array = as_real_array(x, name, masked_hint=f"the unmasked rows of `{name}` only").astype(np.float64, copy=False)
    if array.ndim != 2 or array.shape[1] != n_features:
        raise ValueError(f"`{name}` must have shape (examples, {n_features}); got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"`{name}` must be finite (no NaN or inf); got non-finite entries")
    return array


def check_probabilities(probs: object, axis: object = -1, name: str = "probs") -> tuple[np.ndarray, int]:
    """Validate a probability array: entries in [0, 1], summing to 1 along `axis`.

    A batch with no slices (shape ``(0, K)``) passes and comes back empty.
    """
    array = as_real_array(probs, name, masked_hint=MASKED_PROBS_HINT.format(name=name))
    given_axis = axis
    axis = check_axis(axis, array.ndim)
    check_not_empty(array, axis, name, given_axis)
    if array.size == 0:
        return array, axis
    # min/max propagate NaN, so these two reductions also catch NaN entries.
    low, high = float(np.min(array)), float(np.max(array))
    if math.isnan(low) or math.isnan(high):
        raise ValueError(f"`{name}` must not contain NaN; got {describe(probs)}")
    if low < 0 or high > 1:
        bad = low if low < 0 else high
        raise ValueError(
            f"`{name}` entries must be probabilities in [0, 1]; got an entry equal to {bad!r}"
        )
    totals = np.sum(array, axis=axis, dtype=np.float64)
    tolerance = probability_sum_tolerance(array.shape[axis], array.dtype)
    worst = float(np.max(np.abs(totals - 1.0)))
    if worst > tolerance:
        offending = float(np.ravel(totals)[np.argmax(np.abs(totals - 1.0))])
        raise ValueError(
            f"`{name}` must sum to 1 along axis {_shown(axis, given_axis)} (within {tolerance:.3g}); "
            f"got a sum of {offending!r}"
        )
    return array, axis


def check_probabilities_2d(probs: object, name: str = "probs") -> np.ndarray:
    """A 2-D (examples, classes) array of probability rows with at least one example."""
    array = as_real_array(probs, name, masked_hint=MASKED_PROBS_HINT.format(name=name))
    if array.ndim != 2 or array.shape[0] == 0:
        raise ValueError(
            f"`{name}` must be a 2-D array of shape (examples, classes) with at least one example; "
            f"got shape {array.shape}"
        )
    return check_probabilities(array, axis=1, name=name)[0]


def check_choice(value: object, name: str, allowed: tuple[str, ...]) -> str:
    """`value` if it is one of the strings in `allowed`, else an error listing them."""
    if not isinstance(value, str) or value not in allowed:
        listing = ", ".join(repr(option) for option in allowed)
        error = ValueError if isinstance(value, str) else TypeError
        raise error(f"`{name}` must be one of {listing}; got {describe(value)}")
    return value


def check_labels(labels: object, n_rows: int, n_classes: int, name: str = "labels") -> np.ndarray:
    """Integer class indices in ``[0, n_classes)``, one per row: an int array of shape ``(n_rows,)``."""
    array = as_array(labels, name, masked_hint=f"the unmasked entries of `{name}` with their rows")
    if array.dtype.kind not in "iu":
        raise TypeError(
            f"`{name}` must be integer class indices in [0, {n_classes - 1}]; "
            f"got {describe(labels)} of dtype {array.dtype}"
        )
    if array.shape != (n_rows,):
        raise ValueError(f"`{name}` must have shape ({n_rows},), one per example; got {array.shape}")
    if array.size and (array.min() < 0 or array.max() >= n_classes):
        bad = array.min() if array.min() < 0 else array.max()
        raise ValueError(f"`{name}` must be in [0, {n_classes - 1}]; got {int(bad)}")
    return array.astype(np.intp, copy=False)


# ---------------------------------------------------------------- scalars


def _scalar(value: object) -> object:
    """A 0-d numpy array as its Python number; anything else unchanged."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        return value.item()
    return value


def _is_integer(value: object) -> bool:
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _integer_error(value: object, name: str, allowed: str) -> Exception:
    """TypeError for what is not a number at all; ValueError for a number that is not a whole one."""
    if _is_real(value):
        return ValueError(f"`{name}` must be {allowed}; got {describe(value)}")
    return TypeError(f"`{name}` must be {allowed}; got {describe(value)}")


def check_positive_int(value: object, name: str, *, minimum: int = 1) -> int:
    """`value` as an int >= `minimum` (1 by default; pass 0 for non-negative counts)."""
    value = _scalar(value)
    allowed = "a positive integer" if minimum == 1 else f"an integer >= {minimum}"
    if not _is_integer(value):
        raise _integer_error(value, name, allowed)
    if value < minimum:
        raise ValueError(f"`{name}` must be {allowed}; got {int(value)}")
    return int(value)


def check_length_range(min_length: object, max_length: object) -> tuple[int, int]:
    """`min_length` and `max_length` as ints with ``0 <= min_length <= max_length``."""
    low = check_positive_int(min_length, "min_length", minimum=0)
    high = check_positive_int(max_length, "max_length", minimum=0)
    if low > high:
        raise ValueError(f"`min_length` must be <= `max_length` (= {high}); got {low}")
    return low, high


def check_positive_float(value: object, name: str, *, allow_zero: bool = False) -> float:
    """`value` as a finite float > 0 (>= 0 with `allow_zero`)."""
    value = _scalar(value)
    allowed = "a finite number >= 0" if allow_zero else "a finite number > 0"
    if not _is_real(value):
        raise TypeError(f"`{name}` must be {allowed}; got {describe(value)}")
    number = float(value)
    if not math.isfinite(number) or number < 0 or (number == 0 and not allow_zero):
        raise ValueError(f"`{name}` must be {allowed}; got {number!r}")
    return number


def check_text(value: object, name: str) -> str:
    """`value` if it is a str, else a TypeError naming the parameter."""
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be a string; got {describe(value)}")
    return value


def check_words(words: object, name: str = "words", *, allow_empty: bool = False) -> list[str]:
    """A list of strings from any iterable of strings (a single string is refused, not split)."""
    if isinstance(words, str):
        raise TypeError(f"`{name}` must be a list of words, not a single string; got {describe(words)} "
                        f"(pass [{words!r}] for one word)")
    try:
        items = list(words)
    except TypeError:
        raise TypeError(f"`{name}` must be a list of strings; got {describe(words)}") from None
    bad = next((w for w in items if not isinstance(w, str)), None)
    if bad is not None:
        raise TypeError(f"`{name}` must contain only strings; got {describe(bad)}")
    if not items and not allow_empty:
        raise ValueError(f"`{name}` must contain at least one word; got an empty list")
    return items


def check_size(size: object, name: str = "size") -> tuple[int, ...]:
    """A numpy-style `size`: None (one draw), a non-negative int, or a tuple of them."""
    allowed = "None, a non-negative integer or a tuple of non-negative integers"
    if size is None:
        return ()
    size = _scalar(size)
    if _is_integer(size):
        shape = (size,)
    elif isinstance(size, (tuple, list)):
        shape = tuple(_scalar(n) for n in size)
    else:
        raise _integer_error(size, name, allowed)
    for n in shape:
        if not _is_integer(n):
            error = ValueError if _is_real(n) else TypeError
            raise error(f"`{name}` must be {allowed}; got {describe(size)}")
    if any(n < 0 for n in shape):
        raise ValueError(f"`{name}` must be {allowed}; got {describe(size)}")
    return tuple(int(n) for n in shape)


def check_rng(rng: object, name: str = "rng") -> np.random.Generator:
    """A numpy Generator from `rng`: a Generator (used as is), a non-negative int seed, or None."""
    allowed = "a numpy.random.Generator, a non-negative integer seed, or None"
    rng = _scalar(rng)
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, np.random.Generator):
        return rng
    if isinstance(rng, (np.random.SeedSequence, np.random.BitGenerator)):
        return np.random.default_rng(rng)
    if _is_integer(rng):
        if rng < 0:
            raise ValueError(f"`{name}` must be {allowed}; got {int(rng)}")
        return np.random.default_rng(int(rng))
    if _is_real(rng):
        raise ValueError(f"`{name}` must be {allowed}; got {describe(rng)}")
    hint = " (a legacy RandomState: use np.random.default_rng(seed))" if isinstance(
        rng, np.random.RandomState) else ""
    raise TypeError(f"`{name}` must be {allowed}; got {describe(rng)}{hint}")


def check_temperature(temperature: object, *, allow_zero: bool = True, allow_inf: bool = True,
                      maximum: float = math.inf, name: str = "temperature") -> float:
    """Return `temperature` as a float, or raise if it is not a number in the allowed range.

    The default range is ``[0, inf]``: 0 means argmax and inf means uniform.
    `maximum` narrows it for computations that are only accurate up to a bound.
    """
    temperature = _scalar(temperature)
    if not _is_real(temperature):
        allowed = _temperature_range(allow_zero, allow_inf, maximum)
        raise TypeError(f"`{name}` must be a real number in {allowed}; got {describe(temperature)}")
    value = float(temperature)
    if (math.isnan(value) or value < 0 or (value == 0 and not allow_zero) or value > maximum
            or (math.isinf(value) and not allow_inf)):
        allowed = _temperature_range(allow_zero, allow_inf, maximum)
        raise ValueError(f"`{name}` must be a number in {allowed}; got {value!r}")
    return value


def _temperature_range(allow_zero: bool, allow_inf: bool, maximum: float) -> str:
    """The allowed range of a temperature, as error messages write it."""
    low = "[0" if allow_zero else "(0"
    if maximum < math.inf:
        high = f"{maximum:g}]"
    else:
        high = "inf]" if allow_inf else "inf)"
    allowed = f"{low}, {high}"
    if allow_zero and allow_inf and maximum == math.inf:
        allowed += " (0 means argmax, inf means uniform)"
    return allowed


def check_slider_value(value: float, name: str, low: float, high: float) -> float:
    """`value` if a slider spanning [low, high] can show it (a widget would silently clamp it)."""
    if not low * (1 - 1e-9) <= value <= high * (1 + 1e-9):
        raise ValueError(f"`{name}` must be within the slider's range [{low:.3g}, {high:.3g}]; got {value!r}")
    return value


def check_fraction(value: object, name: str, *, low_open: bool = False) -> float:
    """Return `value` as a float in [0, 1] (or (0, 1] with `low_open`)."""
    allowed = "(0, 1]" if low_open else "[0, 1]"
    value = _scalar(value)
    if not _is_real(value):
        raise TypeError(f"`{name}` must be a real number in {allowed}; got {describe(value)}")
    number = float(value)
    if math.isnan(number) or number > 1 or number < 0 or (low_open and number == 0):
        raise ValueError(f"`{name}` must be a number in {allowed}; got {number!r}")
    return number
