"""tempnb.ngram: the character n-gram model, its generation, and its errors."""

import math
import warnings

import numpy as np
import pytest

from tempnb.data import load_names
from tempnb.ngram import CharNGram


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


def small_model():
    return CharNGram(order=3, strength=1.0).fit(["anna", "anne", "hanna"])


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda: CharNGram(order=1.5), ValueError, ["`order`", "positive integer", "1.5"]),
        (lambda: CharNGram(order="3"), TypeError, ["`order`", "'3'"]),
        (lambda: CharNGram(strength="x"), TypeError, ["`strength`", "'x'"]),
        (lambda: CharNGram(strength=-1.0), ValueError, ["`strength`", "> 0", "-1.0"]),
        (lambda: CharNGram(strength=math.inf), ValueError, ["`strength`", "finite", "inf"]),
        (lambda: CharNGram(strength=math.nan), ValueError, ["`strength`", "nan"]),
        (lambda: CharNGram(2).fit("anna"), TypeError, ["`words`", "single string", "['anna']"]),
        (lambda: CharNGram(2).fit([]), ValueError, ["`words`", "at least one word"]),
        (lambda: CharNGram(2).fit(["ann", 3]), TypeError, ["`words`", "3"]),
        (lambda: CharNGram(2).fit(["ann", ""]), ValueError, ["`words`", "non-empty", "''"]),
        (lambda: CharNGram(2).fit(["a.b"]), ValueError, ["`words`", "'.'", "'a.b'"]),
        (lambda: CharNGram(2).logits("a"), ValueError, ["call fit() first"]),
        (lambda: CharNGram(2).generate(3), ValueError, ["call fit() first"]),
        (lambda: CharNGram(2).log_likelihoods(["a"]), ValueError, ["call fit() first"]),
        (lambda: CharNGram(2).n_parameters, ValueError, ["call fit() first"]),
        (lambda: small_model().logits(3), TypeError, ["`context`", "string", "3"]),
        (lambda: small_model().logits("xyz"), ValueError, ["`context`", "'x'", "alphabet"]),
        (lambda: small_model().log_likelihood("anx"), ValueError, ["`words`", "'x'", "alphabet"]),
        (lambda: small_model().mean_log_likelihood_per_char([]), ValueError, ["`words`", "at least one"]),
        (lambda: small_model().generate(3, temperature=-1), ValueError, ["`temperature`", "[0, inf]", "-1"]),
        (lambda: small_model().generate(3, temperature=math.nan), ValueError, ["`temperature`", "nan"]),
        (lambda: small_model().generate(3, temperature="hot"), TypeError, ["`temperature`", "'hot'"]),
        (lambda: small_model().generate(2.5), ValueError, ["`n`", "2.5"]),
        (lambda: small_model().generate(-1), ValueError, ["`n`", "-1"]),
        (lambda: small_model().generate(3, rng=-1), ValueError, ["`rng`", "-1"]),
        (lambda: small_model().generate(3, rng=True), TypeError, ["`rng`", "True"]),
        (lambda: small_model().generate(3, rng=2.5), ValueError, ["`rng`", "2.5"]),
        (lambda: small_model().generate(3, top_p_mass=1.5), ValueError, ["`top_p_mass`", "[0, 1]", "1.5"]),
        (lambda: small_model().generate(3, max_length=2.5), ValueError, ["`max_length`", "2.5"]),
        (lambda: small_model().generate(3, prefix="zz"), ValueError, ["`prefix`", "'z'"]),
        (lambda: small_model().generate(3, prefix=5), TypeError, ["`prefix`", "5"]),
    ],
)
def test_bad_input_is_named(call, error, words):
    with pytest.raises(error) as info:
        call()
    for word in words:
        assert word in str(info.value), f"{word!r} missing from: {info.value}"


def test_negative_temperature_no_longer_decodes_greedily():
    # It used to fall through to greedy decoding; a temperature below 0 has no meaning.
    with pytest.raises(ValueError, match="`temperature`"):
        small_model().generate(5, temperature=-0.5, rng=0)


def test_generation_edge_values_without_warnings():
    model = small_model()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert model.generate(0, rng=0) == []
        assert model.generate(4, max_length=0, rng=0) == [""] * 4
        uniform = model.generate(200, temperature=math.inf, rng=0, max_length=3)
    # At T = inf every character, the boundary included, is equally likely at each step.
    first = [w[0] if w else "." for w in uniform]
    counts = [first.count(c) for c in model.alphabet]
    assert min(counts) > 0


def test_seed_and_generator_give_the_same_words():
    model = small_model()
    assert model.generate(20, rng=4) == model.generate(20, rng=np.random.default_rng(4))
