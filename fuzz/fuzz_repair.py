"""Coverage-guided fuzz target for :func:`textrepair.repair` (atheris / libFuzzer).

Every input is turned into a ``str`` and a :class:`textrepair.Config`, repaired, and the report
is checked by :func:`check_invariants`: a ``str`` comes out, the edits are sorted,
non-overlapping, inside the input, of a known kind, scored in ``[0, 1]``, and replay to the
output, ``clean()`` agrees with ``repair()``, and ``clean()`` leaves its own output alone.

Run it (see ``fuzz/README.md``)::

    pip install atheris
    python fuzz/fuzz_repair.py -max_total_time=600 -timeout=20 -rss_limit_mb=4096 fuzz/corpus

:func:`check_invariants` and :func:`text_from_bytes` do not need atheris; the Hypothesis fuzz
test (``tests/test_fuzz.py``) uses the same checks.
"""

from __future__ import annotations

import dataclasses
import math
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import Any

import textrepair
from textrepair import KINDS, Config, Edit, apply_edits

__all__ = ["NOISE", "check_invariants", "config_from_byte", "text_from_bytes"]

#: Pieces that make structure-heavy inputs: words that repeat, seams, stray separators, wraps,
#: mojibake, invisible characters, scripts without spaces, emoji.
NOISE: tuple[str, ...] = (
    "de", "la", "de la", "Le", "le", "the", "The", "ses", "propres", "une partie", "capital",
    "die", "Die", "I think that", "d’", "l’État", "semi-", "inter", "national", "dans le",
    " ", " ", "  ", "\n", "\n", "\n\n", " ;", " ;\n", "\n;\n", " / ", "…", "... ", " — ", " - ",
    ".", ". ", ",", "!", "?", "\u00a0?", "«", "»", "“", "”", "'", "-\n", "\r\n", "\r", "\t",
    "Ã©", "&amp;", "\u200b", "\u00ad", "\ufeff", "\u200d", "\u202e", "\x00", "\ud800",
    "10", "二", "日本語", "😀", "👨\u200d👩", "e\u0301", "Привет", "مرحبا", "שלום", "नमस्ते",
    "สวัสดี", "안녕", "$ ls", "- item", "[Music]",
)  # fmt: skip

_KEEP = Config()


def config_from_byte(byte: int) -> Config:
    """A configuration chosen by one byte: mostly the defaults, sometimes flags switched off."""
    if byte < 160:
        return _KEEP
    flags = ("unicode", "overlaps", "stutters", "separators", "restarts", "loops", "reflow")
    off: dict[str, Any] = {name: False for bit, name in enumerate(flags) if byte >> bit & 1}
    return dataclasses.replace(_KEEP, min_score=(byte % 5) / 4, report_only=byte == 255, **off)


def text_from_bytes(data: bytes) -> str:
    """Turn fuzzer bytes into text: raw UTF-8 (surrogates kept) or a soup of :data:`NOISE`.

    The first byte chooses: below 128 the rest is decoded as UTF-8 with undecodable bytes
    mapped to lone surrogates; otherwise every following byte picks one piece of
    :data:`NOISE`, so that seams, separators and repeats meet far more often than in random
    text.
    """
    if not data:
        return ""
    head, rest = data[0], data[1:]
    if head < 128:
        return rest.decode("utf-8", errors="surrogateescape")
    return "".join(NOISE[byte % len(NOISE)] for byte in rest)


def _check_edit(edit: Edit, size: int) -> None:
    assert isinstance(edit, Edit), edit
    assert isinstance(edit.start, int) and isinstance(edit.end, int), edit
    assert 0 <= edit.start <= edit.end <= size, f"{edit} lies outside the input ({size})"
    assert isinstance(edit.replacement, str), edit
    assert edit.kind in KINDS, f"{edit}: unknown kind"
    assert isinstance(edit.score, float | int) and not math.isnan(edit.score), edit
    assert 0.0 <= edit.score <= 1.0, f"{edit}: score outside [0, 1]"
    assert isinstance(edit.reason, str) and edit.reason, f"{edit}: no reason"


def _check_sorted(text: str, edits: Sequence[Edit]) -> None:
    previous_end = 0
    for edit in edits:
        assert edit.start >= previous_end, f"{edit} overlaps its predecessor or is out of order"
        assert text[edit.start : edit.end] != edit.replacement, f"{edit} changes nothing"
        previous_end = edit.end


def check_invariants(text: str, config: Config | None = None, *, idempotence: bool = True) -> str:
    """Repair ``text`` and check every invariant of the report; return the repaired text.

    Args:
        text: Any string.
        config: The configuration (``None``: the defaults).
        idempotence: Also check that ``clean()`` leaves the output alone.

    Raises:
        AssertionError: If an invariant does not hold (the message says which).
    """
    report = textrepair.repair(text, config=config)
    assert type(report.text) is str, type(report.text)
    assert isinstance(report.edits, tuple) and isinstance(report.proposed, tuple)
    for edit in (*report.edits, *report.proposed):
        _check_edit(edit, len(text))
    _check_sorted(text, report.edits)
    assert apply_edits(text, report.edits) == report.text, "the edits do not replay to the text"
    assert report.replay(text) == report.text
    assert dict(report.counts) == dict(Counter(edit.kind for edit in report.edits))
    assert textrepair.clean(text, config=config) == report.text, "clean() != repair().text"
    if config is not None and config.report_only:
        assert report.text == text and report.edits == (), "report_only changed the text"
    elif idempotence:
        again = textrepair.clean(report.text, config=config)
        assert again == report.text, f"not idempotent: {report.text!r} -> {again!r}"
    return report.text


#: ``TEXTREPAIR_FUZZ_IDEMPOTENCE=0`` leaves idempotence out (while known cases fail it, so
#: that the fuzzer goes on looking for the other kinds of failure).
_IDEMPOTENCE = os.environ.get("TEXTREPAIR_FUZZ_IDEMPOTENCE", "1") != "0"


def _one_input(data: bytes) -> None:
    if not data:
        check_invariants("", idempotence=_IDEMPOTENCE)
        return
    text, config = text_from_bytes(data[1:]), config_from_byte(data[0])
    check_invariants(text, config, idempotence=_IDEMPOTENCE)


def main(argv: list[str]) -> None:
    """Run the fuzzer (libFuzzer flags in ``argv``)."""
    import atheris  # type: ignore[import-untyped,import-not-found,unused-ignore]  # noqa: PLC0415

    atheris.instrument_all()
    atheris.Setup(argv, _one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
