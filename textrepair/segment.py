"""Segment: words with offsets, comparison keys, and the seams between them.

Repeats are found on *keys* (casefolded words, apostrophes unified, elisions split; reST
roles such as ``:class:`` are markup, not words) and *stems* (a key's first five characters,
so that ``capitaux``/``capital`` or ``nécessaires``/``nécessaire`` compare equal), while edits
are cut on the original spans.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Final

import regex

from textrepair._langdata import ELIDED_FULL, ELISION_PREFIXES, FUNCTION_WORDS
from textrepair._patterns import (
    CODE_WORDS_SCANS,
    DASHES,
    IDEOGRAPHIC,
    IDEOGRAPHIC_FROM,
    IDEOGRAPHIC_SPLIT,
    SENTENCE_END,
    SEPARATOR_IN_GAP,
    SPACE_RUN,
    STRUCTURED_LINE,
    STRUCTURED_SCANS,
    WIDE_GAP,
    WORD,
)

__all__ = [
    "Seam",
    "Words",
    "bigram_places",
    "distinct_stems",
    "elision_equivalent",
    "has_code_blocks",
    "has_ideographs",
    "lines",
    "resegment",
    "seam_of",
    "segment",
    "structured_line",
    "structured_lines",
]

_STEM: Final = 5
_MATCH_START: Final = regex.Match.start  # unbound methods: mapped over the matches at C speed
_MATCH_END: Final = regex.Match.end
_NEWLINE: Final = re.compile("\n")
_INDENTED: Final = re.compile("\n(?:\t|[ \xa0]{4})")  # a line start, a tab or four spaces
_APOSTROPHES: Final = ("\N{RIGHT SINGLE QUOTATION MARK}", "\N{MODIFIER LETTER APOSTROPHE}")


def _fold(text: str) -> str:
    """Casefold and write every apostrophe as ``'`` (``str.replace`` is faster than a table)."""
    folded = text.casefold()
    for apostrophe in _APOSTROPHES:
        if apostrophe in folded:
            folded = folded.replace(apostrophe, "'")
    return folded


def has_code_blocks(text: str) -> bool:
    """Whether ``text`` may hold a code block, whose lines only the lines before it tell code.

    A reST literal block follows a line ending with ``::``, a Markdown fenced block opens with
    three backticks or tildes (see :func:`structured_lines`).

    Example:
        >>> has_code_blocks("For example::\\n\\n    make all"), has_code_blocks("Prose: here.")
        (True, False)
    """
    return "::" in text or "```" in text or "~~~" in text


def structured_line(line: str) -> bool:
    """Whether a line is a list item, a table row or code.

    Such lines repeat their shape on purpose and keep their line breaks.

    Example:
        >>> structured_line("- 8 GB of memory"), structured_line("Le plan d’OpenAI nécessite")
        (True, False)
    """
    return STRUCTURED_LINE.search(line) is not None or _columns(line)


_JUSTIFIED_GAPS: Final = 4  # gaps between words that tell a justified line from columns


def _columns(line: str) -> bool:
    """Whether a line sets words in columns, three spaces or more apart.

    A justified line of prose (a manual page as ``man`` sets it) spreads its spaces evenly:
    every gap between its words is as wide as the others or one space wider, and most of its
    words hold letters. Columns are as far apart as their cells are unlike.

    Example:
        >>> _columns("  -a, --all       do not ignore entries starting with .")
        True
        >>> _columns("       requires  that  the   file   system   be   mounted   with")
        False
    """
    if WIDE_GAP.search(line) is None:
        return False
    tokens = line.split()
    gaps = [len(run) for run in SPACE_RUN.findall(line.strip())]
    if not any(c.isalnum() for c in tokens[-1]):
        gaps.pop()  # a stray mark a space after the last word (``as ;``)
    if len(gaps) >= _JUSTIFIED_GAPS and max(gaps) - min(gaps) <= 1:
        return 2 * sum(any(c.isalpha() for c in token) for token in tokens) <= len(tokens)
    return True


