"""Resolve: choose a consistent, non-overlapping set of candidate edits.

Candidates are taken best score first (longer first on ties, then earlier); a candidate that
overlaps one already taken is dropped, so exactly one copy of every repeat survives.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import NamedTuple

from textrepair.result import Edit

__all__ = ["Candidate", "resolve"]


class Candidate(NamedTuple):
    """A proposed edit and, for the removal of a copy, the span of the copy it keeps."""

    edit: Edit
    keep: tuple[int, int] | None = None


class _Spans:
    """Non-overlapping spans, sorted, with an overlap test."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start)
        if k and self.ends[k - 1] > start:
            return True
        return k < len(self.starts) and (self.starts[k] < end or self.starts[k] == start == end)

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_right(self.starts, start)
        self.starts.insert(k, start)
        self.ends.insert(k, end)


def resolve(
    candidates: Iterable[Candidate], threshold: Callable[[str], float]
) -> tuple[list[Edit], list[Edit]]:
    """Pick non-overlapping edits, best first; never remove a copy another edit keeps.

    Args:
        candidates: Edits that may overlap each other, with the copy each one keeps.
        threshold: The least score at which an edit of a kind is applied.

    Returns:
        ``(applied, proposed)``: the chosen edits sorted by offset, and the candidates that
        scored below their kind's threshold (also sorted), for the report.

    Example:
        >>> a = Candidate(Edit(0, 4, "", "stutter", 0.9, "x"))
        >>> b = Candidate(Edit(2, 6, "", "overlap", 0.7, "y"))
        >>> [e.kind for e in resolve([a, b], lambda kind: 0.5)[0]]
        ['stutter']
    """
    ranked = sorted(
        candidates,
        key=lambda c: (-c.edit.score, -(c.edit.end - c.edit.start), c.edit.start, c.edit.end),
    )
    taken = _Spans()  # every applied edit
    removed = _Spans()  # applied edits that remove a copy
    kept = _Spans()  # the copies those edits keep
    chosen: list[Edit] = []
    proposed: list[Edit] = []
    for edit, keep in ranked:
        if edit.score < threshold(edit.kind):
            proposed.append(edit)
            continue
        if taken.overlaps(edit.start, edit.end):
            continue
        if keep is not None:
            if kept.overlaps(edit.start, edit.end) or removed.overlaps(*keep):
                continue  # it would remove the copy another edit keeps
            removed.add(edit.start, edit.end)
            kept.add(*keep)
        taken.add(edit.start, edit.end)
        chosen.append(edit)
    chosen.sort(key=lambda e: (e.start, e.end))
    proposed.sort(key=lambda e: (e.start, e.end))
    return chosen, proposed
