"""tempnb: the helper package of the tempnb course.

Probabilities, logits, softmax and temperature live in :mod:`tempnb.core`; the
notebooks import them from here.
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

__all__ = [
    "apply_temperature",
    "entropy",
    "kl_divergence",
    "log_softmax",
    "logits_from_probs",
    "softmax",
    "validate_probs",
]
__version__ = "0.1.0"
