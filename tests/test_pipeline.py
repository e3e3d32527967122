"""The wiring of the stages: where a later round looks after a round of removals and joins."""

from __future__ import annotations

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
