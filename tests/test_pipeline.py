"""The wiring of the stages: where a later round looks after a round of removals and joins."""

from __future__ import annotations

import pytest

import textrepair
import textrepair.pipeline as pipeline


def test_ranges_are_carried_through_the_wraps_of_a_reflow() -> None:
    text = "one two\nthree four\nfive six"
    wraps = [
        textrepair.Edit(7, 8, " ", "reflow", 0.9, "hard wrap"),
        textrepair.Edit(18, 19, "", "hyphen", 0.9, "joined"),
    ]
    after = textrepair.apply_edits(text, wraps)
    moved = pipeline._through([(0, 3), (8, 13), (19, 27)], wraps)
    assert [after[a:b] for a, b in moved] == ["one", "three", "five six"]
    assert pipeline._merge([(0, 5), (10, 12)], [(4, 8), (20, 30)]) == [(0, 8), (10, 12), (20, 30)]


def test_lines_restart_finds_a_line_that_opens_as_the_one_before() -> None:
    assert pipeline._lines_restart("Os ficheiros de meta-dados são\nos ficheiros de meta-dados")
    assert pipeline._lines_restart("one two three four\none two three four")
    assert not pipeline._lines_restart("one two three four\nfive six seven eight")
    assert not pipeline._lines_restart("a b\na b")  # two words: a refrain's, not a restart
    assert not pipeline._lines_restart("one two three\n\none two three")  # a blank line apart


def test_wrapped_text_with_nothing_to_remove_takes_one_detection_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rounds: list[bool] = []
    original = pipeline._detect_round

    def counting(current: str, config: textrepair.Config, focus: object, **kwargs: bool) -> object:
        rounds.append(focus is None)
        return original(current, config, focus, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "_detect_round", counting)
    wrapped = (
        "The committee met on Tuesday to discuss the new budget for the coming\n"
        "year, and agreed that the spending on schools should rise by a tenth\n"
        "while the roads programme waits until the autumn review is complete.\n"
    )
    assert textrepair.clean(wrapped).count("\n") == 1  # the lines are joined
    assert rounds == [True]
    rounds.clear()
    restarted = (
        "The committee met on Tuesday to discuss the new budget for the coming\n"
        "The committee met on Tuesday to discuss the new budget for the coming year,\n"
        "and agreed that the spending on schools should rise by a tenth.\n"
    )
    textrepair.clean(restarted)
    assert rounds[0] and len(rounds) >= 2  # a line begun again: looked at once more
