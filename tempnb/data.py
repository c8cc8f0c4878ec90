"""The course's real data sets, all offline.

* Handwritten digits: scikit-learn's bundled copy of the UCI optical
  recognition of handwritten digits test set (1797 images of 8×8 pixels,
  values 0–16), read from inside the installed package; nothing is downloaded.
* First names: the 1990 US Census first-name lists (public domain), shipped in
  ``tempnb/data/`` with their source and hashes recorded in its README.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tempnb._validate import check_fraction

__all__ = ["DigitsSplit", "load_digits_split", "load_names", "partition_names", "split_names"]

DATA_DIR = Path(__file__).resolve().parent / "data"
NAME_FILES = ("dist.female.first", "dist.male.first")


@dataclass(frozen=True)
class DigitsSplit:
    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray

    @property
    def n_classes(self) -> int:
        return 10


def load_digits_split(test_fraction: float = 0.3, seed: int = 0) -> DigitsSplit:
    """scikit-learn's digits, pixels scaled to [0, 1], split with a fixed seed, stratified by digit.

    Examples
    --------
    >>> split = load_digits_split()
    >>> split.x_train.shape, split.x_test.shape
    ((1257, 64), (540, 64))
    """
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    x = digits.data.astype(np.float64) / 16.0
    x_train, x_test, y_train, y_test = train_test_split(
        x, digits.target, test_size=test_fraction, random_state=seed, stratify=digits.target
    )
    return DigitsSplit(x_train, y_train, x_test, y_test)


def load_names() -> list[str]:
    """The distinct first names of the 1990 US Census lists, lower-case and sorted.

    Examples
    --------
    >>> names = load_names()
    >>> len(names), names[:3]
    (5163, ['aaron', 'abbey', 'abbie'])
    """
    names: set[str] = set()
    for filename in NAME_FILES:
        for line in (DATA_DIR / filename).read_text(encoding="ascii").splitlines():
            if line.strip():
                names.add(line.split()[0].lower())
    return sorted(names)


def split_names(names: list[str], validation_fraction: float = 0.1, seed: int = 0) -> tuple[list[str], list[str]]:
    """Shuffle with a fixed seed and split into (training, validation) lists."""
    validation_fraction = check_fraction(validation_fraction, "validation_fraction")
    order = np.random.default_rng(seed).permutation(len(names))
    n_validation = int(round(validation_fraction * len(names)))
    validation = sorted(names[i] for i in order[:n_validation])
    training = sorted(names[i] for i in order[n_validation:])
    return training, validation


def partition_names(names: list[str], fractions: tuple[float, ...] = (0.6, 0.2, 0.2),
                    seed: int = 0) -> tuple[list[str], ...]:
    """Shuffle with a fixed seed and cut into disjoint, sorted parts of the given `fractions`.

    Part ``i`` gets ``round(fractions[i] * len(names))`` names and the last part
    gets what is left, so every name lands in exactly one part. The course uses
    three parts: names a generator is fitted on, names a judge is fitted on, and
    names held out from both.

    Examples
    --------
    >>> training, judging, held_out = partition_names(["a", "b", "c", "d", "e"], (0.6, 0.2, 0.2))
    >>> len(training), len(judging), len(held_out)
    (3, 1, 1)
    >>> sorted(training + judging + held_out)
    ['a', 'b', 'c', 'd', 'e']
    """
    fractions = tuple(float(f) for f in fractions)
    if len(fractions) < 2 or any(not 0.0 < f <= 1.0 for f in fractions) or abs(sum(fractions) - 1.0) > 1e-9:
        raise ValueError(f"`fractions` must be two or more numbers in (0, 1] that sum to 1; got {fractions!r}")
    order = np.random.default_rng(seed).permutation(len(names))
    sizes = [int(round(f * len(names))) for f in fractions[:-1]]
    if sum(sizes) > len(names):
        raise ValueError(f"`fractions` {fractions!r} round to more than the {len(names)} names given")
    return tuple(sorted(names[i] for i in part) for part in np.split(order, np.cumsum(sizes)))
