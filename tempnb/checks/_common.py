"""What every exercise check shares: calling a learner's code safely, comparing, reporting.

A check prints exactly one line: ``passed(message)`` (✅) or ``hint(message)`` (💡). It never
raises because an answer is wrong, and an answer that raises or warns is reported as a hint
too, so an unfinished exercise never stops "Run All". The learner's own ``print`` output is
left alone: it appears above the check's line.

Most checks are a table of :class:`Case` rows run by :func:`run_cases`. Each row carries its
input, its expected answer and the hint its failure deserves, plus the answers that typical
mistakes give on that input (:class:`Mistake`), each with the hint that names the mistake.
"""

from __future__ import annotations

import functools
import inspect
import math
import os
import re
import sys
import sysconfig
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

PASS = "✅"
HINT = "💡"


def passed(message: str) -> None:
    """Print the pass line. Returns None, so a check ending a cell shows only its line."""
    print(f"{PASS} {message}")


def hint(message: str) -> None:
    """Print one hint line for a wrong or unfinished answer. Returns None."""
    print(f"{HINT} Not yet: {message}")


@dataclass(frozen=True)
class Outcome:
    """What calling the learner's code gave: its value, or the problem it ran into."""

    value: Any = None
    problem: str | None = None  # "it raised ZeroDivisionError: ..." or "it emitted a RuntimeWarning: ..."
    error: type | None = None  # the exception or warning class behind ``problem``


class InputChanged(Exception):
    """The learner's function changed an argument it was given (reported as a hint, never raised)."""


def fresh(value: object) -> object:
    """A copy of an input that the learner's code may change without touching the check's own data."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, list):
        return [fresh(item) for item in value]
    if isinstance(value, tuple):
        return tuple(fresh(item) for item in value)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    return value  # numbers, strings, functions and generators are passed as they are


def _unchanged(before: object, after: object) -> bool:
    """Whether the learner's code left an input as it was given (NaN equal to NaN, shape and dtype kept)."""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and after.shape == before.shape and after.dtype == before.dtype
                and bool(np.array_equal(after, before, equal_nan=before.dtype.kind in "fc")))
    if isinstance(before, (list, tuple)):
        return (type(after) is type(before) and len(after) == len(before)
                and all(_unchanged(b, a) for b, a in zip(before, after)))
    if isinstance(before, dict):
        return isinstance(after, dict) and after.keys() == before.keys() and all(
            _unchanged(before[key], after[key]) for key in before)
    if isinstance(before, (int, float, complex, np.number)):  # inside a list: reordered or replaced?
        if before != before:  # NaN stays NaN
            return isinstance(after, (int, float, complex, np.number)) and after != after
        return isinstance(after, (int, float, complex, np.number)) and bool(after == before)
    return True  # other objects (a Generator, a function) are passed as they are


def _parameter_names(function: Callable) -> list[str]:
    try:
        return list(inspect.signature(function).parameters)
    except (TypeError, ValueError):  # a builtin without a signature
        return []


_IN_PLACE = ("your function changed its input `{name}` (an in-place update such as `{name} -= ...`, "
             "`{name} /= ...`, `{name}[...] = ...` or `out={name}`): the caller's array must stay as it was, "
             "even when the result is right. Work on a copy: `{name} = {name} - ...` makes a new array, "
             "and so does `{name} = np.array({name}, dtype=float)`.")
# For an integer input (labels, indices) a float copy would break its use as an index.
_IN_PLACE_INTEGERS = ("your function changed its input `{name}` (an in-place update such as `{name}.sort()`, "
                      "`{name}[...] = ...` or `{name} += ...`): the caller's array must stay as it was, even when "
                      "the result is right. Work on a copy: `{name} = {name}.copy()` keeps its integers (not "
                      "np.array({name}, dtype=float): float labels or indices cannot index an array).")


