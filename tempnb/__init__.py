"""tempnb: the helper package of the tempnb course.

Probabilities, logits, softmax and temperature live in :mod:`tempnb.core`,
distillation in :mod:`tempnb.distill`, sampling and truncation in
:mod:`tempnb.sampling`, greedy and beam search in :mod:`tempnb.decoding`,
calibration in :mod:`tempnb.calibration`; the public functions are re-exported here.
"""

from tempnb.calibration import expected_calibration_error, fit_temperature, reliability_curve
from tempnb.core import (
    apply_temperature,
    entropy,
    kl_divergence,
    log_softmax,
    logits_from_probs,
    softmax,
    validate_probs,
)
from tempnb.decoding import beam_search, greedy_search
from tempnb.distill import distillation_loss
from tempnb.sampling import min_p, sample, top_k, top_p

__all__ = [
    "apply_temperature",
    "beam_search",
    "distillation_loss",
    "entropy",
    "expected_calibration_error",
    "fit_temperature",
    "greedy_search",
    "kl_divergence",
    "log_softmax",
    "logits_from_probs",
    "min_p",
    "reliability_curve",
    "sample",
    "softmax",
    "top_k",
    "top_p",
    "validate_probs",
]
__version__ = "0.1.0"