@functools.lru_cache(maxsize=8)
def structured_lines(
    text: str, *, code_words: bool = False, indented: bool = False
) -> tuple[int, ...]:
    """Prefix counts of structured lines: ``counts[n]`` structured lines among the first n.

    With ``code_words``, lines holding a URL, an option or a path count as structured too;
    with ``indented``, every line opening with a tab or four spaces (indented prose too: its
    repeats are judged as prose's, but reflow keeps its lines as the author set them).
    Detection and reflow both ask about a text: the last few answers are kept.

    Example:
        >>> structured_lines("Prose here.\\n- an item\\nmore prose\\n    code()")
        (0, 0, 1, 1, 2)
    """
    line_starts = _line_starts(text)
    if code_words:  # the lines structured of themselves, and those naming code
        counts = structured_lines(text)
        flags = [b - a for a, b in zip(counts, counts[1:])]
    else:
        flags = [0] * len(line_starts)
    scans: Sequence[re.Pattern[str] | regex.Pattern[str]]
    scans = CODE_WORDS_SCANS if code_words else STRUCTURED_SCANS
    first, *others = scans
    for match in first.finditer("\n" + text):  # a match at i marks the line starting at i
        flags[bisect.bisect_right(line_starts, match.start()) - 1] = 1
    for pattern in others:
        for match in pattern.finditer(text):
            flags[bisect.bisect_right(line_starts, match.start()) - 1] = 1
    if not code_words:
        wide = WIDE_GAP.search(text)
        while wide:  # each line with a wide gap is judged once
            n = bisect.bisect_right(line_starts, wide.start()) - 1
            end = text.find("\n", wide.end())
            end = len(text) if end < 0 else end
            if not flags[n]:
                flags[n] = int(_columns(text[line_starts[n] : end]))
            wide = WIDE_GAP.search(text, end)
        if has_code_blocks(text):
            _mark_code_blocks(text, line_starts, flags)
        if " |" in text or "\t|" in text:
            _mark_table_rows(text, line_starts, flags)
    if indented:
        for match in _INDENTED.finditer("\n" + text):
            flags[bisect.bisect_right(line_starts, match.start()) - 1] = 1
    return tuple(itertools.accumulate(flags, initial=0))


#: A bar between spaces or tabs: a table's cell border, or a chunk seam in prose.
_CELL_BORDER: Final = re.compile(r"\|(?<=[ \t]\|)(?=[ \t])")


_FIRST_CELL: Final = 80  # characters before a table row's first bar at most


def _mark_table_rows(text: str, line_starts: Sequence[int], flags: list[int]) -> None:
    """Flag the rows of a table drawn with bars between spaces (``name | value``).

    A row opens with a short cell and a bar, and a row next to it has as many bars. Bars in
    prose are seams (``... for the coming year | the coming year ...``): after a chunk of
    text longer than a table's first cell, or in lines that do not agree on their number.
    A line opening with a bar is structured of itself (``| a | b |``).
    """
    bars: dict[int, int] = {}  # the number of bars of each line whose first cell is short
    for match in _CELL_BORDER.finditer(text):
        line = bisect.bisect_right(line_starts, match.start()) - 1
        if line in bars:
            bars[line] += 1
        elif match.start() - line_starts[line] <= _FIRST_CELL:
            bars[line] = 1
    for line, count in bars.items():
        if count in (bars.get(line - 1), bars.get(line + 1)):
            flags[line] = 1


#: A line that opens a code block: one ending with ``::`` (a reST literal block follows) or
#: a Markdown code fence.
_BLOCK_OPENER: Final = re.compile(
    r"::[ \t]*$|^[ \t]*(?:```|~~~)"
    r"|^[ \t]*\.\.[ \t]+(?:code-block|sourcecode|code|doctest|testcode|highlight)::[^\n]*$",
    re.MULTILINE,
)


def _mark_code_blocks(text: str, line_starts: Sequence[int], flags: list[int]) -> None:
    """Flag the lines of code blocks whatever their indentation.

    A reST literal block is the indented block after a blank line that follows a line ending
    with ``::`` (``their suffixes::\\n\\n   expr1, expr2``) or a code directive (``.. code-block::
    python`` and its options); a Markdown fenced block runs from a line opening with three
    backticks or tildes to the next such line (or the end).
    """
    count = len(line_starts)

    def line_of(offset: int) -> int:
        return bisect.bisect_right(line_starts, offset) - 1

    def line_text(n: int) -> str:
        end = line_starts[n + 1] - 1 if n + 1 < count else len(text)
        return text[line_starts[n] : end]

    def blank(n: int) -> bool:
        return not line_text(n).strip()

    def indented(n: int) -> bool:
        return line_text(n)[:1] in " \t" and not blank(n)

    done = 0  # lines before this one belong to a block already flagged
    for match in _BLOCK_OPENER.finditer(text):
        first = line_of(match.start())
        if first < done:
            continue
        if "::" in match.group():
            directive = not match.group().startswith("::")
            if not directive and line_text(first).lstrip().startswith(".. "):
                continue  # ".. note::": a directive whose content is prose
            n = first + 1
            if directive:  # a code directive: its options first
                while n < count and indented(n):
                    n += 1
            if n >= count or not blank(n):
                continue  # reST asks for a blank line before the literal block
            while n < count and blank(n):
                n += 1
            while n < count and (blank(n) or indented(n)):
                if indented(n):
                    flags[n] = 1
                n += 1
        else:
            fence = match.group().strip()[:3]
            closing = re.compile(rf"^[ \t]*{re.escape(fence)}", re.MULTILINE)
            found = closing.search(text, line_starts[first + 1]) if first + 1 < count else None
            n = line_of(found.start()) + 1 if found else count
            for line in range(first, n):
                flags[line] = 1
        done = n


