"""Case files: one JSON file per artifact family, plus texts that must stay unchanged.

Each file in ``tests/cases/`` (except the ``seed_*`` files) is a list of objects::

    {"label": "short-unique-id", "input": "...", "expected": "...",
     "acceptable": ["other accepted outputs"], "note": "why", "xfail": "known failure"}

``clean(input)`` must give ``expected`` or one of ``acceptable``; a case with ``xfail`` runs as a
strict xfail. In ``unchanged.json`` the expected output is the input.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import textrepair

from .support import unmatched_words

CASES_DIR = Path(__file__).parent / "cases"
FAMILIES = ("overlap", "stutter", "separator", "restart", "loop", "unicode", "reflow", "unchanged")
REQUIRED = {"label", "input", "expected"}
OPTIONAL = {"acceptable", "note", "xfail"}
LABEL = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _case_files() -> list[Path]:
    return sorted(p for p in CASES_DIR.glob("*.json") if not p.name.startswith("seed_"))


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for path in _case_files():
        with path.open(encoding="utf-8") as handle:
            entries = json.load(handle)
        cases.extend((path.stem, entry) for entry in entries)
    return cases


CASES = _load()


def _params(*, with_xfail: bool) -> list[Any]:
    params = []
    for family, case in CASES:
        marks = []
        if with_xfail and "xfail" in case:
            marks.append(pytest.mark.xfail(reason=case["xfail"], strict=True))
        params.append(pytest.param(case, id=case.get("label", f"{family}-unlabelled"), marks=marks))
    return params


@pytest.mark.parametrize("case", _params(with_xfail=True))
def test_clean(case: dict[str, Any]) -> None:
    result = textrepair.clean(case["input"])
    if result not in case.get("acceptable", ()):
        assert result == case["expected"]


@pytest.mark.parametrize("case", _params(with_xfail=False))
def test_report_replays(case: dict[str, Any]) -> None:
    text = case["input"]
    report = textrepair.repair(text)
    assert report.replay(text) == report.text
    assert report.text == textrepair.clean(text)


# ---------------------------------------------------------------- the case files themselves


def test_every_family_has_a_file() -> None:
    assert {path.stem for path in _case_files()} >= set(FAMILIES)


@pytest.mark.parametrize("path", _case_files(), ids=lambda p: p.name)
def test_case_file_is_well_formed(path: Path) -> None:
    with path.open(encoding="utf-8") as handle:
        entries = json.load(handle)
    assert isinstance(entries, list)
    assert entries, f"{path.name} holds no case"
    for entry in entries:
        assert isinstance(entry, dict)
        label = entry.get("label")
        missing = REQUIRED - entry.keys()
        unknown = entry.keys() - REQUIRED - OPTIONAL
        assert not missing, f"{label}: missing {sorted(missing)}"
        assert not unknown, f"{label}: unknown {sorted(unknown)}"
        assert isinstance(label, str)
        assert LABEL.fullmatch(label), f"label {label!r} is not a short lowercase id"
        assert isinstance(entry["input"], str)
        assert isinstance(entry["expected"], str)
        acceptable = entry.get("acceptable", [])
        assert isinstance(acceptable, list)
        assert all(isinstance(a, str) for a in acceptable), label
        assert entry["expected"] not in acceptable, f"{label}: expected repeated in acceptable"
        assert len(set(acceptable)) == len(acceptable), f"{label}: duplicate acceptable output"
        for key in ("note", "xfail"):
            if key in entry:
                assert isinstance(entry[key], str), f"{label}: {key} must be a string"
                assert entry[key].strip(), f"{label}: empty {key}"
        if path.stem == "unchanged":
            assert entry["expected"] == entry["input"], f"{label}: unchanged case changes"
            assert not acceptable, f"{label}: an unchanged case has one reading"


def test_labels_are_unique() -> None:
    labels = [case["label"] for _, case in CASES]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    assert not duplicates


@pytest.mark.parametrize("case", _params(with_xfail=False))
def test_expected_outputs_only_delete_words(case: dict[str, Any]) -> None:
    """Every accepted reading keeps only words of the input, in order (a check on the cases)."""
    for reading in (case["expected"], *case.get("acceptable", ())):
        assert unmatched_words(case["input"], reading) == []
