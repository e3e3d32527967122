"""Hypothesis-driven fuzzing of :func:`textrepair.repair`: the checks of ``fuzz/fuzz_repair.py``.

Inputs: arbitrary ``str`` (lone surrogates, controls, bidi and invisible characters mixed in),
soups of the fuzz target's pieces (words that repeat, seams, separators, wraps, mojibake),
the strategies' noisy texts, and phrases repeated around seams; with the default or any valid
:class:`~textrepair.Config`. Every report must pass :func:`check_invariants`.

CI runs a short, fixed sample (300 examples per test, derandomized: the same every run, so a
failure there is a change in the engine, not luck). For a long run, new examples every run::

    TEXTREPAIR_FUZZ_EXAMPLES=100000 python -m pytest tests/test_fuzz.py -p no:cacheprovider
    python -m pytest tests/test_fuzz.py --hypothesis-profile=fuzz   # 100,000 per test

A failure is printed with its input (and kept in ``.hypothesis/``, so the next run tries it
first); it becomes a regression case in ``tests/test_regressions.py`` (a strict xfail until
the engine is fixed, a plain test after). Idempotence is checked on its own test.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz.fuzz_repair import NOISE, check_invariants, text_from_bytes
from textrepair import Config

from .strategies import configs, noisy_texts, sentences

_LONG_RUN = os.environ.get("TEXTREPAIR_FUZZ_EXAMPLES")
_PROFILE = settings()  # the current profile's settings
#: A long run (environment variable or profile) rather than CI's short fixed sample.
_EXPLORING = bool(_LONG_RUN) or _PROFILE.max_examples > 300
if _LONG_RUN:
    FUZZ = settings(
        max_examples=int(_LONG_RUN),
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
elif _EXPLORING:  # --hypothesis-profile=fuzz (tests/conftest.py)
    FUZZ = settings(_PROFILE)
else:
    FUZZ = settings(
        max_examples=300,
        deadline=None,
        derandomize=True,  # CI: the same examples every run; the long runs explore
        suppress_health_check=list(HealthCheck),
    )

#: Characters that break naive text code, mixed into arbitrary text.
_HOSTILE_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9f\r\n\t \u00a0\u00ad\u034f\u061c\u115f\u180e"
    "\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2060\u2066"
    "\u2067\u2068\u2069\u3000\ufeff\ufe0f\ufffd\ufffe\uffff\ud800\udbff\udc00\udfff"
    ";/…—-·|.!?«»“”’'"
)


def hostile_text() -> st.SearchStrategy[str]:
    """Arbitrary text, with surrogates, controls, bidi and invisible characters made common."""
    return st.text(
        st.one_of(
            st.characters(exclude_categories=()),
            st.sampled_from(_HOSTILE_CHARS),
            st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
            st.characters(min_codepoint=0x0300, max_codepoint=0x036F),  # combining marks
        ),
        max_size=300,
    )


def soups() -> st.SearchStrategy[str]:
    """The atheris target's soup of :data:`NOISE` pieces."""
    return st.lists(st.sampled_from(NOISE), max_size=80).map("".join)


_SEAMS = (" ;\n", "\n;\n", "\n", " / ", "… ", " — ", " ", ", ", "-\n", "\r\n", "\n\n", " ; ")


@st.composite
def repeated_phrases(draw: st.DrawFn) -> str:
    """Phrases said again and again around seams: overlaps, loops, restarts, their mixtures."""
    pool = draw(st.lists(sentences(), min_size=1, max_size=3))
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 12))):
        words = draw(st.sampled_from(pool)).split(" ")
        start = draw(st.integers(0, len(words) - 1))
        end = draw(st.integers(start + 1, len(words)))
        parts.append(" ".join(words[start:end]) * draw(st.sampled_from([1, 1, 2, 3, 6])))
        parts.append(draw(st.sampled_from(_SEAMS)))
    return "".join(parts)


def fuzz_inputs() -> st.SearchStrategy[str]:
    """Every kind of fuzz input."""
    return st.one_of(
        st.text(),
        hostile_text(),
        soups(),
        noisy_texts(),
        repeated_phrases(),
        st.binary(max_size=300).map(text_from_bytes),
    )


@FUZZ
@given(fuzz_inputs())
def test_fuzz_default_config(text: str) -> None:
    check_invariants(text, idempotence=False)


@FUZZ
@given(fuzz_inputs(), configs())
def test_fuzz_any_config(text: str, config: Config) -> None:
    check_invariants(text, config, idempotence=False)


@settings(
    FUZZ,
    report_multiple_bugs=False,
    # CI: an expected failure needs no shrinking; the long runs shrink to a minimal input
    phases=list(Phase) if _EXPLORING else [Phase.explicit, Phase.reuse, Phase.generate],
)
@given(st.one_of(fuzz_inputs(), st.tuples(fuzz_inputs(), configs())))
def test_fuzz_idempotence(case: str | tuple[str, Config]) -> None:
    text, config = (case, None) if isinstance(case, str) else case
    check_invariants(text, config)
