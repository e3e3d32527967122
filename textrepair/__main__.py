"""Command line: ``textrepair [FILE ...]`` repairs plain-text files (or stdin) to stdout.

Exit codes: 0 on success, 1 when an input cannot be decoded, 2 for usage errors and
unreadable files. Output given with ``-o`` is written to a temporary file and renamed only
on success, so a failed run never leaves a truncated file.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from textrepair import __version__
from textrepair.config import Config
from textrepair.pipeline import repair

__all__ = ["main"]

_DEFAULTS = Config()

_EPILOG = """examples:
  textrepair examples/seed_input.txt          print the repaired text
  textrepair --explain edits.jsonl in.txt     also write every edit as JSON lines
  cat in.txt | textrepair -o out.txt          read stdin, write out.txt atomically
  textrepair --no-reflow --min-score 0.8 in.txt
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="textrepair",
        description="Repair text damaged by chunked MT, ASR, OCR and looping language models.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="*", type=Path, help="UTF-8 text files (default: stdin)")
    parser.add_argument("-o", "--output", type=Path, help="write here instead of stdout")
    parser.add_argument("--explain", type=Path, metavar="FILE", help="write the edits as JSONL")
    parser.add_argument("--min-score", type=float, default=_DEFAULTS.min_score, metavar="X")
    parser.add_argument("--window", type=int, default=_DEFAULTS.window, metavar="N")
    for flag in ("unicode", "overlaps", "stutters", "separators", "restarts", "loops", "reflow"):
        parser.add_argument(
            f"--no-{flag}", dest=flag, action="store_false", help=f"do not repair {flag}"
        )
    parser.add_argument("--no-dehyphenate", dest="dehyphenate", action="store_false")
    parser.add_argument("--version", action="version", version=f"textrepair {__version__}")
    return parser


def _write_atomic(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 on success, 1 for undecodable input, 2 for usage errors.

    Example:
        >>> main(["--version"])  # doctest: +SKIP
        textrepair 0.1.0
    """
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        config = Config(
            unicode=args.unicode,
            overlaps=args.overlaps,
            stutters=args.stutters,
            separators=args.separators,
            restarts=args.restarts,
            loops=args.loops,
            reflow=args.reflow,
            dehyphenate=args.dehyphenate,
            min_score=args.min_score,
            window=args.window,
        )
    except ValueError as error:
        parser.error(str(error))
    sources = [(str(path), path) for path in args.files] or [("<stdin>", None)]
    if args.output is not None and any(
        p is not None and p.resolve() == args.output.resolve() for _, p in sources
    ):
        parser.error(f"refusing to overwrite the input {args.output}")
    outputs: list[str] = []
    explained: list[str] = []
    for name, path in sources:
        try:
            data = sys.stdin.buffer.read() if path is None else path.read_bytes()
        except OSError as error:
            print(f"textrepair: cannot read {name}: {error.strerror}", file=sys.stderr)
            return 2
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            print(f"textrepair: {name} is not UTF-8 (byte {error.start})", file=sys.stderr)
            return 1
        result = repair(text, config=config)
        outputs.append(result.text)
        explained.extend(
            json.dumps(
                {
                    "file": name,
                    "start": e.start,
                    "end": e.end,
                    "kind": e.kind,
                    "score": e.score,
                    "removed": text[e.start : e.end],
                    "replacement": e.replacement,
                    "reason": e.reason,
                },
                ensure_ascii=False,
            )
            for e in result.edits
        )
    joined = "".join(outputs)
    try:
        if args.explain is not None:
            _write_atomic(args.explain, "".join(line + "\n" for line in explained))
        if args.output is not None:
            _write_atomic(args.output, joined)
        else:
            sys.stdout.write(joined)
            if joined and not joined.endswith("\n"):
                sys.stdout.write("\n")
    except OSError as error:
        print(f"textrepair: cannot write: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
