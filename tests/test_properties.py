"""Properties that hold for every input (Hypothesis)."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textrepair
from textrepair import KINDS, Config, apply_edits

from .strategies import (
    CONTENT,
    FUNCTION,
    Damaged,
    any_texts,
    clean_texts,
    configs,
    damaged_texts,
    has_repeated_bigram,
    noisy_texts,
)
from .support import unmatched_words

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@PROPERTY
@given(any_texts())
def test_idempotent(text: str) -> None:
    once = textrepair.clean(text)
    assert textrepair.clean(once) == once


@PROPERTY
@given(any_texts())
def test_edits_replay(text: str) -> None:
    report = textrepair.repair(text)
    assert apply_edits(text, report.edits) == report.text
    assert report.replay(text) == report.text


@PROPERTY
@given(any_texts(), st.one_of(st.none(), configs()))
def test_edits_are_well_formed(text: str, config: Config | None) -> None:
    report = textrepair.repair(text, config=config)
    previous_end = 0
    for edit in report.edits:
        assert 0 <= edit.start <= edit.end <= len(text), edit
        assert edit.start >= previous_end, f"{edit} overlaps or is out of order"
        previous_end = edit.end
        assert text[edit.start : edit.end] != edit.replacement, f"{edit} changes nothing"
    for edit in (*report.edits, *report.proposed):
        assert edit.kind in KINDS, edit
        assert 0.0 <= edit.score <= 1.0, edit
        assert isinstance(edit.replacement, str), edit
        assert isinstance(edit.reason, str), edit
        assert edit.reason, edit
    assert sum(report.counts.values()) == len(report.edits)


@PROPERTY
@given(st.one_of(clean_texts(), damaged_texts().map(lambda d: d.damaged), noisy_texts()))
def test_no_new_words(text: str) -> None:
    """Output words are input words (after ftfy), in the same order: only deletions."""
    assert unmatched_words(text, textrepair.clean(text)) == []


@PROPERTY
@given(clean_texts())
def test_clean_text_is_unchanged(text: str) -> None:
    assert not has_repeated_bigram(text)
    assert textrepair.clean(text) == text
    assert textrepair.repair(text).edits == ()


@PROPERTY
@given(damaged_texts())
def test_injected_damage_is_repaired(damaged: Damaged) -> None:
    assert textrepair.clean(damaged.damaged) == damaged.clean


@PROPERTY
@given(st.text(), st.one_of(st.none(), configs()))
def test_any_str_gives_str(text: str, config: Config | None) -> None:
    assert isinstance(textrepair.clean(text, config=config), str)
    report = textrepair.repair(text, config=config)
    assert isinstance(report.text, str)
    assert isinstance(report.edits, tuple)


@PROPERTY
@given(any_texts(), any_texts())
def test_deterministic(text: str, other: str) -> None:
    first = textrepair.repair(text)
    textrepair.repair(other)  # no state carried from one call to the next
    second = textrepair.repair(text)
    assert first == second
    assert textrepair.clean(text) == first.text


def test_vocabularies_are_sound() -> None:
    """The strategies' guarantee (no repeated bigram) rests on these facts."""
    keys = [word.casefold() for words in CONTENT.values() for word in words]
    assert len(keys) == len(set(keys)), "a content word belongs to two languages"
    function_keys = {word.casefold() for words in FUNCTION.values() for word in words}
    assert not function_keys & set(keys)
    assert all(re.fullmatch(r"\w+", key) for key in [*keys, *function_keys])
