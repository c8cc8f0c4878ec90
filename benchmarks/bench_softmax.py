"""tempnb.softmax against scipy.special.softmax(x / T): time and peak memory.

Time: the two calls alternate (interleaved repeats, so drift in machine load
hits both alike) and the ratio of medians is reported. Memory: tracemalloc's
peak during one call (numpy reports its buffers to it), divided by the size of
the output array.

Run: .venv/bin/python benchmarks/bench_softmax.py
"""

from __future__ import annotations

import statistics
import time
import tracemalloc

import numpy as np
import scipy.special

from tempnb import softmax

TEMPERATURE = 2.0
CASES = {
    "10^6 elements": (1_000_000,),
    "200 x 20000 batch": (200, 20_000),
    "64 x 1000 batch": (64, 1_000),
}


def ours(x: np.ndarray) -> np.ndarray:
    return softmax(x, TEMPERATURE)


def scipys(x: np.ndarray) -> np.ndarray:
    return scipy.special.softmax(x / TEMPERATURE, axis=-1)


def median_seconds(functions, x: np.ndarray, repeats: int) -> list[float]:
    times: list[list[float]] = [[] for _ in functions]
    for _ in range(repeats):
        for i, function in enumerate(functions):
            start = time.perf_counter()
            function(x)
            times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def peak_over_output(function, x: np.ndarray) -> float:
    tracemalloc.start()
    tracemalloc.reset_peak()
    before = tracemalloc.get_traced_memory()[0]
    out = function(x)
    peak = tracemalloc.get_traced_memory()[1] - before
    tracemalloc.stop()
    return peak / out.nbytes


def run(repeats: int = 30) -> list[dict[str, object]]:
    rng = np.random.default_rng(0)
    rows = []
    for name, shape in CASES.items():
        x = rng.normal(scale=5.0, size=shape)
        np.testing.assert_allclose(ours(x), scipys(x), rtol=1e-10, atol=1e-300)
        size = int(np.prod(shape))
        count = repeats if size > 100_000 else repeats * 20
        ours_s, scipy_s = median_seconds([ours, scipys], x, count)
        rows.append({
            "case": name,
            "tempnb ms": ours_s * 1e3,
            "scipy ms": scipy_s * 1e3,
            "time ratio": ours_s / scipy_s,
            "tempnb peak / output": peak_over_output(ours, x),
            "scipy peak / output": peak_over_output(scipys, x),
        })
    return rows


def markdown(rows: list[dict[str, object]]) -> str:
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for row in rows:
        cells = [row["case"]] + [f"{row[k]:.3g}" if "ms" in k else f"{row[k]:.2f}" for k in header[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(run()))
