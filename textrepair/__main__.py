"""Command line: ``textrepair [OPTIONS] [FILE ...]`` and ``textrepair captions ...``.

Plain text (each file one document), JSON Lines (``.jsonl``, ``.jsonl.gz``), CSV and Parquet
records (one field repaired, every other field and the record order kept). Records stream
through :func:`textrepair.batch.repair_many` with ``--jobs`` worker processes, so memory stays
bounded on any input size.

Exit codes: 0 on success; 1 for bad data (a line that is not JSON, text that is not in the
input encoding, a failure while repairing); 2 for usage errors, unreadable inputs and
unwritable outputs; 130 when interrupted. Output given with ``-o`` (and ``--explain``) is
written to a temporary file beside it and renamed only on success, so a failed run never
leaves a half-written file.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import dataclasses
import gzip
import importlib
import io
import itertools
import json
import os
import secrets
import sys
import time
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NoReturn, Protocol, cast

from textrepair import __version__, segment
from textrepair.batch import DEFAULT_CHUNKSIZE, repair_many
from textrepair.config import Config
from textrepair.result import Edit, Repair

__all__ = ["main"]

_DEFAULTS = Config()
_FORMATS = ("text", "jsonl", "csv", "parquet")
_RECORDS = ("jsonl", "csv", "parquet")
_SUFFIXES = {
    ".txt": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: Why a record was passed through untouched, for ``--stats`` and the closing warning.
_PASSED = {
    "missing": "field missing",
    "not-str": "not a string",
    "invalid": "invalid, skipped",
}
#: Help for the flag of each :class:`~textrepair.config.Config` field.
_CONFIG_HELP = {
    "unicode": "Unicode repair (ftfy, invisible characters)",
    "overlaps": "re-emitted chunk tails",
    "stutters": "words doubled across a line wrap",
    "separators": "stray separator lines",
    "restarts": "clauses begun, abandoned and begun again",
    "loops": "phrases repeated many times in a row",
    "reflow": "joining hard-wrapped lines into paragraphs",
    "dehyphenate": "removing hyphens at line wraps",
    "min_score": "apply only edits scoring at least X, in [0, 1]",
    "min_scores": "thresholds for single kinds, overriding --min-score (repeatable)",
    "window": "words searched behind a seam for the earlier copy",
    "max_copy_words": "the longest passage compared as one copy",
    "report_only": "change nothing: report every edit (with --explain, --diff, --stats)",
}
_EPILOG = """\
examples:
  textrepair in.txt                              print the repaired text
  cat in.txt | textrepair -o out.txt             stdin to a file (written atomically)
  textrepair shard.jsonl.gz -o clean.jsonl.gz --jobs 4
  textrepair data.csv --field body -o clean.csv  repair one column, keep the others
  textrepair data.parquet -o clean.parquet       needs pip install 'textrepair[parquet]'
  textrepair --explain edits.jsonl --stats in.jsonl -o out.jsonl
  textrepair --diff in.txt                       show what would be removed
  textrepair --no-reflow --min-score 0.8 in.txt
  textrepair captions talk.vtt --to text         roll-up captions (textrepair captions -h)

