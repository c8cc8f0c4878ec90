"""An audit of bad input across the public API: every public function and method of tempnb.core,
sampling, distill, ngram, models, explore and plotting appears in one table, with at least one bad
input and the words its error must contain (the parameter's name, and the value received).

The module-level test files hold the detailed cases; this table's job is coverage, and a test
below fails when a public name is added without a row here.
"""

import inspect
import math
import warnings

import matplotlib
import numpy as np
import pytest

from tempnb import core, distill, explore, models, ngram, plotting, sampling
from tempnb.data import load_names

AUDITED_MODULES = (core, sampling, distill, ngram, models, explore, plotting)


def fitted():
    return ngram.CharNGram(order=2, strength=1.0).fit(["ab", "ba"])


def an_axes():
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, ax = plt.subplots()
    plt.close(figure)
    return ax


def a_forward_pass():
    model = models.MLP([2, 2], rng=0)
    model.forward(np.zeros((3, 2)))
    return model


# (public name, call, error class, words the message must contain)
CASES = [
    ("core.softmax", lambda: core.softmax([1.0, 2.0], temperature=-3), ValueError, ["`temperature`", "-3.0"]),
    ("core.log_softmax", lambda: core.log_softmax([np.nan, 1.0]), ValueError, ["`logits`", "NaN"]),
    ("core.validate_probs", lambda: core.validate_probs([0.7, 0.7]), ValueError, ["`probs`", "1.4"]),
    ("core.logits_from_probs", lambda: core.logits_from_probs([1.5, -0.5]), ValueError, ["`probs`", "[0, 1]", "-0.5"]),
    ("core.apply_temperature", lambda: core.apply_temperature([0.5, 0.5], math.nan), ValueError,
     ["`temperature`", "nan"]),
    ("core.entropy", lambda: core.entropy(np.empty((2, 0))), ValueError, ["`probs`", "(2, 0)"]),
    ("core.kl_divergence", lambda: core.kl_divergence(np.full((2, 2), 0.5), [0.5, 0.5], axis=1), ValueError,
     ["`p` and `q`", "(2, 2)", "(2,)"]),
    ("sampling.sample", lambda: sampling.sample([1.0, 2.0], size=2.5), ValueError, ["`size`", "2.5"]),
    ("sampling.top_k", lambda: sampling.top_k([1.0, 2.0], -1), ValueError, ["`k`", "-1"]),
    ("sampling.top_p", lambda: sampling.top_p([1.0, 2.0], 2), ValueError, ["`p`", "[0, 1]", "2.0"]),
    ("sampling.min_p", lambda: sampling.min_p([1.0, 2.0], -1), ValueError, ["`p`", "-1.0"]),
    ("distill.distillation_loss", lambda: distill.distillation_loss([[0.0, 1.0]], [[0.0, 1.0]], [0], 1e200, 2.0),
     ValueError, ["`alpha`", "2.0"]),
    ("distill.cross_entropy_loss", lambda: distill.cross_entropy_loss([[0.0, 1.0]], [2]), ValueError,
     ["`labels`", "[0, 1]", "2"]),
    ("ngram.CharNGram", lambda: ngram.CharNGram(strength="x"), TypeError, ["`strength`", "'x'"]),
    ("ngram.CharNGram.fit", lambda: ngram.CharNGram().fit("anna"), TypeError, ["`words`", "'anna'"]),
    ("ngram.CharNGram.n_parameters", lambda: ngram.CharNGram().n_parameters, ValueError, ["call fit() first"]),
    ("ngram.CharNGram.logits", lambda: ngram.CharNGram().logits("a"), ValueError, ["call fit() first"]),
    ("ngram.CharNGram.probabilities", lambda: fitted().probabilities(["a"]), TypeError, ["`context`", "['a']"]),
    ("ngram.CharNGram.log_likelihoods", lambda: fitted().log_likelihoods("ab"), TypeError, ["`words`", "'ab'"]),
    ("ngram.CharNGram.log_likelihood", lambda: fitted().log_likelihood(None), TypeError, ["`word`", "None"]),
    ("ngram.CharNGram.mean_log_likelihood_per_char", lambda: fitted().mean_log_likelihood_per_char([]),
     ValueError, ["`words`", "at least one"]),
    ("ngram.CharNGram.generate", lambda: fitted().generate(2, temperature=-1), ValueError,
     ["`temperature`", "-1.0"]),
    ("models.MLP", lambda: models.MLP([3, 2], rng=-1), ValueError, ["`rng`", "-1"]),
    ("models.MLP.parameters", lambda: models.MLP([3, 0]).parameters, ValueError, ["`sizes[1]`", "0"]),
    ("models.MLP.n_parameters", lambda: models.MLP([3, "2"]).n_parameters, TypeError, ["`sizes[1]`", "'2'"]),
    ("models.MLP.forward", lambda: models.MLP([3, 2], rng=0).forward(np.zeros((1, 2))), ValueError,
     ["`x`", "(1, 2)"]),
    ("models.MLP.backward", lambda: a_forward_pass().backward(np.zeros((2, 2))), ValueError,
     ["`grad_logits`", "(3, 2)", "(2, 2)"]),
    ("models.MLP.predict", lambda: models.MLP([3, 2], rng=0).predict([[1.0, math.inf, 0.0]]), ValueError,
     ["`x`", "finite"]),
    ("models.Adam", lambda: models.Adam([np.zeros(2)], learning_rate=-1), ValueError, ["`learning_rate`", "-1.0"]),
    ("models.Adam.step", lambda: models.Adam([np.zeros(2)]).step([]), ValueError, ["`grads`", "got 0"]),
    ("models.train", lambda: models.train(models.MLP([2, 2], rng=0), np.zeros((2, 2)), None, epochs=1, rng=True),
     TypeError, ["`rng`", "True"]),
    ("models.accuracy", lambda: models.accuracy(models.MLP([2, 2], rng=0), np.zeros((2, 2)), [0.0, 1.0]),
     TypeError, ["`labels`", "integer"]),
    ("explore.temperature_summary", lambda: explore.temperature_summary([1.0, 2.0], -1), ValueError,
     ["`temperature`", "-1.0"]),
    ("explore.temperature_explorer", lambda: explore.temperature_explorer(temperature=1e6), ValueError,
     ["`temperature`", "slider", "1000000.0"]),
    ("explore.next_character_logits", lambda: explore.next_character_logits(fitted(), "a", 0.0, 0.9), ValueError,
     ["`temperature`", "(0, inf)", "0.0"]),
    ("explore.sampling_summary", lambda: explore.sampling_summary(fitted(), "a", 1.0, 1.2), ValueError,
     ["`top_p_mass`", "1.2"]),
    ("explore.sampling_explorer", lambda: explore.sampling_explorer(fitted(), context="a", n_names=0), ValueError,
     ["`n_names`", "0"]),
    ("explore.calibration_summary", lambda: explore.calibration_summary([[0.0, 1.0]], [1], -1.0), ValueError,
     ["`temperature`", "-1.0"]),
    ("explore.calibration_explorer", lambda: explore.calibration_explorer([[0.0, 1.0]], [1], 1.0, n_bins=0),
     ValueError, ["`n_bins`", "0"]),
    ("plotting.reliability_diagram", lambda: plotting.reliability_diagram(an_axes(), "curve"), TypeError,
     ["`curve`", "'curve'"]),
    ("plotting.use_course_style", None, None, []),  # takes no arguments: nothing to refuse
    ("plotting.show_figure", lambda: plotting.show_figure(an_axes().figure, "x" * 151), ValueError,
     ["`alt`", "150", "151"]),
    ("plotting.colors", lambda: plotting.colors(0), ValueError, ["`n`", "positive integer", "0"]),
    ("plotting.readable_heatmap_numbers", lambda: plotting.readable_heatmap_numbers(an_axes(), [0.5, 0.5]),
     ValueError, ["`values`", "2-D", "(2,)"]),
    ("plotting.bar_probabilities", lambda: plotting.bar_probabilities(an_axes(), [0.5, 0.5], ["a"]), ValueError,
     ["`labels`", "(2)", "got 1"]),
    ("plotting.plot_against_temperature", lambda: plotting.plot_against_temperature(
        an_axes(), [0.5, 1.0], {"nll": [1.0]}, ylabel="y", title="t"), ValueError,
     ["`series['nll']`", "(2,)", "(1,)"]),
]