def call(function: Callable, *args: Any) -> Outcome:
    """Call a learner's function, turning any exception or warning into a problem to report.

    Every call gets fresh copies of the inputs, so no learner code can change what a later call
    (or a later check) sees; and an input the learner's code changed is reported, because a
    function that alters its caller's array is a bug even when its value is right.
    Nothing is redirected: whatever the learner's code prints is shown as usual. NumPy's
    floating-point overflow, division by zero and invalid operations are raised to warnings for
    the call (underflow to 0 is normal and stays silent), so an overflowing answer is caught
    even when the learner's session has silenced them.
    """
    if not callable(function):
        return Outcome(problem=f"expected a function, got {_short(function)}", error=TypeError)
    given = [fresh(arg) for arg in args]
    pristine = [fresh(arg) for arg in args]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn", under="ignore"):
            try:
                value = function(*given)
            except Exception as exc:  # the learner's code may fail in any way
                return Outcome(problem=f"it raised {type(exc).__name__}: {_explained(exc)}", error=type(exc))
    if caught:
        first = caught[0]
        # NumPy's floating-point warnings read "overflow encountered in exp"; the kind
        # ("overflow") is what the learner needs, and stays the same whatever function raised it.
        message = _first_line(str(first.message)).split(" encountered")[0]
        if "ndim > 0 to a scalar" in message:
            message = ("int() or float() of an array of shape (1,), as from rng.random(1) or np.array([u]); "
                       "draw one number with rng.random(), or take element [0]")
        return Outcome(value, f"it emitted a {first.category.__name__}: {message}", first.category)
    changed = [i for i, (before, after) in enumerate(zip(pristine, given)) if not _unchanged(before, after)]
    if changed:
        names = _parameter_names(function)
        name = names[changed[0]] if changed[0] < len(names) else f"argument {changed[0] + 1}"
        before = pristine[changed[0]]
        integers = isinstance(before, np.ndarray) and np.issubdtype(before.dtype, np.integer)
        return Outcome(value, (_IN_PLACE_INTEGERS if integers else _IN_PLACE).format(name=name), InputChanged)
    return Outcome(value)


@functools.lru_cache(maxsize=4096)
def is_library_file(filename: str) -> bool:
    """Code the learner did not write: the standard library, installed packages, tempnb itself, frozen modules."""
    if filename.startswith("<frozen"):
        return True
    path = os.path.normcase(os.path.realpath(filename))
    parts = set(path.split(os.sep))
    tempnb_dir = os.path.normcase(os.path.realpath(os.path.dirname(os.path.dirname(__file__))))
    stdlib = os.path.normcase(os.path.realpath(sysconfig.get_paths()["stdlib"]))
    return bool({"site-packages", "dist-packages"} & parts) or path.startswith((tempnb_dir + os.sep, stdlib + os.sep))


@dataclass
class LinesRun:
    """What one call of the learner's function ran (see :func:`lines_run`)."""

    own_lines: int  # lines of the learner's own code
    own_names: set[str]  # the learner's functions it entered
    library_lines: dict[str, int]  # lines of library code run for the learner, by the library function it called
    library_calls: dict[str, int]  # how often the learner's code called each library function
    library_names: set[str]  # every library function entered on the learner's behalf, at any depth
    outcome: Outcome


