"""The report of a repair: :class:`Edit` and :class:`Repair`.

Every character that :func:`textrepair.repair` removes or rewrites is covered by exactly one
:class:`Edit` whose offsets refer to the *input* text, so that replaying the edits on the input
gives the output (:meth:`Repair.replay`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["KINDS", "Edit", "Repair", "apply_edits"]

#: Every edit kind, in the order the stages produce them.
KINDS: tuple[str, ...] = (
    "unicode",  # mojibake, HTML entities, control and invisible characters (normalize)
    "overlap",  # a chunk's tail re-emitted at a seam (detect)
    "stutter",  # a word doubled across a line wrap (detect)
    "separator",  # a stray separator line or a dangling separator at a seam (detect)
    "restart",  # a clause begun, abandoned and begun again (detect)
    "loop",  # a word or phrase repeated many times in a row (detect)
    "reflow",  # a hard line wrap joined back into its paragraph (render)
    "hyphen",  # a hyphen at a line wrap removed on evidence (render)
    "whitespace",  # spaces tidied around a removal (render)
)


@dataclass(frozen=True, slots=True)
class Edit:
    """One change: replace ``input[start:end]`` by ``replacement``.

    Attributes:
        start: Offset of the first replaced character in the input text.
        end: Offset just past the last replaced character in the input text.
        replacement: The text that takes the place of ``input[start:end]`` ("" for a removal).
        kind: One of :data:`KINDS`.
        score: Confidence in ``[0, 1]`` that the change repairs damage.
        reason: A short human-readable explanation.
    """

    start: int
    end: int
    replacement: str
    kind: str
    score: float
    reason: str

    def removed(self, source: str) -> str:
        """Return the text of ``source`` that this edit replaces.

        Args:
            source: The input text the edit was computed on.

        Returns:
            ``source[start:end]``.

        Example:
            >>> Edit(4, 8, "", "stutter", 0.9, "doubled word").removed("the the cat")
            'the '
        """
        return source[self.start : self.end]


def apply_edits(source: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``source``.

    Args:
        source: The input text.
        edits: Edits whose offsets refer to ``source``; they must not overlap.

    Returns:
        The edited text.

    Raises:
        ValueError: If two edits overlap or an offset lies outside ``source``.

    Example:
        >>> apply_edits("the the cat", [Edit(0, 4, "", "stutter", 0.9, "doubled word")])
        'the cat'
    """
    parts: list[str] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        if edit.start < pos or edit.end < edit.start or edit.end > len(source):
            msg = f"edit [{edit.start}, {edit.end}) overlaps another or lies outside the text"
            raise ValueError(msg)
        parts.append(source[pos : edit.start])
        parts.append(edit.replacement)
        pos = edit.end
    parts.append(source[pos:])
    return "".join(parts)


@dataclass(frozen=True, slots=True)
class Repair:
    """The result of :func:`textrepair.repair`: the repaired text and the edits that made it.

    Attributes:
        text: The repaired text (what :func:`textrepair.clean` returns).
        edits: The applied edits, sorted by offset, non-overlapping, offsets into the input.
        proposed: Edits that were found but not applied (below their threshold, or
            ``Config.report_only``); empty unless the configuration asks for them.
    """

    text: str
    edits: tuple[Edit, ...]
    proposed: tuple[Edit, ...] = field(default=())

    @property
    def counts(self) -> Mapping[str, int]:
        """Number of applied edits by kind.

        Example:
            >>> Repair("a", (Edit(0, 2, "", "stutter", 1.0, "x"),)).counts
            {'stutter': 1}
        """
        return dict(Counter(edit.kind for edit in self.edits))

    @property
    def changed(self) -> bool:
        """Whether any edit was applied."""
        return bool(self.edits)

    def replay(self, source: str) -> str:
        """Apply :attr:`edits` to ``source`` (the input); gives :attr:`text`.

        Args:
            source: The text that was repaired.

        Returns:
            The text with every edit applied.

        Example:
            >>> Repair("the cat", (Edit(0, 4, "", "stutter", 0.9, "x"),)).replay("the the cat")
            'the cat'
        """
        return apply_edits(source, self.edits)
