"""The exercise checks: a pass line for right answers, a specific hint for each typical mistake."""

import math

import numpy as np
import pytest

from tempnb import checks, validate_probs


def outcome(capsys, check, answer) -> str:
    assert check(answer) is None  # so a check at the end of a cell prints only its line
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1, printed
    return printed


def passes(capsys, check, answer) -> bool:
    printed = outcome(capsys, check, answer)
    assert printed.startswith((checks.PASS, checks.HINT)), printed
    return printed.startswith(checks.PASS)


def validated(p):
    try:
        validate_probs(p)
    except ValueError:
        return False
    return True


def test_valid_distribution_check(capsys):
    assert passes(capsys, checks.check_is_valid_distribution, validated)
    exact_sum = lambda p: all(0 <= x <= 1 for x in p) and sum(p) == 1  # noqa: E731
    assert "tolerance" in outcome(capsys, checks.check_is_valid_distribution, exact_sum)
    sum_only = lambda p: math.isclose(sum(p), 1.0)  # noqa: E731
    assert "negative" in outcome(capsys, checks.check_is_valid_distribution, sum_only)
    assert "returned None" in outcome(capsys, checks.check_is_valid_distribution, lambda p: None)
    assert "raised ZeroDivisionError" in outcome(capsys, checks.check_is_valid_distribution, lambda p: 1 / 0)


def test_uniform_entropy_check(capsys):
    assert passes(capsys, checks.check_uniform_entropy, float(np.log(4)))
    assert passes(capsys, checks.check_uniform_entropy, np.float64(np.log(4)))
    assert "bits" in outcome(capsys, checks.check_uniform_entropy, 2.0)
    assert "sign" in outcome(capsys, checks.check_uniform_entropy, -math.log(4))
    assert "single number" in outcome(capsys, checks.check_uniform_entropy, None)
    assert not passes(capsys, checks.check_uniform_entropy, 1.0)


@pytest.mark.parametrize(("answer", "ok"), [(0.5, True), (0.5004, True), (0.53, False), (0.75, False)])
def test_most_uncertain_p_check(capsys, answer, ok):
    assert passes(capsys, checks.check_most_uncertain_p, answer) is ok