def lines_run(function: Callable, *args: Any, libraries: bool = True) -> LinesRun:
    """How many lines of Python one call runs, the learner's own and the libraries' apart, which functions it
    enters, and the call's outcome.

    A tracer counts "line" events: every pass of a Python loop in the learner's code runs at least one of its lines
    (a comprehension's or a generator's passes included), so a loop over the bins makes that count grow with the
    number of bins. A loop that a library runs for the learner makes the library lines grow instead:
    ``np.split``'s own loop over the pieces, ``np.apply_along_axis``'s over the rows, or ``map(np.sum, pieces)``,
    which calls NumPy's Python ``sum`` once per piece from C. Library lines (NumPy's, SciPy's, the standard
    library's, tempnb's) are counted only below a call from the learner's code, and credited to the library
    function that call entered; with ``libraries=False`` library code is not traced at all (faster, and enough
    where only the learner's own lines matter). The call goes through :func:`call` (fresh copies of the inputs,
    errors and warnings caught; prints shown). The previous tracer is restored afterwards.

    For an exercise that asks for array operations instead of a loop: compare the counts of one input and a
    larger one (4 bins against 100, 4 rows against 40) and tell a loop by its growth."""
    own_lines = 0
    own_names: set[str] = set()
    library_lines: dict[str, int] = {}
    library_calls: dict[str, int] = {}
    library_names: set[str] = set()
    entered_from = {}  # a library frame run for the learner -> the library function the learner's code called

    def is_library(code) -> bool:  # noqa: ANN001 (a code object)
        return is_library_file(code.co_filename)

    def count_own(frame, event, arg):  # noqa: ANN001, ARG001 (sys.settrace's signature)
        nonlocal own_lines
        if event == "line":
            own_lines += 1
        return count_own

    def count_library(frame, event, arg):  # noqa: ANN001, ARG001
        # .get and .pop with defaults: a tracer that raised would stop tracing and reach the learner's code
        if event == "line" and (name := entered_from.get(frame)) is not None:
            library_lines[name] = library_lines.get(name, 0) + 1
        elif event == "return":
            entered_from.pop(frame, None)
        return count_library

    def on_call(frame, event, arg):  # noqa: ANN001, ARG001
        if event != "call":
            return None
        code = frame.f_code
        if not is_library(code):
            own_names.add(code.co_name)
            return count_own
        if not libraries:
            return None
        if frame.f_globals.get("__name__", "").endswith(".arrayprint"):
            # printing an array (print(edges) while debugging) runs NumPy's Python formatting once per entry:
            # that is the learner's print, not work their function does, so it is not counted (cold read r161, X1)
            return None
        caller = frame.f_back
        if caller is not None and not is_library(caller.f_code):  # called from the learner's code
            name = f"{frame.f_globals.get('__name__', '').split('.')[0]}.{code.co_name}"
            library_calls[name] = library_calls.get(name, 0) + 1
        elif caller in entered_from:
            name = entered_from[caller]
        else:  # library code around the learner's (the check's own call), not run for it
            return None
        entered_from[frame] = name
        library_names.add(code.co_name)
        return count_library

    def traced(*given: Any) -> Any:
        # the tracer is on only while the learner's function runs: not while call() copies the inputs or builds
        # its Outcome (a dataclass whose generated __init__ comes from no library file)
        previous = sys.gettrace()
        sys.settrace(on_call)
        try:
            return function(*given)
        finally:
            sys.settrace(previous)

    outcome = call(traced, *args) if callable(function) else call(function, *args)
    return LinesRun(own_lines, own_names, library_lines, library_calls, library_names, outcome)


def calls(function: Callable, args: tuple, *library_functions: Callable) -> Callable | None:
    """Which of ``library_functions`` ``function(*args)`` runs, under whatever name the learner's code reached
    it (``tempnb.f``, ``from tempnb.module import f``, an alias); None if it runs none of them.

    For an exercise that asks a learner to write what the library already has. A profiler watches the one
    call (made through :func:`call`, so on fresh copies of the inputs, with any error or warning caught) for a
    frame running a library function's code; the previous profiler is restored afterwards. The first of
    ``library_functions`` that ran is returned, so list the one to name first when one calls another.
    """
    targets = {library_function.__code__: library_function for library_function in library_functions}
    seen: set = set()

    def watch(frame, event, arg) -> None:  # noqa: ANN001, ARG001 (sys.setprofile's signature)
        if event == "call" and frame.f_code in targets:
            seen.add(frame.f_code)

    previous = sys.getprofile()
    sys.setprofile(watch)
    try:
        call(function, *args)
    finally:
        sys.setprofile(previous)
    return next((f for f in library_functions if f.__code__ in seen), None)


def _explained(exc: Exception) -> str:
    """An exception's first line, with what the common NumPy messages mean added."""
    message = _first_line(str(exc))
    shapes = re.search(r"could not be broadcast together with shapes (.*)$", message)
    if shapes:
        return (f"arrays of shapes {shapes.group(1).strip()} could not be combined (broadcasting lines up shapes "
                "from the right: a (B, K) batch and a (B,) vector of one number per row, for example, do not "
                "fit; a reduction over axis=1 keeps a (B, 1) shape only with keepdims=True)")
    if "object has no attribute" in message and "'list'" in message:
        return message + " (a Python list has no array methods: convert with np.asarray(...) first)"
    if "only length-1 arrays can be converted" in message or "only 0-dimensional arrays can be converted" in message:
        return message + (" (int(), float() or a math-module function such as math.exp was given an array, not "
                          "one number: on arrays use NumPy's functions, e.g. np.exp)")
    if isinstance(exc, TypeError) and "positional argument" in message:
        return message + " (the check calls your function with the arguments the exercise names, in that order)"
    return message


