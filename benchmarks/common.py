"""Shared measuring helpers for the benchmarks: interleaved timing, peak memory, Markdown."""

from __future__ import annotations

import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence


def interleaved_ratio(ours: Callable[[], object], theirs: Callable[[], object], repeats: int) -> dict[str, float]:
    """Time two callables alternately; report both medians and the median of per-pair ratios.

    Alternating (and swapping which goes first on every repeat) means a change in
    machine load during the run hits both sides alike; the median of the per-pair
    ratios ignores the occasional disturbed pair.
    """
    ours(), theirs()  # warm up: imports, caches, allocator
    ours_times, theirs_times, ratios = [], [], []
    for i in range(repeats):
        pair = []
        for function in ((ours, theirs) if i % 2 == 0 else (theirs, ours)):
            start = time.perf_counter()
            function()
            pair.append((function, time.perf_counter() - start))
        t_ours = next(t for f, t in pair if f is ours)
        t_theirs = next(t for f, t in pair if f is theirs)
        ours_times.append(t_ours)
        theirs_times.append(t_theirs)
        ratios.append(t_ours / t_theirs)
    return {
        "ours_ms": statistics.median(ours_times) * 1e3,
        "theirs_ms": statistics.median(theirs_times) * 1e3,
        "ratio": statistics.median(ratios),
    }


def peak_bytes(function: Callable[[], object]) -> tuple[int, object]:
    """Peak memory numpy and Python allocate during one call (tracemalloc), and the result."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    result = function()
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return peak, result


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def verdict(ok: bool) -> str:
    return "✅ met" if ok else "❌ missed"
