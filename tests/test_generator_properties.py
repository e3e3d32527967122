"""Invariants over text damaged by the benchmark's own generator (``benchmarks/corrupt.py``).

The benchmark damages real documents; here the documents are clean multilingual paragraphs
drawn by Hypothesis (``tests/strategies.py``: no word bigram occurs twice in them), so nothing
is downloaded. Each example damages one such document with one family of the generator
(overlaps, stutters, stray separators, restarts, loops, hard wraps, Unicode damage, or all of
them mixed) and a drawn seed, then checks what holds for every input:

* ``clean`` is idempotent;
* the edits of ``repair`` replay on the input to the output;
* every output word is an input word, in the same order (only deletions);
* text without a repeated word bigram loses no word, and comes back unchanged when reflow is
  off (hard wraps and stray separators are the only things to repair in it);
* what is removed from damaged text is mostly what the generator injected.
"""

from __future__ import annotations

import os
import re
from collections import Counter

import ftfy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import textrepair
from benchmarks.corpus import Document
from benchmarks.corrupt import FAMILIES, Sample, corrupt
from textrepair import Config

from .strategies import LANGUAGES, UNSPACED, clean_texts, has_repeated_bigram
from .support import unmatched_words, word_keys

_LONG_RUN = os.environ.get("TEXTREPAIR_FUZZ_EXAMPLES")
#: CI: 60 examples per property, the same every run (derandomized: a failure here is a change
#: in the engine, not luck). ``TEXTREPAIR_FUZZ_EXAMPLES=N``: N new examples per property.
GENERATOR = settings(
    max_examples=int(_LONG_RUN) if _LONG_RUN else 60,
    derandomize=not _LONG_RUN,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The generator's families for prose (``mixed-rep`` is ``mixed`` on poems and lists).
PROSE_FAMILIES = tuple(family for family in FAMILIES if family != "mixed-rep")
#: Families that inject no repeated word: what is left to repair is layout only.
NO_REPEAT_FAMILIES = ("wrap", "separator")
#: Kinds of edit that change layout, not words.
LAYOUT_KINDS = frozenset({"separator", "reflow", "hyphen", "whitespace"})
_WORD_CHARS = re.compile(r"\W+")


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A clean prose document: one to five paragraphs, one per line, in one or more languages."""
    lang = draw(st.sampled_from(LANGUAGES))
    others = draw(st.lists(st.sampled_from(LANGUAGES), max_size=2))
    text = draw(clean_texts((lang, *others), max_paragraphs=5, min_words=3, max_words=9))
    number = draw(st.integers(0, 10**6))
    return Document(f"{lang}/hypothesis/{number}", lang, "prose", "prose", "hypothesis", text)


@st.composite
def samples(draw: st.DrawFn, families: tuple[str, ...] = PROSE_FAMILIES) -> Sample:
    """A document damaged by the benchmark's generator with one family and a drawn seed."""
    doc = draw(documents())
    return corrupt(doc, draw(st.sampled_from(families)), draw(st.integers(0, 2**16)))


def _letters(text: str) -> str:
    """The word characters of ``text``, casefolded, in order (layout and punctuation gone)."""
    return _WORD_CHARS.sub("", text.casefold())


@GENERATOR
@given(samples())
def test_clean_is_idempotent(sample: Sample) -> None:
    once = textrepair.clean(sample.damaged)
    assert textrepair.clean(once) == once, (sample.family, sample.damaged)


@GENERATOR
@given(samples())
def test_edits_replay_to_the_output(sample: Sample) -> None:
    report = textrepair.repair(sample.damaged)
    assert report.replay(sample.damaged) == report.text
    assert textrepair.clean(sample.damaged) == report.text


@GENERATOR
@given(samples())
def test_output_words_are_input_words_in_order(sample: Sample) -> None:
    assert unmatched_words(sample.damaged, textrepair.clean(sample.damaged)) == []


@GENERATOR
@given(samples(NO_REPEAT_FAMILIES))
def test_text_without_repeats_loses_no_word(sample: Sample) -> None:
    """Hard wraps and stray separators: only layout edits, every letter kept, in order."""
    assert not has_repeated_bigram(sample.damaged)
    report = textrepair.repair(sample.damaged)
    assert {edit.kind for edit in report.edits} <= LAYOUT_KINDS, report.edits
    assert _letters(report.text) == _letters(sample.damaged)


@GENERATOR
@given(samples(("wrap",)))
def test_text_without_repeats_is_unchanged_but_for_reflow(sample: Sample) -> None:
    """Hard-wrapped clean text: with reflow off nothing changes; with it, only the layout."""
    assert not has_repeated_bigram(sample.damaged)
    assert textrepair.clean(sample.damaged, config=Config(reflow=False)) == sample.damaged
    kinds = {edit.kind for edit in textrepair.repair(sample.damaged).edits}
    assert kinds <= {"reflow", "hyphen", "whitespace"}


@GENERATOR
@given(documents())
def test_clean_document_is_unchanged(doc: Document) -> None:
    assert not has_repeated_bigram(doc.text)
    assert textrepair.clean(doc.text) == doc.text


@GENERATOR
@given(samples(("overlap", "stutter", "loop", "restart", "mixed")))
def test_removed_words_are_mostly_injected(sample: Sample) -> None:
    """Soft: of the reference's words, at most one in ten (and at least two) may be lost.

    The generator's variants make some loss legitimate: where two copies of a passage differ,
    textrepair keeps one of them whole, and the other's reading of a word may be the
    reference's. Words are compared as multisets, after ftfy, on spaced scripts only.
    """
    if sample.doc.lang in UNSPACED:
        return
    output = textrepair.clean(sample.damaged)
    reference = Counter(word_keys(sample.reference))
    lost = reference - Counter(word_keys(output)) - _unicode_losses(sample)
    assert sum(lost.values()) <= max(2, sum(reference.values()) // 10), lost


def _unicode_losses(sample: Sample) -> Counter[str]:
    """Reference words the Unicode damage destroyed beyond ftfy's repair (not textrepair's)."""
    return Counter(word_keys(sample.reference)) - Counter(word_keys(ftfy.fix_text(sample.damaged)))


@given(
    st.sampled_from(["", " ", "\n", "mot", "Un deux trois.", "a\n\nb"]), st.sampled_from(FAMILIES)
)
def test_the_generator_takes_documents_of_any_size(text: str, family: str) -> None:
    sample = corrupt(Document("tiny", "fr", "prose", "prose", "none", text), family, 0)
    assert sample.reference == text
    assert isinstance(sample.damaged, str)