def _first_line(text: str, limit: int = 120) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _short(value: object, limit: int = 80) -> str:
    """A short repr of a learner's value for a hint (arrays rounded, long text cut)."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "fc":
        text = repr(np.round(value, 6).tolist())
    else:
        text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def as_array(value: object) -> np.ndarray | None:
    """The learner's answer as a float array, or None if it is not numeric.

    Text is not numeric, even where NumPy would read it as a number (``np.asarray("0.5", dtype=float)``
    is 0.5): a string, or an array or list holding strings, is what printing or formatting made, not
    the number a check asks for.
    """
    if value is None or isinstance(value, (str, bytes)):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if isinstance(value, (list, tuple, np.ndarray)):
                raw = np.asarray(value)
                if raw.dtype.kind in "SU" or (raw.dtype == object and any(
                        isinstance(item, (str, bytes)) for item in raw.flat)):
                    return None
            return np.asarray(value, dtype=float)
    except Exception:  # any object a learner passes: a wrong type must become a hint, never an error
        return None


def close(actual: object, expected: object, rtol: float = 1e-9, atol: float = 1e-12) -> bool:
    """Same shape and equal within the tolerances (NaN never equals anything)."""
    a, b = as_array(actual), as_array(expected)
    if a is None or b is None or a.shape != b.shape:
        return False
    with np.errstate(all="ignore"):
        return bool(np.allclose(a, b, rtol=rtol, atol=atol, equal_nan=False))


def number(value: object) -> float | None:
    """The learner's answer as one float, or None if it is not a single number (or is NaN)."""
    if isinstance(value, (bool, np.bool_)):
        return None
    array = as_array(value)
    if array is None or array.ndim != 0:  # an array of shape (1,) is not one number
        return None
    result = float(array)
    return None if math.isnan(result) else result


def shown(value: object) -> str:
    """The learner's value as a hint shows it: numbers to 6 significant digits, arrays rounded."""
    single = number(value)
    if single is not None:
        return f"{single:.6g}"
    array = as_array(value)
    if array is not None and array.size <= 12:
        return str([float(f"{x:.6g}") for x in array.reshape(-1)]) if array.ndim == 1 else _short(value)
    return _short(value)


@dataclass(frozen=True)
class Mistake:
    """What a typical mistake returns on one case, and the hint that names that mistake."""

    answer: Any  # the wrong answer on this case, or a predicate ``answer -> bool`` recognising it
    hint: str


@dataclass(frozen=True)
class Case:
    """One input of an exercise, its expected answer and the hint its failure deserves."""

    args: tuple  # the arguments passed to the learner's function
    expected: Any  # the right answer, compared by the check's ``same``
    hint: str  # printed when the answer is wrong on this case and matches no known mistake
    label: str = ""  # how the hints name this input, e.g. "[1000, 1001]"
    mistakes: Sequence[Mistake] = field(default_factory=tuple)
    # added after "it raised/emitted ..." when the call fails on this case; a function of that problem text
    # gives advice that depends on it
    on_problem: str | Callable[[str], str] = ""


def _matches(mistake: Mistake, value: object, same: Callable[[object, object], bool]) -> bool:
    if callable(mistake.answer):
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                return bool(mistake.answer(value))
        except Exception:  # a recogniser that cannot read the answer does not match it
            return False
    return same(value, mistake.answer)


