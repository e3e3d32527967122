"""Every compiled regular expression of textrepair, with a comment per case.

All patterns are linear: no nested quantifiers over overlapping classes, so none can backtrack
catastrophically (each is exercised on pathological input in the test suite).
"""

from __future__ import annotations

import re
from typing import Final

import regex

__all__ = [
    "BLANK_RUN",
    "CJK_RUN",
    "CODE_WORDS",
    "CODE_WORDS_SCANS",
    "DASHES",
    "IDEOGRAPHIC",
    "IDEOGRAPHIC_FROM",
    "IDEOGRAPHIC_SPLIT",
    "INVISIBLE",
    "INVISIBLE_CHARS",
    "LONE_SEPARATOR_LINE",
    "SENTENCE_END",
    "SEPARATOR_IN_GAP",
    "SPACE_RUN",
    "STRUCTURED_LINE",
    "STRUCTURED_SCANS",
    "TOKEN_LOOP",
    "WIDE_GAP",
    "WORD",
]

#: A paragraph's end: a line break and the blank lines after it (the match spans them all).
BLANK_RUN: Final = re.compile(r"\n(?:[^\S\n]*\n)+")

#: A word token: a run of word characters, joined across inner hyphens and apostrophes
#: (``semi-conducteurs``, ``d’expansion``, ``don't``); or a number with inner separators
#: (``1,5``, ``10.000``, ``5-7000``). Each alternative is a possessive-free run of a single
#: class followed by a bounded repetition, so matching is linear.
WORD: Final = regex.compile(
    r"""
    \d+(?:[.,:]\d+)+              # a number with inner separators: 1,5  10.000  12:30
    | \w+(?:[-\N{HYPHEN}'\N{RIGHT SINGLE QUOTATION MARK}]\w+)*  # a word, maybe compound
    """,
    regex.VERBOSE,
)

#: Invisible characters that split a word without showing: zero-width space, soft hyphen,
#: word joiner, zero-width no-break space (BOM) and the invisible math operators; ZWJ and ZWNJ
#: inside a Latin, Greek or Cyrillic word.
INVISIBLE: Final = regex.compile(
    r"[\N{ZERO WIDTH SPACE}\N{SOFT HYPHEN}\N{WORD JOINER}\N{ZERO WIDTH NO-BREAK SPACE}"
    r"\N{FUNCTION APPLICATION}\N{INVISIBLE TIMES}\N{INVISIBLE SEPARATOR}\N{INVISIBLE PLUS}]"
    # ZWJ and ZWNJ only between two letters of alphabets that never join: emoji sequences
    # and Indic or Arabic script need them
    r"|(?<=[\p{Latin}\p{Greek}\p{Cyrillic}])"
    r"[\N{ZERO WIDTH JOINER}\N{ZERO WIDTH NON-JOINER}]+"
    r"(?=[\p{Latin}\p{Greek}\p{Cyrillic}])"
)

#: The characters :data:`INVISIBLE` matches, wherever they stand: a text without any holds
#: nothing it matches, and plain ``re`` finds one faster than ``INVISIBLE``, whose lookbehind
#: is tried at every character.
INVISIBLE_CHARS: Final = re.compile(r"[\u00ad\u200b-\u200d\u2060-\u2064\ufeff]")

#: Dashes: a spaced one is punctuation as often as a chunk seam, so it counts for less.
DASHES: Final = frozenset(
    ("-", "--", "\N{EN DASH}", "\N{EM DASH}")
)  # ``--``: a dash typed in ASCII

#: Punctuation that marks a chunk seam when it stands in the gap between two words: a
#: semicolon, slash, bar, ellipsis or dash (``...`` and ``--`` typed in ASCII too) standing
#: between spaces, a spaced semicolon, slash or bar or an ellipsis at a line end, or one alone
#: on its line. A mark glued to a word (``lesbar/schreibbar``, ``pobre; se``,
#: ``agradables;``) is ordinary punctuation, and so is a mark after a no-break space
#: (``heure\u00a0;``): French typesetting, not a joint. (Bars in rows of a table are no
#: seams: ``segment._mark_table_rows``.)
SEPARATOR_IN_GAP: Final = regex.compile(
    r"""
    [ \t](?:[;/|\N{HORIZONTAL ELLIPSIS}\N{EN DASH}\N{EM DASH}-]|--)\s  # spaced: ` ; ` ` | ` ` -- `
    | [ \t][;/|,][^\S\n]*\n                   # spaced at a line end: `capital ;\n`
    | (?:\N{HORIZONTAL ELLIPSIS}|(?<!\.)\.\.\.)[^\S\n]*\n  # an ellipsis at a line end
    | \n[^\S\n]*[;/\N{HORIZONTAL ELLIPSIS}][^\S\n]*\n  # alone on a line: `\n;\n`
    | (?:\N{HORIZONTAL ELLIPSIS}|\.\.\.)[^\S\n]      # an ellipsis before a space: `abrirá… la`
    """,
    regex.VERBOSE,
)

