"""Detect: one detector per artifact family, each proposing scored candidate edits.

Detectors read the words and seams from :mod:`textrepair.segment` and return
:class:`~textrepair.result.Edit` candidates on the (normalised) text; :mod:`textrepair.resolve`
chooses among them. A repeat counts as damage only when its *shape* says so: the earlier copy
ends where the later one starts, across a seam, and the stronger the seam (a separator
artifact, a line break, nothing at all) the less similarity it takes.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

from rapidfuzz.distance import LCSseq

from textrepair._langdata import LEGIT_DOUBLES
from textrepair._patterns import (
    CJK_RUN,
    CODE_LINE,
    LIST_ITEM,
    LONE_SEPARATOR_LINE,
    SENTENCE_END,
    TABLE_ROW,
)
from textrepair.config import Config
from textrepair.result import Edit
from textrepair.segment import Seam, Words, elision_equivalent

__all__ = ["detect", "loops", "overlaps", "stray_separators", "stutters"]

#: Characters that can make a seam stronger than a space (see :class:`Seam`).
_SEAM_MARK = re.compile("[\n;/|\N{HORIZONTAL ELLIPSIS}]|\\.\\.\\.|\\s[-\N{EN DASH}\N{EM DASH}]\\s")

_SEAM_NAMES = {
    Seam.SEPARATOR_LINE: "separator at a line break",
    Seam.SEPARATOR: "separator",
    Seam.LINE: "line break",
    Seam.INLINE: "seam inside a line",
    Seam.SENTENCE: "sentence end inside a line",
}


@dataclass(frozen=True, slots=True)
class _Gate:
    """The least evidence an overlap needs at one kind of seam."""

    matched: int  # aligned words in common
    content: int  # of which content words (4+ letters, or numbers)
    similarity: float  # 2 * matched / (len(left) + len(right))
    tail: int  # unmatched words allowed at the end of the earlier copy
    lead: int  # unmatched words allowed before the copies align
    novel: int  # content words of one copy that the other lacks (variants)


_GATES = {
    Seam.SEPARATOR_LINE: _Gate(3, 2, 0.6, 2, 2, 3),
    Seam.SEPARATOR: _Gate(4, 3, 0.8, 1, 1, 2),
    Seam.LINE: _Gate(3, 2, 0.75, 0, 1, 1),
    Seam.INLINE: _Gate(4, 3, 0.85, 0, 0, 0),
    Seam.SENTENCE: _Gate(6, 4, 0.9, 0, 0, 0),
}
#: Two words said again right after a spaced separator (``ce capital ;\nce capital``).
_SHORT_SEPARATOR = _Gate(2, 1, 1.0, 0, 0, 0)
#: Two words said again exactly across a line break (``dieses Setup\ndieses Setup``).
_SHORT_LINE = _Gate(2, 2, 1.0, 0, 0, 0)
#: Three words said again exactly, side by side inside a line (``we need to we need to``).
_INLINE_EXACT = _Gate(3, 1, 1.0, 0, 0, 0)
#: A sentence begun on its own line and begun again in full on the next.
_RESTART_LINE = _Gate(2, 1, 0.75, 0, 0, 1)
#: The same, where the restarted sentence is much longer: its last word may differ.
_RESTART_LINE_VARIANT = _Gate(2, 1, 0.6, 1, 0, 1)
#: A line break after a sentence end: the author may repeat a subject on purpose.
_LINE_AFTER_SENTENCE = _Gate(5, 3, 0.85, 0, 0, 0)
#: A clause restarted inside a line (``The plan requires The plan requires funds``).
_INLINE_RESTART = _Gate(3, 2, 0.85, 0, 0, 0)
#: Separator seams of a document whose other separator seams proved to be chunk seams.
_CONFIRMED_SEPARATOR = _Gate(4, 3, 0.45, 4, 3, 5)
_CONFIRMING = 2  # accepted overlaps at separator seams that confirm the separator


def _sentence_start(words: Words, j: int) -> bool:
    if j == 0:
        return True
    gap = words.gap(j)
    return "\n" in gap or bool(SENTENCE_END.search(gap.rstrip() + " ") and gap.strip())


@dataclass(slots=True)
class _Match:
    """One aligned pair of copies: left ``[j, i)`` and right ``[i, i + m)``."""

    j: int
    i: int
    m: int
    matched: int
    content: int
    similarity: float
    tail: int
    lead: int
    novel: int


def _align(words: Words, j: int, i: int) -> _Match | None:
    """Align the left copy ``[j, i)`` with the words after ``i``."""
    stems = words.stems
    k = i - j
    right_end = min(len(stems), i + k + 2 + k // 3)
    left, right = stems[j:i], stems[i:right_end]
    blocks = [b for b in LCSseq.editops(left, right).as_matching_blocks() if b.size]
    if not blocks:
        return None
    lead_left, lead_right = blocks[0].a, blocks[0].b
    last = blocks[-1]
    tail = k - (last.a + last.size)
    m = last.b + last.size
    paired = min(lead_left, lead_right)
    trim = lead_left - paired  # left words before the copy: not part of it
    matched = sum(b.size for b in blocks)
    flags = words.content
    content = sum(1 for b in blocks for t in range(b.a, b.a + b.size) if flags[j + t])
    content_right = sum(1 for b in blocks for t in range(b.b, b.b + b.size) if flags[i + t])
    novel_left = sum(flags[j + trim : i]) - content
    novel_right = sum(flags[i : i + m]) - content_right
    k -= trim
    return _Match(
        j=j + trim,
        i=i,
        m=m,
        matched=matched,
        content=content,
        similarity=2 * matched / (k + m),
        tail=tail,
        lead=max(lead_right - paired, 0) + paired,
        novel=max(novel_left, novel_right),
    )


def _passes(match: _Match, gate: _Gate) -> bool:
    return (
        match.matched >= gate.matched
        and match.content >= gate.content
        and match.similarity >= gate.similarity
        and match.tail <= gate.tail
        and match.lead <= gate.lead
        and match.novel <= gate.novel
    )


def _structured(text: str, start: int, end: int) -> bool:
    """Whether the lines from ``start`` to ``end`` hold list items, table rows or code."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    for line in text[first : len(text) if last < 0 else last].split("\n"):
        if LIST_ITEM.match(line) or CODE_LINE.search(line) or TABLE_ROW.search(line):
            return True
    return False


