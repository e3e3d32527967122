"""Detect: one detector per artifact family, each proposing scored candidate edits.

Detectors read the words and seams from :mod:`textrepair.segment` and return
:class:`~textrepair.result.Edit` candidates on the (normalised) text; :mod:`textrepair.resolve`
chooses among them. A repeat counts as damage only when its *shape* says so: the earlier copy
ends where the later one starts, across a seam, and the stronger the seam (a separator
artifact, a line break, nothing at all) the less similarity it takes.
"""

from __future__ import annotations

import bisect
import collections
import functools
import itertools
import operator
import re
import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Final

import regex
from rapidfuzz.distance import LCSseq, MatchingBlock

from textrepair._langdata import (
    CHANTS,
    CONNECTORS,
    COORDINATORS,
    FUNCTION_WORDS,
    LEGIT_DOUBLES,
    NEGATIONS,
    RELATIVES,
    SELF_COORDINATED,
    SYLLABLES,
)
from textrepair._patterns import (
    BLANK_RUN,
    CJK_RUN,
    CODE_WORDS,
    DASHES,
    IDEOGRAPHIC,
    LONE_SEPARATOR_LINE,
    SENTENCE_END,
    TOKEN_LOOP,
    WORD,
)
from textrepair.config import Config
from textrepair.resolve import Candidate
from textrepair.result import Edit
from textrepair.segment import (
    Seam,
    Words,
    elision_equivalent,
    has_code_blocks,
    lines,
    seam_of,
    structured_line,
)

__all__ = [
    "coordinated",
    "detect",
    "long_loops",
    "loops",
    "overlaps",
    "repeated_paragraphs",
    "stray_separators",
    "stutters",
    "token_loops",
]

#: Characters that can make a seam stronger than a space (see :class:`Seam`).
_SEAM_MARK: Final = (  # scans that skip ahead: one mark, three dots, a dash between spaces
    re.compile("[\n;/|\N{HORIZONTAL ELLIPSIS}]"),
    re.compile(r"\.\.\."),
    re.compile("[-\N{EN DASH}\N{EM DASH}](?<=\\s.)(?=\\s)"),
    re.compile(r"--(?<=\s--)(?=\s)"),
)

#: Words before "X and X" that make it an idiom of range: "de temps en temps".
_FROM_TO: Final = frozenset({"de", "d'", "da", "di", "van", "von"})

#: Endings of the words that writers coordinate with themselves to stress how long or how
#: much (plurals and verbs: "years and years", "hours and hours", "it hides and hides",
#: "waited and waited", "años y años"); an oscillating model repeats nouns and adjectives.
_INTENSIFIED: Final = ("s", "ed")

#: Punctuation that stays with the word before it when the copy after it goes.
_CLAUSE_PUNCTUATION: Final = ",:;.!?\"'»”’)]"

#: Marks that end a clause when glued to the word before them.
_CLAUSE_MARKS: Final = frozenset(",;:.!?")

#: A blank line (spaces allowed): the end of a paragraph, a heading or a list item.
_BLANK_LINE: Final = re.compile(r"\n[^\S\n]*\n")

#: Opening quotes, brackets and Spanish marks at the end of a gap: ``. ¡El``, ``. «Le``.
_OPENING_MARKS: Final = regex.compile(r"[\p{Ps}\p{Pi}¡¿\"'\s]+$")

#: A gap of spaces and quotation marks only (`` « ``, ``" "``); not brackets, which gloss.
_QUOTES_ONLY: Final = regex.compile(r"[\s\p{Pi}\p{Pf}\"'«»]+")

#: A line that trails off as a chunk's does, not as verse does: as wide as this at least.
_TRAILING_LINE: Final = 50
#: An ellipsis that ends a line, the next line going on (``access remote…\nAccess remote``).
_ELLIPSIS_AT_LINE_END: Final = r"(?:\N{HORIZONTAL ELLIPSIS}|\.\.\.)[^\S\n]*\n[^\S\n]*"
_TRAILING_OFF: Final = re.compile(_ELLIPSIS_AT_LINE_END)

#: A full stop and one space inside a line before a lower-case letter: no sentence starts so,
#: so it ends a caption line ("!", "?", "…" or two spaces after a full stop are a writer's).
_FALSE_PERIOD: Final = regex.compile(r"(?<=\w)\.[ ](?=\p{Ll})")
#: The gap after a word that ends a clause or a line (``generations. generations.``).
_CLAUSE_END_GAP: Final = re.compile(r"[^\S\n]*(?:[.,;:!?\N{HORIZONTAL ELLIPSIS}]|\n)")


#: A token long enough to hold four copies of a three-letter piece (group 1), tried only
#: where a run of word characters and hyphens starts, so that the search stays linear.
_LOOP_SIZED: Final = 12
_LOOP_SIZED_TOKEN: Final = re.compile(rf"(?<![\w-])-*(\w[\w-]{{{_LOOP_SIZED - 1},}})")

#: Marks that close a quotation.
_CLOSING_QUOTES: Final = frozenset("\"'»”’")

#: Sentence-ending marks.
_SENTENCE_MARKS: Final = regex.compile(r"[.!?\N{HORIZONTAL ELLIPSIS}]")

#: A sentence end followed by a space (inside a copy, or at its end).
_INNER_SENTENCE_END: Final = re.compile(r"[.!?\N{HORIZONTAL ELLIPSIS}][\"'»”)\]]*\s")

