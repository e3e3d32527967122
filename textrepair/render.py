"""Render: reflow hard wraps, and compose the edits of successive stages onto the input.

Reflow joins the lines of wrapped prose back into paragraphs. A block of lines is prose when
its lines break in the middle of sentences (a line ending on an article or a preposition, or
long lines ending without punctuation before a lowercase start); poems, lists, tables and code
keep their lines. A hyphen at a wrap goes only when the text proves the word whole: it writes
the joined word elsewhere (``inter-\\nnational`` becomes ``international`` if the text says
``international`` somewhere), or another of its words goes on three letters past the break as
the joined word does (``cer-\\ntaines`` next to ``certains``); ``semi-\\nconducteurs`` stays
``semi-conducteurs``. A word broken next to a line naming a path or an option is mended on
the same evidence, though such lines keep their breaks.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import KeysView, Sequence
from typing import Final

import regex

from textrepair._langdata import FUNCTION_WORDS, HYPHEN_PARTS
from textrepair._patterns import CJK_RUN, SENTENCE_END, WORD
from textrepair.result import Edit, apply_edits
from textrepair.segment import structured_lines

__all__ = ["compose", "held_back", "lift", "reflow"]

_OPENS_PARAGRAPH: Final = regex.compile(r"[\p{Lu}\p{Lt}\p{N}\p{Pi}\p{Ps}\"'«¿¡\-–—]")
#: The word (a compound's parts too) before a hyphen at a line's end; it starts a token and
#: matches possessively, so that a long compound is read once.
_HYPHEN_END: Final = regex.compile(
    r"(?<![\w\-\N{HYPHEN}])(\w++(?:[-\N{HYPHEN}]\w++)*+)[-\N{HYPHEN}]$"
)
_HYPHENS: Final = ("-", "\N{HYPHEN}")
_FIRST_WORD: Final = regex.compile(r"^(\w+(?:[-\N{HYPHEN}]\w+)*)")
_LONG_LINE: Final = 40  # characters: shorter lines make poems and lists, not wrapped prose
_WIDE: Final = 60  # characters: a line this long ending on a comma is wrapped prose, not verse
_HEADING: Final = 0.5  # a line shorter than this share of the width before a capital: a heading


def _last_word(line: str) -> str:
    return line.rsplit(None, 1)[-1].casefold() if line.strip() else ""


def _wraps_here(left: str, right: str) -> bool:
    """Whether a break between these two (stripped) lines falls inside a sentence."""
    if left.endswith(("-", "\N{HYPHEN}")) or _last_word(left) in FUNCTION_WORDS:
        return True
    if left[-1:].isalnum():
        return True
    # punctuation before a lowercase start: verse, unless the line is long
    return right[:1].islower() and len(left) >= _WIDE


_ITEMS: Final = 3  # lines opening with the same word that make a list, not wrapped prose


def _is_list(body: Sequence[str]) -> bool:
    """Whether many of these lines open with one word: a list's items without bullets.

    Lists extracted from HTML stand so: ``paquetes de …``, ``paquetes con …``.
    """
    # items differ from one another and go on after their first word (a loop's lines do not)
    items = [line.split() for line in dict.fromkeys(body)]
    openers = Counter(words[0].casefold()[:5] for words in items if len(words) >= 3)
    most = max(openers.values(), default=0)
    return most >= _ITEMS and most >= 0.4 * len(body)


def _said_twice(lines: Sequence[str], first: int, stop: int) -> list[bool]:
    """Whether each of ``lines[first:stop]`` says the line before or after it again.

    Spaces around the lines aside; the lines around ``first`` and ``stop`` count too.
    """
    around = [lines[y].strip() if 0 <= y < len(lines) else "" for y in range(first - 1, stop + 1)]
    return [
        bool(line) and line in (before, after)
        for before, line, after in zip(around, around[1:], around[2:])
    ]


def _is_prose(lines: Sequence[str]) -> bool:
    """Whether a run of lines is prose broken at a fixed width (or at chunk ends)."""
    body = [line.strip() for line in lines if line.strip()]
    breaks = len(body) - 1
    if breaks < 1:
        return False
    mean = sum(len(line) for line in body) / len(body)
    function_ends = sum(_last_word(line) in FUNCTION_WORDS for line in body[:-1])
    if not (mean >= 30 and function_ends >= max(1, 0.1 * breaks)):
        if mean < _LONG_LINE:
            return False
        if sum(_wraps_here(a, b) for a, b in zip(body, body[1:])) < 0.5 * breaks:
            return False
    return not _is_list(body)


#: A line of marks only, opening with a bullet's or a rule's (``---``, ``* * *``): a break.
_RULE: Final = regex.compile(r"[ \t]*[-*+\u2022\u2023\u2013\u2014>#|][^\w\n]*")


def _runs(lines: list[str], structure: Sequence[int]) -> list[tuple[int, int]]:
    """Runs of consecutive lines that are neither blank nor structured nor rules."""
    runs: list[tuple[int, int]] = []
    start = None
    for x, line in enumerate([*lines, ""]):
        plain = (
            x < len(lines)
            and bool(line.strip())
            and structure[x + 1] == structure[x]
            and not _RULE.fullmatch(line)
        )
        if plain and start is None:
            start = x
        elif not plain and start is not None:
            runs.append((start, x))
            start = None
    return runs


def reflow(text: str, *, dehyphenate: bool = True) -> list[Edit]:
    """Join hard-wrapped prose lines into paragraphs.

    A break stays where a sentence ends and the next line opens a new one, after a label
    (``Albert Einstein:``) or a heading, and around list items, table rows and code.

    Args:
        text: Text whose repeats were already removed.
        dehyphenate: Remove a hyphen at a wrap when the text proves the word whole
            (:meth:`_Vocabulary.one_word`), or, once one wrap is so proven, where the
            pieces are no words of the text (:meth:`_Vocabulary.no_word`).

    Returns:
        Edits of kind ``"reflow"`` (a line break becomes a space) and ``"hyphen"``.

    Example:
        >>> text = (
        ...     "Le plan d’OpenAI nécessite des investissements de\\n"
        ...     "plusieurs milliers de milliards de dollars pour la\\n"
        ...     "construction de ses usines."
        ... )
        >>> [(e.removed(text), e.replacement) for e in reflow(text)]
        [('\\n', ' '), ('\\n', ' ')]
    """
    edits: list[Edit] = []
    vocabulary = _Vocabulary(text)
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    structure = structured_lines(text, code_words=True, indented=True)
    proven = 0  # wraps that break a word the text writes whole elsewhere
    pending: list[tuple[int, Edit]] = []  # wraps that break a word into pieces of no word
    for first, stop in _runs(lines, structure):
        run = lines[first:stop]
        if not _is_prose(run):
            continue
        width = max(len(line.rstrip()) for line in run)
        repeated = _said_twice(lines, first, stop)
        glued = False  # whether the line before this one was joined to it
        for x in range(first, stop - 1):
            a, b = lines[x], lines[x + 1]
            left, right = a.rstrip(), b.lstrip()
            standalone = x == first or not glued
            heading = (
                len(left) < _HEADING * width
                and standalone
                and (
                    x == first
                    or bool(SENTENCE_END.search(lines[x - 1]))
                    or lines[x - 1].endswith(":")
                )
            )
            glued = False
            if repeated[x - first] or repeated[x + 1 - first]:
                continue  # a line said again (a refrain, or damage left alone) stays a line
            if _OPENS_PARAGRAPH.match(right) and (
                SENTENCE_END.search(left) or left.endswith(":") or heading
            ):
                continue  # a paragraph ends, or a heading or a label stands on its own line
            glued = True
            start = offsets[x] + len(left)
            end = offsets[x + 1] + len(b) - len(right)
            hyphen = _HYPHEN_END.search(left) if left.endswith(_HYPHENS) else None
            if hyphen:
                following = _FIRST_WORD.match(right)
                if dehyphenate and following and right[:1].islower():
                    pieces = hyphen.group(1), following.group(1)
                    reason = vocabulary.one_word(*pieces)
                    if reason is not None:
                        edits.append(Edit(start - 1, end, "", "hyphen", 0.9, reason))
                        proven += 1
                        continue
                    reason = vocabulary.no_word(*pieces)
                    if reason is not None:  # a syllable's break, if the text breaks words so
                        joined = Edit(start - 1, end, "", "hyphen", 0.8, reason)
                        pending.append((len(edits), joined))
                edits.append(Edit(start, end, "", "reflow", 0.9, "hard wrap after a hyphen"))
                continue
            glue = "" if CJK_RUN.match(left[-1]) and CJK_RUN.match(right[0]) else " "
            edits.append(Edit(start, end, glue, "reflow", 0.9, "hard wrap inside a paragraph"))
    if proven:  # the text's wraps break words at syllables: so does each of these
        for x, edit in pending:
            edits[x] = edit
    if dehyphenate:
        edits += _broken_words(text, lines, offsets, structure, vocabulary)
        edits.sort(key=lambda edit: edit.start)
    return edits


#: What may stand before and after a word of prose in its token (quotes, brackets, marks).
_OPENERS: Final = "\"'«“‘([{¿¡"
_CLOSERS: Final = "\"'»”’)]}.,;:!?…"
#: A hyphen at a line end (spaces may follow it).
_HYPHEN_BREAK: Final = re.compile("[-\N{HYPHEN}][ \t]*\n")


def _broken_words(
    text: str,
    lines: list[str],
    offsets: list[int],
    structure: Sequence[int],
    vocabulary: _Vocabulary,
) -> list[Edit]:
    """Words broken at a wrap next to a line that names a path, an option or a URL.

    Such a line is not joined to the lines around it (it may be a command), but a word the
    text proves to be one (:meth:`_Vocabulary.one_word`) is mended across the break
    (``com-`` + ``mande « /usr/bin/editor »``). Lists, tables and code keep their lines.
    """
    edits: list[Edit] = []
    plain: Sequence[int] | None = None  # structured lines without paths, options and URLs
    for match in _HYPHEN_BREAK.finditer(text):
        x = bisect.bisect_right(offsets, match.start()) - 1
        if structure[x + 2] == structure[x]:
            continue  # two lines of prose: reflow mended the word if it could
        left, right = lines[x].rstrip(), lines[x + 1].lstrip()
        hyphen = _HYPHEN_END.search(left)
        following = _FIRST_WORD.match(right)
        if not (hyphen and following and right[:1].islower()):
            continue
        before = left.rsplit(None, 1)[-1].lstrip(_OPENERS)[:-1]
        after = right.split(None, 1)[0].rstrip(_CLOSERS)
        if before != hyphen.group(1) or after != following.group(1):
            continue  # a path, an option or an address broken at a hyphen: code's
        if plain is None:
            plain = structured_lines(text, indented=True)
        if plain[x + 2] > plain[x]:
            continue  # a list item, a table row, code
        reason = vocabulary.one_word(hyphen.group(1), following.group(1))
        if reason is not None:
            start = offsets[x] + len(left) - 1
            end = offsets[x + 1] + len(lines[x + 1]) - len(right)
            edits.append(Edit(start, end, "", "hyphen", 0.9, reason))
    return edits


#: Letters past a wrap's hyphen that an attested word shares with the joined one.
_PAST_BREAK: Final = 3


class _Vocabulary:
    """The words of a text, to tell a word broken by a wrap from a compound.

    The words are read when first asked for: most texts have no hyphen at a wrap.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None  # the words, casefolded, and how often
        self._forward: list[str] | None = None  # the words, sorted
        self._backward: list[str] | None = None  # the words spelt backward, sorted

    @property
    def counts(self) -> Counter[str]:
        """The text's words, casefolded, and how often each is written."""
        if self._counts is None:
            self._counts = Counter(WORD.findall(self._text.casefold()))
        return self._counts

    @property
    def words(self) -> KeysView[str]:
        """The text's words, casefolded."""
        return self.counts.keys()

    def _starting(self, prefix: str) -> str | None:
        """A word of the text that starts with ``prefix``."""
        if self._forward is None:
            self._forward = sorted(self.words)
        return _first_with(self._forward, prefix)

    def _ending(self, suffix: str) -> str | None:
        """A word of the text that ends with ``suffix``."""
        if self._backward is None:
            self._backward = sorted(word[::-1] for word in self.words)
        found = _first_with(self._backward, suffix[::-1])
        return None if found is None else found[::-1]

    def one_word(self, left: str, right: str) -> str | None:
        """Why ``left-`` at a line end and ``right`` on the next line are one word; else None.

        ``left`` and ``right`` are whole tokens: the parts of a compound of three parts or
        more (``x-www-`` + ``browser``) are never one word. The joined word is written whole
        elsewhere in the text; or, when the text never writes the two parts with a hyphen and
        ``left`` is longer than a letter, another word of the text goes on at least three
        letters past the break as the joined word does, from its start (``certains`` for
        ``cert-`` + ``aines``) or to its end (``Systemen`` for ``Betriebssys-`` + ``temen``). A
        compound's parts are words of their own: ``semi-`` + ``conducteurs`` stays unless
        the text writes ``semicon…`` or ``…iconducteurs``.

        Example:
            >>> v = _Vocabulary("certains cas, semi-conducteurs")
            >>> v.one_word("cert", "aines")
            '“certaines” is one word: the text writes “certains”'
            >>> v.one_word("semi", "conducteurs") is None
            True
        """
        joined = (left + right).casefold()
        if joined in self.words:
            return f"“{joined}” is written whole elsewhere"
        if not joined.isalpha() or len(left) < 2 or f"{left}-{right}".casefold() in self.words:
            return None  # a compound of three parts, a number, a one-letter prefix (``e-mail``)
        witness = None
        if len(right) >= _PAST_BREAK:
            witness = self._starting(joined[: len(left) + _PAST_BREAK])
        if witness is None and len(left) >= _PAST_BREAK:
            witness = self._ending(joined[-len(right) - _PAST_BREAK :])
        if witness is None:
            return None
        return f"“{joined}” is one word: the text writes “{witness}”"

    def no_word(self, left: str, right: str) -> str | None:
        """Why ``left-`` + ``right`` is one word broken by a wrap, judged by its pieces.

        A syllable's break leaves a piece that is no word: ``finan-`` + ``ziellen``. The
        text then never writes ``left`` alone (but at this break), nor a compound that starts
        with ``left-`` or ends with ``-right``; neither piece is a function word or a part
        that makes compounds (:data:`~textrepair._langdata.HYPHEN_PARTS`: ``semi-``,
        ``-vous``); ``right`` is no short word (``чего-то``, ``instale-o``) and does not say
        ``left`` again (``большие-пребольшие``).

        Example:
            >>> v = _Vocabulary("der finan- ziellen Lage, semi- conducteurs, rendez- vous")
            >>> v.no_word("finan", "ziellen")
            '“finan-” is no word of the text, whose wraps break words: “finanziellen” is one'
            >>> v.no_word("semi", "conducteurs") is None, v.no_word("rendez", "vous") is None
            (True, True)
        """
        head, tail = left.casefold(), right.casefold()
        if (
            self.counts[head] > 1  # written alone elsewhere than at this break
            or head in FUNCTION_WORDS
            or tail in FUNCTION_WORDS
            or len(tail) < _PAST_BREAK
            or head in tail
            or head in HYPHEN_PARTS
            or tail in HYPHEN_PARTS
            or self._starting(head + "-") is not None
            or self._ending("-" + tail) is not None
        ):
            return None
        return f"“{left}-” is no word of the text, whose wraps break words: “{left}{right}” is one"


