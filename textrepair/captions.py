"""Roll-up captions: read WebVTT and SRT, keep each caption line once, write it back out.

YouTube's automatic captions *roll up*: every cue shows the line of the previous cue again and
adds a new one below it (live streams keep three lines and grow the bottom one word by word),
so the plain text of all cues holds each line two or three times. :func:`collapse_rollup`
keeps each line once, with its timing: it starts where the line first appears and ends where
it last appears. Files that do not roll up (pop-on captions, YouTube's old format with
overlapping cue times) come out with every line kept.

Reading uses `webvtt-py <https://pypi.org/project/webvtt-py/>`_ (``pip install
'textrepair[captions]'``), which strips YouTube's inline timing tags (``<00:00:05.879><c>
the</c>``) and colour spans (``<c.colorCCCCCC>``). Two kinds of YouTube file are not valid
WebVTT and are pre-cleaned minimally before webvtt-py sees them: files without the ``WEBVTT``
header, and live-stream files made of many concatenated HLS segments, each with its own
``WEBVTT``/``X-TIMESTAMP-MAP`` header (see :func:`parse_captions`).

    >>> vtt = '''WEBVTT
    ...
    ... 00:00:00.000 --> 00:00:02.000
    ... the river<00:00:00.500><c> was</c><00:00:01.000><c> high</c>
    ...
    ... 00:00:02.000 --> 00:00:04.000
    ... the river was high
    ... that<00:00:02.500><c> spring</c>
    ... '''
    >>> captions_to_text(collapse_rollup(parse_captions(vtt)))
    'the river was high that spring'
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import regex

try:
    import webvtt
    from webvtt.errors import MalformedCaptionError, MalformedFileError
    from webvtt.models import Timestamp
except ImportError as error:  # pragma: no cover - the extra is not installed
    _MESSAGE = "textrepair.captions needs webvtt-py: pip install 'textrepair[captions]'"
    raise ImportError(_MESSAGE) from error

from textrepair.config import Config
from textrepair.pipeline import clean as _clean

__all__ = [
    "FORMATS",
    "CaptionError",
    "Cue",
    "captions_to_text",
    "collapse_rollup",
    "is_rollup",
    "main",
    "parse_captions",
    "read_captions",
    "render",
    "to_jsonl",
    "to_srt",
    "to_vtt",
]

#: The output formats of :func:`render` and of ``textrepair captions --to``.
FORMATS: tuple[str, ...] = ("text", "vtt", "srt", "jsonl")

InputFormat = Literal["auto", "vtt", "srt"]

# A blank cue at most this long (seconds) does not clear the screen: YouTube ends every
# "[Music]" line with a 10 ms blank cue, and the next "[Music]" is the same music going on.
_BLANK_FLASH = 0.05
# A cue starting more than this (seconds) before the previous one ends is shown *alongside*
# it (YouTube's old non-rolling format): its lines are new text, never a carried copy.
_OVERLAP_TOLERANCE = 0.02
# Share of the non-blank cues that must carry a line of the cue before for a file to roll up.
_ROLLUP_SHARE = 0.25
# 90 kHz MPEG-TS clock of the X-TIMESTAMP-MAP header of HLS WebVTT segments.
_MPEGTS_HZ = 90_000

_HEADER = re.compile(r"\ufeff?WEBVTT(?:[ \t].*)?")
_VTT_TIMING = re.compile(r"\s*(?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3}\s*-->")
_SRT_TIMING = re.compile(r"\s*\d+:\d{1,2}:\d{1,2},\d+\s*-->")
_SRT_OVERRIDE = re.compile(r"\{\\[^{}]*\}")  # {\an8} and other ASS overrides in SRT text
_SPACES = re.compile(r"\s+")
# Scripts written without spaces between words: caption lines in them are joined directly.
_NO_SPACE = regex.compile(
    r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Tibetan}"
    r"\u3000-\u303f\u30fc\uff01-\uff65]"
)


class CaptionError(ValueError):
    """The input is not a WebVTT or SRT caption file that can be read.

    Example:
        >>> parse_captions("just some prose")
        Traceback (most recent call last):
        ...
        textrepair.captions.CaptionError: not a WebVTT or SRT caption file: no cue timing line
    """


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption cue: a time span and its text, tags removed.

    Attributes:
        start: Start time in seconds.
        end: End time in seconds.
        text: The lines of the cue joined by ``"\\n"``, without markup, each stripped and with
            runs of white space collapsed; ``""`` for a blank cue.

    Example:
        >>> Cue(1.5, 3.0, "carried line\\nnew line").lines
        ('carried line', 'new line')
    """

    start: float
    end: float
    text: str = ""

    @property
    def lines(self) -> tuple[str, ...]:
        """The non-empty lines of the cue (``()`` for a blank cue)."""
        return tuple(line for line in self.text.split("\n") if line.strip())