def _case_differs(words: Words, match: _Match) -> bool:
    """Whether two aligned words differ in case inside a sentence (``abcdef``/``ABCDEF``)."""
    text, starts, ends = words.text, words.starts, words.ends
    for x in range(1, min(match.i - match.j, match.m)):
        left, right = match.j + x, match.i + x
        if words.keys[left] != words.keys[right]:
            continue
        a, b = text[starts[left] : ends[left]], text[starts[right] : ends[right]]
        if a != b and (a.isupper() or b.isupper()) and len(a) > 1:
            return True
    return False


def _words_to_line_end(words: Words, i: int) -> int:
    """How many words from word ``i`` to the end of its line."""
    newline = words.text.find("\n", words.starts[i])
    if newline < 0:
        return len(words) - i
    return bisect.bisect_left(words.starts, newline) - i


def _gates_for(words: Words, match: _Match, seam: int) -> tuple[_Gate, ...]:
    """The gates that fit this shape (any one suffices); none where it is deliberate."""
    i, j, m = match.i, match.j, match.m
    if _structured(words.text, words.starts[j], words.ends[i + m - 1]):
        return ()  # lists, tables and code repeat their shape on purpose
    if seam <= Seam.INLINE and _case_differs(words, match):
        return ()
    gap = words.gap(i)
    if seam == Seam.LINE:
        if words.line_start(j) and words.line_end(i + m - 1):
            return ()  # a whole line said again: a refrain, a list, a lyric
        if SENTENCE_END.search(gap.split("\n", 1)[0] + " "):
            return (_LINE_AFTER_SENTENCE,)
        if _sentence_start(words, j) and not gap.split("\n", 1)[0].strip():
            # a sentence begun on its own line, abandoned, and begun again in full
            k, rest = i - j, _words_to_line_end(words, i)
            if rest >= 2 * k:
                return (_GATES[seam], _RESTART_LINE_VARIANT, _RESTART_LINE)
            if rest >= k + 3:
                return (_GATES[seam], _RESTART_LINE)
        return (_GATES[seam], _SHORT_LINE)
    if seam == Seam.INLINE:
        if _sentence_start(words, j) and words.text[words.starts[i]].isupper():
            return (_GATES[seam], _INLINE_RESTART)
        if gap.isspace():
            return (_GATES[seam], _INLINE_EXACT)
    if seam >= Seam.SEPARATOR and gap[:1].isspace():
        return (_GATES[seam], _SHORT_SEPARATOR)
    return (_GATES[seam],)


