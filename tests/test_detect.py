"""Unit tests of detectors that the case files reach only through the whole pipeline."""

from __future__ import annotations

from unittest.mock import patch

import pytest
from hypothesis import given
from hypothesis import strategies as st

from textrepair.detect import (
    _MAX_PERIOD,
    _broken_off,
    _close_periods,
    _line_repeats,
    _prose_lines,
    loops,
)
from textrepair.segment import segment

BEFORE = "The installer copies the files of the base system to the disk and then"
LINE = "configures the boot loader with the options that were chosen before"


def _removed(text: str) -> list[str]:
    return [text[c.edit.start : c.edit.end] for c in _line_repeats(segment(text))[1]]


def test_a_tile_read_twice_or_three_times_keeps_its_first_copy() -> None:
    text = f"{BEFORE}\n{LINE}\n{LINE}\nThe end."
    assert _removed(text) == [f"\n{LINE}"]
    text = f"{BEFORE}\n{LINE}\n{LINE}\n{LINE}\nThe end."
    assert _removed(text) == [f"\n{LINE}\n{LINE}"]


def test_a_line_said_four_times_is_a_chorus_not_a_tile() -> None:
    text = f"{BEFORE}\n" + f"{LINE}\n" * 4 + "The end."
    refrains, removals = _line_repeats(segment(text))
    assert removals == []
    assert len(refrains) == 3  # each later copy starts a refrain line


def test_a_list_item_said_twice_stays() -> None:
    item = f"- {LINE}"
    assert _removed(f"{BEFORE}:\n{item}\n{item}\n- another item") == []


def test_a_two_line_unit_read_twice() -> None:
    second = "elsewhere in the manual."
    text = f"{BEFORE}\n{LINE}\n{second}\n{LINE}\n{second}\nNext paragraph."
    assert _removed(text) == [f"\n{LINE}\n{second}"]


@given(st.lists(st.sampled_from([BEFORE, LINE, "short line", "", "- item"]), max_size=12))
def test_removals_are_whole_lines_that_say_the_kept_lines_again(lines: list[str]) -> None:
    text = "\n".join(lines)
    for candidate in _line_repeats(segment(text))[1]:
        assert candidate.keep is not None
        kept = text[candidate.keep[0] : candidate.keep[1]]
        removed = text[candidate.edit.start : candidate.edit.end]
        assert removed.startswith("\n")
        assert removed[1:].split("\n") == kept.split("\n") * (
            removed.count("\n") // (kept.count("\n") + 1)
        )


@given(
    st.lists(st.sampled_from(["de", "la", "ville", "la ville", "de la", "\n", ","]), max_size=40)
)
def test_loops_looks_at_every_period_a_loop_may_have(pieces: list[str]) -> None:
    """Periods without a bigram said again that many words on are skipped, and lose nothing."""
    words = segment(" ".join(pieces))
    every = set(range(1, _MAX_PERIOD + 1))
    with patch("textrepair.detect._close_periods", return_value=every):
        reference = loops(words)
    assert loops(words) == reference


def test_a_loop_of_three_words_is_found_by_its_period() -> None:
    text = "au centre de la ville de la ville de la ville de la ville"
    assert 3 in _close_periods(segment(text).places)
    assert [c.edit.removed(text) for c in loops(segment(text))] == [" de la ville" * 3]


@pytest.mark.parametrize(
    ("text", "wide"),
    [
        (
            "Lors du partage de données avec d’autres systèmes au travers\nau travers du réseau, "
            "vous devrez utiliser un service commun.",
            True,
        ),
        # the later line is short: a verse, a list item
        (
            "Lors du partage de données avec d’autres systèmes au travers\nau travers du réseau.",
            False,
        ),
        # the earlier line is short
        (
            "Lors du partage au travers\nau travers du réseau, vous devrez utiliser un service.",
            False,
        ),
        # the later copy ends its line
        ("Lors du partage de données avec d’autres systèmes au travers\nau travers\n", False),
    ],
)
def test_prose_lines_asks_for_two_wide_lines_that_the_copies_do_not_end(
    text: str, wide: bool
) -> None:
    words = segment(text)
    i = words.keys.index("au", words.keys.index("travers"))
    assert _prose_lines(words, i - 2, i + 1) is wide


@pytest.mark.parametrize(
    ("text", "broken"),
    [
        ("nel modo ;\nnel m\nseguente", True),
        ("думают об ;\nдумают о\nтом", False),  # one letter short: a word of its own
        ("nel modo ;\nnel m\nseguente m", False),  # the piece is written elsewhere
        ("many applications ;\nmany app-\nlications", False),  # a word hyphenated at a wrap
    ],
)
def test_broken_off_asks_for_a_piece_that_is_no_word(text: str, broken: bool) -> None:
    words = segment(text)
    x, y = 1, 3
    assert _broken_off(words, x, y) is broken