# --------------------------------------------------------------------------------------------
# Reading


def read_captions(source: str | os.PathLike[str], *, format: InputFormat = "auto") -> list[Cue]:
    """Read a WebVTT or SRT caption file, or caption text, into cues.

    Args:
        source: A path, or the caption text itself (a ``str`` holding ``-->`` or starting
            with ``WEBVTT`` is taken as text; any other ``str`` as a path).
        format: ``"vtt"``, ``"srt"`` or ``"auto"`` (from the content, see
            :func:`parse_captions`).

    Returns:
        The cues in file order, blank cues included (see :func:`parse_captions`).

    Raises:
        OSError: If the file cannot be read.
        CaptionError: If the file is not UTF-8 or not a caption file.

    Example:
        >>> read_captions("1\\n00:00:01,000 --> 00:00:02,500\\n<i>Hello</i> there\\n")
        [Cue(start=1.0, end=2.5, text='Hello there')]
    """
    if isinstance(source, str) and ("-->" in source or _HEADER.match(source.lstrip())):
        return parse_captions(source, format=format)
    path = Path(source)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"not UTF-8 (byte {error.start})"
        raise CaptionError(msg) from None
    return parse_captions(text, format=format)


def parse_captions(text: str, *, format: InputFormat = "auto") -> list[Cue]:
    """Parse WebVTT or SRT caption text into cues, with webvtt-py.

    Markup is removed from the cue text: YouTube's inline timing tags and ``<c>`` spans,
    colour classes, ``<i>``/``<b>``, SRT's ``{\\an8}`` overrides; HTML entities are decoded.
    Two YouTube variants that are not valid WebVTT are accepted:

    - a file without the ``WEBVTT`` header (its text is read as if it had one);
    - a live-stream file made of concatenated HLS segments, each starting with a ``WEBVTT``
      header: the text is cut at those headers and each segment parsed on its own, its times
      moved by its ``X-TIMESTAMP-MAP`` (cue time - LOCAL + MPEGTS / 90 kHz), so segments whose
      times restart at zero follow each other.

    Args:
        text: The content of a ``.vtt`` or ``.srt`` file.
        format: ``"vtt"``, ``"srt"`` or ``"auto"`` (``WEBVTT`` header or timings with a ``.``
            before the milliseconds: WebVTT; timings with a ``,``: SRT).

    Returns:
        The cues in file order, blank cues included (they clear a roll-up screen).

    Raises:
        CaptionError: If the text holds no cue timing line or the parser rejects it.

    Example:
        >>> [c.text for c in parse_captions("00:00.000 --> 00:01.000\\n&gt;&gt; hi &amp; bye")]
        ['>> hi & bye']
    """
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if format == "auto":
        format = _sniff(lines)
    if format == "srt":
        return _parse_srt(text)
    return _parse_vtt(lines)


def _sniff(lines: Sequence[str]) -> Literal["vtt", "srt"]:
    for line in lines:
        if not line.strip():
            continue
        if _HEADER.fullmatch(line.strip()) or _VTT_TIMING.match(line):
            return "vtt"
        if _SRT_TIMING.match(line):
            return "srt"
    msg = "not a WebVTT or SRT caption file: no cue timing line"
    raise CaptionError(msg)


