"""Segmentation helpers: the fast scans agree with the patterns they stand for."""

from __future__ import annotations

import bisect
import re

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import textrepair
import textrepair.segment as segment_module
from textrepair._patterns import CODE_WORDS, IDEOGRAPHIC, IDEOGRAPHIC_FROM, STRUCTURED_LINE
from textrepair.detect import _marked_seams
from textrepair.segment import (
    _columns,
    _mark_code_blocks,
    _mark_table_rows,
    has_ideographs,
    resegment,
    segment,
    structured_line,
    structured_lines,
)

from .strategies import any_texts
from .support import COMPILED

Tokens = tuple[list[int], list[int], list[str]]

_PIECES = st.sampled_from(
    [
        *"ab1. )\t\n|{[=\\}];,-*+•>#$%/:",
        *("    ", "x" * 22, " | ", "\t\t", "- ", "1) ", "$ ", "--x", " -v", "://", "a/b/"),
        *("<ab> ", "<@a> ", "[10:04] ", "12:30:59 ", "Apr 06 23:43", " \t ", "a  \t b"),
        *("-rw-r--r-- ", "drwxr-xr-x.", "lrwxrwxrwx\t"),
        *("one two three four five six", "seven, «eight» (nine) ten.", "ab "),
        *("word   ", "   wide  ", "a   b   c   d   e", "1   2   3   4   5"),
    ]
)


def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def _reference(text: str, *, code_words: bool = False) -> list[int]:
    """Prefix counts from searches of the patterns over the whole text."""
    starts = _line_starts(text)
    flags = [0] * len(starts)
    for pattern in (STRUCTURED_LINE, CODE_WORDS) if code_words else (STRUCTURED_LINE,):
        for match in pattern.finditer(text):
            flags[bisect.bisect_right(starts, match.start()) - 1] = 1
    for n, line in enumerate(text.split("\n")):
        flags[n] |= _columns(line)
    _mark_code_blocks(text, starts, flags)  # blocks of lines: tested on their own below
    _mark_table_rows(text, starts, flags)
    counts = [0]
    for flag in flags:
        counts.append(counts[-1] + flag)
    return counts


@given(st.lists(_PIECES, max_size=16).map("".join))
def test_the_scans_mark_the_lines_the_pattern_marks(text: str) -> None:
    assert list(structured_lines(text)) == _reference(text)
    assert list(structured_lines(text, code_words=True)) == _reference(text, code_words=True)


@given(st.lists(_PIECES, max_size=16).map("".join))
def test_a_line_is_structured_alone_as_in_a_text(text: str) -> None:
    assume("::" not in text)  # a literal block's lines are code only after their opener
    bars = [" |" in line or "\t|" in line for line in text.split("\n")]
    assume(not any(a and b for a, b in zip(bars, bars[1:])))  # rows: tested on their own
    counts = structured_lines(text)
    flags = [b - a for a, b in zip(counts, counts[1:])]
    assert flags == [int(structured_line(line)) for line in text.split("\n")]


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("    for item in items:", True),
        ("    return self.value if the value is set", True),
        ("    x = compute(a, b) and then some more words here", True),
        ("\tA tab opens code, however long the line of words is.", True),
        ("       The manual page documents the GNU version of the command.", False),
        ("    PROVIDED HEREUNDER, AND DISCLAIMS LIABILITY FOR DAMAGES RESULTING FROM", False),
        ("       Составные термины пишутся через  дефис  при  использовании", False),
        ("    five plain words and then", True),  # six words at least
        ("    one two three four five six (seven) eight", False),  # brackets are prose's too
        ("    return foo(bar) if the value is set", True),  # but not inside a word
        ("    if the file is mutated during its run / as well", False),  # a spaced slash
        ("    the seek position within the file is /usr/bin", True),
        ("\u00a0 \u00a0 arts is needed by mplayer-1.0", True),  # no-break spaces indent too
        ("\u00a0 \u00a0 The manual page documents the GNU version of it.", False),
        ("\u00a0 - an item after no-break spaces", True),
    ],
)
def test_an_indented_line_is_code_unless_it_is_prose(line: str, code: bool) -> None:
    assert structured_line(line) is code
    assert _flags(line) == [int(code)]


