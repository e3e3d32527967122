"""Render: reflow hard wraps, and compose the edits of successive stages onto the input.

Reflow joins the lines of wrapped prose back into paragraphs. A block of lines is prose when
its lines break in the middle of sentences (a line ending on an article or a preposition, or
long lines ending without punctuation before a lowercase start); poems, lists, tables and code
keep their lines. A hyphen at a wrap goes only when the joined word occurs elsewhere in the
text: ``inter-\\nnational`` becomes ``international`` if the text says ``international``
somewhere, and ``semi-\\nconducteurs`` stays ``semi-conducteurs``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import regex

from textrepair._langdata import FUNCTION_WORDS
from textrepair._patterns import CJK_RUN, CODE_LINE, LIST_ITEM, SENTENCE_END, WORD
from textrepair.result import Edit

__all__ = ["compose", "lift", "reflow"]

_BLOCK_BREAK = regex.compile(r"\n[^\S\n]*\n")
_OPENS_PARAGRAPH = regex.compile(r"[\p{Lu}\p{Lt}\p{N}\p{Pi}\p{Ps}\"'«¿¡\-–—]")
_HYPHEN_END = regex.compile(r"(\w+)-$")
_FIRST_WORD = regex.compile(r"^(\w+)")
_LONG_LINE = 45  # characters: shorter lines make poems and lists, not wrapped prose
_PARAGRAPH_END = 0.8  # a sentence-final line shorter than this share of the width ends a paragraph


def _is_prose(lines: Sequence[str]) -> bool:
    """Whether a block's line breaks are wraps inside sentences."""
    breaks = len(lines) - 1
    body = [line.strip() for line in lines]
    if any(LIST_ITEM.match(line) or CODE_LINE.search(line) for line in lines[1:]):
        return False
    ends_function_word = 0
    open_ends = 0
    for line in body[:-1]:
        if line[-1:].isalnum():
            open_ends += 1
            ends_function_word += line.rsplit(None, 1)[-1].casefold() in FUNCTION_WORDS
        elif line.endswith("-"):
            open_ends += 1
    lower_starts = sum(1 for line in body[1:] if line[:1].islower())
    mean = sum(len(line) for line in body) / len(body)
    if mean >= 30 and ends_function_word >= max(1, 0.1 * breaks):
        return True
    return mean >= _LONG_LINE and open_ends >= 0.3 * breaks and lower_starts >= 0.3 * breaks


def reflow(text: str, *, dehyphenate: bool = True) -> list[Edit]:
    """Join hard-wrapped prose lines into paragraphs.

    Args:
        text: Text whose repeats were already removed.
        dehyphenate: Remove a hyphen at a wrap when the joined word occurs elsewhere.

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
    vocabulary: set[str] | None = None
    block_start = 0
    for block_end, next_start in [(m.start(), m.end()) for m in _BLOCK_BREAK.finditer(text)] + [
        (len(text), len(text))
    ]:
        block = text[block_start:block_end]
        offset = block_start
        block_start = next_start
        if "\n" not in block:
            continue
        lines = block.split("\n")
        if not _is_prose([line for line in lines if line.strip()]):
            continue
        width = max(len(line.rstrip()) for line in lines)
        pos = offset
        for a, b in zip(lines, lines[1:]):
            newline = pos + len(a)
            pos = newline + 1
            left, right = a.rstrip(), b.lstrip()
            if not left.strip() or not right:
                continue
            if LIST_ITEM.match(b) or CODE_LINE.search(a):
                continue
            if (
                SENTENCE_END.search(left)
                and _OPENS_PARAGRAPH.match(right)
                and len(left) < _PARAGRAPH_END * width
            ):
                continue  # a sentence ends a short line and a new one starts: a paragraph
            start = offset + (newline - offset) - (len(a) - len(left))
            end = pos + (len(b) - len(right))
            hyphen = _HYPHEN_END.search(left)
            following = _FIRST_WORD.match(right)
            if hyphen and following and right[:1].islower():
                if vocabulary is None:
                    vocabulary = {w.casefold() for w in WORD.findall(text)}
                joined = (hyphen.group(1) + following.group(1)).casefold()
                if dehyphenate and joined in vocabulary:
                    edits.append(
                        Edit(
                            start - 1,
                            end,
                            "",
                            "hyphen",
                            0.9,
                            f"“{joined}” is written whole elsewhere",
                        )
                    )
                else:
                    edits.append(Edit(start, end, "", "reflow", 0.9, "hard wrap after a hyphen"))
                continue
            glue = "" if CJK_RUN.match(left[-1]) and CJK_RUN.match(right[0]) else " "
            edits.append(Edit(start, end, glue, "reflow", 0.9, "hard wrap inside a paragraph"))
    return edits


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
    lifted: list[Edit] = []
    for edit in later:
        a, b = edit.start, edit.end
        first = bisect.bisect_right(mid_ends, a)  # base edits wholly before a
        group = range(first, bisect.bisect_left(mid_starts, b))  # base edits a..b touches
        prefix = suffix = ""
        if group and a >= mid_starts[group[0]]:
            start = base[group[0]].start
            prefix = middle[mid_starts[group[0]] : a]
        else:
            start = a - (shifts[first - 1] if first else 0)
        if group and b <= mid_ends[group[-1]]:
            end = base[group[-1]].end
            suffix = middle[b : mid_ends[group[-1]]]
        else:
            k = group[-1] + 1 if group else first
            end = b - (shifts[k - 1] if k else 0)
        absorbed.update(group)
        lifted.append(
            Edit(start, end, prefix + edit.replacement + suffix, edit.kind, edit.score, edit.reason)
        )
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
