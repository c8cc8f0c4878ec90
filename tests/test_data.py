"""The data loaders (tempnb.data): the names lists and their splits."""

import pytest

from tempnb.data import DATA_DIR, NAME_FILES, load_names, partition_names, split_names


def test_load_names_matches_a_direct_reading_of_the_files():
    # An independent reading: first whitespace-separated field of every non-blank line, lower-cased.
    direct = set()
    for filename in NAME_FILES:
        with open(DATA_DIR / filename, encoding="ascii") as handle:
            direct.update(line.split()[0].lower() for line in handle if line.strip())
    assert load_names() == sorted(direct)


def test_partition_is_disjoint_complete_sized_and_seeded():
    names = load_names()
    parts = partition_names(names, (0.6, 0.2, 0.2), seed=0)
    # 0.6 * 5163 = 3097.8 -> 3098 and 0.2 * 5163 = 1032.6 -> 1033; the last part takes the remaining 1032.
    assert [len(p) for p in parts] == [3098, 1033, 1032]
    assert sorted(name for part in parts for name in part) == names  # each name in exactly one part
    assert all(part == sorted(part) for part in parts)
    assert partition_names(names, (0.6, 0.2, 0.2), seed=0) == parts
    assert partition_names(names, (0.6, 0.2, 0.2), seed=1) != parts


def test_two_part_partition_agrees_with_split_names():
    names = load_names()
    training, validation = split_names(names, 0.1, seed=3)
    assert partition_names(names, (0.1, 0.9), seed=3) == (validation, training)


@pytest.mark.parametrize("fractions", [(1.0,), (0.5, 0.6), (0.0, 1.0), (-0.2, 1.2), (0.5, 0.4)])
def test_bad_fractions_name_the_parameter(fractions):
    with pytest.raises(ValueError, match="`fractions`"):
        partition_names(["a", "b", "c"], fractions)


def test_bad_validation_fraction_names_the_parameter():
    with pytest.raises(ValueError, match="`validation_fraction`"):
        split_names(["a", "b"], 1.5)
