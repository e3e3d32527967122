"""Wires the stages: normalize -> segment -> detect -> resolve -> render.

:func:`clean` and :func:`repair` run this one code path. Every stage returns edits on the text
it was given; :func:`textrepair.render.compose` carries them back onto the input, so the
report replays exactly.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from dataclasses import dataclass, replace

import regex

from textrepair._patterns import BLANK_RUN
from textrepair.config import Config
from textrepair.detect import detect, long_loops
from textrepair.normalize import normalize
from textrepair.render import compose, held_back, lift, reflow
from textrepair.resolve import resolve
from textrepair.result import Edit, Repair, apply_edits
from textrepair.segment import (
    Words,
    distinct_stems,
    has_code_blocks,
    has_ideographs,
    lines,
    resegment,
    segment,
)

__all__ = ["clean", "repair"]

_DEFAULT = Config()
_START = operator.attrgetter("start")
_FIRST = operator.itemgetter(0)
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


#: A later round reads the whole text when the paragraphs it must look at make up more.
_WHOLE = 0.8


@dataclass(frozen=True, slots=True)
class _View:
    """Some paragraphs of a text, each with the blank lines around it, read as one text.

    No repair crosses two blank lines, so a later round reads only the paragraphs where the
    previous round changed something and the paragraphs around each (a copy may open a
    paragraph with the end of the one before; a repaired paragraph may say the one after
    again): each keeps the lines around it as they are in the text (blank). A text that may
    hold a code block is read whole (a line paragraphs before may make a paragraph code),
    the round takes only repairs near a change, and the wraps are found in the whole text
    (:func:`_reflow`).
    """

    pieces: list[tuple[int, int]]  # spans of the text, sorted and disjoint
    offsets: list[int]  # where each piece starts in ``text``
    text: str

    @classmethod
    def of(cls, text: str, pieces: list[tuple[int, int]]) -> _View:
        """The view of ``pieces`` of ``text``."""
        offsets = list(itertools.accumulate((end - start for start, end in pieces), initial=0))
        return cls(pieces, offsets[:-1], "".join(text[start:end] for start, end in pieces))

    def inside(self, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """``ranges`` of the whole text, clipped to the pieces, in this view's offsets."""
        moved: list[tuple[int, int]] = []
        for (start, end), offset in zip(self.pieces, self.offsets):
            for first, last in ranges:
                a, b = max(first, start), min(last, end)
                if a < b:
                    moved.append((a - start + offset, b - start + offset))
        return _merge(moved)

    def outside(self, edits: list[Edit]) -> list[Edit] | None:
        """``edits`` on this view, on the whole text; ``None`` if one spans two pieces."""
        moved: list[Edit] = []
        for edit in edits:
            k = bisect.bisect_right(self.offsets, edit.start) - 1
            start, end = self.pieces[k]
            if edit.end - self.offsets[k] > end - start:
                return None
            shift = start - self.offsets[k]
            moved.append(replace(edit, start=edit.start + shift, end=edit.end + shift))
        return moved


def _view(text: str, focus: list[tuple[int, int]]) -> _View | None:
    """The paragraphs that ``focus`` touches and those around; ``None``: all of ``text``."""
    blanks = [match.span() for match in BLANK_RUN.finditer(text)]
    if not blanks or has_ideographs(text) or has_code_blocks(text):
        # one paragraph; or words split differently where ideographs are; or a code block,
        # whose paragraphs only a line paragraphs before may tell code
        return None
    paragraph_starts = [0, *(end for _, end in blanks)]
    wanted: set[int] = set()
    for start, end in focus:
        first = bisect.bisect_right(paragraph_starts, start) - 1
        last = bisect.bisect_right(paragraph_starts, max(min(end, len(text)) - 1, start)) - 1
        # and the paragraphs around: a copy may open a paragraph with the end of the one
        # before, and a paragraph repaired may now say the one after again
        wanted.update(range(max(first - 1, 0), min(last + 2, len(paragraph_starts))))
    pieces = _merge(
        [
            (blanks[k - 1][0] if k else 0, blanks[k][1] if k < len(blanks) else len(text))
            for k in sorted(wanted)
        ]
    )
    if sum(end - start for start, end in pieces) > _WHOLE * len(text):
        return None
    return _View.of(text, pieces)