@pytest.mark.parametrize(
    ("line", "columns"),
    [
        ("  -a, --all         do not ignore entries starting with .", True),
        (" apt-get install package    ->  apt install package", True),
        ("Name      Value", True),  # too few gaps to tell
        ("1     2     3     4     5", True),  # no words
        ("       requires  that  the   file   system   be   mounted   with", False),
        ("       la       GNU       General       Public        License        version", False),
        ("       extended   attributes   on   regular   files   and   directories   as ;", False),
    ],
)
def test_justified_prose_is_no_columns(line: str, columns: bool) -> None:
    assert segment_module._columns(line) is columns
    assert structured_line(line.lstrip()) is columns  # indented, a line is judged as such


def test_indented_asks_for_every_indented_line() -> None:
    text = (
        "Prose.\n    The manual page documents the GNU version of it.\n\tx\n  two spaces"
        "\n\u00a0 \u00a0 a line set with no-break spaces"
    )
    counts = structured_lines(text, indented=True)
    assert [b - a for a, b in zip(counts, counts[1:])] == [0, 1, 1, 0, 1]
    assert _flags(text) == [0, 0, 1, 0, 1]


def _flags(text: str) -> list[int]:
    counts = structured_lines(text)
    return [b - a for a, b in zip(counts, counts[1:])]


def test_lines_with_bars_are_rows_beside_rows_with_as_many() -> None:
    text = (
        "Name | Value\nalpha | 1\n\nthe new budget for the year | the new budget for the year\n"
        "a line of prose\n| a | b |\nx | y | z\nshort | cell\n"
        + "a chunk of prose that runs on and on, for longer than any first cell of a table would | "
        + "and the next chunk\nthe next chunk | goes on"
    )
    assert _flags(text) == [1, 1, 0, 0, 0, 1, 0, 0, 0, 0]
    assert not structured_line("the new budget for the year | the new budget")
    assert structured_line("| a | b |")


def test_a_rest_literal_block_is_code_whatever_its_indent() -> None:
    text = (
        "evaluated in the order of their suffixes::\n\n   expr1, expr2, expr3\n"
        "   (expr1, expr2, expr3)\n\n  a line after a blank one\nBack to prose, expr1."
    )
    assert _flags(text) == [0, 0, 1, 1, 0, 1, 0]


def test_a_code_directive_opens_a_block_after_its_options() -> None:
    text = ".. code-block:: python\n   :linenos:\n\n   import setup\n   setup(name=1)\n\nProse."
    assert _flags(text) == [1, 0, 0, 1, 1, 0, 0]


def test_a_note_directive_holds_prose() -> None:
    assert _flags(".. note::\n\n   This is a note in prose.\n") == [1, 0, 0, 0]


def test_a_line_ending_with_two_colons_opens_a_block_only_before_a_blank_line() -> None:
    assert _flags("Usage::\n   not a block\n") == [0, 0, 0]


def test_a_markdown_fence_holds_code_to_its_closing_fence_or_the_end() -> None:
    assert _flags("Prose.\n```\nx = 1\nx = 1\n```\nProse again.") == [0, 1, 1, 1, 1, 0]
    assert _flags("Prose.\n~~~python\nx = 1\nx = 1") == [0, 1, 1, 1]


def test_code_blocks_keep_their_repeats() -> None:
    text = (
        "The expressions are evaluated in this order::\n\n"
        "   expr1, expr2, expr3, expr4\n   (expr1, expr2, expr3, expr4)\n\n"
        "Then:\n\n```\nmake clean\nmake clean all\n```\n"
    )
    assert textrepair.clean(text) == text


def test_structured_lines_counts() -> None:
    text = "Prose here.\n- an item\nmore prose\n    code()\nend"
    assert list(structured_lines(text)) == [0, 0, 1, 1, 2, 2]


_SEAM_PIECES = st.sampled_from(
    ["a", "bb", " ", "\n", ";", "/", "|", "…", ".", "...", "-", "–", " - "]
)
#: The marks of a seam as one pattern (what ``detect._SEAM_MARK``'s scans stand for).
_ONE_SEAM_MARK = re.compile(
    "[\n;/|\N{HORIZONTAL ELLIPSIS}]|\\.\\.\\.|\\s[-\N{EN DASH}\N{EM DASH}]\\s|\\s--\\s"
)


