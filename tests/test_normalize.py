"""The normalize stage's fast screen never hides a line that ftfy (or the stage) would change."""

from __future__ import annotations

import ftfy
import pytest
from ftfy.badness import MOJIBAKE_CATEGORIES, is_bad
from hypothesis import given
from hypothesis import strategies as st

from textrepair._patterns import INVISIBLE, INVISIBLE_CHARS
from textrepair.normalize import (
    _MOJIBAKE_HINT,
    FTFY_CONFIG,
    _all_untouched,
    _has_invisible,
    _suspect_lines,
    _untouched,
    normalize,
)

# every character ftfy's mojibake detector names, plus letters, spaces and line breaks
_SUSPECT = "".join(sorted(set("".join(MOJIBAKE_CATEGORIES.values()) + "ÃÂâ€œžŠ°²³")))
_ALPHABET = st.sampled_from(_SUSPECT + "aeiouxyzAEXZ .,;!?\n\t-’«»éèàçü")
_MIXED = st.text(alphabet=_ALPHABET, max_size=40) | st.text(max_size=40)


def test_the_hint_is_derived() -> None:
    assert _MOJIBAKE_HINT is not None


@pytest.mark.parametrize(
    "text",
    [
        "dÃ©pendance",
        "Ã  la maison",
        "la cafÃ© est chaud",
        "cÅ“ur",
        "â€œquotedâ€\x9d",
        "Ð¿Ñ€Ð¸Ð²ÐµÑ‚",
        "voilÃ le travail",
        "sÃ³",
        "Â½ cup",
        "ÃƒÂ©tÃƒÂ©",
    ],
)
def test_the_hint_finds_known_mojibake(text: str) -> None:
    assert is_bad(text)
    assert _MOJIBAKE_HINT is not None
    assert _MOJIBAKE_HINT.search(text) is not None
    assert not _untouched(text)
    assert normalize(text)


@given(_MIXED)
def test_the_hint_misses_nothing_is_bad_finds(text: str) -> None:
    assert _MOJIBAKE_HINT is not None
    for line in ["", *text.split("\n")]:
        if _MOJIBAKE_HINT.search(line) is None:
            assert not is_bad(line)


@given(_MIXED)
def test_a_screened_line_is_a_fixed_point_of_ftfy(text: str) -> None:
    for line in text.split("\n"):
        if _untouched(line):
            assert ftfy.fix_text(line, config=FTFY_CONFIG) == line
            assert normalize(line) == []


@given(st.lists(_MIXED, max_size=4).map("\n".join))
def test_the_whole_text_screen_implies_every_line_screen(text: str) -> None:
    if _all_untouched(text):
        assert all(_untouched(line) for line in text.split("\n"))
        assert normalize(text) == []


def test_clean_text_with_accents_and_guillemets_passes_the_screen() -> None:
    text = "« L’été à Noël », dit-il.\nÜber die Brücke; façade, señor, coração."
    assert _all_untouched(text)
    assert normalize(text) == []


_WITH_INVISIBLES = st.text(
    alphabet=st.sampled_from(_SUSPECT + "ae \n&;\u200b\u00ad\u200d\r\x07e\u0301")
)


@given(st.lists(_MIXED | _WITH_INVISIBLES, max_size=5).map("\n".join))
def test_one_scan_finds_every_line_the_stage_may_change(text: str) -> None:
    suspects = set(_suspect_lines(text))
    offset = 0
    for line in text.split("\n"):
        if not _untouched(line):
            assert offset in suspects
        offset += len(line) + 1
    lines = text.split("\n")
    one_by_one = [normalize(line) for line in lines]
    assert sum(map(len, one_by_one)) == len(normalize(text))


def test_every_character_invisible_matches_is_one_the_quick_scan_finds() -> None:
    # between letters, where a joiner counts too: every character of the plane, one by one
    text = "a" + "a".join(map(chr, range(0x10000))) + "a"
    found = "".join(match.group() for match in INVISIBLE.finditer(text))
    assert found
    assert all(INVISIBLE_CHARS.match(char) for char in found)


@given(_WITH_INVISIBLES | st.text(alphabet=st.sampled_from("aé \u200d\u200cж\u2062-")))
def test_has_invisible_agrees_with_the_pattern(text: str) -> None:
    assert _has_invisible(text) == (INVISIBLE.search(text) is not None)