@dataclass(frozen=True, slots=True)
class _Known:
    """The words of a text a round read whole, and the edits made to that text since.

    The next round that reads its whole text splits again only around those edits
    (:func:`~textrepair.segment.resegment`).
    """

    words: Words
    #: each batch of edits, sorted, with the text after it
    since: tuple[tuple[list[Edit], str], ...] = ()

    def then(self, edits: list[Edit], text: str) -> _Known:
        """This, and ``edits`` made next, giving ``text``."""
        return _Known(self.words, (*self.since, (edits, text)))

    def now(self) -> Words:
        """The words of the text after every batch."""
        words = self.words
        for edits, text in self.since:
            words = resegment(words, [(e.start, e.end, e.replacement) for e in edits], text)
        return words


def _touches(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``-``end`` reaches into one of the sorted, disjoint ``ranges``."""
    k = bisect.bisect_right(ranges, end, key=_FIRST) - 1
    return k >= 0 and ranges[k][1] >= start


def _detect_round(
    current: str,
    config: Config,
    focus: list[tuple[int, int]] | None,
    known: _Known | None = None,
    *,
    whole: bool = False,
) -> tuple[list[Edit], list[Edit], _View | None, _Known | None]:
    """One round of detection: the chosen edits and those below the threshold, on ``current``.

    A later round (``focus`` given) reads only the paragraphs around the focus, unless
    ``whole``. ``known`` is what a round before read of all the text, if one did: it spares
    splitting all of it into words again. Returns the chosen edits, those below the
    threshold, the view read (``None``: all of ``current``), and the words of ``current`` if
    this round read all of it.
    """
    view = None if focus is None or whole else _view(current, focus)
    text = current if view is None else view.text
    # words that share no stem cannot be copies: only the character-level detectors run
    if distinct_stems(text):
        words = lines(text)
    elif view is None and known is not None:
        words = known.now()
    else:
        words = segment(text)
    seen = focus if view is None or focus is None else view.inside(focus)
    candidates = detect(words, config, seen)
    if seen is not None:
        # the rest of the text is as a round that read all of it judged it, with all of it
        # around: only a repair near a change, or keeping a copy near one, is new
        candidates = [
            c
            for c in candidates
            if _touches(seen, c.edit.start, c.edit.end)
            or (c.keep is not None and _touches(seen, *c.keep))
        ]
    chosen, below = resolve(candidates, config.threshold)
    if view is not None:
        back = view.outside(chosen)
        if back is None:  # an edit across two pieces: read the whole text
            return _detect_round(current, config, focus, known, whole=True)
        chosen = back
    return chosen, below, view, _Known(words) if view is None and words.starts else None


def _rounds(current: str, edits: list[Edit], config: Config) -> tuple[str, list[Edit], list[Edit]]:
    """Detect and remove repeats, and join wrapped lines, until a round changes nothing.

    Removing one copy can bring two others side by side, and joining two lines can put a
    copy inside one line: each round after the first looks again around what the previous
    round removed or joined (reading only those paragraphs). The lines are joined after the
    round that removed the copies, and one round looks again at both, except in a paragraph
    where a line repeats the end of the line before it (:func:`~textrepair.render.held_back`):
    that paragraph must settle first, so that the detectors judge the seam as a line break.
    """
    proposed: list[Edit] = []
    focus: list[tuple[int, int]] | None = None
    known: _Known | None = None
    joined = False  # whether the last round joined every wrap it found (none held back)
    for round_ in range(_ROUNDS + _REFLOWS):
        chosen, below, view, known = _detect_round(current, config, focus, known)
        if round_ == 0 and below:
            # proposals may overlap one another: each is carried back on its own
            proposed = (
                [e for one in below for e in lift(edits, [one], current)[0]] if edits else below
            )
        pieces = None if view is None else _through(view.pieces, chosen)
        focus = []
        if chosen:
            focus = _around(chosen)
            following = apply_edits(current, chosen)
            edits = compose(edits, chosen, current)
            current = following
            known = known.then(sorted(chosen, key=_START), current) if known else None
        # after a round that joined every wrap, one that removes nothing finds none to join
        if config.reflow and (chosen or not joined):
            wraps = _reflow(current, pieces, config)
            joined = True
            if chosen:  # a paragraph with a seam to judge before its lines are joined waits
                wraps, held = held_back(current, wraps)
                focus = _merge(focus, _around(held))
                joined = not held
            if wraps:
                focus = _merge(_through(focus, wraps), _around(wraps))
                following = apply_edits(current, wraps)
                edits = compose(edits, wraps, current)
                current = following
                known = known.then(sorted(wraps, key=_START), current) if known else None
        if not focus:
            break
    return current, edits, proposed


def _reflow(current: str, pieces: list[tuple[int, int]] | None, config: Config) -> list[Edit]:
    """The wraps of ``current``, or those in its ``pieces`` only.

    The wraps are found in all of ``current``: whether a paragraph's lines are code may be
    told paragraphs before it (``Example::``), and the words of all prove hyphens.
    """
    wraps = reflow(current, dehyphenate=config.dehyphenate)
    if pieces is None:
        return wraps
    return [wrap for wrap in wraps if _touches(pieces, wrap.start, wrap.end)]


#: Texts longer than this many characters are repaired a group of whole lines at a time
#: (see :func:`_groups`): the cost per character stays the same however long the text
#: (memory too).
_GROUP = 100_000


def _groups(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` of about ``_GROUP`` characters that meet inside a blank line.

    Each span but the last ends with the line break that ends its last paragraph and the next
    starts with the line break that opens the blank line, so that every line keeps the lines
    around it as they are in ``text``. Where no blank line comes within ``_GROUP`` characters,
    spans meet at the end of a line that ends a sentence before a line that opens one (no
    wrap is joined there, no seam is judged there), else at any line end: a long text without
    blank lines costs no more memory than one with them.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > _GROUP:
        end = start + _GROUP
        # a blank line after a sentence end (no copy crosses it), else any blank line
        cut = _last_break(_PARAGRAPH_BREAK, text, end)
        if cut < 0:
            cut = text.rfind("\n\n", start + 1, end)
        if cut < 0:
            cut = _last_break(_SENTENCE_BREAK, text, end)
        if cut < 0:
            cut = text.rfind("\n", end - _GROUP // 2, end)
        if cut < 0:
            cut = text.find("\n", end)  # one line longer than a group: cut where it ends
            if cut < 0:
                break
        spans.append((start, cut + 1))
        start = cut + 1
    spans.append((start, len(text)))
    return spans


#: A sentence end, then a blank line (group 0 ends with the first line break).
_PARAGRAPH_BREAK = regex.compile(r"(?<=[.!?\N{HORIZONTAL ELLIPSIS}][\"'»”)\]]*)[^\S\n]*\n(?=\n)")
#: A line break after a sentence end, before a line that opens a sentence (where reflow keeps
#: the break): a group of a text without blank lines ends there.
_SENTENCE_BREAK = regex.compile(r"(?<=[.!?][\"'»”)\]]*)[^\S\n]*\n(?=[^\S\n]*[\p{Lu}\p{N}])")


def _last_break(pattern: regex.Pattern[str], text: str, end: int) -> int:
    """The line break ending the last match of ``pattern`` in the half group before ``end``.

    -1 if ``pattern`` does not match there.
    """
    last = -1
    for match in pattern.finditer(text, end - _GROUP // 2, end):
        last = match.end() - 1
    return last


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