exit codes: 0 success; 1 bad data (not JSON, not in the input encoding); 2 usage errors,
unreadable inputs, unwritable outputs; 130 interrupted.
"""


class _Stop(Exception):
    """Ends the run with an exit code and a one-line message."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        """Stop with exit code 2 and a one-line reason."""
        raise _Stop(2, f"{message} (see textrepair --help)")


# ---------------------------------------------------------------------------------- options


def _config_flags(parser: argparse.ArgumentParser) -> None:
    """Add one flag per :class:`Config` field (``--no-X`` for switches that default to on)."""
    group = parser.add_argument_group("repair (one flag per Config field)")
    for f in dataclasses.fields(Config):
        default = getattr(_DEFAULTS, f.name)
        flag = f.name.replace("_", "-")
        help_text = _CONFIG_HELP.get(f.name, f.name.replace("_", " "))
        if isinstance(default, tuple):  # pairs such as min_scores: KIND=X,KIND=X
            group.add_argument(
                f"--{flag}",
                dest=f.name,
                type=_pairs,
                action="extend",
                default=[],
                metavar="KIND=X[,KIND=X]",
                help=f"{help_text}, e.g. --{flag} overlap=0.8,stutter=0.9",
            )
        elif isinstance(default, bool) and default:
            group.add_argument(
                f"--no-{flag}", dest=f.name, action="store_false", help=f"skip {help_text}"
            )
        elif isinstance(default, bool):
            group.add_argument(f"--{flag}", dest=f.name, action="store_true", help=help_text)
        else:
            kind = type(default)
            group.add_argument(
                f"--{flag}",
                dest=f.name,
                type=kind,
                default=default,
                metavar="X" if kind is float else "N",
                help=f"{help_text} (default {default})",
            )


def _pairs(text: str) -> list[tuple[str, float]]:
    """Parse ``KIND=X,KIND=X`` (the value of a pairs flag such as ``--min-scores``)."""
    pairs: list[tuple[str, float]] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        kind, sep, value = part.partition("=")
        try:
            if not sep:
                raise ValueError
            pairs.append((kind.strip(), float(value)))
        except ValueError:
            msg = f"expected KIND=X, got {part!r}"
            raise argparse.ArgumentTypeError(msg) from None
    return pairs


#: Whether the engine's modules are extension modules (hatch_build.py compiles them).
_COMPILED = not segment.__file__.endswith(".py")


def _version() -> str:
    """The version, and whether the engine runs compiled (a wheel built with mypyc)."""
    return f"textrepair {__version__} (compiled: {'yes' if _COMPILED else 'no'})"


def _parser() -> _Parser:
    parser = _Parser(
        prog="textrepair",
        usage="textrepair [OPTIONS] [FILE ...]\n       textrepair captions [OPTIONS] FILE ...",
        description=(
            "Repair text damaged by chunked MT, ASR, OCR and looping language models: remove "
            "re-emitted overlaps, stutters, loops and stray separators, keep exactly one copy."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="inputs: .txt (or anything else: plain text, one document per file), .jsonl, "
        ".jsonl.gz, .csv, .parquet; none or - for stdin",
    )
    io_group = parser.add_argument_group("input and output")
    io_group.add_argument(
        "-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout"
    )
    io_group.add_argument(
        "--format", choices=_FORMATS, help="input format (default: from the file extension)"
    )
    io_group.add_argument(
        "--field", metavar="NAME", help="the record field (column) to repair (default: text)"
    )
    io_group.add_argument(
        "--encoding",
        default="utf-8",
        metavar="NAME",
        help="encoding of text and CSV inputs (default: utf-8); output is always UTF-8",
    )
    io_group.add_argument(
        "--skip-invalid",
        action="store_true",
        help="pass JSONL lines that are not JSON objects and CSV rows with the wrong number "
        "of fields through untouched (counted) instead of stopping",
    )
    run_group = parser.add_argument_group("performance")
    run_group.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=1,
        metavar="N",
        help="worker processes; 0 for one per CPU (default: 1, in-process)",
    )
    run_group.add_argument(
        "--chunksize",
        type=int,
        default=DEFAULT_CHUNKSIZE,
        metavar="N",
        help=f"documents sent to a worker at once (default: {DEFAULT_CHUNKSIZE})",
    )
    report = parser.add_argument_group("reports")
    report.add_argument(
        "--explain",
        metavar="FILE",
        help="write every edit as a JSON line (file, record, kind, offsets, removed text, "
        "replacement, score, reason)",
    )
    report.add_argument(
        "--diff",
        action="store_true",
        help="print what is removed, in context, to stdout (the repaired text then goes "
        "only to -o)",
    )
    report.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the --diff: auto (on a terminal, unless NO_COLOR is set), always, never",
    )
    report.add_argument(
        "--stats",
        action="store_true",
        help="print documents changed, characters removed and edits by kind to stderr",
    )
    report.add_argument(
        "-q", "--quiet", action="store_true", help="no progress bar and no warnings on stderr"
    )
    _config_flags(parser)
    parser.add_argument("--version", action="version", version=_version())
    return parser


@dataclass(frozen=True, slots=True)
class _Source:
    """One input: a file, or stdin (``path`` is None)."""

    name: str
    path: Path | None
    gzip: bool


@dataclass(frozen=True, slots=True)
class _Options:
    """The parsed and checked command line."""

    sources: tuple[_Source, ...]
    format: str
    field: str
    encoding: str
    skip_invalid: bool
    output: Path | None
    output_gzip: bool
    explain: Path | None
    diff: bool
    color: bool
    stats: bool
    quiet: bool
    jobs: int
    chunksize: int
    config: Config


def _detect(path: Path) -> tuple[str | None, bool]:
    """The format named by ``path``'s extension (None if unknown) and whether it is gzipped."""
    suffixes = [suffix.lower() for suffix in path.suffixes]
    compressed = bool(suffixes) and suffixes[-1] == ".gz"
    if compressed:
        suffixes.pop()
    return (_SUFFIXES.get(suffixes[-1]) if suffixes else None), compressed


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _options(args: argparse.Namespace) -> _Options:
    """Check the parsed arguments against each other; raise :class:`_Stop` on conflicts."""
    try:
        values: dict[str, Any] = {}
        for f in dataclasses.fields(Config):
            value = getattr(args, f.name)
            values[f.name] = tuple(value) if isinstance(value, list) else value
        config = Config(**values)
    except (TypeError, ValueError) as error:
        raise _Stop(2, str(error)) from None
    try:
        codecs.lookup(args.encoding)
    except LookupError:
        raise _Stop(2, f"unknown encoding {args.encoding!r}") from None
    jobs = (os.cpu_count() or 1) if args.jobs == 0 else args.jobs
    if jobs < 1:
        raise _Stop(2, f"--jobs must be 0 (one per CPU) or more, got {args.jobs}")
    if args.chunksize < 1:
        raise _Stop(2, f"--chunksize must be 1 or more, got {args.chunksize}")

    names = list(args.files) or ["-"]
    if names.count("-") > 1:
        raise _Stop(2, "stdin (-) can be read only once")
    sources: list[_Source] = []
    formats: dict[str, str] = {}
    for name in names:
        if name == "-":
            sources.append(_Source("<stdin>", None, gzip=False))
            formats["<stdin>"] = args.format or "text"
            continue
        path = Path(name)
        detected, compressed = _detect(path)
        formats[name] = args.format or detected or "text"
        sources.append(_Source(name, path, compressed))
    kinds = sorted(set(formats.values()))
    if len(kinds) > 1:
        listing = ", ".join(f"{name} is {fmt}" for name, fmt in formats.items())
        raise _Stop(2, f"inputs of different formats ({listing}); run one format at a time")
    fmt = kinds[0]
    if fmt == "text" and args.field is not None:
        raise _Stop(2, "--field applies to jsonl, csv and parquet records, not plain text")
    if fmt == "parquet" and any(s.path is None or s.gzip for s in sources):
        raise _Stop(2, "parquet input must be an uncompressed file, not stdin")

    output = None if args.output in (None, "-") else Path(args.output)
    output_gzip = False
    if output is not None:
        out_format, output_gzip = _detect(output)
        if out_format in _RECORDS and out_format != fmt:
            msg = f"the output {output} names format {out_format} but the input is {fmt}"
            raise _Stop(2, msg)
        if fmt == "parquet" and output_gzip:
            raise _Stop(2, "parquet output cannot be gzipped (Parquet compresses itself)")
    elif fmt == "parquet" and not args.diff:
        raise _Stop(2, "parquet output needs -o FILE")
    explain = None if args.explain is None else Path(args.explain)
    for target, flag in ((output, "-o"), (explain, "--explain")):
        if target is None:
            continue
        if target.is_dir():
            raise _Stop(2, f"cannot write {target} ({flag}): it is a directory")
        for source in sources:
            if source.path is not None and _same_file(target, source.path):
                raise _Stop(2, f"refusing to overwrite the input {source.name} ({flag})")
    if output is not None and explain is not None and _same_file(output, explain):
        raise _Stop(2, "-o and --explain name the same file")

    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    )
    return _Options(
        sources=tuple(sources),
        format=fmt,
        field=args.field or "text",
        encoding=args.encoding,
        skip_invalid=args.skip_invalid,
        output=output,
        output_gzip=output_gzip,
        explain=explain,
        diff=args.diff,
        color=color,
        stats=args.stats,
        quiet=args.quiet,
        jobs=jobs,
        chunksize=args.chunksize,
        config=config,
    )


