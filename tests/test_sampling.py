"""tempnb.sampling and the names corpus."""

import hashlib
import itertools
import math
import re
import warnings
from fractions import Fraction

import numpy as np
import pytest
import scipy.special
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tempnb import sampling, softmax
from tempnb.data import DATA_DIR, NAME_FILES, load_names, split_names
from tempnb.sampling import min_p, sample, top_k, top_p

# ---------------------------------------------------------------- sample


@pytest.mark.parametrize("temperature", [0.5, 1.0, 3.0])
def test_frequencies_match_softmax(temperature):
    logits = np.array([0.3, -1.0, 2.0, 0.0, -np.inf, 1.2])
    draws = sample(logits, temperature, size=200_000, rng=12)
    expected = softmax(logits, temperature)
    counts = np.bincount(draws, minlength=logits.size)
    assert counts[4] == 0
    keep = expected > 0
    result = scipy.stats.chisquare(counts[keep], expected[keep] * draws.size)
    assert result.pvalue > 1e-3, (counts / draws.size, expected)


def test_batch_gives_one_draw_per_row_and_matches_per_row_distribution():
    rng = np.random.default_rng(3)
    rows = rng.normal(scale=2.0, size=(3, 7))
    batch = np.repeat(rows, 40_000, axis=0)
    draws = sample(batch, 1.3, rng=4)
    assert draws.shape == (120_000,)
    for r in range(3):
        counts = np.bincount(draws[r * 40_000:(r + 1) * 40_000], minlength=7)
        result = scipy.stats.chisquare(counts, softmax(rows[r], 1.3) * 40_000)
        assert result.pvalue > 1e-3


def test_batch_with_size_and_other_axis():
    logits = np.array([[0.0, 100.0, 0.0], [100.0, 0.0, 0.0]]).T  # categories along axis 0
    draws = sample(logits, axis=0, size=(2, 5), rng=0)
    assert draws.shape == (2, 2, 5)
    assert np.all(draws[0] == 1) and np.all(draws[1] == 0)


def test_greedy_is_first_argmax():
    assert sample([1.0, 5.0, 5.0, 2.0], 0) == 1
    assert sample([[1.0, 5.0], [7.0, 7.0]], 0).tolist() == [1, 0]
    assert sample([3.0, 1.0], 0, size=3).tolist() == [0, 0, 0]


def test_seed_and_generator_reproduce():
    logits = np.linspace(0, 1, 10)
    assert sample(logits, size=50, rng=7).tolist() == sample(logits, size=50, rng=7).tolist()
    a, b = np.random.default_rng(9), np.random.default_rng(9)
    assert sample(logits, size=50, rng=a).tolist() == sample(logits, size=50, rng=b).tolist()
    assert isinstance(sample(logits, rng=1), int)


@given(hnp.arrays(np.float64, st.integers(2, 20), elements=st.floats(-30, 30)), st.integers(0, 2**32 - 1))
def test_masked_entries_are_never_drawn(logits, seed):
    logits[::2] = -np.inf
    draws = sample(logits, size=200, rng=seed)
    assert np.all(np.isfinite(logits[draws]))


def test_float32_logits_are_drawn_as_their_exact_float64_values():
    # With the same generator, each draw depends only on where u lands in the running sum of the
    # probabilities; a float32 running sum over 50,257 tokens drifts and sends some draws elsewhere.
    logits = np.random.default_rng(6).normal(0.0, 2.0, size=(4, 50_257)).astype(np.float32)
    drawn32 = sample(logits, 0.7, size=2_000, rng=11)
    drawn64 = sample(logits.astype(np.float64), 0.7, size=2_000, rng=11)
    np.testing.assert_array_equal(drawn32, drawn64)


