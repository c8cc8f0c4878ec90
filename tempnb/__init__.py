"""tempnb: the helper package of the tempnb course.

Probabilities, logits, softmax and temperature live in :mod:`tempnb.core`,
distillation in :mod:`tempnb.distill`, sampling and truncation in
:mod:`tempnb.sampling`; the public functions are re-exported here.
"""

from tempnb.core import (
    apply_temperature,
    entropy,
    kl_divergence,
    log_softmax,
    logits_from_probs,
    softmax,
    validate_probs,
)
from tempnb.distill import distillation_loss
from tempnb.sampling import min_p, sample, top_k, top_p

__all__ = [
    "apply_temperature",
    "distillation_loss",
    "entropy",
    "kl_divergence",
    "log_softmax",
    "logits_from_probs",
    "min_p",
    "sample",
    "softmax",
    "top_k",
    "top_p",
    "validate_probs",
]
__version__ = "0.1.0"
