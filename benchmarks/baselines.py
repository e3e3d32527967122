"""The systems the benchmark compares textrepair with.

* ``ftfy``: :func:`ftfy.fix_text` alone (Unicode repair, no deduplication).
* ``naive``: ftfy, then remove a line identical to the previous non-empty line and a word
  identical (casefolded) to the previous word: what a pipeline gets from a few lines of code.
"""

from __future__ import annotations

from collections.abc import Callable

import ftfy
import regex

import textrepair

__all__ = ["SYSTEMS", "naive_dedup"]

_TOKEN = regex.compile(r"(\S+)(\s*)")
_EDGE_PUNCT = regex.compile(r"^\W+|\W+$")


def _dedup_lines(text: str) -> str:
    out: list[str] = []
    previous: str | None = None
    for line in text.split("\n"):
        key = line.strip().casefold()
        if key and key == previous:
            continue
        if key:
            previous = key
        out.append(line)
    return "\n".join(out)


def _dedup_words(text: str) -> str:
    lead = text[: len(text) - len(text.lstrip())]
    kept: list[list[str]] = []  # [token, following whitespace]
    previous = ""
    for m in _TOKEN.finditer(text, len(lead)):
        token, space = m.group(1), m.group(2)
        key = _EDGE_PUNCT.sub("", token).casefold()
        if key and key == previous and kept:
            if _EDGE_PUNCT.sub("", kept[-1][0]) == kept[-1][0] and token != key:
                kept[-1][0] = token  # keep the copy that carries the punctuation
            kept[-1][1] = space
            continue
        previous = key
        kept.append([token, space])
    return lead + "".join(token + space for token, space in kept)


def naive_dedup(text: str) -> str:
    """ftfy, then drop repeated lines and repeated words.

    Example:
        >>> naive_dedup("Le\\nle mois dernier ;\\nle mois dernier ;")
        'Le mois dernier ;'
    """
    return _dedup_words(_dedup_lines(ftfy.fix_text(text)))


#: Name -> factory of the cleaning function.
SYSTEMS: dict[str, Callable[[], Callable[[str], str]]] = {
    "textrepair": lambda: textrepair.clean,
    "ftfy": lambda: ftfy.fix_text,
    "naive": lambda: naive_dedup,
}
