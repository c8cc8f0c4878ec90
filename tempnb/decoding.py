"""Deterministic decoding over a character model: greedy search and beam search.

Sampling draws each character at random; these two search for likely words
instead. Both work with any model that has an ``alphabet`` string whose first
symbol is the end-of-word boundary and a ``logits(context)`` method returning
the log-probability of each next character (such as :class:`tempnb.ngram.CharNGram`).

A word's score is the natural-log probability the model gives to the word
followed by the end boundary, given `prefix`: for ``prefix=""`` it equals
``model.log_likelihood(word)``. Words have between `min_length` and
`max_length` characters after the prefix: the end is forbidden before
`min_length` and forced at `max_length`, so every search ends with complete
words.

**Greedy search** appends the most probable character, one step at a time
(T = 0 sampling, ties go to the first character of the alphabet).

**Beam search** keeps the `beam_width` best partial words instead of one. At
each step every word still open is extended by every character; the finished
words and the extensions are ranked together and the best `beam_width` of them
form the new beam. A word that ends stays in the beam, unchanged, until better
ones push it out. The search stops when every word in the beam has ended:
extending a word only lowers its score, so no open word could overtake them.
With ``beam_width=1`` beam search is greedy search; with a width at least the
number of possible words nothing is ever pruned and it returns the exact best
words.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from tempnb._validate import check_length_range, check_positive_int

__all__ = ["beam_search", "greedy_search"]


class CharacterModel(Protocol):
    alphabet: str

    def logits(self, context: str) -> np.ndarray: ...


def _next_log_probs(model: CharacterModel, prefix: str, words: list[str], step: int,
                    min_length: int, max_length: int) -> np.ndarray:
    """Log-probabilities of each next character for each open word, with the length rules applied."""
    log_probs = np.stack([np.asarray(model.logits(prefix + word), dtype=np.float64) for word in words])
    if step < min_length:
        log_probs[:, 0] = -np.inf  # too short to end
    if step == max_length:
        log_probs[:, 1:] = -np.inf  # long enough: the only move left is to end
    return log_probs


def greedy_search(model: CharacterModel, *, prefix: str = "", min_length: int = 1,
                  max_length: int = 20) -> tuple[str, float]:
    """The word built by always appending the most probable character, and its log-probability.

    Examples
    --------
    >>> from tempnb.ngram import CharNGram
    >>> model = CharNGram(order=2, strength=1.0).fit(["ab", "ab", "b"])
    >>> word, score = greedy_search(model)
    >>> word, round(score, 4), round(model.log_likelihood(word), 4)
    ('ab', -0.9781, -0.9781)
    """
    min_length, max_length = check_length_range(min_length, max_length)
    word, score = "", 0.0
    for step in range(max_length + 1):
        log_probs = _next_log_probs(model, prefix, [word], step, min_length, max_length)[0]
        best = int(np.argmax(log_probs))
        score += float(log_probs[best])
        if best == 0:
            break
        word += model.alphabet[best]
    return prefix + word, score


def beam_search(model: CharacterModel, beam_width: int = 5, *, prefix: str = "", min_length: int = 1,
                max_length: int = 20) -> list[tuple[str, float]]:
    """The `beam_width` words beam search ends with, best first, each with its log-probability.

    Examples
    --------
    >>> from tempnb.ngram import CharNGram
    >>> model = CharNGram(order=2, strength=1.0).fit(["ab", "ab", "b"])
    >>> [(word, round(score, 4)) for word, score in beam_search(model, 2)]
    [('ab', -0.9781), ('b', -1.2425)]
    """
    beam_width = check_positive_int(beam_width, "beam_width")
    min_length, max_length = check_length_range(min_length, max_length)
    n_symbols = len(model.alphabet)
    open_words, open_scores = [""], np.zeros(1)
    ended_words: list[str] = []
    ended_scores = np.zeros(0)
    for step in range(max_length + 1):
        extended = open_scores[:, None] + _next_log_probs(model, prefix, open_words, step, min_length, max_length)
        # Rank the words that have ended (first, so they win ties) together with every extension.
        pool = np.concatenate([ended_scores, extended.ravel()])
        keep = np.argsort(-pool, kind="stable")[:beam_width]
        keep = keep[np.isfinite(pool[keep])]  # a forbidden move is never kept
        new_ended, new_ended_scores, new_open, new_open_scores = [], [], [], []
        for index in keep:
            if index < len(ended_words):
                new_ended.append(ended_words[index])
                new_ended_scores.append(pool[index])
                continue
            row, symbol = divmod(int(index) - len(ended_words), n_symbols)
            if symbol == 0:
                new_ended.append(open_words[row])
                new_ended_scores.append(pool[index])
            else:
                new_open.append(open_words[row] + model.alphabet[symbol])
                new_open_scores.append(pool[index])
        ended_words, ended_scores = new_ended, np.array(new_ended_scores)
        open_words, open_scores = new_open, np.array(new_open_scores)
        if not open_words:
            break
    return [(prefix + word, float(score)) for word, score in zip(ended_words, ended_scores)]