#: A line that holds nothing but one stray separator mark (``;`` alone on its line), searched
#: in the text with a line break added at each end: group 1 is the line, one character
#: earlier in the text. Starting with a line break, the search skips ahead to each one.
LONE_SEPARATOR_LINE: Final = regex.compile(
    r"""
    \n(
    [^\S\n]*                                   # optional indentation
    (?:[;,/|\N{HORIZONTAL ELLIPSIS}\N{EN DASH}\N{EM DASH}\N{MIDDLE DOT}-]|\.\.\.)  # one mark
    [^\S\n]*                                   # optional trailing spaces
    )(?=\n)                                    # the line end
    """,
    regex.VERBOSE,
)

#: Sentence-ending punctuation, possibly followed by closing quotes or brackets.
SENTENCE_END: Final = regex.compile(
    r"[.!?\N{HORIZONTAL ELLIPSIS}\N{IDEOGRAPHIC FULL STOP}"
    r"\N{FULLWIDTH EXCLAMATION MARK}\N{FULLWIDTH QUESTION MARK}]"
    r"[\p{Pf}\p{Pe}\"'\s]*$",  # closing quotes and brackets, then the end of the text
)

#: After an indentation: not a line of prose (six words of letters, then no mark of code to
#: the line's end; a slash between spaces separates, as in prose). Manual pages, licences and
#: plain-text documents indent their wrapped paragraphs; code indented as a block rarely
#: opens with six plain words. Exactly five words before the sixth keep the search linear in
#: the line's length.
_NOT_PROSE: Final = (
    r"(?![ \xa0]*(?:[«\"'(]?[^\W\d_][^\W\d_'’-]*[,.;:!?»\"')]*[ ]+){5}"
    r"[^\W\d_](?:[^\n={}\[\]<>_/\\|#$@*`]|[ ]/[ ])*$)"
)

#: A line that keeps its line break and repeats its shape on purpose: a list item, a quote or
#: a heading, code, a table row, or one long token.
#: Matched over a whole text (MULTILINE); every branch stays inside one line. Plain ``re``:
#: it needs no Unicode property and runs this scan faster than ``regex``.
STRUCTURED_LINE: Final = re.compile(
    r"""
    ^[ \t\xa0]*(?:
        [-*+\u2022\u2023\u2013\u2014>#|](?=[^\n]*\w)  # - * + • ‣ – — > # |, then words
      | \d{1,3}[.)][ \t]                      # 1.  2)
      | [a-zA-Z][.)][ \t]                     # a)  b.
      | [$%#>][ \t]                           # a shell prompt
      | \[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]     # a log or chat line: 12:30  [10:04:59]
      | [A-Z][a-z]{2}[ \t]+\d{1,2}[ \t]+\d{1,2}:\d{2}  # a syslog line: Apr 06 23:43
      | <[@+%~&]?[^\s<>]{1,32}>[ \t]            # a chat line: <nick>
      | \.\.[ ][^\s.] | \.\.\.[ \t]{2}          # a reST directive; a Python prompt's code
    )
    | ^(?:\t|[ \xa0]{4}"""
    + _NOT_PROSE
    + r""")                    # an indented code block (no prose)
    | [{\[=\\][ \t]*$                        # ends opening a block: { [ = or a backslash
    | ^[ \t]*[}\]][;,)]*[ \t]*$                 # a line that only closes a block
    | \S[ ]*\t[ \t]*\S                       # table cells: a tab (bars: segment.py)
    | ^[ \t]*[\x21-\x7e]{20,}[ \t]*$             # one long ASCII token (a hash, a URL, a path)
    | [-dlcbps][r-][w-][xsS-][r-][w-][xsS-][r-][w-][xtT-][+.@]?[ \t]  # a file listing: -rw-r--r--
    """,
    re.VERBOSE | re.MULTILINE,
)