def _score(match: _Match, gate: _Gate, seam: int) -> float:
    room = max(1.0 - gate.similarity, 1e-9)
    value = 0.5 + 0.25 * (match.similarity - gate.similarity) / room
    value += 0.1 * min(match.content / 4, 1.0) + 0.05 * seam
    return round(min(value, 1.0), 3)


def _edit(words: Words, match: _Match, gate: _Gate, seam: int) -> Edit:
    i, j, m = match.i, match.j, match.m
    k = i - j
    restart = (
        seam in (Seam.LINE, Seam.INLINE)
        and _sentence_start(words, j)
        and m >= k
        and not SENTENCE_END.search(words.gap(i).split("\n", 1)[0] + " ")
    )
    kind = "restart" if restart else "overlap"
    if match.tail == 0 and k > m:
        start, end, kept = words.ends[i - 1], words.ends[i + m - 1], "earlier, complete"
    else:
        start, end, kept = words.starts[j], words.starts[i], "later"
    reason = (
        f"{match.matched} of {k} words said again after a {_SEAM_NAMES[seam]} "
        f"(similarity {match.similarity:.2f}); kept the {kept} copy"
    )
    return Edit(start, end, "", kind, _score(match, gate, seam), reason)


def _marked_seams(words: Words) -> dict[int, int]:
    """The seams stronger than a plain space, by the index of the word after them."""
    marked: dict[int, int] = {}
    starts = words.starts
    for mark in _SEAM_MARK.finditer(words.text):
        i = bisect.bisect_left(starts, mark.start())
        if 0 < i < len(starts) and i not in marked:
            marked[i] = words.seam(i)
    return marked


_REFRAIN_LINES = 8  # a line equal to one of the previous eight lines is a refrain


def _remember(seen: dict[tuple[str, str], list[int]], bigram: tuple[str, str], i: int) -> None:
    """Record where a bigram was seen (its few latest places)."""
    positions = seen.get(bigram)
    if positions is None:
        seen[bigram] = [i]
    else:
        positions.append(i)
        if len(positions) > 8:
            del positions[:4]


def _refrains(words: Words) -> set[int]:
    """Words that start a line equal (in keys) to one of the lines just before it.

    Lyrics, litanies and lists say whole lines again on purpose; a line break before such
    a line is no chunk seam.
    """
    text, starts, keys = words.text, words.starts, words.keys
    found: set[int] = set()
    recent: dict[tuple[str, ...], int] = {}
    line_no = 0
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if not line.strip():
            recent.clear()
        else:
            first = bisect.bisect_left(starts, position)
            last = bisect.bisect_left(starts, end)
            if first < last:
                key = tuple(keys[first:last])
                seen_at = recent.get(key)
                if seen_at is not None and line_no - seen_at <= _REFRAIN_LINES:
                    found.add(first)
                recent[key] = line_no
        line_no += 1
        position = end + 1
    return found