def _parse_srt(text: str) -> list[Cue]:
    try:
        parsed = webvtt.from_buffer(io.StringIO(text.lstrip("\n")), format="srt")
    except (MalformedFileError, MalformedCaptionError) as error:
        msg = f"not a valid SRT file: {error}"
        raise CaptionError(msg) from None
    return [
        _cue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text, 0.0)
        for c in parsed.captions
    ]


def _parse_vtt(lines: Sequence[str]) -> list[Cue]:
    cues: list[Cue] = []
    for segment in _segments(lines):
        # A headerless part (a file without header, or text before the first header) gets
        # one, which is all webvtt-py needs to read it.
        header = [] if _HEADER.fullmatch(segment[0].strip()) else ["WEBVTT", ""]
        try:
            parsed = webvtt.from_string("\n".join([*header, *segment]))
        except (MalformedFileError, MalformedCaptionError) as error:
            msg = f"not a valid WebVTT file: {error}"
            raise CaptionError(msg) from None
        offset = _timestamp_offset(parsed.metadata)
        cues.extend(
            _cue(c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), c.text, offset)
            for c in parsed.captions
        )
    if not cues and not any(_VTT_TIMING.match(line) for line in lines):
        if any(_HEADER.fullmatch(line.strip()) for line in lines):
            return []  # a header and no cue: a valid, empty file
        msg = "not a WebVTT file: no cue timing line"
        raise CaptionError(msg)
    return cues


def _segments(lines: Sequence[str]) -> list[list[str]]:
    """Cut the lines at every ``WEBVTT`` header that starts a block (HLS segments).

    webvtt-py reads one header per file and skips a later header block, and with it that
    segment's ``X-TIMESTAMP-MAP``: each segment is therefore parsed on its own.
    """
    starts = [
        i
        for i, line in enumerate(lines)
        if _HEADER.fullmatch(line.strip())
        and (i == 0 or not lines[i - 1].strip())
        and not (i + 1 < len(lines) and _VTT_TIMING.match(lines[i + 1]))
    ]
    bounds = [0, *starts, len(lines)]
    parts = [list(lines[a:b]) for a, b in zip(bounds, bounds[1:]) if a < b]
    return [part for part in parts if any(line.strip() for line in part)] or [["WEBVTT"]]


def _timestamp_offset(metadata: Iterable[str]) -> float:
    """Seconds to add to a segment's cue times, from ``X-TIMESTAMP-MAP=LOCAL:..,MPEGTS:..``."""
    for line in metadata:
        name, _, value = line.partition("=")
        if name.strip().upper() != "X-TIMESTAMP-MAP":
            continue
        fields: dict[str, str] = {}
        for item in value.split(","):
            key, _, field = item.strip().partition(":")
            fields[key.strip().upper()] = field
        try:
            local = Timestamp.from_string(fields.get("LOCAL", "00:00.000").strip())
            mpegts = int(fields.get("MPEGTS", "0"))
        except (MalformedCaptionError, ValueError):
            return 0.0
        return mpegts / _MPEGTS_HZ - local.in_milliseconds() / 1000
    return 0.0


def _cue(start_ms: int, end_ms: int, text: str, offset: float) -> Cue:
    lines = (
        _SPACES.sub(" ", html.unescape(_SRT_OVERRIDE.sub("", line))).strip()
        for line in text.split("\n")
    )
    return Cue(
        round(start_ms / 1000 + offset, 3),
        round(end_ms / 1000 + offset, 3),
        "\n".join(line for line in lines if line),
    )


# --------------------------------------------------------------------------------------------
# Collapsing


def _key(line: str) -> str:
    """Compare lines on their characters, white space left out (scripts without spaces too)."""
    return "".join(unicodedata.normalize("NFKC", line).casefold().split())


def _shown_with(cue: Cue, previous: Cue | None) -> bool:
    """Whether ``cue`` starts before ``previous`` ends, so both are on screen together."""
    return previous is not None and cue.start < previous.end - _OVERLAP_TOLERANCE


