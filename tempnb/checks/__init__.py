"""Self-checks for the exercises, one module per notebook.

A learner calls ``checks.check_<exercise>(answer)`` on their own answer. It prints one
line: a pass, or a specific hint about what is wrong. It never raises because the
answer is wrong, so an unfinished exercise never stops "Run All". The worked
solutions at the end of each notebook are checked by the same functions in CI.
"""

from tempnb.checks._common import HINT, PASS
from tempnb.checks.distillation import check_logit_matching, check_numerical_gradient, check_soft_loss
from tempnb.checks.logits import check_logits_with_first_zero, check_probability_from_log_odds, check_stable_sigmoid
from tempnb.checks.probabilities import check_is_valid_distribution, check_most_uncertain_p, check_uniform_entropy
from tempnb.checks.sampling import check_gumbel_sampler, check_inverse_cdf_sampler, check_top_k
from tempnb.checks.softmax import check_batch_softmax, check_logsumexp, check_stable_softmax
from tempnb.checks.temperature import check_half_temperature, check_odds_temperature, check_tempered_softmax

__all__ = [
    "HINT",
    "PASS",
    "check_batch_softmax",
    "check_gumbel_sampler",
    "check_half_temperature",
    "check_inverse_cdf_sampler",
    "check_is_valid_distribution",
    "check_logit_matching",
    "check_logits_with_first_zero",
    "check_logsumexp",
    "check_most_uncertain_p",
    "check_numerical_gradient",
    "check_odds_temperature",
    "check_probability_from_log_odds",
    "check_soft_loss",
    "check_stable_sigmoid",
    "check_stable_softmax",
    "check_tempered_softmax",
    "check_top_k",
    "check_uniform_entropy",
]
