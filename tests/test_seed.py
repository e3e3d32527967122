"""The seed: a real French text damaged by chunked machine translation, and its readings.

``seed_expected.txt`` is the preferred clean reading; ``seed_variants.json`` lists every
acceptable one: the concatenation of its parts, where a part that is a list offers alternative
readings of a clause the source holds twice in conflicting versions.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import textrepair

CASES_DIR = Path(__file__).parent / "cases"


def _read(name: str) -> str:
    with (CASES_DIR / name).open(encoding="utf-8", newline="") as handle:
        return handle.read()


SEED_INPUT = _read("seed_input.txt")
SEED_EXPECTED = _read("seed_expected.txt")
SEED_PARTS = json.loads(_read("seed_variants.json"))["parts"]


def readings() -> list[str]:
    """Every acceptable reading of the seed: all combinations of the list parts."""
    choices = [[part] if isinstance(part, str) else part for part in SEED_PARTS]
    return ["".join(combination) for combination in itertools.product(*choices)]


def _paragraph_words(text: str) -> list[list[str]]:
    return [paragraph.split() for paragraph in text.split("\n")]


def test_variants_describe_expected() -> None:
    assert readings()[0] == SEED_EXPECTED
    assert len(set(readings())) == len(readings())


def test_seed_gives_an_accepted_reading() -> None:
    """Word for word (whitespace aside), paragraph by paragraph, one of the accepted readings."""
    output = textrepair.clean(SEED_INPUT)
    if output == SEED_EXPECTED:
        return
    got = _paragraph_words(output)
    candidates = [_paragraph_words(reading) for reading in readings()]
    if got in candidates:
        return
    assert len(got) == len(candidates[0]), (
        f"{len(got)} paragraphs instead of {len(candidates[0])}:\n{output}"
    )
    for index, paragraph in enumerate(got):
        accepted = {" ".join(candidate[index]) for candidate in candidates}
        assert " ".join(paragraph) in accepted, f"paragraph {index + 1} matches no accepted reading"
    raise AssertionError("each paragraph matches some reading, but no single reading matches all")


def test_seed_gives_expected_exactly() -> None:
    assert textrepair.clean(SEED_INPUT) == SEED_EXPECTED


def test_seed_report_replays() -> None:
    report = textrepair.repair(SEED_INPUT)
    assert report.replay(SEED_INPUT) == report.text
    assert report.text == textrepair.clean(SEED_INPUT)


@pytest.mark.parametrize("mark", [" / ", "\N{HORIZONTAL ELLIPSIS} ", " - ", " \N{EN DASH} "])
def test_seed_with_its_seams_marked_inside_the_line(mark: str) -> None:
    """The seed's ` ;` seams written as another mark inside the line read the same.

    Two copies accepted after the mark confirm it as the text's seam, so that the loose
    variant (`les capitaux nécessaires … par an` / `le capital nécessaire …`) goes too.
    """
    damaged = SEED_INPUT.replace(" ;\n", mark)
    assert damaged != SEED_INPUT
    assert textrepair.clean(damaged).split() == SEED_EXPECTED.split()