def is_rollup(cues: Sequence[Cue]) -> bool:
    """Whether the cues roll up: many of them show a line of the cue before them again.

    Args:
        cues: Cues in file order, as :func:`parse_captions` returns them.

    Returns:
        ``True`` if at least a quarter of the non-blank cues start with the last line(s) of the
        non-blank cue right before them (and do not overlap it in time).

    Example:
        >>> is_rollup([Cue(0, 2, "one"), Cue(2, 4, "one\\ntwo"), Cue(4, 6, "two\\nthree")])
        True
        >>> is_rollup([Cue(0, 2, "one"), Cue(1, 3, "two"), Cue(2, 4, "three")])
        False
    """
    shown = [cue for cue in cues if cue.lines]
    carried = sum(
        1
        for previous, cue in zip(shown, shown[1:])
        if not _shown_with(cue, previous) and _carried(cue.lines, previous.lines)
    )
    return bool(shown) and carried >= _ROLLUP_SHARE * len(shown)


def collapse_rollup(cues: Sequence[Cue], *, rollup: bool | None = None) -> list[Cue]:
    """Keep each caption line once, timed from where it first appears to where it last does.

    Each cue of a roll-up file shows again the bottom line(s) of the cue before it, scrolled
    up, then a new line. The first lines of a cue are *carried* when they equal the last lines
    of the screen (compared on their characters, white space and case left out, so scripts
    written without spaces work the same); on a live stream the bottom line may also grow
    (``at`` -> ``at this time``). A kept line has the text of its last appearance. Every
    other line is new and becomes one output cue. A blank cue clears the screen, unless it is
    a flash of at most 50 ms; a cue that starts before the previous one ends is shown beside
    it, so it carries nothing.

    Args:
        cues: Cues in file order (:func:`read_captions`).
        rollup: ``True`` or ``False`` to say whether the file rolls up; ``None`` (default) to
            decide with :func:`is_rollup`. A file that does not roll up is only split into one
            cue per line: every line is kept, consecutive repeats included.

    Returns:
        One cue per kept line, in order; starts (and ends) never go back in time as long as
        those of the input do not.

    Example:
        >>> rolled = [
        ...     Cue(0.0, 2.0, "the river was high"),
        ...     Cue(2.0, 2.01, "the river was high"),
        ...     Cue(2.01, 4.0, "the river was high\\nthat spring"),
        ... ]
        >>> for cue in collapse_rollup(rolled):
        ...     print(cue)
        Cue(start=0.0, end=4.0, text='the river was high')
        Cue(start=2.01, end=4.0, text='that spring')
    """
    if rollup is None:
        rollup = is_rollup(cues)
    if not rollup:
        return [Cue(cue.start, cue.end, line) for cue in cues for line in cue.lines]
    kept: list[_Kept] = []
    screen: list[_Kept] = []  # the kept lines on screen, top to bottom
    previous: Cue | None = None
    for cue in cues:
        if not cue.lines:
            if cue.end - cue.start > _BLANK_FLASH:
                screen = []
            continue
        alongside = _shown_with(cue, previous)
        previous = cue
        lines = cue.lines
        carried = 0 if alongside else _carried(lines, [k.text for k in screen])
        on_screen = screen[len(screen) - carried :] if carried else []
        for kept_line, line in zip(on_screen, lines):
            kept_line.end = max(kept_line.end, cue.end)
            kept_line.text = line  # its last form: grown (live streams) or re-spaced
        for line in lines[carried:]:
            kept.append(_Kept(cue.start, cue.end, line))
            on_screen.append(kept[-1])
        screen = on_screen
    return [Cue(k.start, k.end, k.text) for k in kept]


@dataclass(slots=True)
class _Kept:
    """A kept line while :func:`collapse_rollup` runs (mutable: its end and text grow)."""

    start: float
    end: float
    text: str


