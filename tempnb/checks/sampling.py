"""Exercise checks for notebook 06-sampling."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tempnb.checks._common import _call, report


def _frequency_check(draw: Callable, description: str, temperature: float = 1.0) -> None:
    """Shared by the sampler exercises: seeded draws must match softmax(logits / T)."""
    import scipy.stats

    from tempnb.core import softmax

    logits = np.array([1.0, -np.inf, 2.0, 0.5, 2.0])
    rng = np.random.default_rng(11)
    answer, problem = _call(lambda: [draw(logits, rng) for _ in range(6000)])
    if problem:
        return report(False, "", f"{problem}.")
    try:
        draws = np.asarray(answer, dtype=int)
    except (TypeError, ValueError):
        return report(False, "", "each call must return one integer index.")
    if draws.shape != (6000,):
        return report(False, "", "each call must return one integer index.")
    if draws.min() < 0 or draws.max() >= logits.size:
        return report(False, "", f"an index outside [0, {logits.size - 1}] was returned.")
    if np.any(draws == 1):
        return report(False, "", "the masked entry (logit -inf) was drawn; it must have probability 0.")
    expected = softmax(logits, temperature)
    counts = np.bincount(draws, minlength=logits.size)
    keep = expected > 0
    p_value = float(scipy.stats.chisquare(counts[keep], expected[keep] * draws.size).pvalue)
    if p_value < 1e-4:
        observed = np.round(counts / draws.size, 3).tolist()
        return report(False, "", f"frequencies {observed} do not match softmax {np.round(expected, 3).tolist()} "
                                 f"(chi-square p = {p_value:.1e}).")
    return report(True, f"6000 draws of your {description} match softmax(z / T) (chi-square test passed) "
                        "and never pick the masked entry.", "")


def check_inverse_cdf_sampler(sampler: Callable) -> None:
    """Exercise 06.1: ``sampler(logits, rng)`` draws one index by the inverse CDF."""
    return _frequency_check(sampler, "inverse-CDF sampler")


def check_gumbel_sampler(sampler: Callable) -> None:
    """Exercise 06.2: ``sampler(logits, rng, temperature)`` draws by the Gumbel-max trick, at T = 2."""
    return _frequency_check(lambda z, rng: sampler(z, rng, 2.0), "Gumbel-max sampler at T = 2", temperature=2.0)


def check_top_k(my_top_k: Callable) -> None:
    """Exercise 06.3: top-k filtering that keeps ties with the k-th largest logit."""
    from tempnb.sampling import top_k

    cases = [
        (np.array([1.0, 4.0, 2.0, 3.0]), 2, "[1, 4, 2, 3] with k = 2"),
        (np.array([1.0, 3.0, 3.0, 2.0]), 1, "[1, 3, 3, 2] with k = 1 (a tie at the top)"),
        (np.array([5.0, 1.0, 1.0, 1.0, 0.0]), 2, "[5, 1, 1, 1, 0] with k = 2 (a tie at the k-th place)"),
        (np.array([0.5, 2.0]), 5, "[0.5, 2] with k = 5 (k larger than the vocabulary)"),
    ]
    for logits, k, description in cases:
        answer, problem = _call(my_top_k, logits.copy(), k)
        if problem:
            return report(False, "", f"on {description}, {problem}.")
        expected = top_k(logits, k)
        if answer is None:
            return report(False, "", "return the filtered logits (removed entries set to -inf).")
        got = np.asarray(answer, dtype=float)
        if got.shape != expected.shape or not np.array_equal(np.isinf(got), np.isinf(expected)):
            kept = np.flatnonzero(np.isfinite(expected)).tolist()
            return report(False, "", f"on {description} the kept positions should be {kept}"
                                     " (every logit equal to the k-th largest is kept).")
        if not np.allclose(got[np.isfinite(got)], expected[np.isfinite(expected)]):
            return report(False, "", "kept logits must keep their values; only removed ones become -inf.")
    return report(True, "Your top-k matches tempnb.top_k, ties and oversized k included.", "")
