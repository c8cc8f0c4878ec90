"""Greedy and beam search (tempnb.decoding), checked against hand-worked and brute-force answers."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tempnb.decoding import beam_search, greedy_search
from tempnb.ngram import CharNGram


class LastCharacterModel:
    """A hand-written model over '.ab': the next character depends only on the last one ('.' at the start)."""

    alphabet = ".ab"

    def __init__(self, table):
        self.table = {last: np.log(np.array(probs)) for last, probs in table.items()}

    def logits(self, context):
        return self.table[context[-1] if context else "."].copy()


# Greedy takes 'a' first (0.58 > 0.40), then ends (0.35 is the largest after 'a'): P('a.') = 0.58 * 0.35 = 0.203.
# The best word is 'b': P('b.') = 0.40 * 0.90 = 0.36, and every other word has probability at most
# P('a' then 'a' or 'b') = 0.58 * 0.33 = 0.1914 or P('b' then 'a' or 'b') = 0.40 * 0.06 = 0.024.
TRAP = LastCharacterModel({".": [0.02, 0.58, 0.40], "a": [0.35, 0.33, 0.32], "b": [0.90, 0.04, 0.06]})


def all_words(alphabet, min_length, max_length):
    letters = alphabet[1:]
    return ["".join(chars) for n in range(min_length, max_length + 1) for chars in itertools.product(letters, repeat=n)]


def test_greedy_misses_the_best_word_that_beam_search_finds():
    word, score = greedy_search(TRAP)
    assert word == "a" and math.isclose(score, math.log(0.58 * 0.35))
    best, runner_up = beam_search(TRAP, 2)
    assert best[0] == "b" and math.isclose(best[1], math.log(0.40 * 0.90))
    assert runner_up[0] == "a" and math.isclose(runner_up[1], math.log(0.58 * 0.35))


def test_beam_width_one_is_greedy():
    assert beam_search(TRAP, 1) == [greedy_search(TRAP)]


def test_forced_end_and_minimum_length():
    # At max_length = 1 the only words are 'a' (0.58 * 0.35) and 'b' (0.40 * 0.90). With exactly two letters:
    # P('ab.') = 0.58 * 0.32 * 0.90 = 0.167 > P('aa.') = 0.58 * 0.33 * 0.35 = 0.067
    # > P('bb.') = 0.40 * 0.06 * 0.90 = 0.0216 > P('ba.') = 0.40 * 0.04 * 0.35 = 0.0056.
    assert [w for w, _ in beam_search(TRAP, 10, max_length=1)] == ["b", "a"]
    ranked = beam_search(TRAP, 10, min_length=2, max_length=2)
    assert [w for w, _ in ranked] == ["ab", "aa", "bb", "ba"]
    assert math.isclose(ranked[0][1], math.log(0.58 * 0.32 * 0.90))
    assert greedy_search(TRAP, min_length=3, max_length=3)[0] == "aaa"  # 'a' beats 'b' after '.' and after 'a'


def test_wide_beam_equals_brute_force_enumeration():
    model = CharNGram(order=3, strength=2.0).fit(["ab", "abba", "b", "ba", "aab"])
    words = all_words(model.alphabet, 1, 4)  # 2 + 4 + 8 + 16 = 30 words
    expected = dict(zip(words, model.log_likelihoods(words)))
    found = beam_search(model, len(words), max_length=4)
    # Every word, each with its own log-likelihood, best first (some words tie, so compare scores, not order).
    assert sorted(w for w, _ in found) == sorted(words)
    np.testing.assert_allclose([s for _, s in found], [expected[w] for w, _ in found], rtol=1e-12)
    np.testing.assert_allclose([s for _, s in found], sorted(expected.values(), reverse=True), rtol=1e-12)


@settings(max_examples=40, deadline=None)
@given(
    corpus=st.lists(st.text(alphabet="abc", min_size=1, max_size=5), min_size=1, max_size=6),
    order=st.integers(1, 3),
    strength=st.floats(0.1, 10.0),
    min_length=st.integers(0, 2),
    extra=st.integers(0, 2),
    width=st.integers(1, 6),
)
def test_beam_search_laws(corpus, order, strength, min_length, extra, width):
    model = CharNGram(order=order, strength=strength).fit(corpus)
    max_length = min_length + extra
    found = beam_search(model, width, min_length=min_length, max_length=max_length)
    words = [w for w, _ in found]
    scores = np.array([s for _, s in found])
    # Scores are the model's own log-likelihoods, sorted best first; lengths obey the limits; no duplicates.
    np.testing.assert_allclose(scores, model.log_likelihoods(words), rtol=1e-10, atol=1e-12)
    assert np.all(np.diff(scores) <= 0) and len(set(words)) == len(words) <= width
    assert all(min_length <= len(w) <= max_length for w in words)
    # Width 1 is greedy; a width covering every word returns the exact ranking of all of them.
    assert beam_search(model, 1, min_length=min_length, max_length=max_length) == [
        greedy_search(model, min_length=min_length, max_length=max_length)]
    every = all_words(model.alphabet, min_length, max_length)
    exact = beam_search(model, len(every), min_length=min_length, max_length=max_length)
    assert sorted(w for w, _ in exact) == sorted(every)
    assert math.isclose(exact[0][1], float(np.max(model.log_likelihoods(every))), rel_tol=1e-12)
    assert found[0][1] <= exact[0][1] + 1e-12


def test_greedy_matches_temperature_zero_generation():
    model = CharNGram(order=3, strength=1.0).fit(["anna", "hannah", "ann", "nan"])
    word, score = greedy_search(model, min_length=0)
    assert [word] == model.generate(1, 0.0, rng=0) and math.isclose(score, model.log_likelihood(word))
    assert greedy_search(model, prefix="h", min_length=0)[0] == model.generate(1, 0.0, prefix="h", rng=0)[0]


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"beam_width": 0}, "beam_width"), ({"beam_width": 2.0}, "beam_width"), ({"max_length": -1}, "max_length"),
    ({"min_length": 3, "max_length": 2}, "min_length"), ({"min_length": True}, "min_length"),
])
def test_bad_arguments_name_the_parameter(kwargs, name):
    with pytest.raises((ValueError, TypeError), match=f"`{name}`"):
        beam_search(TRAP, **kwargs)
