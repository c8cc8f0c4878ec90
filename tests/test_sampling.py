"""tempnb.sampling, tempnb.ngram and the names corpus."""

import hashlib
import math
import re
import warnings

import numpy as np
import pytest
import scipy.stats
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from tempnb import softmax
from tempnb.data import DATA_DIR, NAME_FILES, load_names, split_names
from tempnb.ngram import CharNGram
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
        (lambda: top_k([1.0, 2.0], 0), ValueError, ["`k`", "strictly positive", "0"]),
        (lambda: top_k([1.0, 2.0], 1.5), ValueError, ["`k`", "1.5"]),
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


# ---------------------------------------------------------------- names and the n-gram model


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


def test_ngram_probabilities_are_distributions_and_prefer_seen_continuations():
    model = CharNGram(order=3, strength=2.0).fit(["anna", "anne", "hanna"])
    for context in ("", "a", "an", "hh"):
        probs = model.probabilities(context)
        assert probs.min() > 0 and math.isclose(probs.sum(), 1.0, rel_tol=1e-12)
    after_an = model.probabilities("an")
    assert model.alphabet[int(np.argmax(after_an))] == "n"
    assert math.isclose(model.log_likelihood("anna"), sum(
        math.log(model.probabilities(ctx)[model.alphabet.index(c)])
        for ctx, c in [("", "a"), ("a", "n"), ("an", "n"), ("ann", "a"), ("anna", ".")]
    ))


def test_ngram_unseen_context_falls_back_to_shorter_context():
    model = CharNGram(order=3, strength=1.0).fit(["ab", "ab", "ab"])
    np.testing.assert_allclose(model.probabilities("bb"), CharNGram(2, 1.0).fit(["ab"] * 3).probabilities("b"))


def test_generation_is_seeded_batched_and_respects_temperature():
    names = load_names()
    model = CharNGram(order=4, strength=10.0).fit(names)
    a = model.generate(300, 1.0, rng=5)
    assert a == model.generate(300, 1.0, rng=5)
    assert len(set(model.generate(50, 0.0, rng=1))) == 1  # greedy: always the same word
    cold, hot = model.generate(500, 0.3, rng=2), model.generate(500, 2.0, rng=2)
    assert len(set(cold)) < len(set(hot))
    assert model.mean_log_likelihood_per_char(cold) > model.mean_log_likelihood_per_char(hot)
    assert all(w.startswith("jo") for w in model.generate(20, 1.0, rng=3, prefix="jo"))
    truncated = model.generate(500, 2.0, rng=2, top_p_mass=0.5)
    assert model.mean_log_likelihood_per_char(truncated) > model.mean_log_likelihood_per_char(hot)


def test_ngram_bad_arguments():
    with pytest.raises(ValueError, match="`order`"):
        CharNGram(order=0)
    with pytest.raises(ValueError, match="`strength`"):
        CharNGram(strength=0)
    with pytest.raises(ValueError, match="alphabet"):
        CharNGram(2).fit(["ab"]).log_likelihood("abc")
