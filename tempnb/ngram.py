"""A character-level n-gram language model of words (names), with interpolated smoothing.

The model predicts each character from the ``order - 1`` characters before it.
Words are padded with a boundary symbol ``.`` so that the model also learns how
words start and end: ``"ann"`` with order 3 is read as ``..ann.``, and
contributes the events ``.. -> a``, ``.a -> n``, ``an -> n``, ``nn -> .``.

Smoothing: raw counts give probability 0 to every pair never seen in training,
and say nothing at all after a context never seen. Each order therefore mixes
its counts with the prediction of the next shorter context, weighted by a
pseudo-count ``strength``:

    P_n(c | h) = (count(h, c) + strength * P_{n-1}(c | h')) / (count(h) + strength)

where h' is h without its oldest character. A context seen often trusts its own
counts; a rare or unseen one falls back on shorter contexts. The recursion ends
at the unigram, smoothed by adding ``strength / V`` to every count (so every
character keeps a small probability). This is interpolation with Dirichlet
priors, as in MacKay & Peto (1995). The output for a context is a vector of log
probabilities, which serve directly as logits for ``tempnb.sample``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from tempnb._validate import (
    check_fraction,
    check_positive_float,
    check_positive_int,
    check_rng,
    check_temperature,
    check_text,
    check_words,
)
from tempnb.sampling import sample, top_p

__all__ = ["CharNGram", "BOUNDARY"]

BOUNDARY = "."


class CharNGram:
    """Character n-gram model with interpolated (Dirichlet) smoothing.

    Parameters
    ----------
    order : int
        n: the model conditions on the previous ``order - 1`` characters.
    strength : float
        The pseudo-count with which each order leans on the next shorter context
        (> 0; larger means smoother).

    Examples
    --------
    >>> model = CharNGram(order=1, strength=3.0).fit(["ab", "ab", "b"])
    >>> model.alphabet
    '.ab'
    >>> model.probabilities("").round(3).tolist()
    [0.364, 0.273, 0.364]
    """

    def __init__(self, order: int = 4, strength: float = 1.0):
        self.order = check_positive_int(order, "order")
        # > 0: the pseudo-count is what keeps unseen pairs possible.
        self.strength = check_positive_float(strength, "strength")
        self.alphabet = ""
        self._log_probs: np.ndarray | None = None

    def _fitted_table(self) -> np.ndarray:
        if self._log_probs is None:
            raise ValueError("this CharNGram has not been trained yet: call fit() first")
        return self._log_probs

    # -- training ------------------------------------------------------------

    def fit(self, words: Iterable[str]) -> CharNGram:
        """Count every (context, next character) event in `words`; returns self."""
        words = check_words(words)
        bad = next((w for w in words if BOUNDARY in w or not w), None)
        if bad is not None:
            raise ValueError(f"`words` must be non-empty and must not contain {BOUNDARY!r} (the boundary "
                             f"symbol); got {bad!r}")
        self.alphabet = BOUNDARY + "".join(sorted(set("".join(words))))
        size = len(self.alphabet)
        # How often each (context, next) event occurs: a histogram over the flattened table,
        # counted straight into float64 (weights of 1) so no integer copy of the table is made.
        cells = np.ravel_multi_index(tuple(self._windows(words)[1].T), (size,) * self.order)
        counts = np.bincount(cells, weights=np.ones(cells.size), minlength=size**self.order)
        counts = counts.reshape((size,) * self.order)
        # Unigram: counts of the last position, with strength / V added to each.
        unigram = counts.reshape(-1, size).sum(axis=0) + self.strength / size
        probs = unigram / unigram.sum()
        for n in range(2, self.order):
            # Counts of (context of length n - 1, next): sum out the older positions.
            level = counts.sum(axis=tuple(range(self.order - n)))
            # P_{n-1}(c | h') broadcast over the oldest position: h' is h without it.
            probs = (level + self.strength * probs) / (level.sum(axis=-1, keepdims=True) + self.strength)
        # The full order works in place on the counts, the one table of size V**order, so that
        # fitting needs about one such table (115 MB at order 5 with 27 symbols), not four.
        # Each step is the same floating-point operation as above, so the result is bit for bit the same.
        if self.order > 1:
            totals = counts.sum(axis=-1, keepdims=True) + self.strength
            counts += self.strength * probs  # P_{n-1}(c | h') broadcast over the oldest position
            counts /= totals
            table = np.log(counts, out=counts)
        else:
            table = np.log(probs)
        # Rows of log P(next | context), one per context, flattened contexts first.
        self._log_probs = table.reshape(-1, size)
        return self

    def _encode(self, text: str, name: str = "words") -> np.ndarray:
        """The alphabet position of every character of `text`; an error names the first unknown one."""
        # Code points compared as numbers: one vectorised lookup instead of a dict lookup per character.
        points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        known = np.frombuffer(self.alphabet.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        by_point = np.argsort(known)
        found = np.minimum(np.searchsorted(known[by_point], points), max(len(known) - 1, 0))
        matched = known[by_point][found] == points if len(known) else np.zeros(len(points), dtype=bool)
        if not matched.all():
            unknown = text[int(np.argmin(matched))]
            raise ValueError(f"`{name}`: character {unknown!r} is not in the model's alphabet {self.alphabet!r}")
        return by_point[found].astype(np.intp)

    def _windows(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Every (context, next character) event of `words`, padded as in the module docstring.

        Returns the word each event belongs to and the events themselves, an
        (events, order) array of character ids, in reading order.
        """
        lengths = np.array([len(w) for w in words], dtype=np.intp)
        codes = self._encode("".join(words))
        start = self.order - 1
        # One row per word: order-1 boundaries, the word, a boundary, then -1 padding.
        ids = np.full((len(words), start + int(lengths.max()) + 1), -1, dtype=np.intp)
        ids[:, :start] = 0
        rows = np.repeat(np.arange(len(words)), lengths)
        ids[rows, start + np.arange(codes.size) - np.repeat(np.cumsum(lengths) - lengths, lengths)] = codes
        ids[np.arange(len(words)), start + lengths] = 0
        windows = np.lib.stride_tricks.sliding_window_view(ids, self.order, axis=1)
        valid = np.all(windows >= 0, axis=-1)
        return np.nonzero(valid)[0], windows[valid]

    def _context_rows(self, contexts: np.ndarray) -> np.ndarray:
        """Row numbers in the log-probability table for an (n, order - 1) array of ids."""
        rows = np.zeros(len(contexts), dtype=np.intp)
        for column in range(self.order - 1):
            rows = rows * len(self.alphabet) + contexts[:, column]
        return rows

    # -- querying ------------------------------------------------------------

    @property
    def n_parameters(self) -> int:
        return int(self._fitted_table().size)

    def logits(self, context: str) -> np.ndarray:
        """Log-probabilities of each next character after `context` (its last order-1 characters)."""
        table = self._fitted_table()
        context = check_text(context, "context")
        self._encode(context, "context")  # every character must be known, not only the last order-1
        padded = (BOUNDARY * (self.order - 1) + context)[len(context):] if self.order > 1 else ""
        ids = np.array([self._encode(padded, "context")], dtype=np.intp).reshape(1, self.order - 1)
        return table[self._context_rows(ids)[0]].copy()

    def probabilities(self, context: str) -> np.ndarray:
        return np.exp(self.logits(context))

    def log_likelihoods(self, words: Sequence[str]) -> np.ndarray:
        """Natural-log probability of each word followed by the end boundary, all words at once."""
        table = self._fitted_table()
        words = check_words(words, allow_empty=True)
        if not words:
            return np.zeros(0)
        owners, events = self._windows(words)
        scores = table[self._context_rows(events[:, :-1]), events[:, -1]]
        return np.bincount(owners, weights=scores, minlength=len(words))

    def log_likelihood(self, word: str) -> float:
        """Natural-log probability of `word` followed by the end boundary."""
        return float(self.log_likelihoods([check_text(word, "word")])[0])

    def mean_log_likelihood_per_char(self, words: Sequence[str]) -> float:
        """Total log-likelihood of `words` divided by their characters (end boundaries included)."""
        words = check_words(words)
        return float(np.sum(self.log_likelihoods(words))) / sum(len(w) + 1 for w in words)

    # -- generating ----------------------------------------------------------

    def generate(
        self,
        n: int,
        temperature: float = 1.0,
        *,
        top_p_mass: float | None = None,
        rng: np.random.Generator | int | None = None,
        max_length: int = 20,
        prefix: str = "",
    ) -> list[str]:
        """Generate `n` words at once: temperature first, then optional nucleus filtering.

        All `n` words advance together, one character per step, each step a single
        batched call to :func:`tempnb.sample`; a word ends when it draws the boundary
        or reaches `max_length` new characters. Each word starts with `prefix`.
        """
        table = self._fitted_table()
        n = check_positive_int(n, "n", minimum=0)
        # Validated like softmax: T >= 0, 0 is greedy, inf is uniform over the alphabet.
        temperature = check_temperature(temperature)
        if top_p_mass is not None:
            top_p_mass = check_fraction(top_p_mass, "top_p_mass")
        rng = check_rng(rng)
        max_length = check_positive_int(max_length, "max_length", minimum=0)
        prefix = check_text(prefix, "prefix")
        self._encode(prefix, "prefix")
        padded = (self._encode((BOUNDARY * (self.order - 1) + prefix)[len(prefix):], "prefix")
                  if self.order > 1 else [])
        contexts = np.tile(np.array(padded, dtype=np.intp), (n, 1)).reshape(n, self.order - 1)
        letters = np.full((n, max_length), -1, dtype=np.intp)
        alive = np.ones(n, dtype=bool)
        for step in range(max_length):
            if not alive.any():
                break
            rows = self._context_rows(contexts[alive])
            logits = table[rows]
            if temperature > 0:
                logits = logits / temperature
            if top_p_mass is not None:
                logits = top_p(logits, top_p_mass)
            draws = np.asarray(sample(logits, 1.0 if temperature > 0 else 0.0, rng=rng)).reshape(-1)
            index = np.flatnonzero(alive)
            letters[index, step] = draws
            if self.order > 1:
                contexts[index] = np.column_stack([contexts[index, 1:], draws])[:, -(self.order - 1):]
            alive[index[draws == 0]] = False
        # -1 marks steps never taken and 0 the boundary: a word ends at the first of either.
        ended = letters <= 0
        stops = (np.where(ended.any(axis=1), ended.argmax(axis=1), max_length) if max_length
                 else np.zeros(n, dtype=np.intp))
        kept = letters[np.arange(max_length) < stops[:, None]]  # the words' letters, one after another
        text = "".join(np.array(list(self.alphabet))[kept].tolist())
        ends = np.cumsum(stops).tolist()
        return [prefix + text[end - length:end] for end, length in zip(ends, stops.tolist(), strict=True)]
