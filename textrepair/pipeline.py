"""Wires the stages: normalize -> segment -> detect -> resolve -> render.

:func:`clean` and :func:`repair` run this one code path. Every stage returns edits on the text
it was given; :func:`textrepair.render.compose` carries them back onto the input, so the
report replays exactly.
"""

from __future__ import annotations

from dataclasses import replace

from textrepair.config import Config
from textrepair.detect import detect, long_loops
from textrepair.normalize import normalize
from textrepair.render import compose, held_back, lift, reflow
from textrepair.resolve import resolve
from textrepair.result import Edit, Repair, apply_edits
from textrepair.segment import distinct_stems, lines, segment

__all__ = ["clean", "repair"]

_DEFAULT = Config()
#: Rounds of detection: removing one copy can bring two others side by side.
_ROUNDS = 8
#: More rounds for reflows: a removal after a reflow can leave two more lines to join.
_REFLOWS = 3


def _check(text: object, config: object, caller: str) -> Config:
    if not isinstance(text, str):
        hint = (
            " (decode it first, e.g. data.decode('utf-8'))"
            if isinstance(text, bytes | bytearray)
            else ""
        )
        msg = f"textrepair.{caller}() expects str, got {type(text).__name__}{hint}"
        raise TypeError(msg)
    if config is None:
        return _DEFAULT
    if not isinstance(config, Config):
        msg = (
            f"textrepair.{caller}() expects config=Config(...) or None, got {type(config).__name__}"
        )
        raise TypeError(msg)
    return config


_REACH = 400  # characters around a removal that the next round examines


def _around(chosen: list[Edit]) -> list[tuple[int, int]]:
    """Where, in the text after ``chosen``, a next round should look: around each removal."""
    ranges: list[tuple[int, int]] = []
    shift = 0
    for edit in chosen:
        at = edit.start + shift
        shift += len(edit.replacement) - (edit.end - edit.start)
        start, end = max(at - _REACH, 0), at + _REACH
        if ranges and start <= ranges[-1][1]:
            ranges[-1] = (ranges[-1][0], end)
        else:
            ranges.append((start, end))
    return ranges


def _through(ranges: list[tuple[int, int]], edits: list[Edit]) -> list[tuple[int, int]]:
    """``ranges`` of a text, carried onto the text after ``edits`` (sorted, disjoint)."""
    moved: list[tuple[int, int]] = []
    for start, end in ranges:
        a, b = start, end
        for edit in edits:  # few edits a round: a plain scan is fast enough
            change = len(edit.replacement) - (edit.end - edit.start)
            if edit.end <= start:
                a += change
            if edit.end <= end:
                b += change
        moved.append((max(a, 0), max(b, a)))
    return moved