# ------------------------------------------------------------------------- records and I/O


@dataclass(slots=True)
class _Item:
    """One document on its way through: where it is from, its text and what writes it back.

    ``text`` is None for a record passed through untouched (``status`` says why).
    """

    source: str
    record: int | None
    line: int | None
    text: str | None
    status: str
    payload: Any
    position: int | None


class _Sink(Protocol):
    def write(self, data: bytes, /) -> object: ...


class _Codec(Protocol):
    """Reads one format into :class:`_Item` objects and writes them back."""

    def read(
        self, source: _Source, stream: IO[bytes], tell: Callable[[], int | None]
    ) -> Iterator[_Item]: ...

    def write(self, item: _Item, text: str | None) -> None: ...

    def finish(self) -> None: ...


def _jsonl_problem(raw: bytes, encoding: str, first: bool) -> tuple[str | None, Any]:
    """Parse one JSONL line: (None, object) or (what is wrong, None)."""
    try:
        line = raw.decode(encoding)
    except UnicodeDecodeError as error:
        return f"not valid {encoding} (byte {error.start + 1} of the line)", None
    if first:
        line = line.removeprefix("\ufeff")
    try:
        value = json.loads(line)
    except ValueError as error:
        detail = (
            f"{error.msg}: column {error.colno}"
            if isinstance(error, json.JSONDecodeError)
            else str(error)
        )
        return f"not valid JSON ({detail})", None
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object", None
    return None, value