def test_extreme_inputs_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert sample([1e300, -1e300], 1e-8, rng=0) == 0
        assert sample(np.float32([0.0, 1.0]), 1e8, size=10, rng=0).shape == (10,)


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: sample([1.0, np.nan]), ValueError, ["`logits`", "NaN"]),
        (lambda: sample([1.0, 2.0], -1.0), ValueError, ["`temperature`", "-1.0"]),
        (lambda: sample([1.0, 2.0], np.nan), ValueError, ["`temperature`", "nan"]),
        (lambda: sample([1.0, 2.0], rng="seed"), TypeError, ["`rng`", "'seed'"]),
        (lambda: sample([1.0, 2.0], size=-2), ValueError, ["`size`", "-2"]),
        (lambda: sample([1.0, 2.0], size=2.5), ValueError, ["`size`", "2.5"]),
        (lambda: sample([1.0, 2.0], size=(2, 2.5)), ValueError, ["`size`", "(2, 2.5)"]),
        (lambda: sample([1.0, 2.0], size="3"), TypeError, ["`size`", "'3'"]),
        (lambda: sample([1.0, 2.0], rng=-1), ValueError, ["`rng`", "non-negative", "-1"]),
        (lambda: sample([1.0, 2.0], rng=True), TypeError, ["`rng`", "True"]),
        (lambda: sample([1.0, 2.0], rng=0.5), ValueError, ["`rng`", "0.5"]),
        (lambda: sample([1.0, 2.0], axis=2), ValueError, ["`axis`", "got 2"]),
        (lambda: sample(np.empty((2, 0))), ValueError, ["`logits`", "(2, 0)"]),
        (lambda: top_k([1.0, 2.0], 0), ValueError, ["`k`", "positive integer", "0"]),
        (lambda: top_k([1.0, 2.0], 1.5), ValueError, ["`k`", "1.5"]),
        (lambda: top_k([1.0, 2.0], "2"), TypeError, ["`k`", "'2'"]),
        (lambda: top_k([1.0, 2.0], 1, min_tokens_to_keep=0), ValueError, ["`min_tokens_to_keep`", "0"]),
        (lambda: top_p([1.0, 2.0], "0.5"), TypeError, ["`p`", "'0.5'"]),
        (lambda: top_p([[1.0, 2.0]], 0.5, axis=-3), ValueError, ["`axis`", "-3"]),
        (lambda: min_p([1.0, 2.0], 0.5, min_tokens_to_keep=1.5), ValueError, ["`min_tokens_to_keep`", "1.5"]),
        (lambda: min_p(["a"], 0.5), TypeError, ["`logits`", "real numbers"]),
        (lambda: top_k([1.0, np.nan], 1), ValueError, ["`logits`", "NaN"]),
        (lambda: top_p([1.0, 2.0], 1.5), ValueError, ["`p`", "[0, 1]", "1.5"]),
        (lambda: top_p([1.0, 2.0], -0.1), ValueError, ["`p`", "-0.1"]),
        (lambda: min_p([1.0, 2.0], 2.0), ValueError, ["`p`", "[0, 1]", "2.0"]),
        (lambda: min_p([1.0, 2.0], np.nan), ValueError, ["`p`", "nan"]),
        (lambda: top_p([1.0, 2.0], 0.5, min_tokens_to_keep=0), ValueError, ["`min_tokens_to_keep`"]),
    ],
)
def test_bad_input(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


# ------------------------------------------- truncation: the transformers warpers' own test cases


def test_top_k_like_transformers():
    ramp = np.vstack([np.arange(10.0), np.arange(10.0)])
    ramp[1, :5] += 10
    assert np.isinf(top_k(ramp, 3)).tolist() == [7 * [True] + 3 * [False], 2 * [True] + 3 * [False] + 5 * [True]]
    assert np.isinf(top_k(np.zeros((2, 5)), 1, min_tokens_to_keep=3)).sum() == 0  # uniform: all tied
    ramp5 = np.vstack([np.arange(5.0)] * 2)
    assert np.isinf(top_k(ramp5, 1, min_tokens_to_keep=3)).sum(axis=1).tolist() == [2, 2]
    assert np.isfinite(top_k([1.0, 3.0, 3.0, 2.0], 1)).tolist() == [False, True, True, False]


def test_top_p_like_transformers():
    dist = np.log([[0.3, 0.1, 0.1, 0.5], [0.15, 0.3, 0.3, 0.25]])
    np.testing.assert_allclose(np.exp(top_p(dist, 0.8)), [[0.3, 0, 0, 0.5], [0, 0.3, 0.3, 0.25]], atol=1e-12)
    ramp = np.vstack([np.arange(10.0) - 5, (np.arange(10.0) - 5) * 100])
    assert np.isfinite(top_p(ramp, 0.9, min_tokens_to_keep=2)).sum(axis=1).tolist() == [3, 2]
    assert np.isfinite(top_p([1.0, 2.0, 3.0], 0.0)).tolist() == [False, False, True]
    assert np.isfinite(top_p([1.0, 2.0, -np.inf], 1.0)).tolist() == [True, True, False]
    original = dist.copy()
    top_p(dist, 0.5)
    np.testing.assert_array_equal(dist, original)  # not in place


def test_top_p_keeps_the_token_that_crosses_the_threshold():
    probs = np.array([0.5, 0.3, 0.15, 0.05])
    assert np.isfinite(top_p(np.log(probs), 0.6)).tolist() == [True, True, False, False]
    assert np.isfinite(top_p(np.log(probs), 0.81)).tolist() == [True, True, True, False]


def test_top_p_like_transformers_on_float32():
    # transformers' own test of TopPLogitsWarper builds these distributions in float32 (torch.float).
    dist = np.log(np.array([[0.3, 0.1, 0.1, 0.5], [0.15, 0.3, 0.3, 0.25]], dtype=np.float32))
    kept = np.isfinite(top_p(dist, 0.8))
    assert kept.tolist() == [[True, False, False, True], [False, True, True, True]]


# ------------------------------------------- top_p against exact arithmetic


def exact_nucleus(logits: np.ndarray, p: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The top-p kept set by exact arithmetic on the float values, independently of tempnb.

    Probabilities: scipy.special.softmax in float64 of the (exactly widened) logits. Running sums
    in ascending order of logit (ties in index order, as tempnb documents): exact, as Python
    integers, since every float64 is an integer times a power of two. Threshold: 1 - p as an exact
    fraction of the float `p`. A token is removed when its running sum is <= the threshold,
    except the most probable one. Returns (kept mask, float64 probabilities, running sum minus
    threshold per token, rounded to float64 only at the end).
    """
    probs = scipy.special.softmax(np.asarray(logits, dtype=np.float64))
    order = np.argsort(logits, kind="stable")
    ratios = [float(v).as_integer_ratio() for v in probs[order]]
    shift = max(d.bit_length() - 1 for _, d in ratios)
    sums = itertools.accumulate(n << (shift - (d.bit_length() - 1)) for n, d in ratios)
    threshold = (Fraction(1) - Fraction(p)) * (1 << shift)
    distance_sorted = np.array([float((s - threshold) / (1 << shift)) for s in sums])
    remove_sorted = np.array([d <= 0 for d in distance_sorted])
    remove_sorted[-1] = False
    kept = np.ones(len(probs), dtype=bool)
    kept[order[remove_sorted]] = False
    distance = np.empty(len(probs))
    distance[order] = distance_sorted
    return kept, probs, distance


# Written here, not imported from tempnb: a few ulps covers rounding the threshold and a carefully
# summed running total, yet is far below any token's probability, so a looser tempnb would fail.
FORGIVEN_ULPS = 4


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(("k", "p"), [(1_000, 0.9), (50_257, 0.9), (50_257, 0.5), (50_257, 0.99),
                                      (128_256, 0.9), (200_000, 0.9), (200_000, 0.95)])
def test_top_p_keeps_the_exact_arithmetic_nucleus_on_large_vocabularies(k, p, dtype):
    """The kept set equals exact arithmetic's, except tokens within a few ulps of the threshold.

    Logits of GPT-2's (50,257) and Llama 3's (128,256) vocabulary sizes, from N(0, 2²). The allowed
    window is FORGIVEN_ULPS units in the last place of max(p, 1 - p) in float64, doubled for the
    rounding of the reference's own float64 probabilities.
    """
    logits = np.random.default_rng(k).normal(0.0, 2.0, size=k).astype(dtype)
    kept = np.isfinite(top_p(logits, p))
    exact, probs, distance = exact_nucleus(logits, p)
    window = 2 * FORGIVEN_ULPS * np.spacing(max(p, 1 - p))
    differ = np.flatnonzero(kept != exact)
    assert np.all(np.abs(distance[differ]) <= window), (len(differ), distance[differ][:5])
    # The nucleus definition itself: at least p of the mass, and no kept token could be dropped.
    kept_mass = math.fsum(probs[kept])
    assert kept_mass >= p - window
    assert kept_mass - probs[kept].min() < p + window


@given(hnp.arrays(st.sampled_from([np.float32, np.float64]), st.integers(1, 40),
                  elements=st.floats(-30, 30, width=32)),
       st.floats(0.0, 1.0))
def test_top_p_equals_exact_arithmetic_on_small_vocabularies(logits, p):
    kept = np.isfinite(top_p(logits, p))
    exact, _, distance = exact_nucleus(logits, p)
    window = 2 * FORGIVEN_ULPS * np.spacing(max(p, 1 - p))
    assert np.all(np.abs(distance[kept != exact]) <= window)


def test_top_p_on_float32_keeps_the_whole_nucleus_of_a_gpt2_sized_vocabulary():
    # The case of issue 11: 50,257 float32 logits from N(0, 2²), top_p = 0.9. A float32 running sum
    # drifted so far that the old allowance of 4·n·eps (0.024) kept only 0.876 of the mass.
    logits = np.random.default_rng(0).normal(0.0, 2.0, size=50_257).astype(np.float32)
    kept = np.isfinite(top_p(logits, 0.9))
    probs = scipy.special.softmax(logits.astype(np.float64))
    assert math.fsum(probs[kept]) >= 0.9
    assert math.fsum(probs[kept]) - probs[kept].min() < 0.9
    assert kept.tolist() == np.isfinite(top_p(logits.astype(np.float64), 0.9)).tolist()


def test_top_p_batch_rows_are_filtered_independently():
    rows = np.random.default_rng(1).normal(0.0, 2.0, size=(3, 5_000)).astype(np.float32)
    batch = np.isfinite(top_p(rows, 0.8))
    for r in range(3):
        assert batch[r].tolist() == exact_nucleus(rows[r], 0.8)[0].tolist()


# ------------------------------------------- empty batches


@pytest.mark.parametrize(
    ("call", "shape"),
    [
        (lambda x: sample(x, rng=0), (0,)),
        (lambda x: sample(x, 0.0, size=3, rng=0), (0, 3)),
        (lambda x: top_k(x, 2), (0, 5)),
        (lambda x: top_p(x, 0.9), (0, 5)),
        (lambda x: min_p(x, 0.1), (0, 5)),
    ],
)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_empty_batches_give_empty_results(call, shape, dtype):
    result = call(np.empty((0, 5), dtype=dtype))
    assert result.shape == shape


def test_min_p_like_transformers():
    dist = np.log([[0.9, 0.0274, 0.047, 0.0274], [0.15, 0.3, 0.3, 0.25], [0.97, 0.01, 0.01, 0.01]])
    np.testing.assert_allclose(
        np.exp(min_p(dist, 0.05)), [[0.9, 0, 0.047, 0], [0.15, 0.3, 0.3, 0.25], [0.97, 0, 0, 0]], atol=1e-12
    )
    ramp = np.vstack([np.arange(10.0) - 5, (np.arange(10.0) - 5) * 100])
    assert np.isfinite(min_p(ramp, 0.9, min_tokens_to_keep=2)).sum(axis=1).tolist() == [2, 2]
    assert np.isfinite(min_p([1.0, 3.0, 3.0], 1.0)).tolist() == [False, True, True]


@given(hnp.arrays(np.float64, st.integers(1, 15), elements=st.floats(-20, 20)), st.floats(0, 1), st.integers(1, 20))
def test_truncation_always_keeps_the_most_probable_and_only_removes(logits, p, k):
    for filtered in (top_k(logits, k), top_p(logits, p), min_p(logits, p)):
        kept = np.isfinite(filtered)
        assert logits[kept].max() == logits.max()  # a most probable token survives (ties may pick either)
        np.testing.assert_array_equal(filtered[kept], logits[kept])
    assert np.isfinite(top_k(logits, k)).sum() >= min(k, logits.size)
    kept_mass = softmax(logits)[np.isfinite(top_p(logits, p))].sum()
    assert kept_mass >= p - 1e-9


def test_truncation_on_other_axis():
    logits = np.array([[1.0, 5.0], [3.0, 2.0], [2.0, 9.0]])
    np.testing.assert_array_equal(top_k(logits, 1, axis=0), top_k(logits.T, 1).T)
    np.testing.assert_array_equal(top_p(logits, 0.5, axis=0), top_p(logits.T, 0.5).T)
    np.testing.assert_array_equal(min_p(logits, 0.5, axis=0), min_p(logits.T, 0.5).T)


# ---------------------------------------------------------------- the names corpus


def test_names_corpus_is_the_recorded_files():
    readme = (DATA_DIR / "README.md").read_text()
    for filename in NAME_FILES:
        digest = hashlib.sha256((DATA_DIR / filename).read_bytes()).hexdigest()
        assert re.search(rf"`{re.escape(filename)}`: `{digest}`", readme), filename
    assert "public domain" in readme.lower() and "names" in readme


def test_names_load_and_split():
    names = load_names()
    assert len(names) == 5163 and names == sorted(set(names))
    assert all(re.fullmatch(r"[a-z]+", n) for n in names)
    training, validation = split_names(names)
    assert len(validation) == 516 and not set(training) & set(validation)
    assert split_names(names) == (training, validation)


@pytest.mark.parametrize("limit", [0, 2**20], ids=["binary search", "counting"])
def test_both_search_paths_count_like_searchsorted(monkeypatch, limit):
    # _search_rows counts the entries <= u by binary search, or, below _COUNT_LIMIT comparisons, all at
    # once; np.searchsorted(side="right") on each row is the independent reference. Ties with u included.
    monkeypatch.setattr(sampling, "_COUNT_LIMIT", limit)
    rng = np.random.default_rng(0)
    cdf = np.cumsum(rng.random((40, 13)), axis=1)
    cdf /= cdf[:, -1:]
    u = rng.random((40, 7))
    u[:, 0] = cdf[:, 3]  # exactly on an entry
    expected = np.array([np.searchsorted(row, values, side="right") for row, values in zip(cdf, u)])
    np.testing.assert_array_equal(sampling._search_rows(cdf, u), expected)
