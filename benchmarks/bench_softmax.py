"""tempnb.softmax(x, T) against scipy.special.softmax(x / T): time and peak memory."""

from __future__ import annotations

import numpy as np
import scipy.special
from common import interleaved_ratio, peak_bytes, table, verdict

from tempnb import softmax

TEMPERATURE = 2.0
# name, shape, time goal (ratio to scipy), memory goal (peak / output size) or None
CASES = [
    ("10^6 elements", (1_000_000,), 0.7, 1.05),
    ("200 × 20000 batch", (200, 20_000), 0.7, 1.05),
    ("64 × 1000 batch", (64, 1_000), 1.3, None),
]


def run(repeats: int = 60) -> tuple[str, bool]:
    rng = np.random.default_rng(0)
    rows, all_met = [], True
    for name, shape, time_goal, memory_goal in CASES:
        x = rng.normal(scale=5.0, size=shape)
        np.testing.assert_allclose(softmax(x, TEMPERATURE), scipy.special.softmax(x / TEMPERATURE, axis=-1),
                                   rtol=1e-12, atol=1e-300)
        count = repeats if x.size > 100_000 else repeats * 20

        def ours(x=x):
            return softmax(x, TEMPERATURE)

        def scipys(x=x):
            return scipy.special.softmax(x / TEMPERATURE, axis=-1)

        timing = interleaved_ratio(ours, scipys, count)
        ours_peak, out = peak_bytes(ours)
        theirs_peak, _ = peak_bytes(scipys)
        ours_memory, theirs_memory = ours_peak / out.nbytes, theirs_peak / out.nbytes
        met = timing["ratio"] <= time_goal and (memory_goal is None or ours_memory <= memory_goal)
        all_met &= met
        goal = f"time ≤ {time_goal}×" + (f", memory ≤ {memory_goal}×" if memory_goal else "")
        rows.append([name, f"{timing['ours_ms']:.3g}", f"{timing['theirs_ms']:.3g}", f"{timing['ratio']:.2f}",
                     f"{ours_memory:.2f}", f"{theirs_memory:.2f}", goal, verdict(met)])
    header = ["input (T = 2)", "tempnb ms", "scipy ms", "time ratio", "tempnb peak / output",
              "scipy peak / output", "goal", ""]
    return table(header, rows), all_met


if __name__ == "__main__":
    print(run()[0])
