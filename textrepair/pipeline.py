"""Wires the stages: normalize -> segment -> detect -> resolve -> render."""

from __future__ import annotations

from textrepair.config import Config
from textrepair.result import Repair

__all__ = ["clean", "repair"]


def repair(text: str, *, config: Config | None = None) -> Repair:
    """Placeholder while the engine is written."""
    return Repair(text, ())


def clean(text: str, *, config: Config | None = None) -> str:
    """Placeholder while the engine is written."""
    return repair(text, config=config).text