def not_one_number(value: object, assigned: bool = False) -> str | None:
    """Why ``value`` is not the single number an exercise asks for, or None if it is one.

    Names the usual sources: a whole ``OptimizeResult`` (without ``.x``), an array of shape (1,)
    (``keepdims=True``, ``rng.random(1)``, ``minimize``'s ``.x``), several values in a tuple.
    With ``assigned``, for an exercise that asks for a value rather than a function, the hint says
    "assign" where a function's says "return".
    """
    did, do = ("assigned", "assign") if assigned else ("returned", "return")
    if number(value) is not None:
        return None
    if hasattr(value, "x") and hasattr(value, "fun"):
        return (f"you {did} the whole result of scipy.optimize (an OptimizeResult, with .x, .fun, .success…); "
                f"{do} the number it found, result.x (and float(result.x[0]) if you used minimize, not "
                "minimize_scalar).")
    if hasattr(value, "root") and hasattr(value, "converged"):
        return (f"you {did} a RootResults (from root_scalar, or brentq with full_output=True): {do} the number "
                "it found, result.root.")
    if isinstance(value, tuple) and len(value) == 2 and hasattr(value[1], "root") and hasattr(value[1], "converged"):
        return "brentq with full_output=True returns (root, RootResults): take [0]."
    if isinstance(value, tuple) and len(value) == 1:  # `x = 1.386,` or `return x,`: a comma at the end of the line
        return (f"you {did} a tuple of one value, {_short(value)}: the comma at the end of the line makes one "
                f"(`x = 1.39,` is the tuple (1.39,)). Remove the comma; {do} the number itself.")
    if isinstance(value, tuple):
        return f"you {did} a tuple of {len(value)} values, {_short(value)}; {do} one number."
    array = as_array(value)
    if isinstance(value, (bool, np.bool_)) or (isinstance(value, np.ndarray) and value.dtype == bool):
        return (f"you {did} a boolean, {bool(np.all(value))}, not a number (a comparison such as x > 0.5 gives "
                f"one): {do} the number itself.")
    if array is not None and array.ndim == 0 and np.issubdtype(array.dtype, np.number) and np.isnan(array):
        return f"you {did} nan: somewhere an inf - inf, 0 * inf or 0 / 0 happened."
    if array is not None and array.size == 1:
        kind = "a list" if isinstance(value, list) else f"an array of shape {array.shape}"
        return (f"you {did} {kind}, {_short(value)}, not one number (keepdims=True, rng.random(1), "
                f"minimize's .x and np.array([...]) all give one); {do} float(...) of it, e.g. float(x[0]).")
    if array is not None:
        return f"{do} one number (a float), not an array of shape {array.shape}: {_short(value)}."
    if isinstance(value, (str, bytes)):
        return f"{do} one number (a float), not the string {_short(value)}."
    if isinstance(value, (list, tuple, np.ndarray)) and as_array(value) is None and text_inside(value):
        return (f"you {did} text, {_short(value)}, not a number (str(), an f-string and .astype(str) make text, "
                f"for printing): {do} the number itself, and format it only when you print it.")
    return f"{do} one number (a float); got {_short(value)}."


def text_inside(value: object) -> bool:
    """Whether a list, tuple or array holds a string anywhere (what as_array refuses as text)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            raw = np.asarray(value, dtype=object)
    except Exception:  # a ragged nest: not a plain text array
        return False
    return any(isinstance(item, (str, bytes, np.str_, np.bytes_)) for item in raw.flat)


def diagnose(case: Case, value: object, same: Callable[[object, object], bool] = close) -> str | None:
    """None if ``value`` is right for ``case``; otherwise the hint that fits it best."""
    try:
        right = same(value, case.expected)
    except Exception:  # an answer of a type the comparison cannot read is simply not right
        right = False
    if right:
        return None
    if isinstance(case.expected, (float, int)) and not isinstance(case.expected, bool):
        wrong_kind = not_one_number(value)
        if wrong_kind is not None:
            return wrong_kind.replace("{", "{{").replace("}", "}}")
    for mistake in case.mistakes:
        if _matches(mistake, value, same):
            return mistake.hint
    return case.hint


def run_cases(
    function: Callable,
    cases: Sequence[Case],
    success: str,
    same: Callable[[object, object], bool] = close,
    show: Callable[[object], str] | None = None,
) -> None:
    """The shared comparison loop: call the learner's function on each case, stop at the first miss.

    Prints ``passed(success)`` when every case is right; otherwise one hint: the problem the
    call ran into (plus the case's ``on_problem`` advice), an input it changed, "returned None",
    the hint of a recognised mistake, or the case's own hint.
    """
    problem = first_miss(function, cases, same, show)
    return hint(problem) if problem is not None else passed(success)


def first_miss(
    function: Callable,
    cases: Sequence[Case],
    same: Callable[[object, object], bool] = close,
    show: Callable[[object], str] | None = None,
) -> str | None:
    """The hint for the first case the learner's function gets wrong, or None if it gets all right."""
    for case in cases:
        outcome = call(function, *case.args)
        where = f"on {case.label}, " if case.label else ""
        if outcome.error is InputChanged:
            return f"{where}{outcome.problem}"
        if outcome.problem:
            advice = case.on_problem(outcome.problem) if callable(case.on_problem) else case.on_problem
            advice = f" {advice}" if advice else ""
            ending = "" if outcome.problem.endswith((".", "?", "!")) else "."  # NumPy's messages may end in one
            return f"{where}{outcome.problem}{ending}{advice}"
        if outcome.value is None:
            return "your function returned None; return the answer (a missing `return`?)."
        message = diagnose(case, outcome.value, same)
        if message is not None:
            return message.format(got=(show or shown)(outcome.value), label=case.label)
    return None


def check_value(value: object, cases: Sequence[Case], success: str,
                same: Callable[[object, object], bool] = close) -> None:
    """Like :func:`run_cases` for an exercise whose answer is a value, not a function."""
    if value is None or value is Ellipsis:
        return hint("replace the None with your answer.")
    if callable(value):
        return hint(f"this exercise asks for a value, not a function: call it and pass its result "
                    f"(got {_short(value)}).")
    for case in cases:
        message = diagnose(case, value, same)
        if message is not None:
            return hint(message.format(got=shown(value), label=case.label))
    return passed(success)


def check_number(value: object, cases: Sequence[Case], success: str, rel_tol: float = 1e-9) -> None:
    """A value exercise whose answer is one number: compared within ``rel_tol``."""
    if value is None or value is Ellipsis:
        return hint("replace the None with your answer.")
    single = number(value)
    if single is None:
        if callable(value):
            return hint(f"this exercise asks for a number, not a function: call it and pass its result "
                        f"(got {_short(value)}).")
        return hint(not_one_number(value, assigned=True) or f"expected a single number, got {_short(value)}.")
    return check_value(single, cases, success,
                       same=lambda a, b: math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=1e-12))


