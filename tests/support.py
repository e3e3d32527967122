"""Checks shared by the case tests and the property tests.

textrepair only deletes text and applies documented normalisations, so every word of its output
must come from its input, in the same order. Words are compared on keys: the input is first
repaired with ``ftfy.fix_text`` (mojibake, entities, control characters), both sides are
NFKC-normalised and casefolded (so kept ligatures and full-width forms match their plain
spelling), and a word of the output may also be the join of neighbouring input words when only
invisible characters (zero-width space, soft hyphen, BOM, ...) or a hyphen at a line wrap stood
between them: those are the documented joins. Chinese and Japanese characters are words of
their own (textrepair compares them one by one), and a piece said three times or more inside
one word (``WhiteWhiteWhite``) counts once: textrepair keeps one copy of it.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

from textrepair import normalize
from textrepair.__main__ import _COMPILED
from textrepair._patterns import INVISIBLE, TOKEN_LOOP

__all__ = ["COMPILED", "unmatched_words", "word_keys"]

#: Whether the engine runs compiled (``pip install .`` builds it with mypyc, hatch_build.py):
#: a test that spies on an engine function through its module sees no call then.
COMPILED = _COMPILED

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
#: A Chinese or Japanese character is a word of its own, as the engine reads it (so joined
#: with its neighbours where a separator line between them went, it is no new word).
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_WRAP_HYPHEN = re.compile(r"[-\u2010][ \t]*\r?\n[ \t]*")
_WRAP = re.compile(r"[ \t]*\r?\n[ \t]*")
_MAX_JOIN = 6


def _key_text(text: str) -> str:
    text = TOKEN_LOOP.sub(r"\1", text)
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in {"Cf", "Cc"} and char not in "\n\r\t"


def _joinable(gap: str) -> bool:
    visible = "".join(char for char in gap if not _invisible(char))
    if not visible:
        return True
    if _WRAP_HYPHEN.fullmatch(visible):
        return True
    return "\u00ad" in gap and _WRAP.fullmatch(visible) is not None


def word_keys(text: str) -> list[str]:
    """Return the casefolded, NFKC-normalised ``\\w+`` words of ``text``."""
    return _WORD.findall(_key_text(text))


def _words_and_gaps(text: str) -> tuple[list[str], list[bool]]:
    key_text = _key_text(text)
    matches = list(_WORD.finditer(key_text))
    words = [m.group() for m in matches]
    joinable = [
        _joinable(key_text[left.end() : right.start()])
        for left, right in zip(matches, matches[1:], strict=False)
    ]
    return words, joinable


def _match_end(source: list[str], joinable: list[bool], word: str, pos: int) -> int | None:
    """Return the smallest end such that ``source[start:end]`` joined equals ``word``."""
    for last in range(pos, len(source)):
        for size in range(1, _MAX_JOIN + 1):
            first = last - size + 1
            if first < pos or (size > 1 and not joinable[first]):
                break
            if "".join(source[first : last + 1]) == word:
                return last + 1
    return None


def _entities_decoded(text: str) -> str:
    """``text`` with the entities decoded that ftfy leaves beside a ``<`` (normalize does)."""
    return "\n".join(map(normalize._decode_letters, text.split("\n")))


def unmatched_words(source: str, output: str) -> list[str]:
    """Return the output words that do not come, in order, from ``source`` (``[]`` if all do).

    The first returned word is the first one that could not be matched; the rest of the output
    follows it, to make a failure readable.
    """
    out = word_keys(output)
    # ftfy's reading; or, where an invisible character hid mojibake from ftfy (a soft hyphen
    # inside "Ã©"), the reading of the text without its invisible characters
    readings = (source, INVISIBLE.sub("", source))
    unmatched: list[str] = []
    for reading in readings:
        words, joinable = _words_and_gaps(ftfy.fix_text(_entities_decoded(reading)))
        pos = 0
        unmatched = []
        for index, word in enumerate(out):
            end = _match_end(words, joinable, word, pos)
            if end is None:
                unmatched = out[index:]
                break
            pos = end
        if not unmatched:
            return []
    return unmatched
