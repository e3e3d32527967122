"""The fast paths give the same repaired text as the full engine.

Four shortcuts spare the engine work:
:func:`textrepair.detect.long_loops` cuts a passage said at least 64 times in a row down to
16 copies before the text is split into words, :func:`textrepair.segment.distinct_stems`
lets a text whose words share no stem skip the word-level detectors, a long text is
repaired a group of paragraphs at a time, a round after the first reads only the paragraphs
where the previous round changed something, and a bound on the aligned words spares the
alignment of copies inside a line that no gate could accept. Each is compared here with the
engine without it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import textrepair
import textrepair.detect as detect_module
import textrepair.pipeline as pipeline
from tests.strategies import Damaged, any_texts, damaged_texts, words
from textrepair import Config
from textrepair.detect import detect, long_loops
from textrepair.resolve import Candidate
from textrepair.segment import distinct_stems, lines, segment

_SLOW = settings(max_examples=60, deadline=None)

_UNIT_WORDS = st.sampled_from(
    ["data", "the", "cat", "no", "la", "Data", "1", "42", "1,5", "ha", "sat", "on", "de"]
)
_GAPS = st.sampled_from([" ", " ", " ", ", ", ". ", "\n", " ; ", "\n\n"])


@st.composite
def _looping_texts(draw: st.DrawFn) -> str:
    unit_words = draw(st.lists(_UNIT_WORDS | words(), min_size=1, max_size=9))
    gaps = draw(st.lists(_GAPS, min_size=len(unit_words), max_size=len(unit_words)))
    unit = "".join(word + gap for word, gap in zip(unit_words, gaps))
    copies = draw(st.integers(min_value=60, max_value=140))
    before = draw(st.sampled_from(["", "Intro. ", "Il dit : ", "x", "    ", "- ", "a | "]))
    after = draw(st.sampled_from(["", "the end.", unit_words[0], "\nFin."]))
    return before + unit * copies + after


def _without(monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> str:
    with monkeypatch.context() as patch:
        if name == "long_loops":
            patch.setattr(pipeline, "long_loops", lambda text: [])
        elif name == "view":
            patch.setattr(pipeline, "_view", lambda text, focus: None)
        elif name == "inline_screen":
            patch.setattr(detect_module, "_may_pass_inline", lambda context, j, i: True)
        else:
            patch.setattr(pipeline, "distinct_stems", lambda text: False)
        return textrepair.clean(text)


@_SLOW
@given(_looping_texts())
def test_cutting_long_loops_first_changes_no_result(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert textrepair.clean(text) == _without(monkeypatch, "long_loops", text)


@_SLOW
@given(_looping_texts())
def test_a_long_loop_cut_first_still_replays(text: str) -> None:
    result = textrepair.repair(text)
    assert textrepair.apply_edits(text, result.edits) == result.text


def test_long_loops_keeps_sixteen_copies_of_a_word_loop() -> None:
    text = "Intro. " + "the cat sat on " * 100 + "the mat."
    (candidate,) = long_loops(text)
    assert candidate.edit.kind == "loop"
    assert text[: candidate.edit.start].count("the cat sat on ") == 16
    assert textrepair.clean(text) == "Intro. the cat sat on the mat."


@pytest.mark.parametrize(
    "text",
    [
        "1 " * 500,  # numbers are data
        "a" * 5000,  # no word starts inside the passage: one token
        "la la la " * 5,  # too few copies to bother
        "x\n\n" * 200,  # copies in separate paragraphs
        "猫が " * 200,  # ideographs are judged character by character
        "one two three four five six seven eight nine " * 80,  # nine words: not a short loop
    ],
)
def test_long_loops_leaves_what_loops_would_not_judge_as_one(text: str) -> None:
    assert long_loops(text) == []


@given(any_texts())
def test_distinct_stems_means_nothing_for_the_word_detectors(text: str) -> None:
    if distinct_stems(text):
        config = Config()
        word_level = {c.edit for c in detect(segment(text), config)}
        assert word_level == {c.edit for c in detect(lines(text), config)}


@_SLOW
@given(st.lists(words(), max_size=40, unique=True).map(" ".join))
def test_skipping_the_word_detectors_changes_no_result(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert textrepair.clean(text) == _without(monkeypatch, "distinct_stems", text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("one two three", True),
        ("the cat and the hat", False),
        ("nécessaire nécessaires", False),  # one stem
        ("de d’expansion", False),  # an elided word is split further
        ("hello 世界", False),  # ideographs are tokens of their own
        ("", True),
    ],
)
def test_distinct_stems(text: str, expected: bool) -> None:
    assert distinct_stems(text) is expected


@_SLOW
@given(st.lists(damaged_texts(), min_size=2, max_size=5))
def test_a_long_text_is_repaired_a_group_of_paragraphs_at_a_time(
    samples: list[Damaged],
) -> None:
    text = "\n\n".join(sample.damaged for sample in samples)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pipeline, "_GROUP", 40)  # a group for every paragraph or two
        grouped = textrepair.repair(text)
        spans = pipeline._groups(text)
        assert grouped.text == "".join(textrepair.clean(text[a:b]) for a, b in spans)
        assert textrepair.apply_edits(text, grouped.edits) == grouped.text
        assert textrepair.clean(grouped.text) == grouped.text


def test_groups_meet_inside_blank_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "_GROUP", 10)
    text = "one two.\n\nthree four five.\n\n\nsix.\n;\n\nseven"
    spans = pipeline._groups(text)
    assert "".join(text[start:end] for start, end in spans) == text
    assert all(text[end - 1 : end + 1] == "\n\n" for _, end in spans[:-1])
    assert len(spans) > 1
    assert textrepair.clean(text) == text


def test_groups_without_blank_lines_meet_after_sentence_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pipeline, "_GROUP", 70)
    text = (
        "The first line goes on and on\nand ends a sentence here.\nThe next one opens\n"
        "another that goes on without\nan end for a long while and then\nstops. Here.\n"
        "Last line"
    )
    spans = pipeline._groups(text)
    assert "".join(text[start:end] for start, end in spans) == text
    assert len(spans) > 1
    assert text[: spans[0][1]].endswith("here.\n")  # a sentence end before a capital
    assert all(text[end - 1] == "\n" for _, end in spans[:-1])
    # one line longer than a group is cut where it ends, not inside
    line = "word " * 20
    assert pipeline._groups(line + "\n" + line) == [
        (0, len(line) + 1),
        (len(line) + 1, 2 * len(line) + 1),
    ]


@_SLOW
@given(st.lists(damaged_texts(), min_size=2, max_size=5))
def test_a_long_text_without_blank_lines_is_repaired_a_group_at_a_time(
    samples: list[Damaged],
) -> None:
    text = "\n".join(sample.damaged.replace("\n\n", "\n") for sample in samples)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pipeline, "_GROUP", 60)
        grouped = textrepair.repair(text)
        spans = pipeline._groups(text)
        assert grouped.text == "".join(textrepair.clean(text[a:b]) for a, b in spans)
        assert textrepair.apply_edits(text, grouped.edits) == grouped.text


@_SLOW
@given(damaged_texts())
def test_the_inline_screen_changes_no_result_on_damaged_text(sample: Damaged) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert textrepair.clean(sample.damaged) == _without(
            monkeypatch, "inline_screen", sample.damaged
        )


@_SLOW
@given(
    st.lists(
        st.sampled_from(["la", "de", "mise", "à", "jour", "du", "système", "est"]) | words(),
        min_size=4,
        max_size=60,
    ).map(" ".join)
)
def test_the_inline_screen_changes_no_result_on_repeated_words(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert textrepair.clean(text) == _without(monkeypatch, "inline_screen", text)


def test_the_inline_screen_keeps_a_copy_cut_inside_a_word() -> None:
    # the later copy repeats 5 of the 10 words and stops inside "Berechtigungen": too few
    # aligned words for the similarity bound; only the bound for a cut-off copy lets it by
    text = (
        "Das Programm setzt die Option zum Setzen der Berechtigungen für alle neuen Dateien "
        "die Option zum Setzen der Ber in diesem Verzeichnis."
    )
    result = textrepair.repair(text)
    assert result.text == (
        "Das Programm setzt die Option zum Setzen der Berechtigungen für alle neuen Dateien "
        "in diesem Verzeichnis."
    )
    assert "stops short" in result.edits[0].reason


@_SLOW
@given(
    st.lists(damaged_texts(), min_size=2, max_size=6), st.sampled_from(["\n\n", "\n \n", "\n\n\n"])
)
def test_later_rounds_read_only_the_paragraphs_they_must(
    samples: list[Damaged], blank: str
) -> None:
    text = blank.join(sample.damaged for sample in samples)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setattr(pipeline, "_WHOLE", 1.0)  # a view whenever one paragraph is left out
        viewed = textrepair.repair(text)
        assert viewed.text == _without(monkeypatch, "view", text)
        assert textrepair.apply_edits(text, viewed.edits) == viewed.text


def test_a_view_maps_ranges_and_edits_between_paragraphs_and_text() -> None:
    text = "one two three four five six\n\nseven eight\n\nnine ten\n\neleven twelve\n\n"
    text += "thirteen fourteen fifteen sixteen seventeen"
    at = text.index("nine ten")
    view = pipeline._view(text, [(at + 1, at + 3)])  # inside "nine ten": and the paragraphs around
    assert view is not None
    assert view.text == "\n\nseven eight\n\nnine ten\n\neleven twelve\n\n"
    assert view.inside([(0, len(text))]) == [(0, len(view.text))]
    start = view.text.index(" ten")
    edit = textrepair.Edit(start, start + 4, "", "overlap", 0.9, "ten")  # " ten" in the view
    assert [text[e.start : e.end] for e in view.outside([edit]) or []] == [" ten"]
    assert pipeline._view(text, [(0, len(text))]) is None  # everything: the whole text
    assert pipeline._view("one paragraph", [(0, 3)]) is None
    # a code block: its paragraphs are code only for a line paragraphs before them
    coded = text.replace("one two", "one two::")
    assert pipeline._view(coded, [(at + 1, at + 3)]) is None


#: A reST list whose literal blocks (after ``::``) are told code only from the lines before.
_LITERAL_BLOCKS = (
    "Options\n\n"
    "  When --size=3 is given first, it does::\n\n"
    "     options.sizes = []\n"
    '     options.sizes.append(int("3"))\n\n'
    "  If --size=4 comes later on the command line, it does::\n\n"
    '     options.sizes.append(int("4"))\n\n'
    "  The store action calls the store method on the current value of the\n"
    "  option.  This means that any default value given must have a store\n"
    "  method.  It also means that if the default value is not empty, its\n"
    "  elements will be in the parsed value for the option, with any values\n"
    "  from the command line stored after those default values::\n\n"
    '     >>> parser.add_option("--sizes", action="store", default=[1])\n'
)


def test_a_later_round_joins_only_what_the_whole_text_would_join() -> None:
    """Its paragraphs are judged with all the text around: read alone, the last paragraphs
    above lack the ``::`` that makes them a literal block, and their lines would be joined."""
    text = _LITERAL_BLOCKS
    start = text.index('     options.sizes.append(int("4"))')
    assert pipeline._reflow(text, None, Config()) == []
    assert pipeline._reflow(text, [(start, len(text))], Config()) == []


def test_a_later_round_takes_no_repair_away_from_the_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """What no change reached was judged by the first round, with the whole text around: a
    later round, which may read only some paragraphs, takes none of its candidates there."""
    near = "il peut fournir une partie de ce capital ;\nune partie de ce capital."
    far = (
        "The committee met on Tuesday to review the budget proposal submitted by the finance "
        "department, which asks for a ten percent increase in spending on public transport. "
        "Several members objected to the plan, arguing that the city should first repair the "
        "roads it already has before building new tram lines, and that the consultants who "
        "prepared the study last year had underestimated the costs by a wide margin."
    )
    text = near + "\n\n" + far + " Nothing here should be removed by a later round."
    planted: list[textrepair.Edit] = []

    def planting(words, config, focus=None):  # type: ignore[no-untyped-def]
        found = detect(words, config, focus)
        if focus is not None and words.text.startswith("il "):  # a later round: two removals
            at = words.text.index("should be")
            far_edit = textrepair.Edit(at, at + 10, "", "overlap", 0.9, "planted far")
            near_edit = textrepair.Edit(0, 3, "", "overlap", 0.9, "planted near")
            planted.extend((far_edit, near_edit))
            found += [Candidate(far_edit), Candidate(near_edit)]
        return found

    monkeypatch.setattr(pipeline, "detect", planting)
    result = textrepair.repair(text)
    assert planted  # a later round ran
    assert "should be removed" in result.text
    assert not result.text.startswith("il ")
    assert [e.reason for e in result.edits if e.reason.startswith("planted")] == ["planted near"]