def near(target: float, rel_tol: float = 1e-9) -> Callable[[object], bool]:
    """A recogniser for a :class:`Mistake`: the answer is the number ``target``."""
    return lambda answer: math.isclose(float(answer), target, rel_tol=rel_tol, abs_tol=1e-12)


def near_miss(expected: object, rtol: float = 1e-5, atol: float = 1e-7) -> Callable[[object], bool]:
    """A recogniser for a :class:`Mistake`: right to about 6 significant digits (as a rounded or
    float32 answer is) but not to a check's 1e-9, with ``expected``'s shape."""
    target = np.asarray(expected, dtype=float)

    def recognise(answer: object) -> bool:
        array = as_array(answer)
        return array is not None and array.shape == target.shape and \
            bool(np.allclose(array, target, rtol=rtol, atol=atol))
    return recognise



def rounded_to(expected: object, digits: Sequence[int] = range(1, 9)) -> Callable[[object], int | None]:
    """A reader of an answer: the fewest decimals ``d`` (of ``digits``) for which it is ``np.round(expected, d)``,
    as a right answer rounded for printing is (np.round, round, or digits typed from a printout); else None.

    The comparison allows a few units in the last place, so np.round, Python's round and a typed literal all count;
    an answer right to full precision is compared (and passed) before any mistake is looked for. Nothing absolute
    (atol=0): where the rounding is 0 the answer must be exactly 0, so a tiny nonzero entry (a floor on an exponent,
    an epsilon added to each exponential) is not read as rounding."""
    target = np.asarray(expected, dtype=float)
    roundings = [(d, np.round(target, d)) for d in digits]

    def read(answer: object) -> int | None:
        array = as_array(answer)
        if array is None or array.shape != target.shape or not np.all(np.isfinite(array)):
            return None
        for d, rounding in roundings:
            if np.allclose(array, rounding, rtol=1e-14, atol=0):
                return d
        return None
    return read


def rounded_mistakes(expected: object, tolerance: str, digits: Sequence[int] = range(1, 9)) -> list[Mistake]:
    """One :class:`Mistake` per number of decimals: the right answer rounded to ``d`` decimals, named as such.

    ``tolerance`` is how the check compares, e.g. "a relative 1e-12"; the hint keeps the words "not within the
    check's relative" of the near-miss hints it comes before."""
    read = rounded_to(expected, digits)
    return [Mistake(lambda answer, d=d: read(answer) == d,  # d=d: each recogniser keeps its own d
                    f"you rounded your answer to {d} decimal{'s' if d > 1 else ''} ({{got}}), so it is not within "
                    f"the check's {tolerance}: return the full-precision values, and round only when you print.")
            for d in digits]