def public_names() -> set[str]:
    """Every public function and class of the audited modules, and every public method or property
    of those classes, defined in the module itself (not imported into it)."""
    names = set()
    for module in AUDITED_MODULES:
        short = module.__name__.removeprefix("tempnb.")
        for name, value in vars(module).items():
            if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                continue
            if inspect.isfunction(value):
                names.add(f"{short}.{name}")
            elif inspect.isclass(value):
                names.add(f"{short}.{name}")
                names |= {f"{short}.{name}.{member}" for member, attribute in vars(value).items()
                          if not member.startswith("_") and (callable(attribute) or isinstance(attribute, property))}
    return names


def test_the_table_covers_every_public_name():
    covered = {name for name, *_ in CASES}
    missing = public_names() - covered
    assert not missing, f"public names without a bad-input row: {sorted(missing)}"


@pytest.mark.parametrize(("name", "call", "error", "words"), [case for case in CASES if case[1] is not None],
                         ids=[case[0] for case in CASES if case[1] is not None])
def test_bad_input_is_refused_by_name(name, call, error, words):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a RuntimeWarning on the way to the error is a failure too
        with pytest.raises(error) as info:
            call()
    for word in words:
        assert word in str(info.value), f"{name}: {word!r} missing from: {info.value}"


def test_the_explorers_accept_their_own_defaults():
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    try:
        explore.temperature_explorer()
        explore.sampling_explorer(ngram.CharNGram(order=2, strength=1.0).fit(load_names()[:50]))
    finally:  # the explorers' figures stay open for their widgets; close them so no later test sees them
        for number in set(plt.get_fignums()) - before:
            plt.close(number)


@pytest.mark.parametrize(("probs", "expected"), [
    ([0.5, 0.6], ["`probs`", "sum to 1", "1.1"]),          # 0.5 + 0.6 = 1.1, not 1
    ([-0.25, 1.25], ["`probs`", "[0, 1]", "-0.25"]),       # sums to 1, but an entry is negative
])
def test_bar_probabilities_refuses_a_vector_that_is_not_a_distribution(probs, expected):
    with pytest.raises(ValueError) as raised:
        plotting.bar_probabilities(an_axes(), probs)
    for part in expected:
        assert part in str(raised.value), (part, str(raised.value))