def _carried(lines: Sequence[str], screen: Sequence[str]) -> int:
    """How many of the first ``lines`` repeat the last lines of ``screen`` (lines scroll up).

    The last line of the screen may be carried grown (it still had words to come).
    """
    keys = [_key(line) for line in lines]
    shown = [_key(line) for line in screen]
    for count in range(min(len(keys), len(shown)), 0, -1):
        head, tail = keys[:count], shown[len(shown) - count :]
        if head[:-1] == tail[:-1] and (
            head[-1] == tail[-1] or (tail[-1] and head[-1].startswith(tail[-1]))
        ):
            return count
    return 0


# --------------------------------------------------------------------------------------------
# Writing


def captions_to_text(
    cues: Iterable[Cue], *, clean: bool = False, config: Config | None = None
) -> str:
    """Join the lines of the cues into one paragraph of plain text.

    Lines are joined with a space, or with nothing between two characters of a script written
    without spaces (Japanese, Chinese, Thai, ...).

    Args:
        cues: Cues, usually from :func:`collapse_rollup`.
        clean: Also run :func:`textrepair.clean` on the text (residual doubled words).
        config: The :class:`~textrepair.Config` for ``clean``.

    Returns:
        The text, without a final line break.

    Example:
        >>> captions_to_text([Cue(0, 1, "今日は"), Cue(1, 2, "晴れです。"), Cue(2, 3, "OK")])
        '今日は晴れです。 OK'
    """
    parts: list[str] = []
    for cue in cues:
        for line in cue.lines:
            if parts and not (_NO_SPACE.match(parts[-1][-1]) and _NO_SPACE.match(line[0])):
                parts.append(" ")
            parts.append(line)
    text = "".join(parts)
    return _clean(text, config=config) if clean else text


def _timestamp(seconds: float, separator: str) -> str:
    milliseconds = max(0, round(seconds * 1000))
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


def to_vtt(cues: Iterable[Cue]) -> str:
    """Write cues as a WebVTT file (``&``, ``<`` and ``>`` escaped; blank cues left out).

    Args:
        cues: Cues, usually from :func:`collapse_rollup`.

    Returns:
        The file content.

    Example:
        >>> print(to_vtt([Cue(1.5, 3.25, "salt & pepper")]), end="")
        WEBVTT
        <BLANKLINE>
        00:00:01.500 --> 00:00:03.250
        salt &amp; pepper
    """
    blocks = [
        f"{_timestamp(c.start, '.')} --> {_timestamp(c.end, '.')}\n"
        + html.escape("\n".join(c.lines), quote=False)
        for c in cues
        if c.lines
    ]
    return "WEBVTT\n" + "".join(f"\n{block}\n" for block in blocks)


def to_srt(cues: Iterable[Cue]) -> str:
    """Write cues as a SubRip (SRT) file, numbered from 1 (blank cues left out).

    Args:
        cues: Cues, usually from :func:`collapse_rollup`.

    Returns:
        The file content.

    Example:
        >>> print(to_srt([Cue(0, 2, "one"), Cue(2, 3661.5, "two")]), end="")
        1
        00:00:00,000 --> 00:00:02,000
        one
        <BLANKLINE>
        2
        00:00:02,000 --> 01:01:01,500
        two
    """
    blocks = [
        f"{number}\n{_timestamp(c.start, ',')} --> {_timestamp(c.end, ',')}\n"
        + "\n".join(c.lines).replace("-->", "->")
        for number, c in enumerate((c for c in cues if c.lines), start=1)
    ]
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def to_jsonl(cues: Iterable[Cue]) -> str:
    """Write cues as JSON lines: ``{"start": s, "end": s, "text": ...}``, times in seconds.

    Args:
        cues: Cues, usually from :func:`collapse_rollup`.

    Returns:
        One JSON object per line, each line ending in ``"\\n"``.

    Example:
        >>> print(to_jsonl([Cue(0.5, 2.0, "hello")]), end="")
        {"start": 0.5, "end": 2.0, "text": "hello"}
    """
    return "".join(
        json.dumps(
            {"start": round(c.start, 3), "end": round(c.end, 3), "text": "\n".join(c.lines)},
            ensure_ascii=False,
        )
        + "\n"
        for c in cues
        if c.lines
    )