#: :data:`STRUCTURED_LINE` split into scans that each start with one character or class, so
#: that a search over a long text skips ahead in C instead of trying every branch at every
#: character. The first scan runs over the text with ``"\n"`` in front: it finds the branches
#: anchored at a line start by the line break before them.
STRUCTURED_SCANS: Final[tuple[re.Pattern[str] | regex.Pattern[str], ...]] = (
    re.compile(
        r"""
        \n(?:
            [ \t\xa0]*(?:
                [-*+\u2022\u2023\u2013\u2014>#|](?=[^\n]*\w)
              | \d{1,3}[.)][ \t]
              | [a-zA-Z][.)][ \t]
              | [$%#>][ \t]
              | \[?\d{1,2}:\d{2}(?::\d{2})?\]?[ \t]
              | [A-Z][a-z]{2}[ \t]+\d{1,2}[ \t]+\d{1,2}:\d{2}
              | <[@+%~&]?[^\s<>]{1,32}>[ \t]
              | \.\.[ ][^\s.] | \.\.\.[ \t]{2}
            )
          | \t | [ \xa0]{4}"""
        + _NOT_PROSE
        + r"""
          | [ \t]*[}\]][;,)]*[ \t]*$
          | [ \t]*[\x21-\x7e]{20,}[ \t]*$
        )
        """,
        re.VERBOSE | re.MULTILINE,
    ),
    re.compile(r"[{\[=\\][ \t]*$", re.MULTILINE),
    regex.compile(r"\t(?<=\S[ ]*\t)[ \t]*\S"),  # ``regex``: a lookbehind of any width
    # a file listing (``-rw-r--r--``), looked for from its third character: ``w`` is rarer
    # than the letters of the file types, and the match stays on the listing's line
    re.compile(r"[w-](?<=[-dlcbps][r-][w-])[xsS-][r-][w-][xsS-][r-][w-][xtT-][+.@]?[ \t]"),
)

#: Three spaces or more between two words: columns aligned with spaces, or a justified line
#: (:func:`textrepair.segment.structured_line` tells them apart).
WIDE_GAP: Final = re.compile(r"   (?<=\S   ) *\S")
#: A run of spaces inside a line.
SPACE_RUN: Final = re.compile(r"[ ]+")

#: Words of code inside a line: a URL, a command-line option, a path. A line holding them
#: keeps its line breaks (reflow), though its words may still be repaired.
CODE_WORDS: Final = re.compile(
    r"""
    ://                                       # a URL
    | (?:^|[ \t])--?[a-zA-Z]                  # a command-line option: -x --long
    | [^\s/]/[^\s/]*/                         # a path: a/b/ /usr/bin/
    """,
    re.VERBOSE | re.MULTILINE,
)

#: :data:`CODE_WORDS` as scans that start with one character (see :data:`STRUCTURED_SCANS`);
#: the first runs over the text with ``"\n"`` in front.
CODE_WORDS_SCANS: Final = (
    re.compile(r"\n--?[a-zA-Z]"),
    re.compile(r"://"),
    re.compile(r"-(?<=[ \t]-)-?[a-zA-Z]"),
    re.compile(r"/(?<=[^\s/]/)[^\s/]*/"),
)

#: A character of Chinese or Japanese (Han, kana, the prolonged sound mark): written without
#: spaces, so each one is compared as a token of its own.
IDEOGRAPHIC: Final = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}]"
)

#: A character from the first block of Chinese or Japanese characters on (U+2E80, CJK
#: Radicals Supplement): no :data:`IDEOGRAPHIC` character comes before it. A text without one
#: holds no ideograph, and ``re`` tells so several times faster than a scan for scripts.
IDEOGRAPHIC_FROM: Final = re.compile(r"[\u2e80-\U0010ffff]")

#: An ideographic character, or a run of other characters (to split mixed tokens).
IDEOGRAPHIC_SPLIT: Final = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}]"
    r"|[^\p{Han}\p{Hiragana}\p{Katakana}\N{KATAKANA-HIRAGANA PROLONGED SOUND MARK}]+"
)

#: A piece of three to forty letters said three times or more inside one token, with or
#: without hyphens: ``WhiteWhiteWhite``, ``man-man-man-man``, ``sub-sub-sub-scription``.
#: The piece's length is bounded, so matching stays linear.
TOKEN_LOOP: Final = regex.compile(r"\b(\w{3,40}?)((?:-?\1){2,})", regex.IGNORECASE)

#: A run of characters from scripts written without spaces between words.
CJK_RUN: Final = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]+"
)
