"""Normalize: Unicode damage, invisible characters and line breaks, as replayable edits.

ftfy repairs mojibake, HTML entities and control characters; it runs with a conservative
configuration (curly quotes, ligatures, full-width characters and non-breaking spaces are the
author's choice and stay). This stage adds what ftfy leaves: invisible characters inside
words, lone surrogates, and ``\\r\\n``/``\\r`` line breaks.
"""

from __future__ import annotations

import html
import re
import unicodedata
from re import _constants, _parser  # type: ignore[attr-defined]
from typing import Final

import ftfy
import regex
from ftfy.badness import BADNESS_RE, is_bad
from ftfy.chardata import CONTROL_CHARS
from rapidfuzz.distance import Indel

from textrepair._patterns import INVISIBLE, INVISIBLE_CHARS
from textrepair.result import Edit

__all__ = ["FTFY_CONFIG", "normalize"]

#: ftfy's configuration: everything that repairs damage, nothing that rewrites the author's
#: typography. Line breaks are handled here so that offsets stay line-aligned.
FTFY_CONFIG: Final = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    fix_line_breaks=False,
    normalization="NFC",
    explain=False,
)

#: An HTML tag, comment or declaration: a line holding one may be markup, whose entities stay.
_HTML_TAG: Final = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>|<!")
_ENTITY: Final = regex.compile(r"&#?\w{1,32};")


#: Signs an entity may hide in a word.
_INSIDE_WORDS: Final = "'\N{RIGHT SINGLE QUOTATION MARK}-\N{HYPHEN}"


def _decode_letters(line: str) -> str:
    """Decode the HTML entities of ``line`` that ftfy leaves beside a ``<`` but are damage.

    ftfy decodes no entity in a line that holds a ``<``, which may be markup. Where no HTML
    tag is, an entity for a letter is damage all the same (``(<<100) &egrave; sempre``,
    ``Bl&auml;ttermann <mario@…>``), and so is one glued between letters (``c&#39;è``);
    ``&lt;`` in a table of entities stays. Any other line comes back as it is.
    """
    if "<" not in line or "&" not in line or _HTML_TAG.search(line):
        return line

    def decode(match: regex.Match[str]) -> str:
        entity = match.group()
        char = html.unescape(entity)
        if len(char) != 1 or char == entity:
            return entity
        if char.isalpha():
            return char
        start, end = match.span()
        between = line[start - 1 : start].isalpha() and line[end : end + 1].isalpha()
        return char if between and char in _INSIDE_WORDS else entity

    return _ENTITY.sub(decode, line)


_CONTROL: Final = regex.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # \r, \x1b (escapes) included


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
_SPACELESS: Final = regex.compile(r"[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}]")
_LONE_SURROGATE: Final = regex.compile(r"[\ud800-\udfff]")
_CR: Final = regex.compile(r"\r\n?")
_NEWLINE: Final = re.compile("\n")
_MAX_DIFF: Final = 4096

#: Every character one of ftfy's enabled fixes (or this stage) acts on by itself: "&" for
#: HTML entities, C0/C1 controls and terminal escapes, surrogates, ftfy's table of
#: unwanted control characters, and ``\r``.
_TOUCHED: Final = re.compile(  # plain ``re``: it scans for a character class several times faster
    "[&\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff"
    + "".join(f"\\U{code:08x}" for code in sorted(CONTROL_CHARS))
    + "]"
)


def _non_ascii_class(op: object, av: object) -> tuple[str, int] | None:
    """One element of a parsed pattern as a character class, if it matches non-ASCII only."""
    if op is _constants.LITERAL and isinstance(av, int):
        return (f"\\U{av:08x}", 1) if av >= 0x80 else None
    if op is not _constants.IN or not isinstance(av, list):
        return None
    parts, size = [], 0
    for item_op, item in av:
        if item_op is _constants.LITERAL and item >= 0x80:
            parts.append(f"\\U{item:08x}")
            size += 1
        elif item_op is _constants.RANGE and item[0] >= 0x80:
            parts.append(f"\\U{item[0]:08x}-\\U{item[1]:08x}")
            size += item[1] - item[0] + 1
        else:
            return None  # ASCII, a negation or a category: no help
    return "".join(parts), size


