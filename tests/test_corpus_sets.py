"""bench/corpus_sets.is_blind: the blind sets are the folders below corpus/ named in BLIND_FOLDERS, and
only those; a checkout whose own directory carries a blind set's name (a worktree called heldout11)
must not make every text blind, nor must a development folder look blind."""
from pathlib import Path

import pytest

from .conftest import load_script

corpus_sets = load_script("corpus_sets", "bench")


@pytest.mark.parametrize("name", corpus_sets.BLIND_FOLDERS[:-1])
def test_a_blind_set_is_blind_wherever_the_checkout_lives(name):
    for root in (Path("/work/main"), Path("/work/wt/heldout11"), Path("/tmp/x/heldout9")):
        assert corpus_sets.is_blind(root / "corpus" / name / "a001.txt")
        assert corpus_sets.is_blind(root / "corpus" / name)
    assert corpus_sets.is_blind(Path(name) / "a001.txt")  # a relative path names its folder directly


@pytest.mark.parametrize("folder", ["heldout", "heldout2", "heldout8", "heldout9", "findings", "synthetic"])
def test_a_development_folder_is_not_blind_even_in_a_checkout_named_like_a_blind_set(folder):
    for root in (Path("/work/main"), Path("/work/wt/heldout11"), Path("/work/wt/heldout10")):
        assert not corpus_sets.is_blind(root / "corpus" / folder / "x001.txt")


def test_the_newest_blind_set_is_listed():
    for name in ("heldout12", "heldout14", "heldout16"):
        assert name in corpus_sets.BLIND_FOLDERS and name not in corpus_sets.DEVELOPMENT
        assert corpus_sets.is_blind(corpus_sets.ROOT / "corpus" / name / "v001.txt")


def test_a_retired_set_is_development():
    # heldout9 was blind from round 9 until round 12, heldout13 from round 13 until round 18,
    # heldout10 and heldout11 from rounds 13-14 until round 20, heldout15 from round 21 until round 22
    assert not corpus_sets.is_blind(corpus_sets.ROOT / "corpus" / "heldout9" / "u001.txt")
    assert not corpus_sets.is_blind(corpus_sets.ROOT / "corpus" / "heldout13" / "w001.txt")
    for name in ("heldout10", "heldout11", "heldout15"):
        assert not corpus_sets.is_blind(corpus_sets.ROOT / "corpus" / name / "v001.txt")
        assert name in corpus_sets.DEVELOPMENT