def overlaps(words: Words, config: Config) -> list[Edit]:
    """Find passages re-emitted right after themselves across a seam (and restarts).

    Candidates come from stem bigrams seen within ``config.window`` words before each word;
    each is verified by an alignment (rapidfuzz LCS on stems, so insertions, deletions and
    substitutions are tolerated) and judged by the gate of its seam.

    Args:
        words: The segmented text.
        config: The configuration (``window``, ``max_copy_words``).

    Returns:
        Candidate edits of kind ``"overlap"`` and ``"restart"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "il peut fournir une partie de ce capital ;\\nune partie de ce capital."
        >>> [e.removed(text) for e in overlaps(segment(text), Config())]
        ['une partie de ce capital ;\\n']
    """
    stems, content = words.stems, words.content
    n = len(stems)
    bigrams = list(zip(stems, stems[1:]))
    seen: dict[tuple[str, str], list[int]] = {}
    edits: list[Edit] = []
    waiting: list[tuple[_Match, int]] = []  # near misses at separator seams
    confirmed = 0
    done: set[tuple[int, int]] = set()
    marked = _marked_seams(words)
    for i in _refrains(words):
        if marked.get(i) == Seam.LINE:
            del marked[i]
            marked[i] = -1  # never a seam
    for i, bigram in enumerate(bigrams):
        seam = marked.get(i, Seam.INLINE)
        if seam < 0:
            _remember(seen, bigram, i)
            continue
        strong = seam >= Seam.SEPARATOR
        if i >= 2 and (strong or bigram in seen):
            best: tuple[float, _Match, _Gate] | None = None
            near: _Match | None = None
            for p in range(min(4 if strong else 1, n - 1 - i)):
                anchor = bigrams[i + p]
                if not (strong or content[i + p] or content[i + p + 1]):
                    continue
                for q in reversed(seen.get(anchor, ())[-3:]):
                    j = q - p
                    if q > i - 2 - p or j < 0 or j < i - config.window:
                        continue
                    if i - j > config.max_copy_words or (j, i) in done:
                        continue
                    done.add((j, i))
                    if "\n\n" in words.text[words.starts[j] : words.starts[i]].rstrip():
                        continue
                    match = _align(words, j, i)
                    if match is None:
                        continue
                    if seam == Seam.INLINE:
                        seam = words.seam(i)  # inline or a sentence end
                    gates = _gates_for(words, match, seam)
                    gate = next((g for g in gates if _passes(match, g)), None)
                    if gate is not None:
                        score = _score(match, gate, seam)
                        if best is None or score > best[0]:
                            best = (score, match, gate)
                    elif seam == Seam.SEPARATOR_LINE and (
                        near is None or match.matched > near.matched
                    ):
                        near = match
            if best is not None:
                edits.append(_edit(words, best[1], best[2], seam))
                confirmed += seam == Seam.SEPARATOR_LINE
            elif near is not None:
                waiting.append((near, seam))
        _remember(seen, bigram, i)
    if confirmed >= _CONFIRMING:
        for match, seam in waiting:
            if _passes(match, _CONFIRMED_SEPARATOR):
                edits.append(_edit(words, match, _CONFIRMED_SEPARATOR, seam))
    return edits


def stutters(words: Words) -> list[Edit]:
    """Find a word doubled across a line wrap (``Le\\nle mois``, ``de\\nd’expansion``).

    The first copy is kept (its case is usually right); where one copy is elided
    (``d’``), the elided one is kept. Words that are doubled on purpose (``nous nous``) and
    numbers are left alone unless a separator artifact marks the seam.

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"stutter"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "adaptées à ses\\nses propres besoins"
        >>> [e.removed(text) for e in stutters(segment(text))]
        ['\\nses']
    """
    text, keys, starts, ends = words.text, words.keys, words.starts, words.ends
    edits: list[Edit] = []
    for newline in (m.start() for m in re.finditer("\n", text)):
        i = bisect.bisect_left(starts, newline)  # the first word after the line break
        if i == 0 or i >= len(keys):
            continue
        gap = words.gap(i)
        if gap.count("\n") != 1 or text.find("\n", newline + 1, starts[i]) != -1:
            continue
        first, second = keys[i - 1], keys[i]
        elided = elision_equivalent(first, second)
        if not (first == second or elided) or first[0].isdigit():
            continue
        marks = gap.strip()
        if marks and not (len(marks) == 1 and marks in ";/\N{HORIZONTAL ELLIPSIS}"):
            continue  # punctuation at the wrap: "Paris.\nParis", "oui,\noui"
        recapitalised = text[starts[i - 1]].islower() and text[starts[i]].isupper()
        if first in LEGIT_DOUBLES and not marks and not recapitalised:
            continue
        if _structured(text, starts[i - 1], ends[i]):
            continue  # "$ type ls\nls is hashed"
        if elided and first.endswith("'") is False:
            start, end = starts[i - 1], starts[i]  # keep the elided second copy
        else:
            start, end = ends[i - 1], ends[i]
        reason = f"“{text[starts[i - 1] : ends[i - 1]]}” doubled across a line wrap"
        edits.append(Edit(start, end, "", "stutter", 0.9, reason))
    return edits