_SEAM_NAMES: Final = {
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


_GATES: Final = {
    Seam.SEPARATOR_LINE: _Gate(3, 2, 0.6, 2, 2, 3),
    Seam.SEPARATOR: _Gate(4, 3, 0.8, 1, 1, 2),
    Seam.LINE: _Gate(3, 2, 0.75, 0, 1, 1),
    Seam.INLINE: _Gate(4, 3, 0.85, 0, 0, 0),
    Seam.SENTENCE: _Gate(6, 4, 0.9, 0, 0, 0),
}
#: Two words said again right after a spaced separator (``ce capital ;\nce capital``).
_SHORT_SEPARATOR: Final = _Gate(2, 1, 1.0, 0, 0, 0)
#: Three words said again exactly after a separator (``cuisine, le… cuisine, le``).
_EXACT_SEPARATOR: Final = _Gate(3, 1, 1.0, 0, 0, 0)
#: Three words said again exactly across a line break inside a sentence.
_EXACT_LINE: Final = _Gate(3, 1, 1.0, 0, 0, 0)
#: Two content words said twice side by side inside a line ("a spade a spade" stays).
_INLINE_PAIR: Final = _Gate(2, 1, 1.0, 0, 0, 0)
#: A sentence said again word for word right after itself (five words or more).
_SENTENCE_EXACT: Final = _Gate(5, 3, 1.0, 0, 0, 0)
#: The same in Chinese or Japanese: sixteen characters ("ありがとうございます。" twice stays).
_SENTENCE_EXACT_CJK: Final = _Gate(8, 5, 1.0, 0, 0, 0)
#: Two words said again exactly across a line break (``dieses Setup\ndieses Setup``).
_SHORT_LINE: Final = _Gate(2, 2, 1.0, 0, 0, 0)
#: Two words said again exactly across a line break, the line ending on an article, a
#: preposition or a conjunction (``driven by\ndriven by``).
_SHORT_LINE_OPEN: Final = _Gate(2, 1, 1.0, 0, 0, 0)
#: Three words said again exactly, side by side inside a line (``we need to we need to``).
_INLINE_EXACT: Final = _Gate(3, 1, 1.0, 0, 0, 0)
#: A line of wrapped prose said again whole right after itself (:func:`_duplicate_line`
#: asks for five words, or a line before it that breaks off inside a sentence).
_LINE_TWICE: Final = _Gate(2, 1, 1.0, 0, 0, 0)
#: A sentence begun on its own line and begun again in full on the next.
_RESTART_LINE: Final = _Gate(2, 1, 0.75, 0, 0, 1)
#: The same inside a paragraph (no heading there), for any words (``Le mer\nLe mer fromage``).
_RESTART_INSIDE: Final = _Gate(2, 0, 1.0, 0, 0, 0)
#: The same, where the restarted sentence is much longer: its last word may differ.
_RESTART_LINE_VARIANT: Final = _Gate(2, 1, 0.6, 1, 0, 1)
_CUT: Final = 10_000  # the ``tail`` of the gates below: the later copy stops short
#: A passage of three words or more said twice around a connector (checked on its prefix).
_CONJOINED: Final = _Gate(3, 2, 1.0, _CUT, 0, 0)
#: A later copy that stops short, after a separator.
_CUT_AFTER_SEPARATOR: Final = _Gate(2, 1, 0.8, _CUT, 0, 1)
#: A later copy that stops short inside a sentence, across a line break or inside a line.
_CUT_AFTER_BREAK: Final = _Gate(3, 2, 0.95, _CUT, 0, 0)
#: The same, ending on the cut-off start of the earlier copy's next word (``... aus z``).
_CUT_PARTIAL: Final = _Gate(2, 1, 0.9, _CUT, 0, 0)
#: A later copy after a separator mark inside a line, said again word for word, that stops
#: short at its line's end (``Satz von … Debian-System stellt einen\nBinärpaketen``).
_CUT_SEPARATOR_LINE_END: Final = _Gate(2, 1, 1.0, _CUT, 0, 0)
#: A later copy after a separator, of one word or more, that breaks off inside the next word
#: at its line's end: no writer leaves a word so.
_CUT_PARTIAL_SEPARATOR: Final = _Gate(1, 0, 1.0, _CUT, 0, 0)
#: A later copy after a line break that stops short and goes on with other words in its
#: line: a long one only (a line that opens with a few words of the line before is prose).
_CUT_MIDLINE: Final = _Gate(6, 3, 0.95, _CUT, 0, 0)
#: The same, said again word for word but for the earlier copy's last word.
_CUT_MIDLINE_NEAR: Final = _Gate(4, 2, 1.0, _CUT, 0, 0)
#: A long later copy after a separator mark that stops short, word for word the start of the
#: earlier one: its chunk may end past a sentence end, and no elaboration after a mark inside
#: a line says seven words again.
_CUT_LONG: Final = _Gate(7, 4, 1.0, _CUT, 0, 0)
#: A line break after a sentence end: the author may repeat a subject on purpose.
_LINE_AFTER_SENTENCE: Final = _Gate(5, 3, 0.85, 0, 0, 0)
#: A clause restarted inside a line (``The plan requires The plan requires funds``).
_INLINE_RESTART: Final = _Gate(3, 2, 0.85, 0, 0, 0)
_LONG_VARIANT: Final = 8  # aligned words of a variant that spans a sentence end inside a line
#: A long passage said again right after itself, nothing between, with one word of it
#: changed (``de mettre ens œuvre nombreux systèmes … de mettre en œuvre``).
_INLINE_VARIANT: Final = _Gate(6, 4, 0.85, 0, 0, 1)
#: The same, the earlier copy ending on a content word the later lacks (``isto é, muita
#: GNU/Linux … isto é, um``), the later going on in its line with the word that one stood
#: for; parallel clauses meet at a connector (``fail, and``), and the lines of a listing end
#: where their copies do (``libfoo is needed by bar-1.0\n  foo is needed by bar-1.0``).
_INLINE_VARIANT_END: Final = _Gate(6, 4, 0.85, 1, 0, 1)
#: Separator seams of a document whose other separator seams proved to be chunk seams.
_CONFIRMED_SEPARATOR: Final = _Gate(4, 3, 0.45, 4, 3, 5)
#: A paragraph broken mid-sentence whose next paragraph opens by saying its end again: chunks
#: joined with a blank line. Four words at least: a short phrase said again after a blank
#: line is a stanza's or a heading's.
_PARAGRAPH: Final = _Gate(4, 2, 0.8, 0, 1, 1)
#: The same, the paragraph breaking off on an article, a preposition or a conjunction (no
#: paragraph ends so): three words said again word for word are enough.
_PARAGRAPH_OPEN: Final = _Gate(3, 1, 1.0, 0, 0, 0)
_CONFIRMING: Final = 2  # accepted overlaps at separator seams that confirm the separator
#: A later copy after a line break that starts with words of its own: as alike as inside a line.
_LEAD_SIMILARITY: Final = 0.85
#: The least similarity any gate for a copy that stops short accepts.
_CUT_SIMILARITY: Final = min(_CUT_AFTER_SEPARATOR.similarity, _CUT_AFTER_BREAK.similarity)


def _sentence_start(words: Words, j: int) -> bool:
    """Whether word ``j`` starts a line or a sentence (opening marks may stand before it)."""
    if j == 0:
        return True
    gap = words.gap(j)
    if "\n" in gap:
        return True
    before = _OPENING_MARKS.sub("", gap)
    return bool(before.strip() and SENTENCE_END.search(before.rstrip() + " "))


@dataclass(slots=True)
class _Match:
    """One aligned pair of copies: left ``[j, i)`` and right ``[i, i + m)``."""

    j: int
    i: int
    m: int
    matched: float  # aligned words (a Chinese or Japanese character weighs half a word)
    content: float  # of which content words
    similarity: float  # 2 * matched / (left + right)
    tail: int  # unmatched words at the end of the left copy
    lead: int  # unmatched words before the copies align
    novel: float  # content words of one copy missing from the other
    novel_right: float  # content words of the right copy missing from the left
    prefix_similarity: float  # the right copy against the left copy less its tail
    partial: bool  # the word after the right copy is a cut-off start of the left's next word
    right_matched: frozenset[int] = frozenset()  # the aligned words of the right copy
    pairs: tuple[tuple[int, int], ...] = ()  # the aligned words, left and right, in order


_MAX_SCORE: Final = 0.99  # a repeat is never certain damage: min_score=1 applies no removal
_COORDINATED_SCORE: Final = 0.7  # "enjoyable and enjoyable": one word, but never written on purpose
_TOKEN_LOOP_COPIES: Final = 4
_TOKEN_LOOP_SCORE: Final = 0.9  # a piece three times inside one word: never written so on purpose
_SEPARATOR_SCORE: Final = 0.7  # a stray mark alone: below any overlap that removes it with a copy
_STUTTER_SCORE: Final = 0.65  # one word doubled: below any overlap that removes it with more words
_SURE: Final = 0.8  # a score past which no other alignment for the same seam is tried
_SLACK: Final = 2  # words before the anchor that may still belong to the left copy
_FREQUENT: Final = 6  # earlier places of an anchor within the window past which only one is tried


def _soft_equal(a: str, b: str) -> bool:
    """Whether two keys are inflected forms of one word (``nécessaire``/``nécessaires``)."""
    if abs(len(a) - len(b)) > 2 or len(a) < 3 or len(b) < 3:
        return False
    if not (a.isalpha() and b.isalpha()):
        return False  # magic1 and magic2 are two things
    need = max(3, min(len(a), len(b)) - 1)
    return len(a) >= need and len(b) >= need and a[:need] == b[:need]


def _cut_short(piece: str, word: str) -> bool:
    """Whether ``piece`` is the cut-off start of ``word`` (``fabri``/``fabriques``)."""
    return len(piece) < len(word) and piece.isalpha() and word.startswith(piece)


def _cut_inside(piece: str, word: str) -> bool:
    """Whether ``piece`` starts ``word`` and stops before one of its letters."""
    return len(piece) < len(word) and word.startswith(piece) and word[len(piece)].isalpha()


def _cut_off(words: Words, x: int, y: int) -> bool:
    """Whether word ``x`` is word ``y`` cut off inside its letters, as written.

    ``earn`` of ``earnings``; not ``V`` of ``vous`` (a cut keeps the case of what it cuts),
    nor ``trace`` of ``trace_vdelete`` (a name of its own before the underscore).
    """
    piece = words.text[words.starts[x] : words.ends[x]]
    return piece.isalpha() and _cut_inside(piece, words.text[words.starts[y] : words.ends[y]])


def _cut_start(keys: Sequence[str], x: int, y: int) -> bool:
    """Whether word ``y`` (if any) is a cut-off start of word ``x`` (``sp`` of ``speed``).

    A word of its own (``a`` before ``any``) is no cut-off start, nor is a number that starts
    another (``2`` of ``20``): a cut falls inside letters.
    """
    return y < len(keys) and _cut_inside(keys[y], keys[x]) and keys[y] not in FUNCTION_WORDS


def _blocks(words: Words, start: int, i: int) -> list[Any]:
    """The aligned runs of ``stems[start:i]`` and the words after ``i`` (rapidfuzz LCS)."""
    stems = words.stems
    k = i - start
    left = stems[start:i]
    right = stems[i : min(len(stems), i + k + 2 + k // 3)]
    blocks = [b for b in LCSseq.editops(left, right).as_matching_blocks() if b.size]
    if len(blocks) > 1:
        # of two places for the last run, the nearer: "… à information ;\n… à information
        # afin de voir les informations" ends the later copy at its first "information"
        before, last = blocks[-2], blocks[-1]
        b = before.b + before.size + last.a - before.a - before.size  # as far as on the left
        if b < last.b and right[b : b + last.size] == left[last.a : last.a + last.size]:
            blocks[-1] = MatchingBlock(last.a, b, last.size)
        before, last = blocks[-2], blocks[-1]
        if last.size == 1 and last.a < k - 1:
            # of two single words after the last run, the copy's last word: ``(FAI), avoir
            # devrez\n(FAI), vous devrez avoir`` ends the copies on "devrez", not "avoir"
            b = before.b + k - 1 - before.a  # one word for each word between, as on the left
            if b < last.b and right[b] == left[k - 1]:
                blocks[-1] = MatchingBlock(k - 1, b, 1)
    # a lone function word matched far after the copy ("la", "de") is chance
    while len(blocks) > 1 and blocks[-1].size == 1 and not words.content[start + blocks[-1].a]:
        before, last = blocks[-2], blocks[-1]
        if max(last.a - before.a - before.size, last.b - before.b - before.size) < 3:
            break  # two words swapped for two others: a variant
        blocks.pop()
    return blocks


def _ideographic_weights(words: Words, start: int, end: int) -> list[float]:
    """Each token's weight from ``start`` to ``end``: half for a Chinese or Japanese character."""
    return [
        0.5 if len(key) == 1 and IDEOGRAPHIC.match(key) else 1.0 for key in words.keys[start:end]
    ]


def _align(words: Words, j: int, i: int) -> _Match | None:
    """Align the left copy ``[j, i)`` (widened by a little slack) with the words after ``i``."""
    stems, keys, flags = words.stems, words.keys, words.content
    start = j
    blocks = _blocks(words, start, i)
    if blocks and blocks[0].b > 0 and blocks[0].b >= blocks[0].a:
        # the later copy starts with words the earlier lacks (or with others in their place):
        # the earlier may start sooner, in the same line and sentence
        wider = max(j - _SLACK, 0)
        between = words.text[words.starts[wider] : words.starts[j]]
        if wider < j and "\n" not in between and not _INNER_SENTENCE_END.search(between):
            more = _blocks(words, wider, i)
            if sum(b.size for b in more) > sum(b.size for b in blocks):
                start, blocks = wider, more
    if not blocks:
        return None
    k = i - start
    right_end = min(len(stems), i + k + 2 + k // 3)
    pairs = [(start + b.a + t, i + b.b + t) for b in blocks for t in range(b.size)]
    lead_left, lead_right = blocks[0].a, blocks[0].b
    paired = min(lead_left, lead_right)
    trim = lead_left - paired  # left words before the copy: not part of it
    # inflected variants in the gaps between aligned runs, where both gaps are as long
    for before, after in zip(blocks, blocks[1:]):
        gap_left = after.a - before.a - before.size
        if gap_left == after.b - before.b - before.size:
            for t in range(gap_left):
                x, y = start + before.a + before.size + t, i + before.b + before.size + t
                if _soft_equal(keys[x], keys[y]):
                    pairs.append((x, y))
    for t in range(paired):
        x, y = start + trim + t, i + lead_right - paired + t
        if _soft_equal(keys[x], keys[y]):
            pairs.append((x, y))
    last = blocks[-1]
    left_end, m = start + last.a + last.size, last.b + last.size
    while left_end < i and i + m < right_end and _soft_equal(keys[left_end], keys[i + m]):
        pairs.append((left_end, i + m))
        left_end += 1
        m += 1
    if left_end == i - 1 and i + m < right_end and _cut_short(keys[left_end], keys[i + m]):
        # the earlier copy ends on the cut-off start of the later copy's word (``los p-``)
        pairs.append((left_end, i + m))
        left_end += 1
        m += 1
    tail = i - left_end
    matched = float(len(pairs))
    content = float(sum(1 for x, _ in pairs if flags[x]))
    content_right = float(sum(1 for _, y in pairs if flags[y]))
    novel_left: float = sum(flags[start + trim : i]) - content
    novel_right: float = sum(flags[i : i + m]) - content_right
    if words.ideographic:  # two Chinese or Japanese characters weigh one word
        weight = _ideographic_weights(words, start, i + m)
        matched = sum(weight[x - start] for x, _ in pairs)
    k -= trim
    size_left: float = k
    size_right: float = m
    size_tail: float = tail
    if words.ideographic:
        size_left = sum(weight[trim : i - start])
        size_right = sum(weight[i - start : i - start + m])
        size_tail = sum(weight[left_end - start : i - start])
    partial = bool(tail) and _cut_start(keys, left_end, i + m)
    return _Match(
        j=start + trim,
        i=i,
        m=m,
        matched=matched,
        content=content,
        similarity=2 * matched / (size_left + size_right),
        tail=tail,
        lead=max(lead_right - paired, 0) + paired,
        novel=max(novel_left, novel_right),
        novel_right=novel_right,
        prefix_similarity=2 * matched / (size_left - size_tail + size_right),
        partial=partial,
        right_matched=frozenset(y for _, y in pairs),
        pairs=tuple(sorted(pairs)),
    )


def _shortened(words: Words, match: _Match, seam: int) -> Iterator[_Match]:
    """The match cut at each earlier aligned word of the right copy, longest first.

    A later copy that stops short goes on with other words, some of which the alignment may
    take for more of the copy (``la``, ``de``); each shorter reading ends on an aligned word.
    Only readings that a gate for a copy stopping short could accept are built: after a
    separator at a line break or at a plain line break, and after a separator mark inside a
    line for a long copy only (:data:`_CUT_LONG`; a reading ends on a whole word, and inside
    a line a short copy stops short only breaking off inside a word).
    """
    if seam not in (Seam.SEPARATOR_LINE, Seam.LINE, Seam.SEPARATOR):
        return
    if words.ideographic or len(match.pairs) < 2 or match.lead:
        return  # every gate for a copy that stops short asks for no lead
    if len(match.pairs) == match.m and _ends_paragraph(words, match):
        return  # the copy is said whole to the end of its paragraph: it did not stop short
    flags = words.content
    i, j = match.i, match.j
    least = _CUT_LONG.matched if seam == Seam.SEPARATOR else 2
    for n in range(len(match.pairs) - 1, least - 1, -1):
        pairs = match.pairs[:n]
        left_end, m = pairs[-1][0] + 1, pairs[-1][1] + 1 - i
        tail = i - left_end
        prefix_similarity = 2 * n / (left_end - j + m)
        if not tail or prefix_similarity < _CUT_SIMILARITY:
            continue
        content = sum(1 for x, _ in pairs if flags[x])
        content_right = sum(1 for _, y in pairs if flags[y])
        # the word after it may break off the earlier copy's next word, unless the two were
        # aligned as one ("description" of "descriptions")
        partial = match.pairs[n] != (left_end, i + m) and _cut_start(words.keys, left_end, i + m)
        yield _Match(
            j=j,
            i=i,
            m=m,
            matched=n,
            content=content,
            similarity=2 * n / (i - j + m),
            tail=tail,
            lead=match.lead,
            novel=max(sum(flags[j:i]) - content, sum(flags[i : i + m]) - content_right),
            novel_right=sum(flags[i : i + m]) - content_right,
            prefix_similarity=prefix_similarity,
            partial=partial,
            right_matched=frozenset(y for _, y in pairs),
            pairs=pairs,
        )


def _passes(match: _Match, gate: _Gate) -> bool:
    if gate.tail == _CUT:  # the later copy stops short: judge it against the left's start
        similarity, novel = match.prefix_similarity, match.novel_right
    else:
        similarity, novel = match.similarity, match.novel
    return (
        match.matched >= gate.matched
        and match.content >= gate.content
        and similarity >= gate.similarity
        and match.tail <= gate.tail
        and match.lead <= gate.lead
        and novel <= gate.novel
    )


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


def _say_otherwise(words: Words, match: _Match, strong: bool) -> bool:
    """Whether the copies say different things, whatever their words in common.

    One negates the other (:func:`_negation_differs`), one gives another number in the same
    place (:func:`_numbers_differ`), or, at a seam weaker than a separator, one writes a name
    or a defined term the other writes in lower case (:func:`_capitals_differ`).
    """
    return (
        _negation_differs(words, match)
        or _numbers_differ(words, match)
        or (not strong and _capitals_differ(words, match))
    )


def _numbers_differ(words: Words, match: _Match) -> bool:
    """Whether the copies give different numbers between the same aligned words.

    ``listens on port 80 for HTTP ;\nthe server listens on port 443 for HTTPS``: two facts
    side by side. A chunk said again keeps its numbers.
    """
    keys, pairs = words.keys, match.pairs
    for (x0, y0), (x1, y1) in zip(pairs, pairs[1:]):
        left = [keys[x] for x in range(x0 + 1, x1) if keys[x].isdigit()]
        right = [keys[y] for y in range(y0 + 1, y1) if keys[y].isdigit()]
        if left and right and left != right:
            return True
    return False


def _negation_differs(words: Words, match: _Match) -> bool:
    """Whether one copy negates what the other says (a negation word in one copy only).

    ``si le fichier existe, la commande le remplace ; si le fichier n’existe pas, la commande
    le crée``: a case and its opposite, side by side. A chunk said again keeps its sense.
    """
    if len(match.pairs) < 2:
        return False
    keys, pairs = words.keys, match.pairs
    (x0, y0), (x1, y1) = pairs[0], pairs[-1]
    aligned = {x for pair in pairs for x in pair}
    # a negation between the aligned words of one copy that the other does not say there
    left = {keys[x] for x in range(x0, x1) if x not in aligned and keys[x] in NEGATIONS}
    right = {keys[y] for y in range(y0, y1) if y not in aligned and keys[y] in NEGATIONS}
    return left != right


def _capitals_differ(words: Words, match: _Match) -> bool:
    """Whether an aligned word opens with a capital in one copy only, inside both sentences.

    A name or a defined term (``rights ("Copyright and Related Rights"). Copyright and
    Related Rights include``) is no copy of the same words in lower case
    (``copyright and related or neighboring rights``); a chunk said again keeps the case of
    its words but its first (and where a sentence or a line starts), and a restart's first
    word may be read as the end of the earlier copy (``seguridad de La seguridad de la``).
    """
    text, starts = words.text, words.starts
    for x, y in match.pairs:
        a, b = text[starts[x]], text[starts[y]]
        if a.isupper() == b.isupper() or not (a.isalpha() and b.isalpha()):
            continue
        if y == match.i or (x == match.i - 1 and a.isupper()):
            continue  # a chunk's first word, a restart's first word
        if not (_sentence_start(words, x) or _sentence_start(words, y)):
            return True
    return False


#: Aligned characters' weight a Chinese or Japanese copy inside a line needs (two a word):
#: shorter phrases come back on purpose there ("使ってプロセス ID を使ってプロセスを停止").
_CJK_INLINE_MATCHED: Final = 5


def _inline_veto(words: Words, match: _Match) -> bool:
    """Whether copies inside a line are no copies made by damage.

    Their case or their sentence ends differ, or, in Chinese or Japanese, the passage is
    shorter than ten characters, or they are items of a list after a colon or a semicolon
    that say its head again (``als: het kind werd beëindigd; het kind werd beëindigd door``),
    the clauses of a litany (:func:`_litany`) or a chant (:func:`_chant`), or short lines of a
    list or a poem (:func:`_lines_alike`).
    """
    if words.ideographic and match.matched < _CJK_INLINE_MATCHED:
        return True
    if match.j and ";" in words.gap(match.i) and words.gap(match.j).rstrip().endswith((":", ";")):
        return True
    if _litany(words, match) or _chant(words, match) or _lines_alike(words, match):
        return True
    if _correlative(words, match):
        return True
    return _case_differs(words, match) or not _stops_agree(words, match)


_CORRELATIVE: Final = 2  # clauses besides the copies' that a pair of their words opens


def _opens_clause(words: Words, x: int, marks: str = ",;:") -> bool:
    """Whether word ``x`` opens the text, a sentence, or a clause after one of ``marks``."""
    if x == 0:
        return True
    gap = _OPENING_MARKS.sub("", words.gap(x)).rstrip()
    return bool(gap) and (gap[-1] in marks or _ends_sentence(gap))


def _ends_sentence(gap: str) -> bool:
    """Whether the text between two words ends a sentence (a line break alone does not)."""
    return SENTENCE_END.search(_OPENING_MARKS.sub("", gap).rstrip() + " ") is not None


def _correlative(words: Words, match: _Match) -> bool:
    """Whether a pair of the copies' words opens two more clauses of their sentence.

    ``The more you read, the more you know; the more you know, the more you grow``: a
    correlative says its words clause after clause, each time going on otherwise; a chunk
    said again says them twice, and a loop says its whole unit again each time.
    """
    stems, i, j = words.stems, match.i, match.j
    if not any(_opens_clause(words, x) for x in range(j + 1, i + 1)):
        return False  # the clauses of a correlative are marked; a restart's copies may not be
    period, end = i - j, i + match.m
    unit = stems[j:i]
    first, last = j, end
    while first > 0 and not _ends_sentence(words.gap(first)):
        first -= 1
    while last < len(stems) - 1 and not _ends_sentence(words.gap(last)):
        last += 1
    places: dict[tuple[str, str], int] = {}
    for x in itertools.chain(range(first, j), range(end, last)):
        pair = stems[x], stems[x + 1]
        places[pair] = places.get(pair, 0) + 1
    for o in range(period):  # each pair of the unit, said round: "the more you know, the"
        pair = unit[o], unit[(o + 1) % period]
        if places.get(pair, 0) < _CORRELATIVE:
            continue
        others = 0  # clauses that open so and go on otherwise than the unit (a loop's do not)
        for x in itertools.chain(range(first, j), range(end, last)):
            if (stems[x], stems[x + 1]) == pair and _opens_clause(words, x):
                others += stems[max(x - o, 0) : x - o + period] != unit
        if others >= _CORRELATIVE:
            return True
    return False


def _lines_alike(words: Words, match: _Match) -> bool:
    """Whether both copies break between two short lines after the same aligned word.

    Short lines that end and begin alike (``Kazanie w Mroku\\nKędy w Mroku\\nKędy z Miłą``)
    are a list's or a poem's: a chunk said again inside a line does not carry the other
    copy's line break along. (Lines of wrapped prose read twice do: tiles of a scan.)
    """
    end_left, end_right = match.i - 1, match.i + match.m - 1
    text, starts = words.text, words.starts
    for x, y in match.pairs:
        if x < end_left and y < end_right and "\n" in words.gap(x + 1) and "\n" in words.gap(y + 1):
            line_start = text.rfind("\n", 0, starts[x]) + 1
            next_end = text.find("\n", starts[x + 1])
            next_end = len(text) if next_end < 0 else next_end
            short = words.ends[x] - line_start < _DUPLICATE_WIDTH
            if short and next_end - starts[x + 1] < _DUPLICATE_WIDTH:
                return True  # two short lines: a list's or a verse's
    return False


def _run(words: Words, match: _Match, *, exact: bool = True) -> tuple[int, int] | None:
    """The words, first and past the last, that repeat every ``i - j`` words around the copies.

    ``None`` unless two whole copies stand side by side, word for word: the copies of
    ``match`` themselves (``exact``), or copies of ``i - j`` words around its start (a looser
    reading of the same words from one word further on).
    """
    i, j, stems = match.i, match.j, words.stems
    period = i - j
    if exact and (match.similarity < 1.0 or match.m != period):
        return None
    first, end = j, j  # the words from ``first`` to ``end`` are said again ``period`` on
    while first > 0 and stems[first - 1] == stems[first - 1 + period]:
        first -= 1
    while end + period < len(stems) and stems[end] == stems[end + period]:
        end += 1
    return (first, end + period) if end - first >= period else None


def _litany(words: Words, match: _Match) -> bool:
    """Whether a clause said twice is begun a third time and changed, between commas.

    ``Happy birthday to you, happy birthday to you, happy birthday dear Kazio``: a song's
    or a speech's clauses say their words again on purpose and vary the last of them. The
    words go on repeating past two whole copies, but not for a third whole one (a loop),
    and a comma stands at the same place in the second copy and the third. A chunk
    re-emitted after a comma is not followed by a third copy that starts alike.
    """
    run = _run(words, match, exact=False)
    if run is None:
        return False
    first, last = run
    i, j = match.i, match.j
    m = i - j
    if not 2 * m < last - first < 3 * m:
        return False
    unit = words.stems[j:i]
    if any(m % p == 0 and unit == unit[p:] + unit[:p] for p in range(1, m)):
        return False  # the clause is itself a word or two said again: a loop
    return any(
        "," in words.gap(first + c + m) and "," in words.gap(first + c + 2 * m)
        for c in range(last - first - 2 * m)
    )


_CHANT_WORDS: Final = 4  # words of a clause that a chant says again and again


def _chant(words: Words, match: _Match) -> bool:
    """Whether the copies are a short clause chanted three times or more between commas.

    ``Let it be, let it be, let it be, let it be.``, ``We shall overcome, we shall
    overcome, we shall overcome some day``: the chant opens its sentence or its line, a
    comma ends each copy, and a clause of three words or more goes on in lower case (a
    cry of one or two words may keep its capital: ``Holy, Holy, Holy``). :func:`loops`
    judges it as a chant (six copies make a loop); a loop that a model writes with commas
    starts inside its sentence, or says a sentence's start again with its capital.
    """
    run = _run(words, match) if match.m <= _CHANT_WORDS else None
    if run is None:
        return False
    first, last = run
    m = match.m
    if last - first < 3 * m or not _sentence_start(words, first):
        return False
    if m > 2 and words.text[words.starts[first + m]].isupper():
        return False  # "… duros, Los enlaces duros, Los enlaces duros": a sentence start looped
    return any(all(words.gap(x) == ", " for x in range(first + c + m, last, m)) for c in range(m))


def _contrast(words: Words, match: _Match) -> bool:
    """Whether two whole sentences differ only where one swaps a small word or a number.

    ``con el archivo … sin el archivo …``, ``version 1.0 … version 2.0``: two sentences
    written alike on purpose, to set two cases side by side. A re-emitted clause differs
    by an inflection, a synonym or a word dropped, and rarely is a whole sentence said again
    with only its preposition or its number changed.
    """
    i, j, m = match.i, match.j, match.m
    if match.similarity == 1.0 or match.tail or not _sentence_start(words, j):
        return False
    if not SENTENCE_END.search(words.gap(i).split("\n", 1)[0] + " "):
        return False  # the earlier copy does not end a sentence
    keys = words.keys
    swapped = False
    pairs = ((j - 1, i - 1), *match.pairs, (i, i + m))
    for (x, y), (x2, y2) in zip(pairs, pairs[1:]):
        if x2 - x != y2 - y:
            return False  # a word added or dropped: a variant, not a contrast
        for left, right in zip(keys[x + 1 : x2], keys[y + 1 : y2]):
            small = left in FUNCTION_WORDS and right in FUNCTION_WORDS
            numbers = left[:1].isdigit() and right[:1].isdigit()
            if not (small or numbers):
                return False
            swapped = True
    return swapped


#: Aligned words of a copy short enough that every pair must be one word, not one stem.
_SHORT_COPY: Final = 3


def _stems_only(words: Words, match: _Match) -> bool:
    """Whether a short copy pairs two words that share only their first letters.

    Stems pair ``capitaux`` with ``capital``; in a copy of two or three words, two words of
    one root (``administrator serwera administruje serwerem``: the administrator of the
    server administers it) are no copy unless they are one word inflected, elided or cut
    off (``programa a par``, ``programa a partir``).
    """
    if match.matched > _SHORT_COPY:
        return False
    keys = words.keys
    return any(
        keys[x] != keys[y]
        and not _soft_equal(keys[x], keys[y])
        and not elision_equivalent(keys[x], keys[y])
        and not _cut_short(keys[x], keys[y])
        for x, y in match.pairs
    )


def _stops_agree(words: Words, match: _Match, left_only: bool = False) -> bool:
    """Whether the copies end their sentences between the same aligned words.

    A passage said again is said with its punctuation: ``the command `ls', execute man`` and
    ``ls. Execute man man`` share three words, but not a sentence; nor do ``a coisa mais fina
    do mundo. Não é.`` and ``A coisa mais fina do mundo é o sentimento``, where a word of one
    copy lies between two aligned ones. With ``left_only``, only a sentence end of the earlier
    copy must be said again (a chunk cut short may lose one: ``127 tekens Van Voor\n... 127
    tekens. Vanaf``).
    """
    text, starts, ends = words.text, words.starts, words.ends

    def stops(first: int, last: int) -> bool:
        return _INNER_SENTENCE_END.search(text[ends[first] : starts[last]] + " ") is not None

    pairs = match.pairs
    if left_only:
        return all(stops(y, y2) or not stops(x, x2) for (x, y), (x2, y2) in zip(pairs, pairs[1:]))
    return all(stops(x, x2) == stops(y, y2) for (x, y), (x2, y2) in zip(pairs, pairs[1:]))


def _words_to_line_end(words: Words, i: int) -> int:
    """How many words from word ``i`` to the end of its line."""
    newline = words.text.find("\n", words.starts[i])
    if newline < 0:
        return len(words) - i
    return bisect.bisect_left(words.starts, newline) - i


#: A list item's bullet or number and the spaces after it, at a line's start.
_BULLET: Final = r"[ \t]*(?:[-*+\u2022\u2023\u2013\u2014]|\d{1,3}[.)]|[a-zA-Z][.)])[ \t]+"
#: A list item's bullet or number, and the text after it.
_LIST_ITEM: Final = re.compile(_BULLET + r"(\S.*)")


def _structured(words: Words, start: int, end: int) -> bool:
    """Whether text from ``start`` to ``end`` touches a structured line, but for one list item.

    Lists, tables and code repeat their shape from line to line on purpose; inside the text
    of one list item, a passage said twice is as much damage as in prose.
    """
    return words.structured(start, end) and _beyond_items(words, start, end)


def _apart(words: Words, bigrams: list[tuple[str, str]], i: int) -> bool:
    """Whether the word pair at ``i`` (in a list item) was not said before in its line.

    A copy inside a list item lies in the item's line: where the pair's nearest earlier
    place is in another line, no copy of the item starts at ``i``.
    """
    places = words.places.get(bigrams[i], ())
    x = bisect.bisect_right(places, i - 2) - 1
    return x < 0 or words.text.find("\n", words.starts[places[x]], words.starts[i]) >= 0


def _beyond_items(words: Words, start: int, end: int) -> bool:
    """:func:`_structured` of text that touches a structured line (``words.structured``)."""
    text = words.text
    items = _prose_items(text)
    if items is None or text.find("\n", start, end) >= 0:
        return True
    line = bisect.bisect_right(words.line_starts, start) - 1
    if line not in items:
        first = words.line_starts[line]
        last = text.find("\n", first)
        items[line] = _prose_item(text[first : len(text) if last < 0 else last], first)
    item = items[line]
    return item is None or start < item


@functools.lru_cache(maxsize=8)
def _prose_items(text: str) -> dict[int, int | None] | None:
    """The lines of ``text`` asked about so far: where the text of a list item of prose starts.

    Filled as lines are asked about (:func:`_beyond_items`); ``None`` for a text with no
    list item at all (code, tables): nothing to look at there.
    """
    return {} if _ANY_ITEM.search(text) else None


#: A line that opens as a list item does (:data:`_LIST_ITEM`), anywhere in a text.
_ANY_ITEM: Final = re.compile("^" + _BULLET + r"\S", re.MULTILINE)


def _prose_item(line: str, offset: int) -> int | None:
    """Where the text of ``line`` (at ``offset``) starts, if it is a list item of prose.

    An item of prose is a line that is structured only by its bullet or number, holds no
    code words and is mostly words of letters.
    """
    item = _LIST_ITEM.match(line)
    if item is None:
        return None
    body = item.group(1)
    if structured_line(body) or CODE_WORDS.search(body) or not _reads_as_prose(body):
        return None
    return offset + item.start(1)


def _gates_for(words: Words, match: _Match, seam: int) -> tuple[_Gate, ...]:
    """The gates that fit this shape (any one suffices); none where it is deliberate."""
    i, j, m = match.i, match.j, match.m
    if _structured(words, words.starts[j], words.ends[i + m - 1]):
        return ()  # lists, tables and code repeat their shape on purpose
    gap = words.gap(i)
    if seam == Seam.LINE:
        if words.line_start(j) and words.line_end(i + m - 1):
            text, start = words.text, words.starts[j]
            later = text[words.starts[i] : words.ends[i + m - 1]]
            above = text.rfind("\n", 0, max(start - 1, 0)) + 1
            before = text[above:start]
            earlier = text[text.rfind("\n", 0, max(above - 1, 0)) + 1 : above] if above else ""
            if words.line_end(i - 1) and start and _duplicate_line(later, before, earlier):
                return (_LINE_TWICE,)  # a line of wrapped prose said twice in a row
            return ()  # a whole line said again: a refrain, a list, a lyric
        if _verse(words, j, i + m - 1):
            return ()  # lines of verse share their words: a copy over two of them is a song's
        if SENTENCE_END.search(gap.split("\n", 1)[0] + " "):
            return (_LINE_AFTER_SENTENCE,)
        if _sentence_start(words, j) and not gap.split("\n", 1)[0].strip():
            # a sentence begun on its own line, abandoned, and begun again in full
            if match.matched < i - j and words.line_start(j) and _opens_other_lines(words, i):
                return ()  # lines alike but for a word, their first word opening more: a list
            k, rest = i - j, _words_to_line_end(words, i)
            before = words.text[: words.starts[j]].rstrip(" \t")
            if not before or before.endswith("\n\n"):  # a paragraph start: maybe a heading
                # a heading has no article or preposition: "Network configuration"
                lower = words.text[words.starts[j]].islower()
                if not lower and not any(key in FUNCTION_WORDS for key in words.keys[j:i]):
                    return (_GATES[seam],)
                inside = _RESTART_LINE
            else:
                inside = _RESTART_INSIDE
            if rest >= 2 * k:
                return (_GATES[seam], _RESTART_LINE_VARIANT, inside)
            if rest >= k + 3:
                return (_GATES[seam], inside)
        if not gap.split("\n", 1)[0].strip():
            if words.keys[i - 1] in FUNCTION_WORDS and not words.line_start(j):
                # "driven by\ndriven by higher demand": no line ends so but a broken one
                return (_GATES[seam], _SHORT_LINE, _EXACT_LINE, _SHORT_LINE_OPEN)
            if _prose_lines(words, j, i + m - 1):
                return (_GATES[seam], _SHORT_LINE, _EXACT_LINE, _SHORT_LINE_OPEN)
            return (_GATES[seam], _SHORT_LINE, _EXACT_LINE)  # broken mid-sentence
        return (_GATES[seam],)  # "Beautiful gun,\nbeautiful gun;": two words said on purpose
    if seam == Seam.INLINE:
        if _sentence_start(words, j) and words.text[words.starts[i]].isupper():
            return (_GATES[seam], _INLINE_RESTART)
        left = words.text[words.starts[j] : words.ends[i - 1]]
        if i - j == 2 and m == 2:
            # "of human of human": two words said twice with nothing between
            plain = gap.isspace() and left.count(" ") == 1 and all(words.content[j:i])
            spelled = all(key.replace("-", "").isalpha() for key in words.keys[j:i])
            return (_INLINE_PAIR,) if plain and spelled else ()
        if _QUOTES_ONLY.fullmatch(gap):
            # one word changed, added or dropped in one line; not lines alike but for a word
            # (a list, a table, a verse), not a phrase built on another ("men were real men")
            one_off = i - j - match.matched <= 1 and m - match.matched <= 1 and "\n" not in left
            ends = match.tail == 1 and words.content[i - 1] and not words.line_end(i + m - 1)
            variant = _INLINE_VARIANT_END if ends else None
            variants = (_INLINE_VARIANT, variant) if variant else (_INLINE_VARIANT,)
            if not _INNER_SENTENCE_END.search(left):
                if one_off:
                    return (_GATES[seam], _INLINE_EXACT, *variants)
                return (_GATES[seam], _INLINE_EXACT)
            if one_off and match.matched >= _LONG_VARIANT:
                # a long passage over a sentence end said again mid-sentence, one word changed:
                # no writer's parallel sentences (those meet at a sentence end)
                return (_GATES[seam], *variants)
    if seam == Seam.SENTENCE and "  " in gap:
        return ()  # two spaces after a sentence end: typed, as a writer ends a sentence
    if seam == Seam.SENTENCE:
        if words.text[words.starts[i]].islower() and _QUOTES_ONLY.fullmatch(
            _SENTENCE_MARKS.sub("", gap)
        ):
            # "fulfillment. over individual fulfillment.": no sentence starts in lower case,
            # so this end is a caption line's, and the copies sit side by side
            return (_GATES[Seam.INLINE], _INLINE_EXACT, _INLINE_PAIR)
        cjk = words.ideographic and IDEOGRAPHIC.match(words.keys[i]) is not None
        return (_GATES[seam], _SENTENCE_EXACT_CJK if cjk else _SENTENCE_EXACT)
    if (
        seam == Seam.SEPARATOR_LINE
        and match.similarity < _GATES[Seam.LINE].similarity
        and "\n" in words.text[words.starts[j] : words.ends[i - 1]]
    ):
        return (_EXACT_SEPARATOR,)  # loose copies over two lines: parallel clauses, verse
    if seam < Seam.SEPARATOR:
        return (_GATES[seam],)
    if gap.strip() not in DASHES and (gap[:1].isspace() or _trails_off(words, j, gap)):
        # two words said again after a spaced dash are an emphasis as often as a seam
        return (_GATES[seam], _SHORT_SEPARATOR, _EXACT_SEPARATOR)
    return (_GATES[seam], _EXACT_SEPARATOR)


def _trails_off(words: Words, j: int, gap: str) -> bool:
    """Whether an earlier copy from word ``j`` ends a chunk's line with an ellipsis (``gap``).

    An ellipsis ends a chunk's line as a stray separator does, after words of the line's own
    (``packages to access remote…\nAccess remote contents``). A line of two words that
    trails off and is begun again is a song's or a speaker's (``Come back…\nCome back to
    me``), and so is a clause's echo (``dei Bassotti, pora stella...\npora stella un
    cazzo``) and a short line's end said again (verse).
    """
    return (
        _TRAILING_OFF.fullmatch(gap) is not None
        and not _sentence_start(words, j)
        and not _opens_clause(words, j)
        and len(_line_around(words.text, words.starts[j], words.starts[j])) >= _TRAILING_LINE
    )


def _prose_lines(words: Words, j: int, last: int) -> bool:
    """Whether copies from word ``j`` to word ``last`` lie in two wide lines of prose.

    The earlier copy ends a wide line that it does not start, and the later one starts a
    wide line that goes on after it (``avec d’autres systèmes au travers\nau travers du
    réseau, vous``): a line of verse or a list item says two words again on purpose, a line
    of wrapped prose does not.
    """
    if words.line_start(j) or words.line_end(last):
        return False
    text = words.text
    first = text.rfind("\n", 0, words.starts[j]) + 1
    end = text.find("\n", words.ends[last])
    lines = text[first : len(text) if end < 0 else end].split("\n")
    return len(lines) == 2 and all(len(line.strip()) >= _DUPLICATE_WIDTH for line in lines)


#: "and" and "or" that are nothing else in another language (Portuguese "o" is "the", and
#: Spanish and French "en" is "in").
_AND_OR: Final = COORDINATORS - {"o", "en"}


def _deliberate(words: Words, match: _Match, seam: int) -> bool:
    """Whether copies that passed a gate for a variant have a shape written on purpose.

    Asked only of copies a gate let through: most seams fail the gates first.
    """
    i, j = match.i, match.j
    text, gap = words.text, words.gap(i)
    if "\n" in gap and _indent(text, words.starts[i]) > _indent(text, words.starts[i - 1]):
        return True  # a line indented under the one before: a heading or a term above its text
    if seam == Seam.SEPARATOR_LINE and _enumeration(words, match):
        return True  # items of a list, each ended by the mark: parallel on purpose
    if seam >= Seam.SEPARATOR and _two_clauses(words, match):
        return True
    if seam < Seam.SEPARATOR and _opens_more(words, match):
        return True  # the earlier copy opens an aside the later one does not: parallel clauses
    if gap.strip() == "|" and "\n" in text[words.starts[j] : words.ends[i - 1]]:
        return True  # a bar before the later copy, the earlier over a row's end: a table's
    if match.lead and words.keys[i] in _AND_OR and match.matched < i - j:
        return True  # "una parte de educación ;\ny, en la vejez, una parte de experiencia"
    if _echoed(words, i, i + match.m - 1):
        return True  # "leave the house…\nLeave the house? Never!"
    # an earlier copy over lines indented otherwise: a term and its definition
    return not _one_block(text, words.starts[j], words.ends[i - 1])


#: An ellipsis that ends a line, then the opening mark of a question or an exclamation.
_TRAILING_TO_ASK: Final = re.compile(_ELLIPSIS_AT_LINE_END + r"[\"'«“„]?[¿¡]?")
#: The close of a question or an exclamation right after a word.
_ASKED: Final = re.compile(r"[\"'»”]?[^\S\n]?[?!]")


def _echoed(words: Words, i: int, last: int) -> bool:
    """Whether words ``i`` to ``last`` echo words that trailed off, asking or exclaiming.

    A dialogue's figure: ``He told me to leave the house…\nLeave the house? Never!``. A
    chunk that says its words again goes on with its sentence.
    """
    return (
        _TRAILING_TO_ASK.fullmatch(words.gap(i)) is not None
        and _ASKED.match(words.text, words.ends[last]) is not None
    )


def _verse(words: Words, j: int, last: int) -> bool:
    """Whether copies from word ``j`` to word ``last`` lie in short lines, the earlier over two.

    Verse and lists share their words from line to line: an earlier copy over two short
    lines, said again in the next one (``hold on to me tonight\nAnd never let me go\nHold
    on, never let me go``), is a song's. A narrow column of prose is no verse: its lines
    break on articles, prepositions and hyphens.
    """
    text = words.text
    first = text.rfind("\n", 0, words.starts[j]) + 1
    end = text.find("\n", words.ends[last])
    lines = [line.strip() for line in text[first : len(text) if end < 0 else end].split("\n")]
    if len(lines) < 3 or any(len(line) >= _DUPLICATE_WIDTH for line in lines):
        return False
    # a narrow column of prose breaks its lines on articles, prepositions and hyphens
    return not any(_breaks_off(line, FUNCTION_WORDS) for line in lines[:-1])


def _score(match: _Match, gate: _Gate, seam: int) -> float:
    """Confidence in [0.5, 0.99) for an overlap that passed ``gate``: more, longer, more alike."""
    similarity = match.prefix_similarity if gate.tail == _CUT else match.similarity
    return _confidence(similarity, match.content, match.matched, seam)


def _confidence(similarity: float, content: float, matched: float, seam: int) -> float:
    """Confidence in [0.5, 0.99): more words, more content words, more alike, stronger seam.

    ``matched`` words of the copy are aligned with the earlier one (``content`` of them
    content words), which it is ``similarity`` alike to, after a seam of strength ``seam``.
    """
    value = (
        0.4
        + 0.25 * similarity
        + 0.15 * min(content / 4, 1.0)
        + 0.1 * min(matched / 6, 1.0)
        + 0.025 * max(seam, 0)
    )
    return round(min(max(value, 0.5), _MAX_SCORE), 3)


def _edit(words: Words, match: _Match, gate: _Gate, seam: int) -> Candidate:
    i, j, m = match.i, match.j, match.m
    k = i - j
    restart = (
        seam in (Seam.LINE, Seam.INLINE)
        and _sentence_start(words, j)
        and m >= k
        and not SENTENCE_END.search(words.gap(i).split("\n", 1)[0] + " ")
    )
    kind = "restart" if restart else "overlap"
    said = f"{match.matched:g} of {k} words said again after a {_SEAM_NAMES[seam]} "
    said += f"(similarity {match.similarity:.2f})"
    score = _score(match, gate, seam)
    if _garbled(words, match):
        reason = f"{said}; the later copy breaks off and goes on with other words: kept the earlier"
        edit = Edit(words.ends[i - 1], words.ends[_copy_end(match)], "", kind, score, reason)
        return Candidate(edit, (words.starts[j], words.ends[i - 1]))
    if match.pairs and not match.tail:
        x, y = match.pairs[-1]
        keys = words.keys
        if (
            x == i - 1
            and y == i + m - 1
            and _cut_off(words, y, x)
            and keys.count(keys[y]) == 1
            and keys.count(keys[x]) > 1
        ):
            # "Deze software…\nverder verspreiden. Deze softwar kent": the later copy breaks
            # off inside its last word, the earlier says it whole (a word the text writes
            # elsewhere; the piece it writes nowhere else, as it would an inflected form)
            reason = f"{said}; the later copy breaks off inside its last word: kept the earlier"
            edit = Edit(words.ends[i - 1], words.ends[y], "", kind, score, reason)
            return Candidate(edit, (words.starts[j], words.ends[i - 1]))
    # a word of the earlier copy before its first aligned one stands in place of the later
    # copy's word there ("les ;\nle capital"), unless one is a content word and the other not:
    # then the earlier copy lost its first word and this one is the text's ("a publié série
    # d’… ;\nune série d’…"), and stays
    first = j
    if match.pairs:
        x0, y0 = min(x for x, _ in match.pairs), min(y for _, y in match.pairs)
        lead = min(x0 - j, y0 - i)
        while first < x0 and lead and words.content[first] != words.content[y0 - lead]:
            first += 1
            lead -= 1
    reason = f"{said}; kept the later copy"
    edit = Edit(words.starts[first], words.starts[i], "", kind, score, reason)
    if _case_fits_earlier(words, first, i):
        # the later copy's first word takes the place of the earlier's, in the earlier's
        # case: keep that word and remove the later's ("fournir une partie ;\nUne partie")
        reason += ", its first word as the earlier copy writes it"
        edit = Edit(words.ends[first], words.ends[i], "", kind, score, reason)
    return Candidate(edit, (words.starts[i], words.ends[i + m - 1]))


def _case_fits_earlier(words: Words, first: int, i: int) -> bool:
    """Whether words ``first`` and ``i`` are one word whose case fits only at ``first``.

    The kept copy takes the earlier copy's place: there a sentence starts (capital) or goes
    on (lower case), whatever case the chunk gave the later copy's first word (a chunk's
    text is often capitalised). At the start of a line inside a sentence either may be right
    (wrapped prose, verse): the earlier copy's case, which came with the text around it.
    """
    if words.keys[first] != words.keys[i]:
        return False
    earlier = words.text[words.starts[first]].isupper()
    later = words.text[words.starts[i]].isupper()
    if earlier == later:
        return False
    gap = words.gap(first) if first else ""
    before = _OPENING_MARKS.sub("", gap)  # the marks and spaces that may open a sentence
    opens = not first or "\n\n" in gap or bool(before and SENTENCE_END.search(before + " "))
    if "\n" in gap and not opens:
        return True  # a line inside a sentence (wrapped prose, verse): the flow's case
    return earlier == opens


def _copy_end(match: _Match) -> int:
    """The index of the later copy's last word: its last aligned word before two of its own.

    Aligned words after a run of the text's own words are chance: ``… used as the
    initial\\nbug title in the tracking`` is no copy of ``… used as the tracking initial`` up
    to ``tracking``.
    """
    pairs = match.pairs
    if not pairs:
        return match.i + match.m - 1
    last = pairs[0][1]
    for (_, y), (_, later) in zip(pairs, pairs[1:]):
        if later - y > 2:
            break
        last = later
    return last


def _abuts(best: tuple[float, _Match, _Gate] | None, match: _Match) -> bool:
    """Whether ``best``, said again word for word up to the seam, outweighs a loose ``match``.

    ``match`` comes from further back and aligns the exact copy's words elsewhere. The
    earlier copy ends exactly where the later one starts: no loose reading that pairs
    its last words with words further on (``de proces groep of…\nDe proces groep of is een
    lid van een proces groep``, 0.72 alike) takes its place; a close one may (``el cambio,
    el cambio continuo, el cambio ;\nel cambio, el cambio continuo, el ca``).
    """
    if best is None:
        return False
    exact = best[1]
    if exact.similarity < 1.0 or exact.tail or exact.lead:
        return False
    if match.similarity >= _LEAD_SIMILARITY:
        return False
    return not set(exact.pairs) <= set(match.pairs)


def _tail_said(words: Words, match: _Match) -> bool:
    """Whether a word of the earlier copy's unaligned end comes soon after the later copy.

    ``adaptées à ses besoins ;\n… adaptées à ses\nses propres besoins``: the later copy
    goes on to say the earlier one's end, in its own words.
    """
    keys, i = words.keys, match.i
    after = keys[i + match.m : i + match.m + match.tail + 3]
    return any(key in after for key in keys[i - match.tail : i])


def _garbled(words: Words, match: _Match) -> bool:
    """Whether the later copy breaks off at a line end and goes on with other words.

    ``... dans le monde entier » ;\\ncette stratégie ... dans le\\ndu monde », comme`` : the
    later copy stops at ``dans le``, and the next line starts a new chunk (``du monde``) that
    the earlier, complete copy does not need. Only when the earlier copy's end was not said
    again (its last words are unmatched) does the later copy lose to it.
    """
    if not match.tail:
        return False
    i = match.i
    for y in range(i + 1, i + match.m):
        if "\n" in words.gap(y) and y not in match.right_matched:
            return True
    return False


_CHANGED: Final = 2  # words of the earlier of two clauses set side by side the later lacks
_BEFORE: Final = 8  # words before an earlier copy where a refrain's words may stand


def _two_clauses(words: Words, match: _Match) -> bool:
    """Whether the copies are two clauses that open alike and change two words or more.

    ``Les données sont sauvegardées chaque jour ;\nles données sont archivées chaque
    mois.``: the earlier copy opens a clause and says two things or more the later does not.
    A chunk's copy is cut anywhere in a clause, and a variant changes a word.
    """
    changed = match.i - match.j - match.matched
    return changed >= _CHANGED and _opens_clause(words, match.j, ";:")


def _said_before(words: Words, match: _Match) -> bool:
    """Whether the words of a later copy that stops short stand just before the earlier.

    ``Il pleut sur la ville, il pleut dans mon cœur ;\nil pleut sur les toits``: the
    words open clause after clause, a refrain's, not a chunk's that stopped short.
    """
    keys, i, j, m = words.keys, match.i, match.j, match.m
    if m < 2:
        return False
    said = keys[i : i + m]
    return any(keys[x : x + m] == said for x in range(max(j - _BEFORE, 0), j - m + 1))


def _as_long(words: Words, match: _Match) -> bool:
    """Whether the copies are two clauses of as many words, the later ending its sentence.

    A clause set beside another opens where a clause opens, says as many words and ends its
    sentence (``Les données sont sauvegardées chaque jour ;\nles données sont archivées
    chaque mois.``); a copy that stops short goes on with the text, whose sentence ends
    anywhere.
    """
    end = match.i + match.m + match.tail  # the word after as many words as the tail
    if end > len(words.starts) or not _opens_clause(words, match.j, ";:"):
        return False
    after = words.gap(end)
    return (
        end == len(words.starts) or SENTENCE_END.search(after.split("\n", 1)[0] + " ") is not None
    )


def _ends_paragraph(words: Words, match: _Match) -> bool:
    """Whether the later copy ends its paragraph (or the text) with a sentence end.

    Such a copy said all it had to say, as a clause said again does (``… RESULTING FROM\nTHE
    USE OF THIS DOCUMENT … PROVIDED\nHEREUNDER.\n\n``): a copy that stops short breaks off
    inside a sentence, and the paragraph goes on.
    """
    end = match.i + match.m
    after = words.gap(end)
    return (end == len(words.starts) or _BLANK_LINE.search(after) is not None) and (
        SENTENCE_END.search(after.split("\n", 1)[0] + " ") is not None
    )


def _right_cut_gate(words: Words, match: _Match, seam: int) -> _Gate | None:
    """The gate for a later copy that stops short (``... dans le monde ;\\ndans le``)."""
    gate = _cut_shape(words, match, seam)
    if gate is None or _ends_paragraph(words, match) or _as_long(words, match):
        return None
    if _said_before(words, match) or _opens_more(words, match):
        return None  # a refrain's words; words after an aside the earlier copy opened
    if match.m > match.matched and _opens_clause(words, match.j, ";:"):
        return None  # a clause said again with words of its own: "la primera … la segunda"
    if seam == Seam.SEPARATOR_LINE and _enumeration(words, match):
        return None
    return gate


def _cut_shape(words: Words, match: _Match, seam: int) -> _Gate | None:
    """The gate that fits a later copy's shape if it stops short, before the vetoes."""
    if not match.tail or match.lead:
        return None
    if _structured(words, words.starts[match.j], words.ends[match.i + match.m - 1]):
        return None
    if match.j:
        before, last = words.keys[match.j - 1], words.keys[match.i - 1]
        if before == last or (before.isdigit() and last.isdigit()):
            # "ai vetrai, ai trasportatori, ai ...\nvetrai di": a list says its head again;
            # "1, to tell him you have read one ...; 2,\nto tell him you have read all"
            return None
    if match.tail >= 2:
        # parallel clauses: the words that led to the earlier copy lead to the later one
        # again ("for archives without the flag, the priority is 500, while for archives
        # with\nthe flag, the priority is 1")
        keys, i, j = words.keys, match.i, match.j
        tail_end = set(keys[max(i - match.tail, i - 3) : i])
        if sum(keys[x] in tail_end for x in range(max(j - 3, 0), j)) >= 2:
            return None
    gap = words.gap(match.i)
    if seam >= Seam.SEPARATOR:
        long_cut = "|" not in gap and match.tail <= match.matched  # a bar: a table's cells
    else:
        # a line break inside a sentence, the earlier copy begun inside one too and said
        # again up to near its end: a clause said again in parallel ends long before the
        # break ("for normal archives, the value is 500, for special\narchives, the value is 1")
        long_cut = (
            seam == Seam.LINE
            and 2 * match.tail <= match.matched
            and not _sentence_start(words, match.j)
            and not _INNER_SENTENCE_END.search(gap.split("\n", 1)[0] + " ")
        )
    if long_cut and _passes(match, _CUT_LONG):
        return _CUT_LONG  # no elaboration says seven words again: the chunk's end may be anywhere
    if (
        seam == Seam.INLINE
        and match.tail == 1
        and match.i + match.m < len(words.starts)
        and words.gap(match.i + match.m).count("\n") == 1
        and not words.line_start(match.i - 1)
        and _passes(match, _CUT_LONG)
    ):
        # seven words or more said again right after themselves, a word short of the earlier
        # copy, at their line's end, their paragraph going on (``… vaak gestopt worden Een …
        # vaak gestopt\ndoor``); lines of a listing end where their copies do
        return _CUT_LONG
    left = words.text[words.starts[match.j] : words.ends[match.i - 1]]
    if _INNER_SENTENCE_END.search(left):
        return None  # a chunk's tail lies inside one sentence
    if seam >= Seam.SEPARATOR and match.partial and words.line_end(match.i + match.m):
        # a copy after a separator that breaks off inside a word at its line's end
        # (``nel modo ;\nnel m\nseguente``, ``dei comandi … dei coma\nseguenti``)
        return _CUT_PARTIAL_SEPARATOR
    if seam == Seam.SEPARATOR:
        mark = gap.strip()
        if (
            mark not in DASHES
            and "|" not in mark
            and words.line_end(match.i + match.m - 1)
            and not _tail_said(words, match)
        ):
            # the copy breaks off at its line's end, as a chunk that stops short does (a dash
            # opens parallel clauses, "first - change the diet, and second - change the\n",
            # and a bar a table's cells)
            return _CUT_SEPARATOR_LINE_END
        return None  # a dash or a semicolon inside a line may introduce an elaboration
    if seam == Seam.SEPARATOR_LINE:
        if match.tail > match.matched and "\n" in left:
            return None  # words from lines back, said again: the text's ("peut être monté …")
        return _CUT_AFTER_SEPARATOR if match.tail <= 2 * match.matched + 1 else None
    if match.tail > match.matched:
        return None  # a phrase said again long after: the author's
    if seam in (Seam.LINE, Seam.INLINE):
        if _INNER_SENTENCE_END.search(words.gap(match.i).split("\n", 1)[0] + " "):
            return None  # chunk tails end inside a sentence
        if _sentence_start(words, match.j):
            # a sentence said again: the author's, unless its copy breaks off inside a word
            # at a line end (``Daher wird sie auch FIFO genannt, vom\nDaher wird sie auch
            # FIFO gen\nenglischen``)
            broken = match.partial and words.line_end(match.i + match.m)
            return _CUT_PARTIAL if broken else None
        if match.partial:
            return _CUT_PARTIAL  # "... aus z": the copy breaks off inside a word
        if seam == Seam.LINE and words.line_end(match.i + match.m - 1):
            return _CUT_AFTER_BREAK  # the copy breaks off at the end of its own line
        if seam == Seam.LINE and "\n" not in left and 2 * match.tail <= match.matched:
            # a long copy breaks off and the line goes on; a shorter one, only one word short
            # (not in Chinese or Japanese, whose sentence ends have no space to tell them by);
            # a clause said again in parallel ends long before the break
            near = match.tail == 1 and not words.ideographic
            return _CUT_MIDLINE_NEAR if near else _CUT_MIDLINE
    return None


def _chain(words: Words, match: _Match) -> Candidate | None:
    """A loop of three exact copies or more, found from its first two; kept: the first."""
    j, i, m = match.j, match.i, match.m
    k = i - j
    if match.similarity < 1.0 or match.tail or match.lead or m != k:
        return None
    keys = words.keys
    unit = keys[j:i]
    copies = 2
    while keys[j + copies * k : j + (copies + 1) * k] == unit:
        copies += 1
    if copies < 3:
        return None
    end = words.ends[j + copies * k - 1]
    phrase = words.text[words.starts[j] : words.ends[i - 1]]
    reason = f"“{phrase}” repeated {copies} times in a row; kept one"
    edit = Edit(words.ends[i - 1], end, "", "loop", _MAX_SCORE, reason)
    return Candidate(edit, (words.starts[j], words.ends[i - 1]))


#: A mark that is neither a space nor punctuation: between copies of one character, a drawing.
_DRAWN: Final = re.compile(r"[^\s,.;:!?\w]")

#: Cells of a table aligned with spaces, or a tab between two words.
_COLUMNS: Final = re.compile(r"\S(?:[ ]{3,}|[ ]*\t)[ \t]*\S")


def _drawing_or_table(unit: Sequence[str], between: str) -> bool:
    """Whether copies of ``unit`` with ``between`` (the text across them) draw or tabulate.

    A unit without a letter (``___ ___``), one character between drawn marks (``=x=x=x``,
    ``(o o) (o o)``) and copies in cells aligned with spaces or tabs (``Safe    Safe``) are no
    loop.
    """
    if not any(map(str.isalpha, "".join(unit))):
        return True
    if len(unit) == 1 and len(unit[0]) == 1 and _DRAWN.search(between) is not None:
        return True
    return _COLUMNS.search(between) is not None


#: A digit anywhere in a token (``10xxxxxx``, ``2E``): data, never a loop.
_HAS_DIGIT: Final = re.compile(r"\d")

#: An opening quotation mark right before a word.
_OPENING_QUOTE_BEFORE: Final = regex.compile(r"[\p{Pi}\p{Ps}\"'«]$")

#: What may follow the second copy of ``A and A``: the end of a clause (closing quotes, a
#: mark, then a space or the end of the text).
_CLAUSE_END: Final = regex.compile(
    r"\s*[\p{Pf}\p{Pe}\"']*[,.;:!?\N{HORIZONTAL ELLIPSIS}]+[\p{Pf}\p{Pe}\"']*(?:\s|$)"
    r"|[\s\p{Pf}\p{Pe}\"']*$"
)


def _ends_clause(words: Words, last: int) -> bool:
    """Whether word ``last`` ends the text or a clause (``relaxing and relaxing, and``).

    A phrase said twice around a connector and then qualified goes on on purpose: ``lines and
    lines beginning with #``, ``zero elements or elements of size zero``, ``BBEdit and BBEdit
    Lite``, ``file or file.sgml``.
    """
    gap = words.gap(last + 1)  # up to the next word, or the rest of the text
    if last + 1 < len(words) and gap.strip() == "," and words.keys[last + 1] in RELATIVES:
        return False  # "Zeilen und Zeilen, die mit # beginnen": a relative clause qualifies it
    return _CLAUSE_END.match(gap if last == len(words) - 1 else gap + "\0") is not None


def _conjoined(words: Words, match: _Match, seam: int) -> bool:
    """Whether a passage is said twice around a connector: ``A and A``, ``A, where A``."""
    tail = match.tail
    if seam > Seam.INLINE or not 1 <= tail <= 2 or match.lead:
        return False
    if not all(key in CONNECTORS for key in words.keys[match.i - tail : match.i]):
        return False
    if not _ends_clause(words, match.i + match.m - 1):
        return False
    return match.m == match.i - match.j - tail and _passes(match, _CONJOINED)


def _conjoined_edit(words: Words, match: _Match, gate: _Gate, seam: int) -> Candidate:
    """Remove the connector and the second copy; keep the first."""
    i, j, m = match.i, match.j, match.m
    end_of_first = words.ends[i - match.tail - 1]
    connector = words.text[words.starts[i - match.tail] : words.ends[i - 1]]
    reason = f"{match.matched:g} words said twice around “{connector}”; kept the first"
    edit = Edit(end_of_first, words.ends[i + m - 1], "", "loop", _score(match, gate, seam), reason)
    return Candidate(edit, (words.starts[j], end_of_first))


#: A sentence end with the closing quotes and brackets around it (``.``, ``!»``, ``».``).
_SENTENCE_CLOSE: Final = regex.compile(
    r"[\p{Pf}\p{Pe}\"']*[.!?\N{HORIZONTAL ELLIPSIS}]+[\p{Pf}\p{Pe}\"']*"
)


def _sentence_close(gap: str) -> str:
    """The sentence end that opens ``gap`` (``.`` of ``.\n``, ``!»`` of ``!» ``), or ``""``."""
    found = _SENTENCE_CLOSE.match(gap)
    return found.group() if found else ""


def _right_cut_edit(words: Words, match: _Match, gate: _Gate, seam: int) -> Candidate:
    """Remove the later copy, which stops short, and the seam before it."""
    i, m = match.i, match.m
    if match.partial:
        end = words.ends[i + m]
    else:
        end = words.ends[i + m - 1]
        # a sentence end after the copy's last word that follows the earlier copy's word too
        # is the copy's (``exponent. Een\n---\n... exponent.\nbinaire``)
        mark = _sentence_close(words.gap(i + m))
        if mark and _sentence_close(words.gap(match.pairs[-1][0] + 1)) == mark:
            end += len(mark)
    reason = (
        f"the later copy repeats {match.matched:g} of {i - match.j} words after a "
        f"{_SEAM_NAMES[seam]} and stops short; kept the earlier, complete copy"
    )
    score = _score(match, gate, seam)
    start = words.ends[i - 1]
    if seam < Seam.SEPARATOR:  # no separator to remove: the earlier copy keeps its comma
        gap = words.gap(i)
        start += len(gap) - len(gap.lstrip(_CLAUSE_PUNCTUATION))
    edit = Edit(start, end, "", "overlap", score, reason)
    return Candidate(edit, (words.starts[match.j], start))


def _marked_seams(words: Words) -> dict[int, int]:
    """The seams stronger than a plain space, by the index of the word after them."""
    text, starts, ends = words.text, words.starts, words.ends
    count = len(starts)
    # the words after the marks, each once, in the order found
    after = dict.fromkeys(
        bisect.bisect_left(starts, mark.start())
        for scan in _SEAM_MARK
        for mark in scan.finditer(text)
    )
    gaps = ((i, text[ends[i - 1] : starts[i]]) for i in after if 0 < i < count)
    # a bare line break (most marks of wrapped text) is a line seam: no need to read it
    return {i: Seam.LINE if gap == "\n" else seam_of(gap) for i, gap in gaps}


_FIRST_THREE: Final = operator.itemgetter(slice(3))  # a key's first three characters
_REFRAIN_LINES: Final = 8  # a line equal to one of the previous eight lines is a refrain
_DUPLICATE_WORDS: Final = 5  # words between spaces of each of two lines of wrapped prose
_DUPLICATE_WIDTH: Final = 35  # characters of each of them
_SENTENCE_TWICE: Final = 8  # words between spaces of a whole sentence said twice that is no refrain
_TILE_COPIES: Final = 3  # copies of a line that tiles of a scan make at most (more: a flood)


def _duplicate_line(line: str, before: str, earlier: str = "") -> bool:
    """Whether ``line``, said twice in a row after ``before``, is a duplicate, not a refrain.

    A tile of scanned text read twice: a line of wrapped prose after another (five words
    between spaces and 35 characters or more each); a whole sentence (the line before ends
    one and the line ends one too) only of eight words or more: a short one said twice may
    be meant, a long one is a transcript's or a model's duplicate. After a line of prose
    that breaks off on an article, a preposition or a hyphen, a line of any length goes on
    its sentence; so does the short last line of a paragraph (``muestra.``, ``and
    aptitude.``), which ends in lower case the sentence that a line of prose left open after
    another long line (``earlier``). A lyric's lines are shorter, and so are chat lines,
    however many words their names and addresses hold; a line naming a URL, a path or an
    option is configuration, a command or a log, unless it reads as prose
    (:func:`_reads_as_prose`).
    """
    sentence = SENTENCE_END.search(line) is not None
    short = len(line.split(None, _SENTENCE_TWICE)) < _SENTENCE_TWICE
    if sentence and short and SENTENCE_END.search(before):
        return False  # a short sentence said twice may be meant
    if CODE_WORDS.search(line) and not _reads_as_prose(line):
        return False
    if len(before.strip()) >= _DUPLICATE_WIDTH and _breaks_off(before):
        return True  # the line goes on with a sentence the line before broke off
    if not _prose_line(before):
        return False
    if (
        (sentence or line.rstrip().endswith(":"))
        and line.lstrip()[:1].islower()
        and before.rstrip()[-1:].isalnum()
        and len(earlier.strip()) >= _DUPLICATE_WIDTH
    ):
        return True  # a paragraph's last line, ending the sentence the line before left open
    return _prose_line(line)


def _duplicate_opening(line: str, after: str) -> bool:
    """Whether ``line``, said twice in a row to open a paragraph, is a duplicate.

    With no line before it to tell wrapped prose from verse, the line after the copies
    tells: a line of wrapped prose, or a whole sentence of eight words or more, said twice
    and followed by more prose is a tile read twice; a heading, a title or a lyric's first
    line is shorter, and a line naming a URL, a path or an option is configuration.
    """
    if CODE_WORDS.search(line) and not _reads_as_prose(line):
        return False
    if SENTENCE_END.search(line) and len(line.split(None, _SENTENCE_TWICE)) < _SENTENCE_TWICE:
        return False  # a short sentence said twice may be meant
    return _prose_line(line) and _prose_line(after)


def _prose_line(line: str) -> bool:
    """Whether ``line`` is as long as a line of wrapped prose (35 characters, five words)."""
    return (
        len(line.strip()) >= _DUPLICATE_WIDTH
        and len(line.split(None, _DUPLICATE_WORDS)) >= _DUPLICATE_WORDS
    )


_PROSE_SHARE: Final = 0.6  # of a line's pieces between spaces that are words of letters, in prose
#: Marks around a word in a piece between spaces: ``"/usr/share/doc/"``, ``too.``, ``«foo»``.
_AROUND_WORD: Final = string.punctuation + "«»“”‘’„…"


def _reads_as_prose(line: str) -> bool:
    """Whether most pieces of ``line`` between spaces are words of letters, five or more.

    ``documentation in "/usr/share/doc/" should be consulted too`` reads as prose;
    ``deb http://deb.debian.org/debian bookworm main`` and ``GET /index.html HTTP/1.1 200``
    do not.
    """
    pieces = line.split()
    letters = sum(piece.strip(_AROUND_WORD).isalpha() for piece in pieces)
    return letters >= _DUPLICATE_WORDS and letters >= _PROSE_SHARE * len(pieces)


#: Articles and prepositions: a line of prose that ends on one breaks off inside a sentence
#: (a line of verse may end on "and").
_BREAKING_OFF: Final = FUNCTION_WORDS - COORDINATORS - CONNECTORS


def _breaks_off(line: str, words: frozenset[str] = _BREAKING_OFF) -> bool:
    """Whether a line ends on one of ``words`` (articles, prepositions) or a hyphen."""
    last = line.rsplit(None, 1)[-1] if line.strip() else ""
    return last.endswith(("-", "\N{HYPHEN}")) or last.casefold() in words


def _tiles(lines: list[str], line_keys: list[tuple[str, ...] | None]) -> list[tuple[int, int, int]]:
    """Runs of one or two lines read again by a scan's tiles: ``(first, n, stop)``.

    A unit of one or two lines (``lines[first:n]``) said again right after itself (in
    ``lines[n:stop]``), two or three times in all (more: a flood, a chorus), that is wrapped
    prose (:func:`_duplicate_line`). Each run of copies is read once: the cost is linear in
    the number of lines.
    """
    runs: list[tuple[int, int, int]] = []
    count = len(lines)
    for size in (1, 2):
        n = size
        while n < count:
            if line_keys[n] is None or line_keys[n] != line_keys[n - size]:
                n += 1
                continue
            stop = n  # lines n..stop-1 say again the line ``size`` lines before each
            while stop < count and line_keys[stop] is not None:
                if line_keys[stop] != line_keys[stop - size]:
                    break
                stop += 1
            first = n - size  # the first copy
            copies = (stop - first) // size
            unit = line_keys[first:n]
            if (
                2 <= copies <= _TILE_COPIES
                and (size == 1 or unit[0] != unit[1])  # two lines alike: a unit of one
                and _read_twice(lines, first, n, first + copies * size)
            ):
                runs.append((first, n, first + copies * size))
            n = stop
    return runs


def _read_twice(lines: list[str], first: int, n: int, stop: int) -> bool:
    """Whether ``lines[first:n]``, said again up to ``stop``, are wrapped prose read twice.

    The line before tells (:func:`_duplicate_line`); at a paragraph's start, where there is
    none, the line after the copies does (:func:`_duplicate_opening`).
    """
    copy = "\n".join(lines[n : 2 * n - first])
    if first and lines[first - 1].strip():
        return _duplicate_line(copy, lines[first - 1], lines[first - 2] if first >= 2 else "")
    return _duplicate_opening(copy, lines[stop] if stop < len(lines) else "")


def _line_repeats(words: Words) -> tuple[set[int], list[Candidate]]:
    """Words that start a line said again on purpose, and the removals of tiles read twice.

    Lyrics, litanies and lists say whole lines again on purpose (a refrain: a line equal in
    keys to one of the lines just before it); a line break before such a line is no chunk
    seam. One or two lines of wrapped prose said again right after themselves are tiles of a
    scan read twice (:func:`_tiles`), not a refrain: the later copies are removed, but in
    list items, tables and code.
    """
    text, starts, keys = words.text, words.starts, words.keys
    lines = text.split("\n")
    line_starts = words.line_starts
    firsts: list[int] = []  # each line's first word
    line_keys: list[tuple[str, ...] | None] = []  # each line's keys; None: no word
    for line, position in zip(lines, line_starts):
        first = bisect.bisect_left(starts, position)
        last = bisect.bisect_left(starts, position + len(line))
        firsts.append(first)
        line_keys.append(tuple(keys[first:last]) if first < last and line.strip() else None)
    runs = _tiles(lines, line_keys)
    tiles = {line for _, n, stop in runs for line in range(n, stop)}
    found: set[int] = set()
    recent: dict[tuple[str, ...], int] = {}
    for line_no, key in enumerate(line_keys):
        if not lines[line_no].strip():
            recent.clear()
        elif key is not None:
            seen_at = recent.get(key)
            said = seen_at is not None and line_no - seen_at <= _REFRAIN_LINES
            if said and line_no not in tiles:
                found.add(firsts[line_no])
            recent[key] = line_no
    removals: list[Candidate] = []
    for first, n, stop in runs:
        keep = (line_starts[first], line_starts[n] - 1)  # the first copy, without its break
        end = line_starts[stop] - 1 if stop < len(line_starts) else len(text)
        if words.structured(keep[0], end):
            continue  # a list item, a table row or a line of code said again
        length = firsts[n] - firsts[first]
        content = sum(words.content[firsts[first] : firsts[n]])
        copies = (stop - first) // (n - first)
        unit = f"{length} words" if length > 1 else "a word"
        reason = f"{unit} of wrapped prose read {copies} times in a row; kept the first"
        score = _confidence(1.0, content, length, Seam.LINE)
        removals.append(Candidate(Edit(keep[1], end, "", "overlap", score, reason), keep))
    return found, removals


def overlaps(
    words: Words,
    config: Config,
    focus: Sequence[tuple[int, int]] | None = None,
    skip: Sequence[tuple[int, int]] = (),
) -> list[Candidate]:
    """Find passages re-emitted right after themselves across a seam (and restarts).

    Candidates come from stem bigrams seen within ``config.window`` words before each word;
    each is verified by an alignment (rapidfuzz LCS on stems, so insertions, deletions and
    substitutions are tolerated) and judged by the gate of its seam.

    Args:
        words: The segmented text.
        config: The configuration (``window``, ``max_copy_words``).
        focus: Sorted character ranges; seams outside them are not examined (later rounds
            look only where the previous round removed something).
        skip: Sorted, disjoint character ranges whose seams are not examined (loops).

    Returns:
        Candidate edits of kind ``"overlap"`` and ``"restart"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "il peut fournir une partie de ce capital ;\\nune partie de ce capital."
        >>> [c.edit.removed(text) for c in overlaps(segment(text), Config())]
        ['une partie de ce capital ;\\n']
    """
    stems = words.stems
    bigrams = list(zip(stems, stems[1:]))
    n = len(bigrams)
    places = words.places
    marked = _marked_seams(words)
    refrain_set, tiles = _line_repeats(words)
    refrains = sorted(refrain_set)
    for x in refrains:
        if marked.get(x) == Seam.LINE:
            del marked[x]  # a refrain line: no seam before it
    strong_seams = (x for x, strength in marked.items() if strength >= Seam.SEPARATOR)
    # a bigram said again within the window: a seam (one said long before is no evidence,
    # and looking at it would make the cost per word grow with the length of the text)
    window = config.window
    close = [(a, b) for xs in places.values() for a, b in zip(xs, xs[1:]) if b - a <= window]
    again = {b for _, b in close}
    # a later copy after a line break may start with a word or two the earlier lacks
    lines_before = {x for b in again for x in (b - 1, b - 2) if marked.get(x) == Seam.LINE}
    anchors = _inline_anchors(words, close, marked)
    seams = sorted({*strong_seams, *again, *lines_before, *anchors})
    if focus is not None:
        starts, focus_starts = words.starts, [start for start, _ in focus]
        seams = [
            i
            for i in seams
            if (f := bisect.bisect_right(focus_starts, starts[i]) - 1) >= 0
            and starts[i] < focus[f][1]
        ]
    if skip:
        skip_starts = [start for start, _ in skip]
        seams = [
            i
            for i in seams
            if (f := bisect.bisect_right(skip_starts, words.starts[i]) - 1) < 0
            or words.starts[i] >= skip[f][1]
        ]
    # a copy ending at a seam beside a list item, a table row or a line of code would span
    # that line: such seams are left alone
    # (but for a seam inside the text of a list item: a copy may lie in that item alone)
    seams = [i for i in seams if 2 <= i < n]
    if words.structured(0, len(words.text)):  # some line is structured
        starts, ends = words.starts, words.ends
        structured = words.structured
        seams = [
            i
            for i in seams
            if not structured(starts[i - 1], ends[i])
            or not (_apart(words, bigrams, i) or _beyond_items(words, starts[i - 1], ends[i]))
        ]
    context = _Context(
        words,
        config,
        bigrams,
        places,
        refrains,
        sorted(x for x, strength in marked.items() if strength >= Seam.SEPARATOR),
        [],
        _paragraphs(words),
        anchors,
    )
    edits: list[Candidate] = tiles
    waiting: list[tuple[_Match, int]] = []  # near misses at separator seams
    # accepted copies after a separator: at a line end (any mark), or inside a line (by mark)
    confirmed: collections.Counter[str] = collections.Counter()
    marks: collections.Counter[str] = collections.Counter()  # the marks of line-end seams
    copied: set[int] = set()  # seams with a copy accepted after them
    covered = 0  # words before this index belong to a copy already found
    for i in seams:
        if i < covered and marked.get(i, Seam.INLINE) < Seam.LINE:
            continue  # inside a later copy every word repeats: its start explains them all
        seam = marked.get(i, Seam.INLINE)
        best, near, seam = _best_at(context, i, seam)
        if best is not None:
            chain = _chain(words, best[1]) if best[2].tail != _CUT else None
            if chain is not None:  # three exact copies or more: a loop longer than loops() sees
                edits.append(chain)
                covered = max(covered, bisect.bisect_left(words.starts, chain.edit.end))
                continue
            if best[2] is _CONJOINED:
                make = _conjoined_edit
            elif best[2].tail == _CUT:
                make = _right_cut_edit
            else:
                make = _edit
            edits.append(make(words, best[1], best[2], seam))
            if best[1].similarity == 1.0 and best[2].tail != _CUT:
                covered = max(covered, i + best[1].m)  # an exact copy: nothing better inside
            if seam >= Seam.SEPARATOR:
                confirmed[_separator_kind(words, i, seam)] += 1
                if seam == Seam.SEPARATOR_LINE:
                    marks[_mark(words.gap(i))] += 1
                    copied.add(i)
        elif near is not None:
            waiting.append((near, seam))
    for match, seam in waiting:
        kind = _separator_kind(words, match.i, seam)
        if kind and confirmed[kind] >= _CONFIRMING and _passes(match, _CONFIRMED_SEPARATOR):
            edits.append(_edit(words, match, _CONFIRMED_SEPARATOR, seam))
            copied.add(match.i)
    if any(count >= _CONFIRMING for count in marks.values()):
        edits += _confirmed_marks(words, marked, marks, copied)
    return edits


#: A mark typed after a space at a line end (``capital ;\n``): group 1 is the space and mark.
_LINE_END_MARK: Final = re.compile(r"([^\S\n]+[;/,\N{HORIZONTAL ELLIPSIS}])[^\S\n]*\n")


def _confirmed_marks(
    words: Words, marked: dict[int, int], marks: collections.Counter[str], copied: set[int]
) -> list[Candidate]:
    """The marks left at line ends that the text's chunk seams write (``aller ;\nen``).

    A chunked text marks every seam the same way, with a copy after it or not: where two
    copies were accepted after a mark typed at a line end, that mark typed after a word at
    the end of another line (no list item, table row or code) is a seam's too, and goes; the
    line break stays.
    """
    text, edits = words.text, []
    for i, strength in sorted(marked.items()):
        if strength != Seam.SEPARATOR_LINE or i in copied:
            continue
        gap = words.gap(i)
        found = _LINE_END_MARK.match(gap)
        if found is None or marks[_mark(gap)] < _CONFIRMING:
            continue
        start = words.ends[i - 1]
        if structured_line(_line_around(text, start, start)) or structured_line(
            _line_around(text, words.starts[i], words.starts[i])
        ):
            continue
        mark = found.group(1).strip()
        reason = f"“{mark}” at a line end, where the text's chunk seams write it"
        edit = Edit(start, start + found.end(1), "", "separator", _SEPARATOR_SCORE, reason)
        edits.append(Candidate(edit))
    return edits


def _mark(gap: str) -> str:
    """The marks of a seam's gap, without its spaces (``;`` of `` ;\n``, ``/`` of `` / ``)."""
    return "".join(gap.split())


def _separator_kind(words: Words, i: int, seam: int) -> str:
    """Which separator a seam's copies confirm: any at a line end, or this mark in a line.

    A chunked text marks its seams one way: two copies accepted after `` / `` inside a line
    make the next `` / `` a seam too. A bar inside a line is a table's border as often as a
    seam: it confirms nothing (``""``).
    """
    if seam == Seam.SEPARATOR_LINE:
        return "\n"
    mark = _mark(words.gap(i))
    return "" if "|" in mark else mark


#: Words from an inline anchor on that the copies must share (two checked past it).
_ANCHOR_RUN: Final = 4


def _inline_anchors(
    words: Words, close: list[tuple[int, int]], marked: dict[int, int]
) -> dict[int, set[tuple[int, int]]]:
    """Seams inside a line whose copies agree on a bigram a word or two on, and how far.

    ``close`` holds the places ``(a, b)`` of a bigram said twice within the window. The later
    copy may start one or two words before ``b`` when the words before ``a`` and ``b`` are
    the same or inflected forms of each other (``in der Tat … in ders Tat``), or two words
    before when the earlier copy holds a content word of its own after its first one
    (``the modern library building … the library building``). Each seam maps to its anchors
    ``(p, back)``: the bigram ``p`` words after the seam, found ``back`` words after the
    earlier copy's start.
    """
    stems, keys, content = words.stems, words.keys, words.content
    text, starts, ends = words.text, words.starts, words.ends

    def inflected(x: int, y: int, *, alike: bool = False) -> bool:
        """Whether words ``x`` and ``y`` are one word or ``alike``, ``y`` inside a line."""
        return (  # cheap tests first: most pairs differ at once
            stems[x][:3] == stems[y][:3]
            and y not in marked
            and text.find("\n", ends[y], starts[y + 1]) < 0
            and (alike or _soft_equal(keys[x], keys[y]))
        )

    anchors: dict[int, set[tuple[int, int]]] = {}
    last = len(stems) - 1
    for a, b in close:
        # the copies go on alike for a few words (most pairs fail here), or no gate could pass
        if b + _ANCHOR_RUN > last or stems[a + 2] != stems[b + 2] or stems[a + 3] != stems[b + 3]:
            continue
        if a < 2 or b - 2 <= a:
            continue
        if stems[a - 1] != stems[b - 1]:
            if stems[a - 2] == stems[b - 1] and content[a - 1] and b - 1 not in marked:
                # an earlier copy with a word of its own after its first one
                anchors.setdefault(b - 1, set()).add((1, 2))
            if inflected(a - 1, b - 1):  # the word before the bigram is inflected
                anchors.setdefault(b - 1, set()).add((1, 1))
                if inflected(a - 2, b - 2, alike=stems[a - 2] == stems[b - 2]):
                    anchors.setdefault(b - 2, set()).add((2, 2))
        elif stems[a - 2] != stems[b - 2] and inflected(a - 2, b - 2):
            anchors.setdefault(b - 2, set()).add((2, 2))  # the word two before is inflected
    return anchors


def _leads_alike(words: Words, j: int, i: int, p: int, back: int) -> bool:
    """Whether the copies from ``j`` and from ``i`` pair up before an inline anchor.

    The anchor lies ``p`` words after ``i`` and ``back`` words after ``j``. One word more in
    the earlier copy is a content word of its own after its first one (a function word there
    is an antithesis's: ``Потомство не от слова …, потомство от слова``); otherwise each
    pair is one word or inflected forms of one word.
    """
    stems, keys = words.stems, words.keys
    if back == p + 1:
        return stems[j] == stems[i] and words.content[j + 1]
    return all(
        stems[j + t] == stems[i + t] or _soft_equal(keys[j + t], keys[i + t]) for t in range(p)
    )


@dataclass(frozen=True, slots=True)
class _Context:
    """What the overlap search of one text knows before it looks at a seam."""

    words: Words
    config: Config
    bigrams: list[tuple[str, str]]
    places: dict[tuple[str, str], list[int]]  # where each repeated bigram stands
    refrains: list[int]  # words that start a line said again
    separators: list[int]  # words after a separator seam
    #: each key's first three characters (inflected forms share them), filled when first
    #: asked for (:func:`_may_pass_inline`): most seams of clean text never need them
    prefixes: list[str]
    paragraphs: list[int]  # each word's paragraph (blank lines apart); empty if one paragraph
    #: seams inside a line whose copies first agree on a later bigram (:func:`_inline_anchors`)
    anchors: dict[int, set[tuple[int, int]]]


def _paragraphs(words: Words) -> list[int]:
    """Each word's paragraph, counting blank lines before it; empty if the text has none."""
    blanks = [match.start() for match in _BLANK_LINE.finditer(words.text)]
    if not blanks:
        return []
    return [bisect.bisect_left(blanks, start) for start in words.starts]


#: The least similarity of the gates for copies inside a line, but for the two kinds of copy
#: that :func:`_may_pass_inline` bounds on their own (a connector, a cut-off word).
_INLINE_SIMILARITY: Final = min(
    gate.similarity
    for gate in (
        _GATES[Seam.INLINE],
        _GATES[Seam.SENTENCE],
        _INLINE_RESTART,
        _INLINE_PAIR,
        _INLINE_EXACT,
        _INLINE_VARIANT,
        _SENTENCE_EXACT,
    )
)


#: What may end a paragraph broken by a chunk seam: nothing, a colon or a separator.
_PARAGRAPH_END: Final = re.compile(
    r"[^\S\n]*(?:[;:,/\N{HORIZONTAL ELLIPSIS}\N{EN DASH}\N{EM DASH}-]|\.\.\.)?\s*"
)
_PARAGRAPH_WORDS: Final = 6  # words of its paragraph before an earlier copy across a blank line
#: Words of a later copy across a blank line that may make a line of its own.
_PARAGRAPH_LINE: Final = 8


def _paragraph_seam(context: _Context, j: int, i: int) -> bool:
    """Whether copies from words ``j`` and ``i`` may lie across the blank line before ``i``.

    Chunks joined with a blank line: the paragraph before breaks off mid-sentence (nothing,
    a colon or a separator after its last word), the copy does not start a line of its own
    (a heading, a list item, a stanza's line) unless that line breaks off on an article or a
    preposition, as none of those does, and the paragraph holds more than a heading
    or a list item before the copy (six words and a line break, or twelve words: a numbered
    heading is said again by its text however long it is), unless it breaks off on an
    article or a preposition or the next paragraph goes on with its sentence (a word in
    lower case: ``… à l’aide de\\n\\npouvez configurer … à l’aide de l’outil ufw``).
    """
    words, paragraphs = context.words, context.paragraphs
    if paragraphs[i] != paragraphs[j] + 1 or paragraphs[i - 1] != paragraphs[j]:
        return False
    if not _PARAGRAPH_END.fullmatch(words.gap(i)):
        return False
    if words.line_start(j) and words.keys[i - 1] not in FUNCTION_WORDS:
        return False  # a line of its own, unless it breaks off on an article or a preposition
    if words.keys[i - 1] in FUNCTION_WORDS or (
        words.keys[i].isalpha() and words.text[words.starts[i]].islower()
    ):
        return True  # breaks off on an article, or goes on with a sentence: no heading
    first = bisect.bisect_left(paragraphs, paragraphs[j])
    if any(words.line_start(x) for x in range(first + 1, j)):
        return j - first >= _PARAGRAPH_WORDS  # a wrapped paragraph
    # one line: a heading or a list item, unless long (two characters of Chinese or
    # Japanese weigh one word)
    return j - first >= 2 * _PARAGRAPH_WORDS * (2 if words.ideographic else 1)


def _may_pass_inline(context: _Context, j: int, i: int) -> bool:
    """Whether some gate inside a line could accept copies from about ``j`` and after ``i``.

    A cheap bound that spares most alignments at seams inside a line, where every gate asks
    for alike copies: the left copy starts where the right one does (no lead), on a word of
    the same stem, from ``j - _SLACK`` on; the aligned pairs (stems, or inflected forms) share
    their first three characters, so their number is at most the longest common subsequence
    of those prefixes (one more for a copy ending on a cut-off word). Then a copy of ``k``
    words with ``n`` aligned is at most ``2n / (k + n)`` alike; a copy said twice around a
    connector (the word before ``i``) lacks at most two words; one that stops short inside a
    word (:data:`_CUT_PARTIAL`: 0.9 alike to the left copy less a tail no longer than the
    aligned words) has at least 0.45 of its left copy aligned, and never spans a sentence end.
    A gate's similarity also bounds the later copy's length (:func:`_alike_within`).
    """
    words, stems, prefixes = context.words, context.words.stems, context.prefixes
    if not prefixes:
        prefixes += map(_FIRST_THREE, words.keys)
    start = max(j - _SLACK, 0)
    k = i - start
    right = prefixes[i : min(len(stems), i + k + 2 + k // 3)]
    target = stems[i]
    connector = words.keys[i - 1] in CONNECTORS  # the left copy may end with one or two
    x = start - 1
    while True:
        try:
            x = stems.index(target, x + 1, i)
        except ValueError:
            return False
        size = i - x
        left = prefixes[x:i]
        aligned = LCSseq.similarity(left, right) + 1
        if aligned >= size - 2 and connector:
            return True
        if _alike_within(left, right, aligned, _INLINE_SIMILARITY, cut=False):
            return True
        if (
            2 * aligned >= _CUT_PARTIAL.similarity * size
            and not _sentence_start(words, x)
            and not _INNER_SENTENCE_END.search(words.text, words.starts[x], words.ends[i - 1])
            and _alike_within(left, right, aligned, _CUT_PARTIAL.similarity, cut=True)
        ):
            return True


def _alike_within(
    left: list[str], right: list[str], aligned: int, similarity: float, *, cut: bool
) -> bool:
    """Whether a later copy within ``right`` may hold words enough aligned with ``left``.

    ``aligned`` bounds the aligned words (the longest common subsequence of ``left`` and
    ``right``, plus one). A gate of ``similarity`` asks ``2n >= similarity * (k + m)`` of
    ``n`` words aligned between a left copy of ``k`` words and a later copy of ``m``; for a
    copy that stops short (``cut``), ``2n >= similarity * k`` of the left copy with its tail,
    and ``2n >= similarity * (n + m)`` of its aligned start. So the later copy is at most so
    long: while that is shorter than ``right``, the aligned words are counted again in that
    stretch alone (and one word more).
    """
    size = len(left)
    while 2 * aligned >= similarity * (size if cut else size + aligned):
        longest = 2 * aligned / similarity - (aligned if cut else size)
        length = int(longest) + 1
        if length >= len(right):
            return True
        fewer = LCSseq.similarity(left, right[:length]) + 1
        if fewer == aligned:
            return True
        aligned, right = fewer, right[:length]
    return False


#: The anchors tried at a seam: the bigram ``p`` words on, the copies' own words before it.
_PLAIN_ANCHORS: Final[list[tuple[int, int | None]]] = [(p, None) for p in range(4)]


def _best_at(
    context: _Context, i: int, seam: int
) -> tuple[tuple[float, _Match, _Gate] | None, _Match | None, int]:
    """The best-scoring overlap whose later copy starts at word ``i``, and the nearest miss.

    No line from word ``i - 1`` to word ``i`` is a list item, a table row or code
    (:func:`overlaps` looks at no other seam).
    """
    words, config, bigrams = context.words, context.config, context.bigrams
    stems, content = words.stems, words.content
    strong = seam >= Seam.SEPARATOR
    best: tuple[float, _Match, _Gate] | None = None
    near: _Match | None = None
    done: set[int] = set()
    upgraded = False  # whether an inline seam was told from a sentence end yet
    # a strong seam may begin with garbled words; a copy that starts with two function
    # words ("à l’invite de ...") is anchored on the words after them
    reach = 4 if strong else 1 if content[i] or content[i + 1] else 3
    # after a line break, the later copy may also start with a word or two that the earlier
    # lacks ("effective qu’après une ...\n" after "qu’après une ..."): anchors further in
    leading = 3 if seam == Seam.LINE else reach
    tries_at = _PLAIN_ANCHORS[: min(max(reach, leading), len(bigrams) - i)]
    extra = context.anchors.get(i)
    if extra:
        # inside a line, copies whose first words differ by an inflection, or whose earlier
        # copy holds a word of its own after its first one, first agree on a later bigram
        tries_at = tries_at + sorted(extra)
    for p, back in tries_at:
        if best is not None and best[0] >= _SURE:
            break  # an anchor further in cannot do better than a near-certain match
        anchored = content[i + p] or content[i + p + 1] or words.ideographic
        if not (strong or seam == Seam.LINE or anchored or back is not None):
            continue
        lead = p >= reach and back is None  # the words before the anchor are the later copy's own
        if lead and not words.gap(i + p).isspace():
            break  # words that end a clause ("existe, de lo que no existe") are no lead
        places = context.places.get(bigrams[i + p], ())
        stop = bisect.bisect_right(places, i - 2)  # the anchor lies inside the left copy
        # an anchor said every few words (a template, a table run into one line) offers its
        # nearest earlier place only: three each would align most of the text three times
        tries = 1 if stop - bisect.bisect_left(places, i - config.window) > _FREQUENT else 3
        for q in reversed(places[max(stop - tries, 0) : stop]):
            j = q if lead else q - p  # garbled words in place of the earlier's, or a lead
            if back is not None:
                j = q - back
                if j < 0 or not _leads_alike(words, j, i, p, back):
                    continue
            if j < 0 or j < i - config.window or i - j > config.max_copy_words or j in done:
                continue
            if lead and any(words.line_start(x) for x in range(max(j - p - 2, 0), j)):
                continue  # two lines alike but for their first words: list items, verse
            done.add(j)
            across = bool(context.paragraphs) and context.paragraphs[j] != context.paragraphs[i]
            if across and not _paragraph_seam(context, j, i):
                continue  # no copy crosses a blank line but a chunk's: a heading, then its text
            if (
                seam <= Seam.INLINE
                and i - j < 3
                and not (i - j == 2 and words.gap(i).isspace() and words.gap(j + 1).isspace())
            ):
                continue  # inside a line the gates ask for three words, or two side by side
            if not strong:
                # the gates ask the left copy's end to recur about as far on (similarity
                # 0.75 or more), or else its first three words to start the later copy (a
                # short one may end on the cut-off start of a word: ``quarterly earn``)
                k = i - j
                reach = k // 3 + 2
                if (
                    stems[i - 1] not in stems[i + k - reach : i + k + reach]
                    and stems[j : j + 3] != stems[i : i + 3]
                    and not (
                        k <= 3
                        and i + k <= len(stems)
                        and stems[j : i - 1] == stems[i : i + k - 1]
                        and _cut_off(words, i - 1, i + k - 1)
                    )
                ):
                    continue
            if not upgraded:
                upgraded = True
                if seam == Seam.INLINE:
                    seam = words.seam(i)  # inline or a sentence end
            if (
                seam <= Seam.INLINE
                and not words.ideographic
                and not _may_pass_inline(context, j, i)
            ):
                continue
            match = _align(words, j, i)
            if match is None:
                continue
            paragraphs = context.paragraphs
            if paragraphs and match.tail:
                last = min(i + match.m - (0 if match.partial else 1), len(paragraphs) - 1)
                if paragraphs[last] != paragraphs[i]:
                    continue  # a later copy that stops short never runs into the next paragraph
            if lead and (
                match.similarity < _LEAD_SIMILARITY or (match.lead and match.matched < i - match.j)
            ):
                continue  # as alike as inside a line; after a lead, the earlier copy is whole
            x = bisect.bisect_right(context.refrains, match.j)
            if not strong and x < len(context.refrains) and context.refrains[x] < i + match.m:
                continue  # the copies hold a refrain line: lyrics, not damage
            if (
                not strong
                and x
                and context.refrains[x - 1] == match.j
                and words.gap(i)[:1] in _CLAUSE_MARKS
            ):
                continue  # a refrain line ending a clause, then sung on: "x,\nx,\nx and y."
            x = bisect.bisect_right(context.separators, match.j)
            if not strong and x < len(context.separators) and context.separators[x] < i:
                continue  # the real seam is inside the left copy
            gates = _gates_for(words, match, seam)
            if across:  # the later copy goes on in its line: a line of its own is a refrain's
                goes_on = match.m >= _PARAGRAPH_LINE or not words.line_end(i + match.m - 1)
                whole = goes_on and _paragraph_seam(context, match.j, i)
                if not (gates and whole):
                    gates = ()
                elif words.keys[i - 1] in FUNCTION_WORDS:  # no paragraph ends on "in"
                    gates = (_PARAGRAPH, _PARAGRAPH_OPEN)
                else:
                    gates = (_PARAGRAPH,)
            gate = next((g for g in gates if _passes(match, g)), None)
            deliberate = gate is not None and _deliberate(words, match, seam)
            if deliberate:
                gate = None
            if gate is not None and seam <= Seam.INLINE and _inline_veto(words, match):
                gate = None
            if gate is not None and seam == Seam.LINE and not _stops_agree(words, match, True):
                gate = None  # "exponent. Een\nbinaire exponent bestaat uit een"
            if gate is not None and (
                _say_otherwise(words, match, strong)
                or (not strong and (_contrast(words, match) or _stems_only(words, match)))
            ):
                gate = None
            if gate is not None and match.tail and gate.tail != _CUT and not across:
                # the earlier copy's last words, said nowhere after the later copy: they are
                # the text's, and the later copy stops short ("stoppen of herstarten ,\nhet
                # systeem stoppen of\nzal"); a later copy that goes on to say them stays
                cut = _right_cut_gate(words, match, seam)
                if cut is not None and _passes(match, cut) and not _tail_said(words, match):
                    gate = cut
            if gate is None and not (across or deliberate):  # across a blank line: whole
                for shorter in itertools.chain((match,), _shortened(words, match, seam)):
                    cut = _right_cut_gate(words, shorter, seam)
                    if cut is not None and _passes(shorter, cut):
                        if _say_otherwise(words, shorter, strong):
                            break  # "the source code of the\nSource Code of the Program"
                        match, gate = shorter, cut
                        break
            if gate is None and not across and _conjoined(words, match, seam):
                gate = _CONJOINED
            if gate is not None:
                score = _score(match, gate, seam)
                if (best is None or score > best[0]) and not _abuts(best, match):
                    best = (score, match, gate)
            elif seam >= Seam.SEPARATOR and (near is None or match.matched > near.matched):
                near = match
    if best is None and strong and not words.ideographic:
        broken = _broken_copy(words, i)
        cut = _right_cut_gate(words, broken, seam) if broken is not None else None
        if broken is not None and cut is _CUT_PARTIAL_SEPARATOR and _passes(broken, cut):
            best = (_score(broken, cut, seam), broken, cut)
    return best, near, seam


_BROKEN_REACH: Final = 6  # words before a separator that a copy broken off may say again
_BROKEN_LETTERS: Final = 2  # letters at least that a word broken off loses


def _broken_off(words: Words, x: int, y: int) -> bool:
    """Whether word ``y`` is word ``x`` broken off, not a word of its own or a hyphenated one.

    It loses two letters or more (``о`` of ``об`` is a word), is no word the text writes
    elsewhere, and no hyphen follows it (``dis-\nponible`` is a word broken at a wrap).
    """
    keys = words.keys
    if len(keys[x]) - len(keys[y]) < _BROKEN_LETTERS or keys.count(keys[y]) > 1:
        return False
    return not words.text.startswith(("-", "\N{HYPHEN}"), words.ends[y])


def _broken_copy(words: Words, i: int) -> _Match | None:
    """A later copy after word ``i``'s seam too short for a bigram to anchor it.

    The words from ``i`` say again, word for word, the words from ``j`` (a few words before
    the seam), then break off inside the next one (``nel modo ;\nnel m``): one whole word
    and a piece are no repeated pair of words.
    """
    keys, flags = words.keys, words.content
    if _BLANK_LINE.search(words.gap(i)):
        return None
    for j in range(i - 2, max(i - _BROKEN_REACH, 0) - 1, -1):
        n = 0
        while j + n < i - 1 and i + n < len(keys) and keys[j + n] == keys[i + n]:
            n += 1
        if n and _cut_start(keys, j + n, i + n) and _broken_off(words, j + n, i + n):
            pairs = tuple((j + t, i + t) for t in range(n))
            content = float(sum(flags[j : j + n]))
            return _Match(
                j=j,
                i=i,
                m=n,
                matched=float(n),
                content=content,
                similarity=2 * n / (i - j + n),
                tail=i - j - n,
                lead=0,
                novel=sum(flags[j:i]) - content,
                novel_right=0.0,
                prefix_similarity=1.0,
                partial=True,
                right_matched=frozenset(y for _, y in pairs),
                pairs=pairs,
            )
    return None


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
    for mark in _FALSE_PERIOD.finditer(text):
        # "generations. generations.": a word, a full stop, the word again in lower case (a
        # caption line's end; "atd. atd.", "oraz? oraz?", "chown.  chown changes" are written)
        x = bisect.bisect_left(starts, mark.end())
        if not 0 < x < len(keys) or starts[x] != mark.end() or keys[x] != keys[x - 1]:
            continue
        if ends[x - 1] != mark.start() or not words.content[x] or keys[x] in CHANTS:
            continue
        if len(keys[x]) < 4:
            continue  # "etc. etc.", "atd. atd.": an abbreviation said twice
        if not keys[x].isalpha():
            continue  # "dans arp_dev. arp_dev est": a name from code ends a sentence, opens one
        if words.structured(starts[x - 1], ends[x]):
            continue  # "       GNU chmod. chmod changes": a manual page names its command
        if x + 1 < len(keys) and not _CLAUSE_END_GAP.match(words.gap(x + 1)):
            # a caption line said again ends where the first did; a word that opens a
            # sentence and goes on is a name said at the end of one and the start of the
            # next ("the program chmod. chmod changes", "the given version. version may")
            continue
        reason = f"“{text[starts[x] : ends[x]]}” said again after a false sentence end"
        edits.append(Edit(ends[x - 1], ends[x], "", "stutter", _STUTTER_SCORE, reason))
    # the first word after each line break; each gap is looked at once, however many
    # line breaks it holds (a blank line between two words is no wrap)
    after_breaks = sorted({bisect.bisect_left(starts, m.start()) for m in re.finditer("\n", text)})
    for i in after_breaks:
        if i == 0 or i >= len(keys):
            continue
        gap = words.gap(i)
        if gap.count("\n") != 1:
            continue
        first, second = keys[i - 1], keys[i]
        elided = elision_equivalent(first, second)
        if not (first == second or elided) or first[0].isdigit():
            continue
        marks = gap.strip()
        if marks and not (len(marks) == 1 and marks in ";/\N{HORIZONTAL ELLIPSIS}"):
            continue  # punctuation at the wrap: "Paris.\nParis", "oui,\noui"
        if _echoed(words, i, i):
            continue  # "wir fahren morgen…\nMorgen? Das geht nicht."
        recapitalised = text[starts[i - 1]].islower() and text[starts[i]].isupper()
        if first in LEGIT_DOUBLES and not marks and not recapitalised:
            continue
        if (
            words.line_start(i - 1)
            and not marks
            and not _line_around(text, starts[i], ends[i]).strip().count(" ")
        ):
            continue  # one word or name a line (README, README.gtkrc): a column, not a wrap
        if words.structured(starts[i - 1], ends[i]):
            continue  # "$ type ls\nls is hashed"
        if _indent(text, starts[i]) > _indent(text, starts[i - 1]):
            continue  # "Tcl\n   Tcl is a dynamic language": a term, then its definition
        if not marks and second not in FUNCTION_WORDS and _opens_other_lines(words, i):
            continue  # "... otros paquetes\npaquetes de bibliotecas\npaquetes con": list items
        if elided and first.endswith("'") is False:
            start, end = starts[i - 1], starts[i]  # keep the elided second copy
        else:
            start, end = ends[i - 1], ends[i]
        reason = f"“{text[starts[i - 1] : ends[i - 1]]}” doubled across a line wrap"
        edits.append(Edit(start, end, "", "stutter", _STUTTER_SCORE, reason))
    return edits


_ITEM_SLACK: Final = 2  # words an item may have beyond the item it says again


def _enumeration(words: Words, match: _Match) -> bool:
    """Whether the copies are items of a list whose lines end with the seam's mark.

    ``the right to access the data ;\nthe right to erase the data ;\nthe right to object``:
    the later copy's line, ended by the mark, is about as long as the earlier copy, or the
    earlier copy is a whole line after a line ended by the mark. A chunk's copy starts
    inside a line and its line goes on past the copied words (``… du secteur privé ;\nrôle
    clé), de l’État et d’entités privées afin de réunir …``).
    """
    text, i, j = words.text, match.i, match.j
    gap = words.gap(i)
    mark = gap[: gap.find("\n")].strip()
    if not mark:
        return False
    last = i + _words_to_line_end(words, i) - 1
    end = text.find("\n", words.ends[last])
    rest = text[words.ends[last] : len(text) if end < 0 else end]
    if rest.strip() == mark and last - i < i - j + _ITEM_SLACK:
        return True  # the later copy's line, no longer than the earlier copy, is an item
    if not words.line_start(j):
        return False
    start = text.rfind("\n", 0, words.starts[j])
    before = text[text.rfind("\n", 0, max(start, 0)) + 1 : max(start, 0)]
    return start > 0 and before.rstrip().endswith(mark)


def _opens_more(words: Words, match: _Match) -> bool:
    """Whether the earlier copy leaves more brackets open than the later one.

    A copy says the same words with the same marks; an earlier "copy" that opens an aside
    (``the command "kill" (and "man man"\nshows the documentation of the command "man")``)
    is another clause, set beside the later one.
    """
    text, i = words.text, match.i
    earlier = text[max(words.starts[match.j] - 1, 0) : words.ends[i - 1]]
    later = text[words.starts[i] - 1 : words.ends[i + match.m - 1]]
    return _asides(earlier) > max(_asides(later), 0)


_ASIDE: Final = re.compile(r"(?<!\S)\(")  # a bracket that opens an aside, not ``fork(2)``


def _asides(text: str) -> int:
    """Asides that ``text`` opens and does not close."""
    return len(_ASIDE.findall(text)) - text.count(")")


def _one_block(text: str, start: int, end: int) -> bool:
    """Whether the lines from offset ``start`` to offset ``end`` are indented alike."""
    first = _indent(text, start)
    at = text.find("\n", start, end)
    while at >= 0:
        if _indent(text, at + 1) != first:
            return False
        at = text.find("\n", at + 1, end)
    return True


def _indent(text: str, at: int) -> int:
    """How far the line holding offset ``at`` is indented (spaces, tabs, no-break spaces)."""
    line = _line_around(text, at, at)
    return len(line) - len(line.lstrip(" \t\xa0"))


_NEARBY_LINES: Final = 3  # lines before and after a line that a column of items is looked for in
_COLUMN: Final = 3  # lines opening with one word that make a column of items


def _opens_other_lines(words: Words, i: int) -> bool:
    """Whether word ``i``, first on its line, also opens two lines of three words or more around.

    Items of a list extracted from HTML stand on lines of their own without a bullet, and
    often start with the same word (``paquetes de ...``, ``paquetes con ...``).
    """
    line_starts, starts, stems = words.line_starts, words.starts, words.stems
    line = bisect.bisect_right(line_starts, starts[i]) - 1
    found = 0
    for other in range(
        max(line - _NEARBY_LINES, 0), min(line + _NEARBY_LINES + 1, len(line_starts))
    ):
        if other == line:
            continue
        x = bisect.bisect_left(starts, line_starts[other])
        end = line_starts[other + 1] if other + 1 < len(line_starts) else len(words.text)
        # an item goes on after its first word (a word said line after line is a loop)
        if x + 2 < len(starts) and starts[x + 2] < end and stems[x] == stems[i] and x != i:
            found += 1
            if found == _COLUMN - 1:
                return True
    return False


def _line_around(text: str, start: int, end: int) -> str:
    """The line that holds ``text[start:end]``."""
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", end)
    return text[first : len(text) if last < 0 else last]


def stray_separators(text: str, words: Words | None = None) -> list[Edit]:
    """Find lines holding only a stray separator mark, and marks that open a line.

    Between two halves of a sentence the mark and its line breaks give way to one space;
    a ``;``, ``/`` or ``|`` line between two sentences, or at the start or end of the text, is
    removed with its line break. An ellipsis or a dash alone after a finished sentence, or
    between blank lines, may be a deliberate break and stays (so does a hyphen under a line
    whose next line opens a sentence: a heading's underline). A ``;``, ``,`` or ``/`` that
    opens a line and goes on in lower case with a sentence that the line of prose before
    left open goes too (``un\\n; certain recouvrement``), and so does a middle dot after a
    space at the end of such a line, or a comma there in a text with a stray mark line.

    Args:
        text: The normalised text.
        words: ``text`` segmented, whose line structure (code blocks included) is reused;
            by default its lines are read here.

    Returns:
        Candidate edits of kind ``"separator"``.

    Example:
        >>> text = "de Nvidia\\n;\\nen suivant"
        >>> [(e.removed(text), e.replacement) for e in stray_separators(text)]
        [('\\n;\\n', ' ')]
    """
    edits: list[Edit] = []
    # a text that may hold code blocks asks its (cached) structure about each mark's line
    blocky = has_code_blocks(text)
    structure = words if words is not None else lines(text)
    for match in LONE_SEPARATOR_LINE.finditer(f"\n{text}\n"):
        start, end = match.start(1) - 1, match.end(1) - 1
        mark = match.group(1).strip()
        if blocky and structure.structured(max(start, 0), max(start, 0)):
            continue  # "   ...": a line of a code block, code as its neighbours are
        previous = _line_around(text, start - 1, start - 1) if start else None
        following = _line_around(text, end + 1, end + 1) if end < len(text) else None
        if previous is None and following is None:
            continue  # the whole text is one mark
        if previous is not None and following is not None:
            if not previous.strip() or not following.strip():
                continue  # between blank lines: a section break
            if structured_line(previous) or structured_line(following):
                continue
            if not SENTENCE_END.search(previous) and (
                mark in ";/|" or following.lstrip()[:1].islower()
            ):
                left = start - 1 - (len(previous) - len(previous.rstrip()))
                right = end + 1 + (len(following) - len(following.lstrip()))
                glue = "" if CJK_RUN.match(text[left - 1]) and CJK_RUN.match(text[right]) else " "
                reason = f"stray “{mark}” line inside a sentence"
                edits.append(Edit(left, right, glue, "separator", _SEPARATOR_SCORE, reason))
                continue
        if mark not in ";/|":
            continue
        if following is None:
            if previous is not None and previous.strip():
                edits.append(
                    Edit(start - 1, end, "", "separator", _SEPARATOR_SCORE, f"stray “{mark}” line")
                )
            continue
        if following.strip():
            reason = f"stray “{mark}” line"
            edits.append(Edit(start, end + 1, "", "separator", _SEPARATOR_SCORE, reason))

    def in_prose(line: str, at: int) -> bool:
        """Whether ``line`` (where offset ``at`` lies) is a line of prose, no code."""
        return (
            _prose_line(line)
            and not structured_line(line)
            and not (blocky and structure.structured(at, at))
        )

    # a comma or a middle dot left at the end of a line of prose, after a space, before the
    # rest of its sentence in lower case: a chunk's seam, in a text that shows stray marks
    # already (a comma typed after a space is a typo as often, and stays)
    seamed = bool(edits)
    for closing in _CLOSING_MARK.finditer(text):
        start, end = closing.start() - 1, closing.start() + 1  # the space and the mark
        mark = text[closing.start()]
        if (
            (seamed or mark != ",")
            and text[closing.end()].islower()
            and in_prose(_line_around(text, start, start), start)
        ):
            reason = f"stray “{mark}” ending a line inside a sentence"
            edits.append(Edit(start, end, "", "separator", _SEPARATOR_SCORE, reason))
    for opening in _OPENING_MARK.finditer(text):
        # a mark that opens a line and the rest of a sentence the line before left open
        # (``un\n; certain recouvrement``): a chunk's seam, as no one sets it there
        start = opening.start(1)
        previous = _line_around(text, opening.start(), opening.start())
        if (
            text[opening.end(1)].islower()
            and not SENTENCE_END.search(previous)
            and previous.rstrip()[-1:] not in _CLAUSE_MARKS
            and in_prose(previous, start)
        ):
            reason = f"stray “{opening.group(1)}” opening a line inside a sentence"
            edits.append(Edit(start, opening.end(1), "", "separator", _SEPARATOR_SCORE, reason))
    return edits


#: A ``,`` or ``·`` after a word and a space at the end of a line, then a letter that opens
#: the next (the scan starts with the mark: ``re`` skips ahead to it in C).
_CLOSING_MARK: Final = re.compile(
    r"[,\N{MIDDLE DOT}](?<=\w[ \t][,\N{MIDDLE DOT}])[^\S\n]*\n[^\S\n]*(?=[^\W\d_])"
)
#: A line break, then a ``;``, ``,`` or ``/`` that opens the line and a space before a
#: letter (plain ``re``: a scan that starts with a line break skips ahead in C).
_OPENING_MARK: Final = re.compile(r"\n[^\S\n]*([;,/][^\S\n]+)(?=[^\W\d_])")


_MAX_PERIOD: Final = 8
#: For each period, the least run of equal key pairs (copies - 1 periods) a loop needs.
_LOOP_NEEDLES: Final = {p: b"\x01" * 2 * p for p in range(1, _MAX_PERIOD + 1)}
_LOOP_RUNS: Final = {p: re.compile(re.escape(needle) + b"+") for p, needle in _LOOP_NEEDLES.items()}
#: Articles, prepositions and conjunctions that no one writes three times in a row (``the
#: the the``): a single word needs four copies to make a loop, these three.
_TRIPLED: Final = FUNCTION_WORDS - CHANTS
#: The start of a line of a chat log: a time, then a nick between angle brackets.
_CHAT_LINE: Final = re.compile(r"[ \t]*\[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]*<[@+%~&]?[^\s<>]{1,32}>")
_CHANT_COPIES: Final = 10  # copies of a chanted syllable that make a loop all the same
#: Words said many times in a row on purpose: syllables and words doubled on purpose, but
#: for articles, pronouns and verbs doubled by grammar (``what it is is``, ``die die``),
#: which no one says four times.
_CHANTED: Final = CHANTS - (FUNCTION_WORDS - SYLLABLES - {"do", "no", "non", "on"})
_DATA_COPIES: Final = 6  # copies of a unit holding a digit (table cells, bit patterns, codes)


def loops(words: Words) -> list[Candidate]:
    """Find a word or phrase repeated many times in a row; keep the first copy.

    A phrase of two or more words must come three times; a single word four times (three
    for an article, a preposition or a conjunction: ``the the the``; ten for chanted
    syllables and words doubled on purpose: ``la la la``, ``no no no``). Short
    phrases separated by punctuation (chants: ``let it be, let it be``) and copies on
    separate lines (lyrics) ask for six copies, unless each copy ends a sentence and the next
    one starts in lower case, as no sentence does, or a word between commas fills the place
    of one (:func:`_one_slot`). Numbers are data, never loops.

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"loop"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "au centre de la de la de la de la ville"
        >>> [c.edit.removed(text) for c in loops(segment(text))]
        [' de la de la de la']
    """
    keys, text, starts, ends = words.keys, words.text, words.starts, words.ends
    edits: list[Candidate] = []
    periods = _close_periods(words.places)
    for p in range(1, _MAX_PERIOD + 1):
        if len(keys) < 3 * p:
            break
        if p not in periods:
            # no bigram said again p words on: no phrase of p words loops (a word said three
            # times says its bigram with itself again one word on)
            continue
        equal = bytes(map(operator.eq, keys, keys[p:]))
        if _LOOP_NEEDLES[p] not in equal:
            continue  # too few equal pairs in a row for any loop of this period
        for run in _LOOP_RUNS[p].finditer(equal):
            t, length = run.start(), run.end() - run.start()
            copies = (length + p) // p
            unit = keys[t : t + p]
            if all(key.isdigit() for key in unit):
                continue  # numbers: "06 10 10 10 10" is a phone number
            if _drawing_or_table(unit, text[ends[t] : starts[t + copies * p - 1]]):
                continue
            if p < 3 and words.ideographic and IDEOGRAPHIC.match(unit[0]):
                continue  # one or two characters: "パチパチパチ", "哈哈哈" are words
            if p > 1 and any(p % q == 0 and unit == unit[q:] + unit[:q] for q in range(1, p)):
                continue  # the unit repeats itself: a shorter period covers it
            span = text[starts[t] : ends[t + copies * p - 1]]
            if "\n\n" in span:
                continue
            if "\n" in span and words.structured(starts[t + p], ends[t + copies * p - 1]):
                continue  # table rows and lines of code alike on purpose
            line_start = text.rfind("\n", 0, starts[t]) + 1
            if _CHAT_LINE.match(text, line_start, starts[t]):
                continue  # a flood in a chat log is the log's
            if copies < _CHANT_COPIES:  # fewer copies than any chant needs: look at the gaps
                gaps = [words.gap(x) for x in range(t + p, t + copies * p, p)]
                for r in range(1, p):
                    # a unit read from inside a chant holds its commas: "it be, let it be, let"
                    inner = [words.gap(x) for x in range(t + r, t + copies * p, p)]
                    if all(gap == ", " for gap in inner):
                        gaps = inner
                        break
            else:
                gaps = []
            least = 3 if p > 1 else 4  # copies of a phrase, of a single word
            need = _CHANT_COPIES if p == 1 and keys[t] in _CHANTED else least
            if p == 1 and keys[t] in _TRIPLED and all(map(str.isspace, gaps)):
                need = 3  # "the the the": no one writes an article three times in a row
            if (
                p <= 3
                and any(not gap.isspace() for gap in gaps)
                and not _one_slot(words, t, p, copies, gaps)
            ):
                need = max(need, 6)  # a chant: "let it be, let it be, let it be"
            if "\n" in span and not all(SENTENCE_END.search(gap) for gap in gaps):
                need = max(need, 6)  # lyrics: "la la la\nla la la"
            if (
                gaps
                and keys[t] not in CHANTS
                and all(map(SENTENCE_END.search, gaps))
                and all(text[starts[x]].islower() for x in range(t + p, t + copies * p, p))
            ):
                need = least  # "generations. generations. generations.": no sentence starts so
            if any(map(_HAS_DIGIT.search, unit)):
                need = max(need, _DATA_COPIES)  # data: "111110xx 10xxxxxx 10xxxxxx 10xxxxxx"
            if copies < need:
                continue
            start, end = ends[t + p - 1], ends[t + copies * p - 1]
            score = min(0.96 + 0.01 * (copies - need), _MAX_SCORE)
            phrase = text[starts[t] : ends[t + p - 1]]
            reason = f"“{phrase}” repeated {copies} times in a row; kept one"
            edit = Edit(start, end, "", "loop", round(score, 3), reason)
            edits.append(Candidate(edit, (starts[t], ends[t + p - 1])))
    return edits


def _one_slot(words: Words, t: int, p: int, copies: int, gaps: list[str]) -> bool:
    """Whether ``copies`` of the ``p`` words from ``t`` between commas fill one place.

    ``über den Konfigurationsdialog, Konfigurationsdialog, … der jeweiligen``, ``il faut que
    cet utilisateur, cet utilisateur, cet utilisateur soit``: an article or a preposition
    before them, or opening each copy, and the sentence going on in lower case after them
    leave room for one noun. A chant or a cry stands apart: ``Never, never, never, never.``
    """
    last = t + copies * p - 1
    if t == 0 or last + 1 >= len(words) or not all(gap == ", " for gap in gaps):
        return False
    keys = words.keys
    if not (keys[t - 1] in FUNCTION_WORDS or (p > 1 and keys[t] in FUNCTION_WORDS)):
        return False
    if not words.gap(t).isspace():
        return False
    return words.gap(last + 1).isspace() and words.text[words.starts[last + 1]].islower()


def _close_periods(places: dict[tuple[str, str], list[int]]) -> set[int]:
    """The distances of at most ``_MAX_PERIOD`` words at which a stem bigram is said again.

    A phrase of ``p`` words said again right after itself says each of its bigrams again
    ``p`` words on (stems are equal where keys are). Each place looks at the few after it.
    """
    periods: set[int] = set()
    for xs in places.values():
        count = len(xs)
        for x, start in enumerate(xs, 1):
            later = x
            while later < count and xs[later] - start <= _MAX_PERIOD:
                periods.add(xs[later] - start)
                later += 1
    return periods


def coordinated(words: Words) -> list[Candidate]:
    """Find a content word coordinated with itself: ``enjoyable and enjoyable``.

    Oscillating models join a word to itself; writers do it only with a few words
    (``again and again``, ``more and more``) and with comparatives (``bigger and bigger``),
    which stay.

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"loop"`` removing the connector and the second copy.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "a stay that is enjoyable and enjoyable, again and again"
        >>> [c.edit.removed(text) for c in coordinated(segment(text))]
        [' and enjoyable']
    """
    keys, text, starts, ends = words.keys, words.text, words.starts, words.ends
    found: list[Candidate] = []
    joiners = [y for y, key in enumerate(keys) if key in COORDINATORS]
    for x in (y - 1 for y in joiners if 0 < y < len(keys) - 1 and keys[y - 1] == keys[y + 1]):
        word, joiner = keys[x], keys[x + 1]
        if word in SELF_COORDINATED or not words.content[x]:
            continue
        if x and keys[x - 1] in _FROM_TO:
            continue  # "de temps en temps", "van tijd tot tijd": from one to the same
        if not word.replace("-", "").isalpha() or (len(word) > 4 and word.endswith("er")):
            continue  # numbers; comparatives: "bigger and bigger"
        if word.endswith(_INTENSIFIED):
            continue  # plurals and verbs said twice for length: "waited and waited"
        before, after = text[ends[x] : starts[x + 1]], text[ends[x + 1] : starts[x + 2]]
        if not (" " in before and " " in after):
            continue
        if not (_QUOTES_ONLY.fullmatch(before) and _QUOTES_ONLY.fullmatch(after)):
            continue  # "training, and training" is a list; "X" or "X" in quotes is not
        if before.strip() and text[ends[x + 2] : ends[x + 2] + 1] not in _CLOSING_QUOTES:
            continue  # '"git" und "git submodule"': the second quotation goes on
        if text[starts[x] : ends[x]] != text[starts[x + 2] : ends[x + 2]]:
            continue  # "Vim and vim scripts": a name and a word
        if not before.strip() and not _ends_clause(words, x + 2):
            continue  # "lines and lines beginning with #": the second is qualified
        if before.strip() and not _OPENING_QUOTE_BEFORE.search(text, 0, starts[x]):
            continue  # '"locale for the USA" and "USA"': the first quotation holds more
        reason = f"“{text[starts[x] : ends[x]]}” joined to itself with “{joiner}”; kept one"
        edit = Edit(ends[x], ends[x + 2], "", "loop", _COORDINATED_SCORE, reason)
        found.append(Candidate(edit, (starts[x], ends[x])))
    return found


_RUN_STEP: Final = 512  # characters between two probes for a long loop
_RUN_PROBE: Final = 32  # characters of a probe
_RUN_PERIOD: Final = 256  # the longest passage, in characters, a long loop may repeat
_RUN_COPIES: Final = 64  # copies in a row that make a long loop
_RUN_KEEP: Final = 16  # copies left for loops() to judge: more than any of its rules asks for
_CHUNK: Final = 4096  # characters compared at once


def _common_prefix(text: str, a: int, b: int) -> int:
    """How many characters ``text[a:]`` and ``text[b:]`` share at their start."""
    n, length = len(text), 0
    while (
        b + length < n
        and text[a + length : a + length + _CHUNK] == text[b + length : b + length + _CHUNK]
    ):
        length += _CHUNK
    low, high = length, min(length + _CHUNK, n - b)  # the first difference lies in here
    while low < high:
        middle = (low + high + 1) // 2
        if text[a + low : a + middle] == text[b + low : b + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(text: str, a: int, b: int) -> int:
    """How many characters ``text[:a]`` and ``text[:b]`` share at their end (``a < b``)."""
    length = 0
    while (
        a - length - _CHUNK >= 0
        and text[a - length - _CHUNK : a - length] == text[b - length - _CHUNK : b - length]
    ):
        length += _CHUNK
    low, high = length, min(length + _CHUNK, a)
    while low < high:
        middle = (low + high + 1) // 2
        if text[a - middle : a - low] == text[b - middle : b - low]:
            low = middle
        else:
            high = middle - 1
    return low


def _period_at(text: str, x: int) -> int | None:
    """The shortest period of an exact loop passing through ``x``, if one starts there."""
    probe = text[x : x + _RUN_PROBE]
    limit = x + _RUN_PERIOD + _RUN_PROBE
    y = text.find(probe, x + 1, limit)
    while y >= 0:
        p = y - x
        check = max(_RUN_PROBE, 2 * p)
        if text[x + p : x + p + check] == text[x : x + check]:
            return p
        y = text.find(probe, y + 1, limit)
    return None


def _run_edit(text: str, start: int, end: int, p: int) -> Candidate | None:
    """The removal of all but ``_RUN_KEEP`` copies of an exact ``p``-periodic run.

    Only a word-level loop qualifies: whole words, one to eight of them, not numbers.
    """
    unit_start = next(
        (
            u
            for u in range(start, start + p)  # a word starts at u and ends a copy later
            if (u == 0 or text[u - 1].isspace())
            and not text[u].isspace()
            and text[u + p - 1].isspace()
        ),
        None,
    )
    if unit_start is None:
        return None  # no word starts inside the passage: a token of its own
    unit = text[unit_start : unit_start + p]
    tokens = WORD.findall(unit)
    copies = (end - unit_start) // p
    # loops() judges a loop from where its words start to repeat: here, unless the word just
    # before is one of the passage's (the copies go on before, in other case or punctuation)
    previous = WORD.findall(text[max(unit_start - p, 0) : unit_start])
    if previous and previous[-1].casefold() in {token.casefold() for token in tokens}:
        return None
    # table rows and lines of code are alike on purpose: every line the first copies touch
    last = text.find("\n", unit_start + 2 * p)
    lines = text[text.rfind("\n", 0, unit_start) + 1 : last if last >= 0 else len(text)]
    rows = "\n" in unit and any(map(structured_line, lines.split("\n")))
    if (
        copies < _RUN_COPIES
        or not 1 <= len(tokens) <= _MAX_PERIOD
        or all(token.isdigit() for token in tokens)
        or "\n\n" in unit + unit
        or IDEOGRAPHIC.search(unit) is not None
        or rows
        or _drawing_or_table(tokens, unit + unit)
    ):
        return None  # what loops() would not take for a loop either
    removed_from = unit_start + _RUN_KEEP * p
    reason = (
        f"“{unit.strip()}” repeated {copies} times in a row; removed {copies - _RUN_KEEP} "
        f"copies at once, leaving {_RUN_KEEP} for the word-level pass"
    )
    edit = Edit(removed_from, unit_start + copies * p, "", "loop", _MAX_SCORE, reason)
    return Candidate(edit, (unit_start, removed_from))


def long_loops(text: str) -> list[Candidate]:
    """Find a passage of up to eight words said at least 64 times in a row, exactly.

    This runs on characters, before the text is split into words, so that a text that is
    one long loop costs no more than a pass of string comparisons. It keeps 16 copies:
    :func:`loops` then judges them as it would judge the whole run (every rule of it asks for
    fewer copies), so the repaired text is the same as without this pass.

    Args:
        text: The normalised text.

    Returns:
        Candidate edits of kind ``"loop"``.

    Example:
        >>> text = "Intro. " + "the cat sat on " * 100 + "the mat."
        >>> [len(c.edit.removed(text)) // len("the cat sat on ") for c in long_loops(text)]
        [84]
    """
    found: list[Candidate] = []
    n, x = len(text), 0
    while x + 2 * _RUN_PROBE <= n:
        p = _period_at(text, x)
        if p is None:
            x += _RUN_STEP
            continue
        start = x - _common_suffix(text, x, x + p)
        end = x + p + _common_prefix(text, x, x + p)
        if end - start >= _RUN_COPIES * p:
            candidate = _run_edit(text, start, end, p)
            if candidate is not None:
                found.append(candidate)
        x = max(end, x + _RUN_STEP)
    return found


def token_loops(words: Words) -> list[Candidate]:
    """Find a piece said four times or more inside one token; keep one copy.

    Models that loop inside a word write ``WhiteWhiteWhite``, ``man-man-man-man`` or
    ``sub-sub-sub-scription``. Chanted syllables (``blablabla``) and numbers stay.

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"loop"``.

    Example:
        >>> from textrepair.segment import segment
        >>> text = "Sony DMC-DMC-DMC-DMC-DMC camera"
        >>> [c.edit.removed(text) for c in token_loops(segment(text))]
        ['-DMC-DMC-DMC-DMC']
    """
    text = words.text
    found: list[Candidate] = []
    # the long pieces between spaces, one a line (a loop inside a token never spans a space)
    pieces = "\n".join([piece for piece in text.split() if len(piece) >= _LOOP_SIZED])
    if not pieces or TOKEN_LOOP.search(pieces) is None:
        return found  # no long piece between spaces holds a loop: no token does
    for token in _LOOP_SIZED_TOKEN.finditer(text):  # four copies of three letters or more
        match = TOKEN_LOOP.search(text, token.start(1), token.end(1))
        if match is None:
            continue
        piece = match.group(1)
        if piece.casefold() in SYLLABLES or any(ch.isdigit() for ch in piece):
            continue
        if len(set(piece.casefold())) < 2 or not any(map(str.isalpha, piece)):
            continue  # "aaaaaaaa", "________": a scream or a blank to fill, not a word
        start, end = match.span(2)
        if words.structured(start, end):
            continue
        copies = 1 + len(match.group(2)) // len(piece)
        if copies < _TOKEN_LOOP_COPIES:
            continue  # "rwxrwxrwx" is a permission string
        reason = f"“{piece}” repeated {copies} times inside a word; kept one"
        edit = Edit(start, end, "", "loop", _TOKEN_LOOP_SCORE, reason)
        found.append(Candidate(edit, match.span(1)))
    return found


#: Words of a paragraph of prose said again whole that make it a duplicate.
_PARAGRAPH_TWICE: Final = 12
_PROSE_LINE: Final = 35  # characters that the lines of a paragraph of prose hold on average


def repeated_paragraphs(words: Words) -> list[Candidate]:
    """Find a paragraph of prose said again whole right after itself; keep the first.

    Models that loop and pages copied twice repeat whole paragraphs. A stanza or a chorus
    sung twice is verse (short lines), a block of code or a list is structured: they stay.
    A paragraph of prose holds twelve words or more in lines of 35 characters on average
    (or one line).

    Args:
        words: The segmented text.

    Returns:
        Candidate edits of kind ``"overlap"`` that remove the later copies and the blank
        lines before them.

    Example:
        >>> from textrepair.segment import segment
        >>> p = "The council approved the plan for the new bridge across the river on Monday."
        >>> text = f"{p}\\n\\n{p}\\n\\nWork starts in May."
        >>> [c.edit.removed(text) for c in repeated_paragraphs(segment(text))]
        ['\\n\\nThe council approved the plan for the new bridge across the river on Monday.']
    """
    text = words.text
    spans: list[tuple[int, int]] = []  # each paragraph's text, from its first to its last mark
    start = 0
    for match in BLANK_RUN.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    keys: dict[int, str] = {}  # each paragraph's words, read when its neighbour is as long

    def key(n: int) -> str:
        if n not in keys:
            keys[n] = " ".join(text[spans[n][0] : spans[n][1]].split()).casefold()
        return keys[n]

    def alike(a: tuple[int, int], b: tuple[int, int]) -> bool:
        size_a, size_b = a[1] - a[0], b[1] - b[0]
        return abs(size_a - size_b) <= size_a // 8 + 2  # spaces may differ, words may not

    found: list[Candidate] = []
    x = 0
    while x < len(spans):
        y = x + 1
        while y < len(spans) and alike(spans[x], spans[y]) and key(y) == key(x):
            y += 1
        if y - x > 1 and key(x) and _prose_paragraph(words, *spans[x]):
            first_end, last_end = spans[x][1], spans[y - 1][1]
            copies = y - x
            reason = f"a paragraph of prose said {copies} times in a row; kept the first"
            edit = Edit(first_end, last_end, "", "overlap", _MAX_SCORE, reason)
            found.append(Candidate(edit, spans[x]))
        x = y
    return found


def _prose_paragraph(words: Words, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a paragraph of prose (see :func:`repeated_paragraphs`)."""
    body = words.text[start:end]
    lines = [line for line in body.split("\n") if line.strip()]
    if len(body.split(None, _PARAGRAPH_TWICE)) < _PARAGRAPH_TWICE or not lines:
        return False
    if len(lines) > 1 and sum(map(len, lines)) < _PROSE_LINE * len(lines):
        return False  # verse: a stanza, a chorus
    return not words.structured(start, end)


def detect(
    words: Words, config: Config, focus: Sequence[tuple[int, int]] | None = None
) -> list[Candidate]:
    """Run every enabled detector.

    Args:
        words: The segmented, normalised text.
        config: Which families to look for, and how far.
        focus: Sorted character ranges to examine for overlaps (default: everywhere).

    Returns:
        Candidate edits, possibly overlapping; :func:`textrepair.resolve.resolve` picks.

    Example:
        >>> from textrepair.segment import segment
        >>> [c.edit.kind for c in detect(segment("Le\\nle mois dernier"), Config())]
        ['stutter']
    """
    candidates: list[Candidate] = []
    if config.separators:
        candidates += map(Candidate, stray_separators(words.text, words))
    if not words.keys:  # no words to compare: only loops inside a token remain
        return candidates + token_loops(words) if config.loops else candidates
    if config.stutters:
        candidates += map(Candidate, stutters(words))
    looped = loops(words) + token_loops(words) + coordinated(words)
    if config.loops:
        candidates += looped
    if config.overlaps or config.restarts:
        # the kinds asked for (a mark left at a seam is a separator's)
        wanted = {
            kind
            for kind, on in (
                ("overlap", config.overlaps),
                ("restart", config.restarts),
                ("separator", config.separators),
                ("loop", config.loops),  # three copies or more found from two, A and A
            )
            if on
        }
        # inside a loop every word is a seam of a copy: the loop explains them all at once
        inside: list[tuple[int, int]] = []
        for start, end in sorted((c.keep[1], c.edit.end) for c in looped if c.keep is not None):
            if inside and start <= inside[-1][1]:
                inside[-1] = (inside[-1][0], max(end, inside[-1][1]))
            else:
                inside.append((start, end))
        found = overlaps(words, config, focus, inside)
        if config.overlaps:
            found += repeated_paragraphs(words)
        candidates += [c for c in found if c.edit.kind in wanted]
    return candidates