def render(cues: Sequence[Cue], to: str = "text", *, clean: bool = False) -> str:
    """Write cues in one of :data:`FORMATS`; text ends with a line break unless empty.

    Args:
        cues: Cues, usually from :func:`collapse_rollup`.
        to: ``"text"``, ``"vtt"``, ``"srt"`` or ``"jsonl"``.
        clean: For ``"text"``: also run :func:`textrepair.clean` on it.

    Returns:
        The output.

    Raises:
        ValueError: For an unknown format, or ``clean`` with another format than text.

    Example:
        >>> render([Cue(0, 1, "a line")], "text")
        'a line\\n'
    """
    if to not in FORMATS:
        msg = f"unknown format {to!r}: expected one of {', '.join(FORMATS)}"
        raise ValueError(msg)
    if clean and to != "text":
        msg = "clean applies to text output only"
        raise ValueError(msg)
    if to == "text":
        text = captions_to_text(cues, clean=clean)
        return text + "\n" if text else ""
    writer = {"vtt": to_vtt, "srt": to_srt, "jsonl": to_jsonl}[to]
    return writer(cues)


# --------------------------------------------------------------------------------------------
# Command line

_PROG = "textrepair captions"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description="Read a WebVTT or SRT caption file, keep each rolled-up caption line once "
        "and write a transcript or a cleaned caption file.",
        epilog="Exit codes: 0 success, 1 a file that is not a UTF-8 WebVTT or SRT caption "
        "file, 2 usage errors and unreadable or unwritable files.",
    )
    parser.add_argument("file", metavar="FILE", help="a .vtt or .srt file ('-' for stdin)")
    parser.add_argument(
        "--to",
        choices=FORMATS,
        help="output format (default: from the -o file name ending, else text)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", type=Path, help="write here (atomically) not stdout"
    )
    parser.add_argument(
        "--format",
        choices=("auto", "vtt", "srt"),
        default="auto",
        help="input format (default: from the content)",
    )
    parser.add_argument(
        "--clean",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="also run textrepair's clean() on the text output (default: no)",
    )
    return parser


def _write_atomic(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _error(message: str, code: int) -> int:
    print(f"{_PROG}: {message}", file=sys.stderr)
    return code


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``textrepair captions FILE [--to text|vtt|srt|jsonl] [-o OUT] [--clean]``.

    Args:
        argv: The arguments after ``captions`` (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success, 1 for a file that is not a UTF-8 caption file, 2 for
        usage errors and files that cannot be read or written.

    Example:
        >>> main(["no-such-file.vtt"])  # one line on stderr: cannot read no-such-file.vtt: ...
        2
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse exits on --help and on usage errors
        return stop.code if isinstance(stop.code, int) else 2
    output: Path | None = args.output
    to: str = args.to or (
        output.suffix.lower().lstrip(".")
        if output is not None and output.suffix.lower().lstrip(".") in FORMATS[1:]
        else "text"
    )
    if args.clean and to != "text":
        return _error("--clean applies to --to text only", 2)
    source: str = args.file
    if output is not None and source != "-" and Path(source).resolve() == output.resolve():
        return _error(f"refusing to overwrite the input {source}", 2)
    try:
        if source == "-":
            data = sys.stdin.buffer.read()
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                return _error(f"<stdin> is not UTF-8 (byte {error.start})", 1)
            cues = parse_captions(text, format=args.format)
        else:
            cues = read_captions(Path(source), format=args.format)
    except OSError as error:
        return _error(f"cannot read {source}: {error.strerror or error}", 2)
    except CaptionError as error:
        return _error(f"{source}: {error}", 1)
    result = render(collapse_rollup(cues), to, clean=args.clean)
    try:
        if output is not None:
            _write_atomic(output, result)
        else:
            sys.stdout.write(result)
    except OSError as error:
        return _error(f"cannot write {output or '<stdout>'}: {error.strerror or error}", 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
