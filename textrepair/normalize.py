"""Normalize: Unicode damage, invisible characters and line breaks, as replayable edits.

ftfy repairs mojibake, HTML entities and control characters; it runs with a conservative
configuration (curly quotes, ligatures, full-width characters and non-breaking spaces are the
author's choice and stay). This stage adds what ftfy leaves: invisible characters inside
words, lone surrogates, and ``\\r\\n``/``\\r`` line breaks.
"""

from __future__ import annotations

import ftfy
import regex
from ftfy.badness import is_bad
from rapidfuzz.distance import Indel

from textrepair._patterns import INVISIBLE
from textrepair.result import Edit

__all__ = ["FTFY_CONFIG", "normalize"]

#: ftfy's configuration: everything that repairs damage, nothing that rewrites the author's
#: typography. Line breaks are handled here so that offsets stay line-aligned.
FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)

_ENTITY = regex.compile(r"&#?\w{1,32};")
_CONTROL = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r, \x1b (escapes) included


def _ftfy_reason(line: str) -> str:
    """Name what ftfy repaired in ``line`` (without asking ftfy to explain, which is slow)."""
    found = []
    if _ENTITY.search(line):
        found.append("HTML entity decoded")
    if _CONTROL.search(line):
        found.append("control character removed")
    if is_bad(line):
        found.append("mojibake repaired")
    return "ftfy: " + (", ".join(found) if found else "Unicode normalised (NFC)")


#: Scripts that use a zero-width space as their word separator: there it is not damage.
_SPACELESS = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
_LONE_SURROGATE = regex.compile(r"[\ud800-\udfff]")
_CR = regex.compile(r"\r\n?")
_MAX_DIFF = 4096


def _drop_invisible(line: str) -> str:
    """Remove invisible characters, except between letters of scripts that need them."""

    def keep(match: regex.Match[str]) -> str:
        pos = match.start()
        before = line[pos - 1 : pos]
        after = line[match.end() : match.end() + 1]
        if _SPACELESS.match(before) and _SPACELESS.match(after):
            return match.group()
        return ""

    while True:  # a soft hyphen between a letter and a joiner hides the joiner: look again
        visible = INVISIBLE.sub(keep, line)
        if visible == line:
            return visible
        line = visible


def _fix_line(line: str) -> tuple[str, str]:
    """Repair one line (without its line break); return the fixed line and the reasons."""
    reasons: list[str] = []
    fixed = line
    if "\r" in fixed:
        fixed = _CR.sub("\n", fixed)
        reasons.append("line break normalised")
    if _LONE_SURROGATE.search(fixed):
        fixed = _LONE_SURROGATE.sub("\N{REPLACEMENT CHARACTER}", fixed)
        reasons.append("lone surrogate replaced")
    repaired = ftfy.fix_text(fixed, config=FTFY_CONFIG)
    if repaired != fixed:
        reasons.append(_ftfy_reason(fixed))
        fixed = repaired
    visible = _drop_invisible(fixed)
    if visible != fixed:
        reasons.append("invisible character removed")
        # a soft hyphen inside mojibake hid it from ftfy: look again
        fixed = ftfy.fix_text(visible, config=FTFY_CONFIG)
    return fixed, "; ".join(reasons)


def _diff(offset: int, old: str, new: str, reason: str) -> list[Edit]:
    """Minimal edits turning ``old`` (at ``offset`` in the input) into ``new``."""
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    old_mid, new_mid = old[head : len(old) - tail], new[head : len(new) - tail]
    base = offset + head
    if len(old_mid) > _MAX_DIFF or len(new_mid) > _MAX_DIFF:
        return [Edit(base, base + len(old_mid), new_mid, "unicode", 1.0, reason)]
    edits: list[Edit] = []
    for op in Indel.opcodes(old_mid, new_mid):
        if op.tag == "equal":
            continue
        start, end, repl = (
            base + op.src_start,
            base + op.src_end,
            new_mid[op.dest_start : op.dest_end],
        )
        if edits and edits[-1].end == start:
            last = edits.pop()
            start, repl = last.start, last.replacement + repl
        edits.append(Edit(start, end, repl, "unicode", 1.0, reason))
    return edits


def normalize(text: str) -> list[Edit]:
    """Find the Unicode repairs ``text`` needs, as edits on ``text``.

    Args:
        text: Any string.

    Returns:
        Edits of kind ``"unicode"``, sorted and non-overlapping; none for clean text.

    Example:
        >>> [(e.removed("dÃ©pendance"), e.replacement) for e in normalize("dÃ©pendance")]
        [('Ã©', 'é')]
        >>> normalize("l’État « cité »")
        []
    """
    edits: list[Edit] = []
    offset = 0
    for line in text.split("\n"):
        # plain ASCII without "&" or control characters: nothing for ftfy or this stage
        if not (line.isascii() and "&" not in line and _CONTROL.search(line) is None):
            fixed, reason = _fix_line(line)
            if fixed != line:
                edits.extend(_diff(offset, line, fixed, reason))
        offset += len(line) + 1
    return edits