def _mojibake_hint() -> re.Pattern[str] | None:
    """A fast pattern that matches wherever ftfy's mojibake detector could match.

    :func:`ftfy.badness.is_bad` tries some forty alternatives at every character, which is
    most of ftfy's time on clean text. Each alternative needs one or two adjacent
    characters from non-ASCII classes; this pattern looks for those only, one character
    class first (a fast scan), then lookarounds. It is derived from ftfy's own pattern, so
    it follows ftfy's versions; where the derivation fails, ``None`` (always ask ftfy).
    """
    try:
        ((op, (_, branches)),) = _parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags).data
        if op is not _constants.BRANCH or BADNESS_RE.flags & re.IGNORECASE:
            return None
        anchors, checks = [], []
        for branch in branches:
            classes = [_non_ascii_class(item_op, item) for item_op, item in branch]
            options: list[tuple[int, str, str]] = []
            for left, right in zip(classes, classes[1:]):
                if left is not None and right is not None:  # two adjacent characters
                    if left[1] <= right[1]:
                        options.append((left[1], left[0], f"(?<=[{left[0]}])(?=[{right[0]}])"))
                    else:
                        options.append((right[1], right[0], f"(?<=[{left[0]}][{right[0]}])"))
            options += [(1000 * c[1], c[0], f"(?<=[{c[0]}])") for c in classes if c is not None]
            if not options:
                return None
            _, anchor, check = min(options)
            anchors.append(anchor)
            checks.append(check)
        return re.compile("[" + "".join(anchors) + "](?:" + "|".join(checks) + ")")
    except (AttributeError, TypeError, ValueError, re.error):  # another ftfy or Python
        return None


_MOJIBAKE_HINT: Final = _mojibake_hint()


def _clear(text: str) -> bool:
    """Whether no fix but the mojibake repair can change ``text``.

    ftfy's other enabled fixes act on the characters of ``_TOUCHED`` only, and its
    normalisation only on text that is not NFC already; this stage adds invisible characters.
    """
    return (
        _TOUCHED.search(text) is None
        and not _has_invisible(text)
        and unicodedata.is_normalized("NFC", text)
    )


def _has_invisible(text: str) -> bool:
    """Whether ``text`` holds an invisible character this stage removes (:data:`INVISIBLE`).

    Most texts hold none of its characters at all, which a scan for them tells first.
    """
    return (
        not text.isascii()
        and INVISIBLE_CHARS.search(text) is not None
        and INVISIBLE.search(text) is not None
    )


def _untouched(line: str) -> bool:
    """Whether this stage leaves ``line`` as it is (ftfy's mojibake repair needs ``is_bad``)."""
    return _clear(line) and (
        (_MOJIBAKE_HINT is not None and _MOJIBAKE_HINT.search(line) is None) or not is_bad(line)
    )


def _all_untouched(text: str) -> bool:
    """Whether this stage leaves every line of ``text`` as it is, in one pass over it.

    A search of the whole text finds whatever a search of one of its lines finds, as long as
    the pattern has no anchor: ``_MOJIBAKE_HINT`` has none (ftfy's own pattern has one).
    """
    return _clear(text) and _MOJIBAKE_HINT is not None and _MOJIBAKE_HINT.search(text) is None


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
    decoded = _decode_letters(fixed)
    if decoded != fixed:
        reasons.append("HTML entity decoded")
        fixed = decoded
    repaired = ftfy.fix_text(fixed, config=FTFY_CONFIG)
    if repaired != fixed:
        reasons.append(_ftfy_reason(fixed))
        fixed = repaired
    visible = _drop_invisible(fixed)
    if visible != fixed:
        reasons.append("invisible character removed")
        # a soft hyphen inside mojibake hid it from ftfy: look again (where ftfy may act)
        fixed = visible if _untouched(visible) else ftfy.fix_text(visible, config=FTFY_CONFIG)
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
    if _all_untouched(text):
        return []
    edits: list[Edit] = []
    for offset in _suspect_lines(text):
        end = text.find("\n", offset)
        line = text[offset : len(text) if end < 0 else end]
        # a line that looks like mojibake goes to ftfy, which tells it from text on its own
        hinted = _MOJIBAKE_HINT is not None and _MOJIBAKE_HINT.search(line) is not None
        if hinted or not _untouched(line):
            fixed, reason = _fix_line(line)
            if fixed != line:
                edits.extend(_diff(offset, line, fixed, reason))
    return edits


def _suspect_lines(text: str) -> list[int]:
    """Where each line starts that this stage may change (each line, if it cannot tell).

    The patterns :func:`_untouched` asks about match inside one line (none can match a line
    break), so one scan of the whole text finds every line where one matches.
    """
    if _MOJIBAKE_HINT is None or not unicodedata.is_normalized("NFC", text):
        return [0, *(match.end() for match in _NEWLINE.finditer(text))]
    found = [m.start() for scan in (_TOUCHED, _MOJIBAKE_HINT) for m in scan.finditer(text)]
    if not text.isascii():
        found += (m.start() for m in INVISIBLE.finditer(text))
    return sorted({text.rfind("\n", 0, at) + 1 for at in found})