def _first_with(ordered: list[str], prefix: str) -> str | None:
    """The first of the sorted ``ordered`` that starts with ``prefix``, if any."""
    x = bisect.bisect_left(ordered, prefix)
    return ordered[x] if x < len(ordered) and ordered[x].startswith(prefix) else None


_BLANK: Final = regex.compile(r"\n(?=\n)")  # a line break that ends a paragraph
_SAID_AGAIN: Final = 3  # words at a line end said again at the next line's start that hold a wrap


def _said_again(left: str, right: str) -> bool:
    """Whether ``right`` starts by saying the last one to three words of ``left`` again."""
    tail = [w.casefold() for w in WORD.findall(left[-80:])[-_SAID_AGAIN:]]
    head = [w.casefold() for w in WORD.findall(right[:80])[:_SAID_AGAIN]]
    return any(tail[-n:] == head[:n] for n in range(1, min(len(tail), len(head)) + 1))


def held_back(text: str, wraps: Sequence[Edit]) -> tuple[list[Edit], list[Edit]]:
    """Split the wraps of :func:`reflow` into those to join now and those to hold back.

    A wrap where the next line starts by saying the end of the line again
    (``servidor\\nservidor``, ``by Ctrl-Alt-F3\\nby Ctrl-Alt-F3``) is a seam for the
    detectors: while repairs go on around it, joining the lines would hide it inside a line.
    Its paragraph (up to blank lines) keeps all its wraps, so that its lines are later judged
    prose or not as a whole; other paragraphs are joined now.

    Example:
        >>> text = (
        ...     "The client and the server talks to the server\\n"
        ...     "server on the other side of the wire and it\\n"
        ...     "answers with a line of text for the reader\\n\\n"
        ...     "The next paragraph has a line that is wrapped\\n"
        ...     "in the middle of its only sentence and ends"
        ... )
        >>> now, held = held_back(text, reflow(text))
        >>> [text[e.start - 6 : e.end + 6] for e in held]
        ['server\\nserver', 'and it\\nanswer']
        >>> [text[e.start - 3 : e.end + 2] for e in now]
        ['ped\\nin']
    """
    blanks: list[int] | None = None  # where each blank line starts, when first needed
    held_paragraphs: set[int] = set()  # the blank line before each held paragraph
    for edit in wraps:
        line_start = text.rfind("\n", 0, edit.start) + 1
        line_end = text.find("\n", edit.end)
        left = text[line_start : edit.start]
        right = text[edit.end : len(text) if line_end < 0 else line_end]
        if _said_again(left, right):
            if blanks is None:
                blanks = [match.start() for match in _BLANK.finditer(text)]
            held_paragraphs.add(bisect.bisect_right(blanks, edit.start) - 1)
    if blanks is None:
        return list(wraps), []
    now: list[Edit] = []
    held: list[Edit] = []
    for edit in wraps:
        paragraph = bisect.bisect_right(blanks, edit.start) - 1
        (held if paragraph in held_paragraphs else now).append(edit)
    return now, held