def _merge(*range_lists: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The union of sorted character ranges, as sorted disjoint ranges."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for ranges in range_lists for r in ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _rounds(current: str, edits: list[Edit], config: Config) -> tuple[str, list[Edit], list[Edit]]:
    """Detect and remove repeats, and join wrapped lines, until a round changes nothing.

    Removing one copy can bring two others side by side, and joining two lines can put a
    copy inside one line: each round after the first looks again around what the previous
    round removed or joined. The lines are joined after the round that removed the copies,
    and one round looks again at both, unless a line repeats the end of the line before it
    (:func:`~textrepair.render.held_back`): then the text must settle first, so that the
    detectors judge that seam as a line break.
    """
    proposed: list[Edit] = []
    focus: list[tuple[int, int]] | None = None
    for round_ in range(_ROUNDS + _REFLOWS):
        # words that share no stem cannot be copies: only the character-level detectors run
        words = lines(current) if distinct_stems(current) else segment(current)
        chosen, below = resolve(detect(words, config, focus), config.threshold)
        if round_ == 0 and below:
            # proposals may overlap one another: each is carried back on its own
            proposed = (
                [e for one in below for e in lift(edits, [one], current)[0]] if edits else below
            )
        focus = []
        if chosen:
            focus = _around(chosen)
            following = apply_edits(current, chosen)
            edits = compose(edits, chosen, current)
            current = following
        if config.reflow:
            wraps = reflow(current, dehyphenate=config.dehyphenate)
            if chosen and held_back(current, wraps)[1]:
                wraps = []  # a seam to judge before any line is joined: the next round first
            if wraps:
                focus = _merge(_through(focus, wraps), _around(wraps))
                following = apply_edits(current, wraps)
                edits = compose(edits, wraps, current)
                current = following
        if not focus:
            break
    return current, edits, proposed


#: Texts longer than this many characters are repaired a group of whole paragraphs at a
#: time: no repair crosses a blank line, and the cost per character stays the same however
#: long the text (memory too).
_GROUP = 100_000


def _groups(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` of about ``_GROUP`` characters that meet inside a blank line.

    Each span but the last ends with the line break that ends its last paragraph and the next
    starts with the line break that opens the blank line, so that every line keeps the lines
    around it as they are in ``text``.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > _GROUP:
        cut = text.rfind("\n\n", start + 1, start + _GROUP)
        if cut < 0:
            cut = text.find("\n\n", start + _GROUP)
            if cut < 0:
                break
        spans.append((start, cut + 1))
        start = cut + 1
    spans.append((start, len(text)))
    return spans


def _shift(edits: list[Edit], offset: int) -> list[Edit]:
    return [replace(edit, start=edit.start + offset, end=edit.end + offset) for edit in edits]


def _run(text: str, config: Config) -> tuple[str, list[Edit], list[Edit]]:
    """Return the repaired text, the edits on the input, and the proposed edits."""
    groups = _groups(text)
    if len(groups) == 1:
        return _run_group(text, config)
    pieces: list[str] = []
    edits: list[Edit] = []
    proposed: list[Edit] = []
    for start, end in groups:
        piece, piece_edits, piece_proposed = _run_group(text[start:end], config)
        pieces.append(piece)
        edits += _shift(piece_edits, start)
        proposed += _shift(piece_proposed, start)
    return "".join(pieces), edits, proposed


def _run_group(text: str, config: Config) -> tuple[str, list[Edit], list[Edit]]:
    """:func:`_run` on a text of one group of paragraphs."""
    edits = normalize(text) if config.unicode else []
    current = apply_edits(text, edits) if edits else text
    if config.loops:  # a text that is mostly one long loop is cut down before segmentation
        runs = resolve(long_loops(current), config.threshold)[0]
        if runs:
            edits = compose(edits, runs, current)
            current = apply_edits(current, runs)
    current, edits, proposed = _rounds(current, edits, config)
    return current, edits, proposed


def repair(text: str, *, config: Config | None = None) -> Repair:
    """Repair ``text`` and report every edit.

    Args:
        text: Any string.
        config: How to repair; ``None`` for the conservative defaults.

    Returns:
        A :class:`~textrepair.result.Repair`: the repaired text and the edits (offsets into
        ``text``) that replay to it.

    Raises:
        TypeError: If ``text`` is not a ``str`` (bytes: decode first) or ``config`` is not a
            :class:`~textrepair.config.Config`.

    Example:
        >>> r = repair("Le\\nle mois dernier")
        >>> r.text
        'Le mois dernier'
        >>> [(e.kind, e.removed("Le\\nle mois dernier")) for e in r.edits]
        [('stutter', '\\nle')]
    """
    config = _check(text, config, "repair")
    result, edits, proposed = _run(text, config)
    if config.report_only:
        return Repair(text, (), tuple(edits))
    return Repair(result, tuple(edits), tuple(proposed))


def clean(text: str, *, config: Config | None = None) -> str:
    """Return ``text`` with its doubled pieces removed and its Unicode repaired.

    Args:
        text: Any string.
        config: How to repair; ``None`` for the conservative defaults.

    Returns:
        The repaired text.

    Raises:
        TypeError: If ``text`` is not a ``str`` (bytes: decode first) or ``config`` is not a
            :class:`~textrepair.config.Config`.

    Example:
        >>> clean("pourrait fournir une partie de ce capital ;\\nune partie de ce capital.")
        'pourrait fournir une partie de ce capital.'
    """
    config = _check(text, config, "clean")
    if config.report_only:
        return text
    return _run(text, config)[0]