class Seam:
    """Strength of the boundary between two words, from the text in the gap between them."""

    SEPARATOR_LINE: Final = 4  # a separator mark and a line break (``capital ;\n``, ``\n;\n``)
    SEPARATOR: Final = 3  # a separator mark inside a line (`` / ``, `` … ``)
    LINE: Final = 2  # a line break
    INLINE: Final = 1  # spaces, commas
    SENTENCE: Final = 0  # a sentence end inside a line (``. ``)


@dataclass(frozen=True, slots=True)
class Words:
    """The words of a text, with offsets and comparison keys (parallel lists)."""

    text: str
    starts: list[int]
    ends: list[int]
    keys: list[str]
    stems: list[str]
    content: list[bool]  # content words: four letters or more, three if no function word
    line_starts: list[int]  # offset of each line
    ideographic: bool = False  # Chinese or Japanese characters are tokens of their own
    structure: list[int] = field(default_factory=list)  # filled on first use, see structured
    #: Where each stem bigram said more than once stands: the index of its first word each
    #: time, in order (:func:`bigram_places`).
    places: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def structured(self, start: int, end: int) -> bool:
        """Whether any line from offset ``start`` to offset ``end`` is a structured line."""
        structure = self.structure
        if not structure:  # count structured lines once, when first asked
            structure += structured_lines(self.text)
        if not structure[-1]:
            return False  # no line of the text is structured
        first = bisect.bisect_right(self.line_starts, start) - 1
        last = bisect.bisect_right(self.line_starts, end) - 1
        return structure[last + 1] > structure[first]

    def __len__(self) -> int:
        return len(self.starts)

    def gap(self, i: int) -> str:
        """The text between word ``i - 1`` and word ``i`` (``i`` may be ``len(self)``)."""
        start = self.ends[i - 1] if i > 0 else 0
        end = self.starts[i] if i < len(self.starts) else len(self.text)
        return self.text[start:end]

    def seam(self, i: int) -> int:
        """The :class:`Seam` strength of the gap before word ``i``."""
        return seam_of(self.gap(i))

    def line_start(self, i: int) -> bool:
        """Whether word ``i`` is the first word of its line."""
        return i == 0 or "\n" in self.gap(i)

    def line_end(self, i: int) -> bool:
        """Whether word ``i`` is the last word of its line."""
        return i == len(self.starts) - 1 or "\n" in self.gap(i + 1)


def seam_of(gap: str) -> int:
    """The :class:`Seam` strength of ``gap``, the text between two words.

    Example:
        >>> seam_of(" ;\\n") == Seam.SEPARATOR_LINE, seam_of(". ") == Seam.SENTENCE
        (True, True)
    """
    newline = "\n" in gap
    if gap.isspace():  # the usual gap: no mark, no sentence end
        return Seam.LINE if newline else Seam.INLINE
    found = SEPARATOR_IN_GAP.search(gap)
    if found:
        # a spaced dash, or three dots typed at a line end, is punctuation as often as
        # not: no stronger than a separator inside a line (alone on its line, a stray mark)
        mark = found.group()
        weak = mark.strip() in DASHES or (mark[0] != "\n" and mark.strip() == "...")
        return Seam.SEPARATOR_LINE if newline and not weak else Seam.SEPARATOR
    if newline:
        return Seam.LINE
    if SENTENCE_END.search(gap.rstrip() + " ") and gap.strip():
        return Seam.SENTENCE
    return Seam.INLINE