def _shift_table(base: Sequence[Edit]) -> tuple[list[int], list[int], list[int]]:
    """Start and end of each base edit in the edited text, and the shift after it."""
    mid_starts: list[int] = []
    mid_ends: list[int] = []
    shifts: list[int] = []
    shift = 0
    for edit in base:
        mid_start = edit.start + shift
        shift += len(edit.replacement) - (edit.end - edit.start)
        mid_starts.append(mid_start)
        mid_ends.append(mid_start + len(edit.replacement))
        shifts.append(shift)
    return mid_starts, mid_ends, shifts


def lift(base: Sequence[Edit], later: Sequence[Edit], middle: str) -> tuple[list[Edit], set[int]]:
    """Express edits made on ``middle`` (the input with ``base`` applied) on the input.

    A later edit that touches the text a base edit wrote is widened to cover that base edit,
    whose effect it then carries in its replacement.

    Args:
        base: Sorted, non-overlapping edits on the input that gave ``middle``.
        later: Sorted, non-overlapping edits on ``middle``.
        middle: The input with ``base`` applied.

    Returns:
        The later edits with offsets into the input, and the indices of the base edits they
        absorbed.
    """
    mid_starts, mid_ends, shifts = _shift_table(base)
    absorbed: set[int] = set()
    # (start, end) on the input, (mid_start, mid_end) on middle, and the later edits inside
    spans: list[tuple[int, int, int, int, list[Edit]]] = []
    for edit in later:
        a, b = edit.start, edit.end
        first = bisect.bisect_right(mid_ends, a)  # base edits wholly before a
        group = range(first, bisect.bisect_left(mid_starts, b))  # base edits a..b touches
        mid_start, mid_end = a, b
        if group and a >= mid_starts[group[0]]:
            start, mid_start = base[group[0]].start, mid_starts[group[0]]
        else:
            start = a - (shifts[first - 1] if first else 0)
        if group and b <= mid_ends[group[-1]]:
            end, mid_end = base[group[-1]].end, mid_ends[group[-1]]
        else:
            k = group[-1] + 1 if group else first
            end = b - (shifts[k - 1] if k else 0)
        absorbed.update(group)
        if spans and start < spans[-1][1]:  # two later edits inside one base edit: merge them
            last = spans.pop()
            start, mid_start = last[0], last[2]
            end, mid_end = max(end, last[1]), max(mid_end, last[3])
            spans.append((start, end, mid_start, mid_end, [*last[4], edit]))
        else:
            spans.append((start, end, mid_start, mid_end, [edit]))
    lifted: list[Edit] = []
    for start, end, mid_start, mid_end, edits in spans:
        inner = [
            Edit(e.start - mid_start, e.end - mid_start, e.replacement, e.kind, e.score, e.reason)
            for e in edits
        ]
        replacement = apply_edits(middle[mid_start:mid_end], inner)
        reason = "; ".join(dict.fromkeys(e.reason for e in edits))
        first_edit = edits[0]
        score = min(e.score for e in edits)
        lifted.append(Edit(start, end, replacement, first_edit.kind, score, reason))
    return lifted, absorbed


def compose(base: Sequence[Edit], later: Sequence[Edit], middle: str) -> list[Edit]:
    """Combine two rounds of edits into one round on the input.

    Args:
        base: Sorted, non-overlapping edits on the input that gave ``middle``.
        later: Sorted, non-overlapping edits on ``middle``.
        middle: The input with ``base`` applied.

    Returns:
        Sorted, non-overlapping edits on the input whose replay gives ``middle`` with
        ``later`` applied.

    Example:
        >>> from textrepair.result import apply_edits
        >>> source = "a  b b c"
        >>> base = [Edit(1, 2, "", "whitespace", 1.0, "")]
        >>> middle = apply_edits(source, base)
        >>> later = [Edit(3, 5, "", "stutter", 1.0, "")]
        >>> apply_edits(source, compose(base, later, middle)) == apply_edits(middle, later)
        True
    """
    if not base:
        return list(later)
    lifted, absorbed = lift(base, later, middle)
    kept = [edit for x, edit in enumerate(base) if x not in absorbed]
    return sorted(kept + lifted, key=lambda e: (e.start, e.end))