def _line_around(text: str, start: int, end: int) -> str:
    """The line that holds ``text[start:end]``."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : len(text) if last < 0 else last]


def stray_separators(text: str) -> list[Edit]:
    """Find lines holding only a stray separator mark.

    Between two halves of a sentence the mark and its line breaks give way to one space;
    a ``;``, ``/`` or ``|`` line between two sentences, or at the start or end of the text, is
    removed with its line break. An ellipsis or a dash alone after a finished sentence, or
    between blank lines, may be a deliberate break and stays.

    Args:
        text: The normalised text.

    Returns:
        Candidate edits of kind ``"separator"``.

    Example:
        >>> text = "de Nvidia\\n;\\nen suivant"
        >>> [(e.removed(text), e.replacement) for e in stray_separators(text)]
        [('\\n;\\n', ' ')]
    """
    edits: list[Edit] = []
    for match in LONE_SEPARATOR_LINE.finditer(text):
        start, end = match.span()
        mark = match.group().strip()
        previous = _line_around(text, start - 1, start - 1) if start else None
        following = _line_around(text, end + 1, end + 1) if end < len(text) else None
        if previous is None and following is None:
            continue  # the whole text is one mark
        if previous is not None and following is not None:
            if not previous.strip() or not following.strip():
                continue  # between blank lines: a section break
            if _structured(previous, 0, 0) or _structured(following, 0, 0):
                continue
            if not SENTENCE_END.search(previous):
                left = start - 1 - (len(previous) - len(previous.rstrip()))
                right = end + 1 + (len(following) - len(following.lstrip()))
                glue = "" if CJK_RUN.match(text[left - 1]) and CJK_RUN.match(text[right]) else " "
                reason = f"stray “{mark}” line inside a sentence"
                edits.append(Edit(left, right, glue, "separator", 0.9, reason))
                continue
        if mark not in ";/|":
            continue
        if following is None:
            if previous is not None and previous.strip():
                edits.append(Edit(start - 1, end, "", "separator", 0.9, f"stray “{mark}” line"))
            continue
        if following.strip():
            edits.append(Edit(start, end + 1, "", "separator", 0.9, f"stray “{mark}” line"))
    return edits


_MAX_PERIOD = 8


def loops(words: Words) -> list[Edit]:
    """Find a word or phrase repeated many times in a row; keep the first copy.

    A phrase of two or more words must come three times; a single word five times (ten
    for words that are doubled on purpose). Short phrases separated by punctuation (chants:
    ``let it be, let it be``) and copies on separate lines (lyrics) ask for six copies.

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"loop"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "au centre de la de la de la de la ville"
        >>> [e.removed(text) for e in loops(segment(text))]
        [' de la de la de la']
    """
    keys, text, starts, ends = words.keys, words.text, words.starts, words.ends
    edits: list[Edit] = []
    for p in range(1, _MAX_PERIOD + 1):
        if len(keys) < 3 * p:
            break
        equal = bytes(map(operator.eq, keys, keys[p:]))
        shortest = p * (2 if p > 1 else 4)
        for run in re.finditer(rb"\x01{%d,}" % shortest, equal):
            t, length = run.start(), run.end() - run.start()
            copies = (length + p) // p
            unit = keys[t : t + p]
            if p > 1 and any(p % q == 0 and unit == unit[q:] + unit[:q] for q in range(1, p)):
                continue  # the unit repeats itself: a shorter period covers it
            span = text[starts[t] : ends[t + copies * p - 1]]
            if "\n\n" in span:
                continue
            gaps = [words.gap(x) for x in range(t + p, t + copies * p, p)]
            need = 3 if p > 1 else (10 if keys[t] in LEGIT_DOUBLES else 5)
            if p <= 3 and any(not gap.isspace() for gap in gaps):
                need = max(need, 6)  # a chant: "let it be, let it be, let it be"
            if "\n" in span and not all(SENTENCE_END.search(gap) for gap in gaps):
                need = max(need, 6)  # lyrics: "la la la\nla la la"
            if copies < need:
                continue
            start, end = ends[t + p - 1], ends[t + copies * p - 1]
            score = min(0.85 + 0.05 * (copies - need), 1.0)
            phrase = text[starts[t] : ends[t + p - 1]]
            reason = f"“{phrase}” repeated {copies} times in a row; kept one"
            edits.append(Edit(start, end, "", "loop", round(score, 3), reason))
    return edits


def detect(words: Words, config: Config) -> list[Edit]:
    """Run every enabled detector.

    Args:
        words: The segmented, normalised text.
        config: Which families to look for, and how far.

    Returns:
        Candidate edits, possibly overlapping; :func:`textrepair.resolve.resolve` picks.

    Example:
        >>> from textrepair.segment import segment
        >>> [e.kind for e in detect(segment("Le\\nle mois dernier"), Config())]
        ['stutter']
    """
    candidates: list[Edit] = []
    if config.separators:
        candidates += stray_separators(words.text)
    if config.stutters:
        candidates += stutters(words)
    if config.overlaps or config.restarts:
        wanted = (
            {"overlap"} if not config.restarts else {"restart"} if not config.overlaps else None
        )
        candidates += [e for e in overlaps(words, config) if wanted is None or e.kind in wanted]
    if config.loops:
        candidates += loops(words)
    return candidates