@given(st.lists(_SEAM_PIECES, max_size=14).map("".join))
@example("a -- a")  # two hyphens between spaces: a dash typed in ASCII
def test_the_seam_scans_mark_the_seams_one_pattern_marks(text: str) -> None:
    words = segment(text)
    expected: dict[int, int] = {}
    for mark in _ONE_SEAM_MARK.finditer(text):
        i = bisect.bisect_left(words.starts, mark.start())
        if 0 < i < len(words.starts) and i not in expected:
            expected[i] = words.seam(i)
    assert _marked_seams(words) == expected


def test_rest_roles_are_markup_not_words() -> None:
    words = segment("Use :meth:`run` or :c:data:`PyExc_Warning`; a:b: and `:x:` stay words.")
    expected = ["use", "run", "or", "pyexc_warning", "a", "b", "and", "x", "stay", "words"]
    assert words.keys == expected


def test_no_ideograph_comes_before_the_quick_scans_bound() -> None:
    before = "".join(map(chr, range(0x2E80)))
    assert IDEOGRAPHIC.search(before) is None
    assert IDEOGRAPHIC_FROM.search(before) is None
    assert IDEOGRAPHIC_FROM.search("\u2e80") is not None


@given(st.text(alphabet=st.characters(max_codepoint=0x3100), max_size=20))
def test_has_ideographs_agrees_with_the_pattern(text: str) -> None:
    assert has_ideographs(text) == (IDEOGRAPHIC.search(text) is not None)


@st.composite
def _edited(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, str]], str]:
    """A text, sorted disjoint edits of it, and the text after them.

    The edits remove stretches, put a space or a line break in their place, or put a space
    for a run of spaces (a line joined).
    """
    pieces = st.lists(_PIECES, max_size=20).map("".join)
    text = draw(st.one_of(any_texts(), pieces))
    cuts = draw(st.lists(st.integers(0, len(text)), max_size=8))
    spaces = [m.span() for m in re.finditer(r"\s+", text)]
    cuts += (
        [x for span in draw(st.lists(st.sampled_from(spaces), max_size=4)) for x in span]
        if spaces
        else []
    )
    cuts.sort()
    edits = []
    for start, end in zip(cuts[::2], cuts[1::2]):  # sorted: each pair starts after the last
        spaced = text[start:end].isspace()
        choices = [" ", "\n"] if spaced else ["", " ", "\n"]
        edits.append((start, end, draw(st.sampled_from(choices))))
    kept, done = [], 0
    for start, end, replacement in edits:
        kept += [text[done:start], replacement]
        done = end
    return text, edits, "".join([*kept, text[done:]])


@given(_edited())
@example(("0\x1f", [(1, 2, " "), (2, 2, "")], "0 "))  # a space no stretch ends at
def test_resegment_splits_as_segment_does(
    case: tuple[str, list[tuple[int, int, str]], str],
) -> None:
    text, edits, after = case
    assert resegment(segment(text), edits, after) == segment(after)


@pytest.mark.skipif(COMPILED, reason="compiled functions call each other, not the module's")
def test_resegment_splits_again_only_around_the_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Le projet d’expansion ;\nd’expansion a 1,5 M de :meth:`run` Straße"
    start = text.index(" ;")
    end = text.index(" a 1,5")
    after_text = text[:start] + text[end:]
    before = segment(text)
    stretches: list[str] = []
    split = segment_module._tokens

    def recording(text: str, start: int, end: int, *, ideographic: bool) -> Tokens:
        stretches.append(text[start:end])
        return split(text, start, end, ideographic=ideographic)

    monkeypatch.setattr(segment_module, "_tokens", recording)
    after = resegment(before, [(start, end, "")], after_text)
    assert stretches == ["d’expansion"]  # from the space before the edit to the space after
    assert after == segment(after_text)
    expected = ["le", "projet", "d'", "expansion", "a", "1,5", "m", "de", "run", "strasse"]
    assert after.keys == expected


def test_resegment_splits_nothing_again_for_joined_lines() -> None:
    text = "one line\nand the next\n"
    before = segment(text)
    after = resegment(before, [(8, 9, " ")], "one line and the next\n")
    assert after == segment("one line and the next\n")
    assert after.places is before.places  # the same words: the same pairs, not counted again