class _JsonlCodec:
    """JSON Lines: one object per line; unchanged lines are written back byte for byte."""

    def __init__(self, out: _Sink, field: str, encoding: str, skip_invalid: bool) -> None:
        self.out = out
        self.field = field
        self.encoding = encoding
        self.skip_invalid = skip_invalid

    def read(
        self, source: _Source, stream: IO[bytes], tell: Callable[[], int | None]
    ) -> Iterator[_Item]:
        record = 0
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                yield _Item(source.name, None, number, None, "blank", raw, tell())
                continue
            problem, value = _jsonl_problem(raw, self.encoding, number == 1)
            if problem is not None:
                if not self.skip_invalid:
                    msg = f"{source.name}:{number}: {problem}; --skip-invalid passes such lines"
                    raise _Stop(1, msg + " through")
                yield _Item(source.name, record, number, None, "invalid", raw, tell())
            elif self.field not in value:
                yield _Item(source.name, record, number, None, "missing", raw, tell())
            elif not isinstance(value[self.field], str):
                yield _Item(source.name, record, number, None, "not-str", raw, tell())
            else:
                text = value[self.field]
                yield _Item(source.name, record, number, text, "ok", (raw, value), tell())
            record += 1

    def write(self, item: _Item, text: str | None) -> None:
        if text is None:
            raw = item.payload if item.text is None else item.payload[0]
            self.out.write(raw if raw.endswith(b"\n") else raw + b"\n")
            return
        raw, value = item.payload
        value[self.field] = text
        try:
            data = json.dumps(value, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from \\u escapes: keep them escaped
            data = json.dumps(value).encode("ascii")
        self.out.write(data + (b"\r\n" if raw.endswith(b"\r\n") else b"\n"))

    def finish(self) -> None:
        """Nothing to flush."""


class _CsvCodec:
    """CSV with a header row: one column repaired; the first file's line ending is kept."""

    def __init__(self, out: _Sink, field: str, encoding: str, skip_invalid: bool) -> None:
        self.out = out
        self.field = field
        self.encoding = encoding
        self.skip_invalid = skip_invalid
        self.header: list[str] | None = None
        self.header_from = ""
        self.terminator = "\r\n"
        self.buffer = io.StringIO()
        self.writer: Any = None

    def read(
        self, source: _Source, stream: IO[bytes], tell: Callable[[], int | None]
    ) -> Iterator[_Item]:
        text = io.TextIOWrapper(stream, encoding=self.encoding, newline="")
        try:
            try:
                first = text.readline()
                if not first:
                    return
                reader = csv.reader(itertools.chain([first], text))
                header = next(reader)
                if self.header is None:
                    self.header, self.header_from = header, source.name
                    self.terminator = "\r\n" if first.endswith("\r\n") else "\n"
                elif header != self.header:
                    msg = f"{source.name}: its header differs from {self.header_from}'s"
                    raise _Stop(2, msg)
                column = header.index(self.field) if self.field in header else None
                for record, row in enumerate(reader):
                    line = reader.line_num
                    if not row:
                        yield _Item(source.name, None, line, None, "blank", row, tell())
                    elif len(row) != len(header):
                        if not self.skip_invalid:
                            msg = (
                                f"{source.name}:{line}: {len(row)} fields, the header has "
                                f"{len(header)}; --skip-invalid passes such rows through"
                            )
                            raise _Stop(1, msg)
                        yield _Item(source.name, record, line, None, "invalid", row, tell())
                    elif column is None:
                        yield _Item(source.name, record, line, None, "missing", row, tell())
                    else:
                        yield _Item(source.name, record, line, row[column], "ok", row, tell())
            except UnicodeDecodeError as error:
                msg = (
                    f"{source.name} is not valid {self.encoding} (byte {error.start + 1} of "
                    "a block); pass --encoding to read another encoding"
                )
                raise _Stop(1, msg) from None
            except csv.Error as error:
                raise _Stop(1, f"{source.name}: not valid CSV ({error})") from None
        finally:
            text.detach()

    def _emit(self, row: list[str]) -> None:
        if self.writer is None:
            self.writer = csv.writer(self.buffer, lineterminator=self.terminator)
            if self.header is not None:
                self.writer.writerow(self.header)
        self.writer.writerow(row)
        self.out.write(self.buffer.getvalue().encode("utf-8"))
        self.buffer.seek(0)
        self.buffer.truncate()

    def write(self, item: _Item, text: str | None) -> None:
        row: list[str] = item.payload
        if text is not None and self.header is not None:
            row = list(row)
            row[self.header.index(self.field)] = text
        self._emit(row)

    def finish(self) -> None:
        if self.writer is None and self.header is not None:  # no rows: the header alone
            csv.writer(self.buffer, lineterminator=self.terminator).writerow(self.header)
            self.out.write(self.buffer.getvalue().encode("utf-8"))


def _pyarrow() -> tuple[Any, Any]:
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError:
        msg = "Parquet needs pyarrow: pip install 'textrepair[parquet]'"
        raise _Stop(2, msg) from None


@dataclass(slots=True)
class _Batch:
    """A Parquet record batch whose rows are being repaired."""

    batch: Any
    column: int
    texts: list[str | None]
    rows: int
    changed: bool = False


class _ParquetCodec:
    """Parquet: one string column repaired; schema, other columns and row order kept."""

    #: Rows read at once, and the bytes of output batches gathered into one row group.
    BATCH_ROWS = 1024
    ROW_GROUP_BYTES = 64 << 20

    def __init__(self, out: IO[bytes] | None, field: str) -> None:
        self.pa, self.pq = _pyarrow()
        self.out = out
        self.field = field
        self.schema: Any = None
        self.schema_from = ""
        self.writer: Any = None
        self.pending: list[Any] = []
        self.pending_bytes = 0

    def _is_text(self, arrow_type: Any) -> bool:
        types = self.pa.types
        if types.is_dictionary(arrow_type):
            arrow_type = arrow_type.value_type
        is_string_view = getattr(types, "is_string_view", None)  # pyarrow >= 16
        return bool(
            types.is_string(arrow_type)
            or types.is_large_string(arrow_type)
            or (is_string_view is not None and is_string_view(arrow_type))
        )

    def read(
        self, source: _Source, stream: IO[bytes], tell: Callable[[], int | None]
    ) -> Iterator[_Item]:
        try:
            parquet = self.pq.ParquetFile(stream)
        except (OSError, ValueError) as error:  # pyarrow.ArrowInvalid is a ValueError
            raise _Stop(1, f"{source.name}: not a valid Parquet file ({error})") from None
        schema = parquet.schema_arrow
        if self.schema is None:
            self.schema, self.schema_from = schema, source.name
        elif not schema.equals(self.schema):
            raise _Stop(2, f"{source.name}: its schema differs from {self.schema_from}'s")
        column = schema.get_field_index(self.field)
        text_column = column >= 0 and self._is_text(schema.field(column).type)
        record = 0
        for batch in parquet.iter_batches(batch_size=self.BATCH_ROWS):
            if batch.num_rows == 0:
                continue
            values = batch.column(column).to_pylist() if text_column else None
            shared = _Batch(batch, column, [None] * batch.num_rows, batch.num_rows)
            for row in range(batch.num_rows):
                if values is not None and isinstance(values[row], str):
                    text, status = values[row], "ok"
                else:
                    text, status = None, "missing" if column < 0 else "not-str"
                yield _Item(source.name, record, None, text, status, (shared, row), tell())
                record += 1

    def _flush(self) -> None:
        if self.out is None:
            self.pending.clear()
            return
        if self.writer is None:
            self.writer = self.pq.ParquetWriter(self.out, self.schema)
        if self.pending:
            self.writer.write_table(self.pa.Table.from_batches(self.pending, schema=self.schema))
        self.pending, self.pending_bytes = [], 0

    def write(self, item: _Item, text: str | None) -> None:
        shared, row = item.payload
        if text is not None:
            shared.texts[row] = text
            shared.changed = True
        if row < shared.rows - 1:
            return
        batch = shared.batch
        if shared.changed:
            old = batch.column(shared.column)
            values = [
                new if new is not None else value
                for new, value in zip(shared.texts, old.to_pylist())
            ]
            columns = list(batch.columns)
            columns[shared.column] = self.pa.array(values, type=old.type)
            batch = self.pa.RecordBatch.from_arrays(columns, schema=batch.schema)
        self.pending.append(batch)
        self.pending_bytes += batch.nbytes
        if self.pending_bytes >= self.ROW_GROUP_BYTES:
            self._flush()

    def finish(self) -> None:
        if self.schema is not None:
            self._flush()
            if self.writer is not None:
                self.writer.close()


class _TextCodec:
    """Plain text: each input is one document."""

    def __init__(self, out: _Sink, encoding: str) -> None:
        self.out = out
        self.encoding = encoding
        self.last = b""

    def read(
        self, source: _Source, stream: IO[bytes], tell: Callable[[], int | None]
    ) -> Iterator[_Item]:
        data = stream.read()
        try:
            text = data.decode(self.encoding)
        except UnicodeDecodeError as error:
            msg = (
                f"{source.name} is not valid {self.encoding} (byte {error.start}); pass "
                "--encoding to read another encoding"
            )
            raise _Stop(1, msg) from None
        yield _Item(source.name, None, None, text, "ok", None, tell())

    def write(self, item: _Item, text: str | None) -> None:
        data = (text if text is not None else item.text or "").encode("utf-8")
        if data:
            self.out.write(data)
            self.last = data[-1:]

    def finish(self) -> None:
        """Nothing to flush."""


class _AtomicFile:
    """A file written under a temporary name beside ``path`` and renamed on :meth:`commit`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        while True:
            self.temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
            try:
                descriptor = os.open(self.temporary, flags, 0o666)
            except FileExistsError:
                continue
            except OSError as error:
                raise _Stop(2, f"cannot write {path}: {error.strerror}") from None
            break
        self.handle: IO[bytes] = os.fdopen(descriptor, "wb")
        self.committed = False

    def commit(self) -> None:
        """Close the file and move it into place."""
        self.handle.close()
        os.replace(self.temporary, self.path)
        self.committed = True

    def discard(self) -> None:
        """Close and remove the temporary file, unless it was committed."""
        self.handle.close()
        if not self.committed:
            self.temporary.unlink(missing_ok=True)


class _StdoutBytes:
    """Bytes to ``sys.stdout`` (its binary buffer, or decoded if it has none)."""

    def __init__(self) -> None:
        sys.stdout.flush()
        self.buffer = getattr(sys.stdout, "buffer", None)

    def write(self, data: bytes) -> object:
        if self.buffer is not None:
            return self.buffer.write(data)
        return sys.stdout.write(data.decode("utf-8"))

    def flush(self) -> None:
        if self.buffer is not None:
            self.buffer.flush()
        sys.stdout.flush()


# --------------------------------------------------------------------------------- reports


@dataclass(slots=True)
class _Stats:
    """Totals for ``--stats``."""

    documents: int = 0
    changed: int = 0
    chars_in: int = 0
    chars_out: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    passed: Counter[str] = field(default_factory=Counter)

    def add(self, original: str, removed: int, changed: bool, edits: Sequence[Edit]) -> None:
        self.documents += 1
        self.changed += changed
        self.chars_in += len(original)
        self.chars_out += len(original) - removed
        self.kinds.update(edit.kind for edit in edits)

    def passed_note(self) -> str:
        detail = ", ".join(f"{_PASSED[k]}: {n}" for k, n in sorted(self.passed.items()))
        total = sum(self.passed.values())
        return f"{total} record{'s' * (total != 1)} passed through untouched ({detail})"

    def render(self, report_only: bool) -> str:
        removed = self.chars_in - self.chars_out
        share = f" ({removed / self.chars_in:.2%})" if self.chars_in else ""
        verb = "would change" if report_only else "changed"
        lines = [
            f"textrepair: {self.documents} documents, {self.changed} {verb}",
            f"characters: {self.chars_in} in, {removed} removed{share}",
        ]
        if self.passed:
            lines.append(self.passed_note())
        title = "edits found (report only)" if report_only else "edits"
        lines.append(f"{title}: {sum(self.kinds.values())}")
        lines += [f"  {kind:<11} {count}" for kind, count in self.kinds.most_common()]
        return "\n".join(lines) + "\n"


_RED, _GREEN, _CYAN, _BOLD, _DIM, _RESET = (
    "\x1b[31m",
    "\x1b[32m",
    "\x1b[36m",
    "\x1b[1m",
    "\x1b[2m",
    "\x1b[0m",
)
_CONTEXT = 30


def _visible(text: str) -> str:
    return text.replace("\r", "").replace("\n", "↵").replace("\t", "→")


def _where(item: _Item) -> str:
    if item.record is None:
        return item.source
    line = f", line {item.line}" if item.line is not None else ""
    return f"{item.source}, record {item.record}{line}"


def _diff(item: _Item, original: str, edits: Sequence[Edit], color: bool) -> str:
    """A human-readable diff of one document: each edit with its context."""

    def paint(code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if color and text else text

    removed = sum(edit.end - edit.start - len(edit.replacement) for edit in edits)
    count = f"{len(edits)} edit{'s' * (len(edits) != 1)}"
    header = f"--- {_where(item)}: {count}, {removed} characters removed"
    lines = [paint(_BOLD, header)]
    for edit in edits:
        gone = _visible(original[edit.start : edit.end])
        new = _visible(edit.replacement)
        before = _visible(original[max(0, edit.start - _CONTEXT) : edit.start])
        after = _visible(original[edit.end : edit.end + _CONTEXT])
        if color:
            change = paint(_RED, gone) + paint(_GREEN, new)
        else:
            change = f"[-{gone}-]" + (f"{{+{new}+}}" if new else "")
        lines.append(
            paint(_CYAN, f"@@ {edit.start}-{edit.end} {edit.kind} {edit.score:.2f}")
            + " "
            + paint(_DIM, edit.reason)
        )
        lines.append(f"  …{before}{change}{after}…")
    return "\n".join(lines) + "\n"


def _explain(item: _Item, original: str, result: Repair) -> Iterator[bytes]:
    for applied, edits in ((True, result.edits), (False, result.proposed)):
        for edit in edits:
            entry = {
                "file": item.source,
                "record": item.record,
                "line": item.line,
                "kind": edit.kind,
                "start": edit.start,
                "end": edit.end,
                "removed": original[edit.start : edit.end],
                "replacement": edit.replacement,
                "score": edit.score,
                "reason": edit.reason,
                "applied": applied,
            }
            yield json.dumps(entry, ensure_ascii=False).encode("utf-8", "backslashreplace")
            yield b"\n"


class _Progress:
    """A progress bar on stderr: tqdm when installed, a plain status line otherwise."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.enabled = enabled
        self.total = total
        self.done = 0
        self.docs = 0
        self.bar: Any = None
        self.shown = 0.0
        self.started = time.monotonic()
        if not enabled:
            return
        try:
            tqdm = importlib.import_module("tqdm")
        except ImportError:
            return
        bytes_mode = total is not None
        self.bar = tqdm.tqdm(
            total=total,
            unit="B" if bytes_mode else "doc",
            unit_scale=bytes_mode,
            unit_divisor=1024,
            file=sys.stderr,
            desc="textrepair",
            dynamic_ncols=True,
            leave=False,
        )

    def update(self, position: int | None) -> None:
        if not self.enabled:
            return
        self.docs += 1
        step = 1 if self.total is None else max((position or 0) - self.done, 0)
        self.done += step
        if self.bar is not None:
            if step:
                self.bar.update(step)
            return
        now = time.monotonic()
        if now - self.shown >= 0.5:
            self.shown = now
            rate = self.done / max(now - self.started, 1e-9)
            if self.total:
                mb, total = self.done / 1e6, self.total / 1e6
                share = self.done / self.total
                status = f"{mb:.1f}/{total:.1f} MB ({share:.0%}), {rate / 1e6:.2f} MB/s"
            else:
                status = f"{self.docs} documents, {rate:.0f}/s"
            sys.stderr.write(f"\rtextrepair: {status}, {self.docs} documents ")
            sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
        elif self.enabled and self.shown:
            sys.stderr.write("\n")
        self.enabled = False


# ------------------------------------------------------------------------------------ run


def _check_readable(sources: Sequence[_Source]) -> int | None:
    """Fail early on inputs that cannot be opened; return their total size if all are files."""
    total: int | None = 0
    for source in sources:
        if source.path is None:
            total = None
            continue
        if source.path.is_dir():
            raise _Stop(2, f"cannot read {source.name}: it is a directory")
        try:
            with source.path.open("rb"):
                pass
            size = source.path.stat().st_size
        except OSError as error:
            raise _Stop(2, f"cannot read {source.name}: {error.strerror}") from None
        if total is not None:
            total += size
    return total


def _position(raw: IO[bytes], offset: int) -> Callable[[], int | None]:
    """How far into all inputs the reader is: ``offset`` plus ``raw``'s position."""

    def tell() -> int | None:
        return offset + raw.tell()

    return tell


def _no_position() -> int | None:
    return None


def _items(sources: Sequence[_Source], codec: _Codec) -> Iterator[_Item]:
    """Every document of every input, in order."""
    base = 0
    for source in sources:
        with ExitStack() as stack:
            tell: Callable[[], int | None] = _no_position
            if source.path is None:
                if sys.stdin is None:
                    raise _Stop(2, "cannot read stdin: there is none")
                raw: IO[bytes] = sys.stdin.buffer
            else:
                try:
                    raw = stack.enter_context(source.path.open("rb"))
                    size = source.path.stat().st_size
                except OSError as error:
                    raise _Stop(2, f"cannot read {source.name}: {error.strerror}") from None
                tell = _position(raw, base)
                base += size
            stream = cast("IO[bytes]", gzip.GzipFile(fileobj=raw)) if source.gzip else raw
            try:
                yield from codec.read(source, stream, tell)
            except (gzip.BadGzipFile, EOFError, zlib.error) as error:
                raise _Stop(1, f"{source.name}: not a valid gzip file ({error})") from None
            except OSError as error:
                raise _Stop(2, f"cannot read {source.name}: {error.strerror or error}") from None


def _codec(options: _Options, out: _Sink, parquet_out: IO[bytes] | None) -> _Codec:
    if options.format == "jsonl":
        return _JsonlCodec(out, options.field, options.encoding, options.skip_invalid)
    if options.format == "csv":
        return _CsvCodec(out, options.field, options.encoding, options.skip_invalid)
    if options.format == "parquet":
        return _ParquetCodec(parquet_out, options.field)
    return _TextCodec(out, options.encoding)


class _Discard:
    """A sink that drops what it is given (``--diff`` without ``-o``)."""

    def write(self, data: bytes) -> object:
        return len(data)


def _run(options: _Options) -> int:
    total = _check_readable(options.sources)
    stats = _Stats()
    with ExitStack() as stack:
        files: list[_AtomicFile] = []
        parquet_out: IO[bytes] | None = None
        out: _Sink
        if options.output is not None:
            target = _AtomicFile(options.output)
            stack.callback(target.discard)
            files.append(target)
            parquet_out = target.handle
            out = (
                gzip.GzipFile(fileobj=target.handle, mode="wb", filename="", mtime=0)
                if options.output_gzip
                else target.handle
            )
        elif options.diff:
            out = _Discard()
        else:
            out = _StdoutBytes()
        explain: IO[bytes] | None = None
        if options.explain is not None:
            explain_file = _AtomicFile(options.explain)
            stack.callback(explain_file.discard)
            files.append(explain_file)
            explain = explain_file.handle
        codec = _codec(options, out, parquet_out)
        if options.format == "csv":
            previous = csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
            stack.callback(csv.field_size_limit, previous)
        progress = _Progress(total, enabled=not options.quiet and sys.stderr.isatty())
        stack.callback(progress.close)
        report_only = options.config.report_only

        queue: deque[_Item] = deque()

        def texts() -> Iterator[str]:
            for item in _items(options.sources, codec):
                queue.append(item)
                yield item.text if item.text is not None else ""

        results = repair_many(
            texts(), config=options.config, jobs=options.jobs, chunksize=options.chunksize
        )
        try:
            for result in results:
                item = queue.popleft()
                progress.update(item.position)
                original = item.text
                if original is None:
                    codec.write(item, None)
                    if item.status != "blank":
                        stats.passed[item.status] += 1
                    continue
                if report_only:
                    edits = result.proposed
                    removed = sum(e.end - e.start - len(e.replacement) for e in edits)
                    stats.add(original, removed, bool(edits), edits)
                else:
                    edits = result.edits
                    removed = len(original) - len(result.text)
                    stats.add(original, removed, result.text != original, edits)
                codec.write(item, result.text if result.text != original else None)
                if explain is not None:
                    explain.writelines(_explain(item, original, result))
                if options.diff and edits:
                    sys.stdout.write(_diff(item, original, edits, options.color))
        except (_Stop, KeyboardInterrupt, BrokenPipeError):
            raise
        except OSError as error:
            where = options.output or "stdout"
            raise _Stop(2, f"cannot write {where}: {error.strerror or error}") from None
        except Exception as error:
            where = _where(queue[0]) if queue else "the input"
            msg = f"failed while repairing {where}: {type(error).__name__}: {error}"
            raise _Stop(1, msg) from error
        try:
            codec.finish()
            if isinstance(out, gzip.GzipFile):
                out.close()
            if isinstance(out, _StdoutBytes):
                if isinstance(codec, _TextCodec) and codec.last not in (b"", b"\n"):
                    out.write(b"\n")  # a terminal's prompt on its own line
                out.flush()
            progress.close()
            for file in files:
                file.commit()
        except BrokenPipeError:
            raise
        except OSError as error:
            where = options.output or "stdout"
            raise _Stop(2, f"cannot write {where}: {error.strerror or error}") from None
    if options.stats:
        sys.stderr.write(stats.render(report_only))
    elif stats.passed and not options.quiet:
        sys.stderr.write(f"textrepair: {stats.passed_note()}\n")
    return 0


def _captions(argv: list[str]) -> int:
    """Run ``textrepair captions ...`` (imported only when asked for)."""
    try:
        module = importlib.import_module("textrepair.captions")
    except ModuleNotFoundError as error:
        if error.name not in ("textrepair.captions", None):
            raise
        print(
            "textrepair: the captions subcommand is not available in this installation "
            "(textrepair.captions is missing)",
            file=sys.stderr,
        )
        return 2
    try:
        return int(module.main(argv))
    except SystemExit as done:  # its --help
        return done.code if isinstance(done.code, int) else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``). ``captions`` as the first argument
            runs the captions subcommand with the rest.

    Returns:
        The exit code: 0 on success, 1 for bad data, 2 for usage errors, unreadable inputs
        and unwritable outputs, 130 when interrupted.
    """
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["captions"]:
        return _captions(arguments[1:])
    try:
        try:
            args = _parser().parse_args(arguments)
        except SystemExit as done:  # --help, --version
            return done.code if isinstance(done.code, int) else 0
        return _run(_options(args))
    except _Stop as stop:
        print(f"textrepair: {stop.message}", file=sys.stderr)
        return stop.code
    except BrokenPipeError:
        # The reader went away (``textrepair big.jsonl | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("textrepair: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
