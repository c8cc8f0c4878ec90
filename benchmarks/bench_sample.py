"""tempnb.sample, one draw per row of a batch, against a Python loop of Generator.choice."""

from __future__ import annotations

import numpy as np
import scipy.special
from common import interleaved_ratio, table, verdict

from tempnb import sample

ROWS, CATEGORIES = 1_000, 50_000


def run(repeats: int = 7) -> tuple[str, bool]:
    logits = np.random.default_rng(1).normal(scale=3.0, size=(ROWS, CATEGORIES))

    def ours():
        return sample(logits, 1.0, rng=2)

    def loop():
        rng = np.random.default_rng(2)
        return np.array([rng.choice(CATEGORIES, p=scipy.special.softmax(row)) for row in logits])

    timing = interleaved_ratio(ours, loop, repeats)
    met = timing["ratio"] <= 1.0
    rows = [[f"{ROWS} × {CATEGORIES:,} logits, one draw per row", f"{timing['ours_ms']:.0f}",
             f"{timing['theirs_ms']:.0f}", f"{timing['ratio']:.2f}", "≤ 1.0×", verdict(met)]]
    header = ["task", "tempnb.sample ms", "loop of softmax + Generator.choice ms", "time ratio", "goal", ""]
    return table(header, rows), met


if __name__ == "__main__":
    print(run()[0])
