"""Configuration: one frozen, validated, picklable dataclass.

Defaults are conservative: a repair that deletes a genuine word is worse than one that leaves a
duplicate, so every threshold leans towards keeping text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any

__all__ = ["Config"]

#: The kinds of edit a threshold applies to (Unicode repairs and reflow are not scored).
_THRESHOLD_KINDS = frozenset({"overlap", "restart", "stutter", "separator", "loop"})


@dataclass(frozen=True, slots=True)
class Config:
    """How :func:`textrepair.clean` and :func:`textrepair.repair` work.

    Every field has a conservative default; :class:`Config` is immutable, hashable and
    picklable, so one instance can be shared by worker processes.

    Example:
        >>> Config(reflow=False).reflow
        False
        >>> Config(min_score=1.5)
        Traceback (most recent call last):
        ...
        ValueError: Config.min_score must be a number in [0, 1], got 1.5
    """

    unicode: bool = True
    """Repair Unicode damage with ftfy (mojibake, HTML entities, control characters) and remove
    invisible characters inside words. Curly quotes, guillemets, ligatures, full-width
    characters and non-breaking spaces are kept: they are the author's choice."""

    overlaps: bool = True
    """Remove a chunk's tail re-emitted after a seam (the main family)."""

    stutters: bool = True
    """Remove a word doubled across a line wrap (``Le\\nle mois`` -> ``Le mois``)."""

    separators: bool = True
    """Remove lines holding only a stray separator, and separators left dangling at a seam."""

    restarts: bool = True
    """Remove a clause begun, abandoned and begun again in full."""

    loops: bool = True
    """Collapse a word or phrase repeated many times in a row to one copy."""

    reflow: bool = True
    """Join hard-wrapped lines back into paragraphs where the text is wrapped prose. Poems,
    lists, tables and code keep their lines."""

    dehyphenate: bool = True
    """Remove a hyphen at a line wrap when the document proves the joined word: it holds it
    elsewhere (``inter-\\nnational`` -> ``international``), or another word that goes on
    three letters past the break as the joined one does (``cer-\\ntaines`` next to
    ``certains``); otherwise the hyphen is kept."""

    min_score: float = 0.5
    """Edits scoring below this confidence are not applied (they are reported in
    ``Repair.proposed``). Scores are in [0, 1]; raise it to repair less."""

    min_scores: tuple[tuple[str, float], ...] = ()
    """Thresholds for single kinds, overriding ``min_score``: ``(("overlap", 0.8),)``
    applies overlaps only from 0.8. Kinds: ``overlap``, ``restart``, ``stutter``,
    ``separator``, ``loop``; a mapping is accepted too and stored as sorted pairs."""

    window: int = 80
    """How many words before a seam are searched for the earlier copy of a re-emitted
    passage. Bounds the work per word, so the cost stays linear."""

    max_copy_words: int = 60
    """The longest passage (in words) compared as one copy."""

    report_only: bool = False
    """Compute and report every edit but change nothing (for audits): ``Repair.text`` is the
    input and all edits are in ``Repair.proposed``."""

    @classmethod
    def audit(cls, **changes: Any) -> Config:
        """The preset for audits: every edit is computed and reported, nothing is changed.

        Args:
            **changes: Other fields to set.

        Returns:
            A configuration with ``report_only=True``.

        Example:
            >>> from textrepair import repair
            >>> r = repair("Le\\nle mois", config=Config.audit())
            >>> r.text, [e.kind for e in r.proposed]
            ('Le\\nle mois', ['stutter'])
        """
        return cls(**{**changes, "report_only": True})

    def threshold(self, kind: str) -> float:
        """The least score at which an edit of ``kind`` is applied.

        Example:
            >>> Config(min_scores={"stutter": 0.9}).threshold("stutter")
            0.9
            >>> Config().threshold("overlap")
            0.5
        """
        for name, value in self.min_scores:
            if name == kind:
                return value
        return self.min_score

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type == "bool" and not isinstance(value, bool):  # annotations are strings
                msg = f"Config.{f.name} must be True or False, got {value!r}"
                raise TypeError(msg)
        score = self.min_score
        if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 1:
            msg = f"Config.min_score must be a number in [0, 1], got {score!r}"
            raise ValueError(msg)
        pairs = self.min_scores
        if isinstance(pairs, Mapping):
            pairs = tuple(pairs.items())
        if not isinstance(pairs, tuple | list):
            msg = f"Config.min_scores must be pairs of (kind, score), got {pairs!r}"
            raise TypeError(msg)
        checked: dict[str, float] = {}
        for pair in pairs:
            kind, value = (
                pair if isinstance(pair, tuple | list) and len(pair) == 2 else (pair, None)
            )
            if kind not in _THRESHOLD_KINDS:
                allowed = ", ".join(sorted(_THRESHOLD_KINDS))
                msg = f"Config.min_scores: unknown kind {kind!r} (one of {allowed})"
                raise ValueError(msg)
            if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
                msg = f"Config.min_scores[{kind!r}] must be a number in [0, 1], got {value!r}"
                raise ValueError(msg)
            checked[kind] = float(value)
        object.__setattr__(self, "min_scores", tuple(sorted(checked.items())))
        for name, low, high in (("window", 4, 10_000), ("max_copy_words", 2, 1_000)):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                msg = f"Config.{name} must be an integer in [{low}, {high}], got {value!r}"
                raise ValueError(msg)
