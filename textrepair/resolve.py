"""Resolve: choose a consistent, non-overlapping set of candidate edits.

Candidates are taken best score first (longer first on ties, then earlier); a candidate that
overlaps one already taken is dropped, so exactly one copy of every repeat survives.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from textrepair.result import Edit

__all__ = ["resolve"]


def resolve(candidates: Iterable[Edit], min_score: float) -> tuple[list[Edit], list[Edit]]:
    """Pick non-overlapping edits, best first.

    Args:
        candidates: Edits that may overlap each other.
        min_score: Edits scoring below this are not applied.

    Returns:
        ``(applied, proposed)``: the chosen edits sorted by offset, and the candidates that
        scored below ``min_score`` (also sorted), for the report.

    Example:
        >>> a = Edit(0, 4, "", "stutter", 0.9, "x")
        >>> b = Edit(2, 6, "", "overlap", 0.7, "y")
        >>> [e.kind for e in resolve([a, b], 0.5)[0]]
        ['stutter']
    """
    ranked = sorted(candidates, key=lambda e: (-e.score, -(e.end - e.start), e.start, e.end))
    starts: list[int] = []
    ends: list[int] = []
    chosen: list[Edit] = []
    proposed: list[Edit] = []
    for edit in ranked:
        if edit.score < min_score:
            proposed.append(edit)
            continue
        k = bisect.bisect_right(starts, edit.start)
        if k and ends[k - 1] > edit.start:
            continue
        if k < len(starts) and starts[k] < edit.end:
            continue
        if k < len(starts) and starts[k] == edit.start == edit.end:
            continue
        starts.insert(k, edit.start)
        ends.insert(k, edit.end)
        chosen.append(edit)
    chosen.sort(key=lambda e: (e.start, e.end))
    proposed.sort(key=lambda e: (e.start, e.end))
    return chosen, proposed
