"""Self-checks for the exercises, one module per notebook.

A learner calls ``checks.check_<exercise>(answer)`` on their own answer. It prints one
line: a pass (``passed``), or a hint naming the mistake (``hint``). It never raises because
the answer is wrong, and it leaves the learner's own prints alone, so an unfinished exercise
never stops "Run All". Each check is a table of cases, each carrying the hint its failure
deserves (``tempnb.checks._common``). The worked solutions at the end of each notebook are
checked by the same functions in CI.
"""

import functools

import numpy as np

from tempnb.checks._common import HINT, PASS
from tempnb.checks.calibration import check_ece, check_fit_temperature, check_platt_temperature
from tempnb.checks.distillation import (
    check_distillation_losses,
    check_distilled_student,
    check_logit_matching,
    check_numerical_gradient,
    check_soft_loss,
)
from tempnb.checks.logits import check_logits_with_first_zero, check_probability_from_log_odds, check_stable_sigmoid
from tempnb.checks.probabilities import check_half_entropy_theta, check_is_valid_distribution, check_uniform_entropy
from tempnb.checks.sampling import (
    check_batch_sampler,
    check_gumbel_sampler,
    check_inverse_cdf_sampler,
    check_top_k,
    check_top_p,
)
from tempnb.checks.softmax import (
    check_batch_softmax,
    check_cross_entropy,
    check_log_softmax,
    check_logsumexp,
    check_masked_softmax,
    check_softmax_along_axis,
    check_stable_softmax,
)
from tempnb.checks.temperature import (
    check_entropy_temperature,
    check_half_temperature,
    check_odds_temperature,
    check_tempered_softmax,
)

# 01's coin parameter was written π until December 2026, and its check was `check_half_entropy_pi`.
# A learner's own copy of 01, kept by nbgitpuller when the class pulls a newer course, still calls
# the old name; it stays importable (not listed in __all__, so it is not taught twice).
check_half_entropy_pi = check_half_entropy_theta
# 03's Exercise 3 was a softmax of each row of a 2-D batch until December 2026 (`check_batch_softmax`); it
# now takes any axis of an array of any number of dimensions (`check_softmax_along_axis`). The old check
# stays importable, and unlisted, for the same reason.
# 03's Exercises 1 and 2 were a stable softmax of one vector (`check_stable_softmax`) and its log-sum-exp
# (`check_logsumexp`) until cold read r132; they now ask for a masked softmax (`check_masked_softmax`) and a
# log-softmax (`check_log_softmax`). The old checks stay importable, and unlisted, for the same reason.
# 06's Exercise 1 drew one index from one vector of logits until December 2026 (`check_inverse_cdf_sampler`);
# it now draws one per row of a batch (`check_batch_sampler`). The old check stays importable for the
# same reason, and unlisted.

__all__ = [
    "HINT",
    "PASS",
    "check_ece",  # 07-calibration
    "check_fit_temperature",
    "check_platt_temperature",
    "check_batch_sampler",
    "check_cross_entropy",
    "check_distillation_losses",
    "check_distilled_student",
    "check_entropy_temperature",
    "check_gumbel_sampler",
    "check_half_temperature",
    "check_is_valid_distribution",
    "check_logit_matching",
    "check_logits_with_first_zero",
    "check_log_softmax",
    "check_half_entropy_theta",
    "check_masked_softmax",
    "check_numerical_gradient",
    "check_odds_temperature",
    "check_probability_from_log_odds",
    "check_soft_loss",
    "check_softmax_along_axis",
    "check_stable_sigmoid",
    "check_tempered_softmax",
    "check_top_k",
    "check_top_p",
    "check_uniform_entropy",
]


def _whatever_the_learners_error_state(check):
    """`check`, run with NumPy's floating-point errors ignored in the check's own arithmetic.

    A learner who has typed np.seterr(all="raise") (or "warn") while debugging must still get one
    line from a check: its reference values and test cases underflow on purpose (exp(-1000) is 0).
    The learner's own function is unaffected: `_common.call` sets the error state it runs under.
    """
    @functools.wraps(check)
    def run(*args, **kwargs):
        with np.errstate(all="ignore"):
            return check(*args, **kwargs)

    return run


for _name in [name for name in __all__ if name.startswith("check_")]:
    globals()[_name] = _whatever_the_learners_error_state(globals()[_name])
check_half_entropy_pi = check_half_entropy_theta  # noqa: F811 (the alias follows the wrapped check)
check_inverse_cdf_sampler = _whatever_the_learners_error_state(check_inverse_cdf_sampler)
check_batch_softmax = _whatever_the_learners_error_state(check_batch_softmax)
check_stable_softmax = _whatever_the_learners_error_state(check_stable_softmax)
check_logsumexp = _whatever_the_learners_error_state(check_logsumexp)
del _name