def _line_starts(text: str) -> list[int]:
    """The offset of each line of ``text``."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


def _key(word: str) -> str:
    return _fold(word)


def segment(text: str) -> Words:
    """Split ``text`` into words with offsets, keys and stems.

    Args:
        text: Normalised text.

    Returns:
        The words of ``text``; punctuation and spaces stay in the gaps between them.

    Example:
        >>> w = segment("Le projet d’expansion, 1,5 M")
        >>> w.keys
        ['le', 'projet', "d'", 'expansion', '1,5', 'm']
        >>> w.gap(3)
        ''
    """
    ideographic = has_ideographs(text)
    starts, ends, keys = _tokens(text, 0, len(text), ideographic=ideographic)
    stems = _stems(keys)
    content = _content(keys, ideographic=ideographic)
    return _words(text, starts, ends, keys, stems=stems, content=content, ideographic=ideographic)


def _tokens(
    text: str, start: int, end: int, *, ideographic: bool
) -> tuple[list[int], list[int], list[str]]:
    """The words of ``text[start:end]``: their offsets in ``text`` and their keys.

    ``start`` and ``end`` lie outside any word (at the ends of ``text`` or beside a space).
    """
    found = list(WORD.finditer(text, start, end))
    starts = list(map(_MATCH_START, found))
    ends = list(map(_MATCH_END, found))
    if ":`" in text[start:end]:  # reST roles: markup, not words (``:class:`Widget```)
        roles = [m.span() for m in _ROLE.finditer(text, start, end)]
        kept = _outside(list(zip(starts, ends)), roles)
        starts, ends = [a for a, _ in kept], [b for _, b in kept]
    folded = _fold(text[start:end])
    if len(folded) == end - start:
        if start:
            keys = [folded[a - start : b - start] for a, b in zip(starts, ends)]
        else:  # the whole text (the usual case): no offset to take off
            keys = [folded[a:b] for a, b in zip(starts, ends)]
    else:  # casefolding changed lengths (ß -> ss): fold word by word
        keys = [_key(text[a:b]) for a, b in zip(starts, ends)]
    if "'" in folded:
        starts, ends, keys = _split(starts, ends, keys, _elision_cuts, _has_apostrophe)
    if ideographic:
        starts, ends, keys = _split(starts, ends, keys, _ideograph_cuts, _has_ideograph)
    return starts, ends, keys


def _content(keys: list[str], *, ideographic: bool) -> list[bool]:
    """Which keys are content words (see :class:`Words`)."""
    content = [
        len(k) >= 4 or k[0].isdigit() or (len(k) == 3 and k not in FUNCTION_WORDS) for k in keys
    ]
    if ideographic:  # every Chinese or Japanese character counts (kana spell verbs too)
        content = [
            IDEOGRAPHIC.match(k) is not None if len(k) == 1 else flag
            for k, flag in zip(keys, content)
        ]
    return content


def _words(
    text: str,
    starts: list[int],
    ends: list[int],
    keys: list[str],
    *,
    stems: list[str],
    content: list[bool],
    ideographic: bool,
    places: dict[tuple[str, str], list[int]] | None = None,
) -> Words:
    """The :class:`Words` of ``text`` from its tokens (the lines found here).

    The bigrams are counted too, unless ``places`` already holds them.
    """
    if places is None:
        places = bigram_places(stems)
    return Words(
        text, starts, ends, keys, stems, content, _line_starts(text), ideographic, [], places
    )


def resegment(words: Words, edits: Sequence[tuple[int, int, str]], text: str) -> Words:
    """:func:`segment` of ``text``, the text of ``words`` after ``edits``, reading little of it.

    ``edits`` are sorted, disjoint ``(start, end, replacement)`` changes of ``words.text``
    whose replacements hold no word character (a removal, a space for a line break). A word
    that no edit touches is the same word in ``text``, moved: only the stretch between the
    spaces around each edit is split again, and none around spaces put for spaces.

    Example:
        >>> old = segment("one two two three")
        >>> resegment(old, [(7, 11, "")], "one two three").keys
        ['one', 'two', 'three']
    """
    if words.ideographic or not words.starts or not edits:
        return segment(text)
    old = words.text
    starts, ends, keys, stems, content = (
        words.starts,
        words.ends,
        words.keys,
        words.stems,
        words.content,
    )
    new_starts: list[int] = []
    new_ends: list[int] = []
    new_keys: list[str] = []
    new_stems: list[str] = []
    new_content: list[bool] = []

    def keep(first: int, stop: int, shift: int) -> None:
        """The old words from ``first`` to ``stop``, moved by ``shift``."""
        new_starts.extend([a + shift for a in starts[first:stop]] if shift else starts[first:stop])
        new_ends.extend([b + shift for b in ends[first:stop]] if shift else ends[first:stop])
        new_keys.extend(keys[first:stop])
        new_stems.extend(stems[first:stop])
        new_content.extend(content[first:stop])

    shift = 0  # how far the text after the last edit moved
    done = 0  # old words before this index are placed
    floor = 0  # where the last edit ended: no stretch starts before it
    split = False  # whether some stretch was split again
    x = 0
    while x < len(edits):
        start, end, replacement = edits[x]
        change = len(replacement) - (end - start)
        x += 1
        if replacement.isspace() and old[start:end].isspace():
            # spaces for spaces: the words on both sides stay as they are
            cut = bisect.bisect_right(ends, start, done)
            keep(done, cut, shift)
            done, shift, floor = cut, shift + change, end
            continue
        # the stretch around the edit, from the space before it to the space after it; edits
        # whose stretches touch are split again together
        low, high = max(_space_before(old, start), floor), _space_after(old, end)
        while x < len(edits) and edits[x][0] <= high:
            start, end, replacement = edits[x]
            high = _space_after(old, max(high, end))
            change += len(replacement) - (end - start)
            x += 1
        cut = bisect.bisect_right(ends, low, done)
        keep(done, cut, shift)
        done = bisect.bisect_right(starts, high, cut)
        zone_starts, zone_ends, zone_keys = _tokens(
            text, low + shift, high + shift + change, ideographic=False
        )
        new_starts += zone_starts
        new_ends += zone_ends
        new_keys += zone_keys
        new_stems += _stems(zone_keys)
        new_content += _content(zone_keys, ideographic=False)
        shift += change
        floor = high
        split = True
    keep(done, len(starts), shift)
    return _words(
        text,
        new_starts,
        new_ends,
        new_keys,
        stems=new_stems,
        content=new_content,
        ideographic=False,
        # the same words when no stretch was split again: the same pairs, at the same places
        places=None if split else words.places,
    )


#: Characters that end a stretch split again (:func:`resegment`): no word holds one.
_BREAKS: Final = (" ", "\n", "\t")


def _space_before(text: str, at: int) -> int:
    """The offset after the last space, tab or line break before ``at`` (0 if none)."""
    return max(text.rfind(mark, 0, at) for mark in _BREAKS) + 1


def _space_after(text: str, at: int) -> int:
    """The offset of the first space, tab or line break from ``at`` on (the end if none)."""
    found = [x for x in (text.find(mark, at) for mark in _BREAKS) if x >= 0]
    return min(found) if found else len(text)


def has_ideographs(text: str) -> bool:
    """Whether ``text`` holds a Chinese or Japanese character (:data:`IDEOGRAPHIC`).

    Most texts hold no character from the CJK blocks on: a quick scan rules them out before
    the slower scan for the scripts themselves.

    Example:
        >>> has_ideographs("l’État « cité »"), has_ideographs("東京 — Tokyo")
        (False, True)
    """
    return (
        not text.isascii()
        and IDEOGRAPHIC_FROM.search(text) is not None
        and IDEOGRAPHIC.search(text) is not None
    )


def bigram_places(stems: Sequence[str]) -> dict[tuple[str, str], list[int]]:
    """Where each bigram of ``stems`` said more than once stands (its first word's index).

    Example:
        >>> bigram_places(["de", "la", "ville", "de", "la"])
        {('de', 'la'): [0, 3]}
    """
    every: dict[tuple[str, str], list[int]] = {}
    for x, bigram in enumerate(zip(stems, stems[1:])):
        found = every.get(bigram)
        if found is None:
            every[bigram] = [x]
        else:
            found.append(x)
    return {bigram: xs for bigram, xs in every.items() if len(xs) > 1}


#: A reST role before its backticked text: ``:meth:`` in ``:meth:`run```, ``:c:data:``.
_ROLE: Final = re.compile(r"(?<![\w`]):(?:[\w.-]+:)+(?=`)")


def _outside(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sorted ``spans`` that do not lie inside one of the sorted, disjoint ``ranges``."""
    kept: list[tuple[int, int]] = []
    x = 0
    for start, end in spans:
        while x < len(ranges) and ranges[x][1] <= start:
            x += 1
        if x < len(ranges) and ranges[x][0] <= start and end <= ranges[x][1]:
            continue
        kept.append((start, end))
    return kept


def _stems(keys: list[str]) -> list[str]:
    return [k[:_STEM] if len(k) > _STEM and k.isalpha() else k for k in keys]


#: Characters read before :func:`distinct_stems` reads the whole text.
_HEAD: Final = 4096
#: Characters of the head read first: ordinary prose says a word again within a few lines.
_GLANCE: Final = 256


def distinct_stems(text: str) -> bool:
    """Whether no two words of ``text`` share a stem, and no word is elided or ideographic.

    Then no two words can be aligned as copies of each other. Ordinary prose fails in its
    first few hundred characters, so the whole text is read only when it might pass.

    Example:
        >>> distinct_stems("one two three"), distinct_stems("the cat and the hat")
        (True, False)
    """
    glance = text[:_GLANCE].split()[:-1]  # its last piece may be a word cut short
    if len(set(glance)) < len(glance):
        return False  # a word said twice as it is written (the usual case, found at once)
    head = text[:_HEAD].split()
    if len(set(head)) < len(head):
        return False
    for part in (text[:_HEAD], text) if len(text) > _HEAD else (text,):
        pieces = part.split()
        # ASCII letters and digits only: each piece between spaces is one word token
        simple = part.isascii() and all(map(str.isalnum, pieces))
        tokens = pieces if simple else WORD.findall(part)
        folded = _fold("\n".join(tokens))
        if "'" in folded or has_ideographs(part):
            return False  # elided words and ideographs are split further
        keys = folded.split("\n")
        distinct = set(keys)
        if len(distinct) < len(keys):
            return False
        # two keys share a stem only if one is long and alphabetic: compare their prefixes
        long_alpha = [key for key in filter(str.isalpha, keys) if len(key) > _STEM]
        prefixes = {key[:_STEM] for key in long_alpha}
        if len(prefixes) < len(long_alpha) or not prefixes.isdisjoint(distinct):
            return False
    return True


def lines(text: str) -> Words:
    """``text`` with its lines and no words, for a text whose words cannot repeat.

    The detectors that read characters (stray separators, loops inside a token) still see
    the whole text; those that compare words find nothing, as they would in its words.

    Example:
        >>> lines("one\\ntwo").line_starts, len(lines("one\\ntwo"))
        ([0, 4], 0)
    """
    return Words(text, [], [], [], [], [], _line_starts(text))


def _split(
    starts: list[int],
    ends: list[int],
    keys: list[str],
    cut: Callable[[str], list[int]],
    marked: Callable[[str], bool],
) -> tuple[list[int], list[int], list[str]]:
    """Split tokens at the offsets ``cut(key)`` gives, looking only at ``marked`` keys."""
    todo = [x for x, key in enumerate(keys) if marked(key)]
    if not todo:
        return starts, ends, keys
    out_starts: list[int] = []
    out_ends: list[int] = []
    out_keys: list[str] = []
    done = 0
    for x in todo:
        out_starts += starts[done:x]
        out_ends += ends[done:x]
        out_keys += keys[done:x]
        done = x + 1
        start, end, key = starts[x], ends[x], keys[x]
        # a key whose casefolding changed its length keeps its span whole
        points = cut(key) if len(key) == end - start else []
        bounds = [0, *points, len(key)]
        for a, b in zip(bounds, bounds[1:]):
            out_starts.append(start + a)
            out_ends.append(start + b)
            out_keys.append(key[a:b])
    out_starts += starts[done:]
    out_ends += ends[done:]
    out_keys += keys[done:]
    return out_starts, out_ends, out_keys


def _has_apostrophe(key: str) -> bool:
    return "'" in key


def _has_ideograph(key: str) -> bool:
    return IDEOGRAPHIC.search(key) is not None


def _ideograph_cuts(key: str) -> list[int]:
    """Each Chinese or Japanese character is a token: those scripts have no spaces."""
    if IDEOGRAPHIC.search(key) is None:
        return []
    return [piece.end() for piece in IDEOGRAPHIC_SPLIT.finditer(key)][:-1]


def _elision_cuts(key: str) -> list[int]:
    """``d'expansion`` is ``d'`` and ``expansion``."""
    cut = key.find("'")
    if 0 < cut < len(key) - 1 and key[:cut] in ELISION_PREFIXES:
        return [cut + 1]
    return []


def elision_equivalent(first: str, second: str) -> bool:
    """Whether two keys are the same word, one of them elided (``de`` and ``d'``).

    Example:
        >>> elision_equivalent("de", "d'"), elision_equivalent("de", "l'")
        (True, False)
    """
    if first.endswith("'") and not second.endswith("'"):
        first, second = second, first
    if not second.endswith("'"):
        return False
    return first in ELIDED_FULL.get(second[:-1], frozenset())
