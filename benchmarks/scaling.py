"""Linear time and bounded memory: ``textrepair.clean`` on growing and pathological inputs.

Run from the repository root::

    python -m benchmarks.scaling            # 1, 4 and 16 MB plus pathological inputs (minutes)
    python -m benchmarks.scaling --quick    # 0.25, 1 and 4 MB, pathological inputs / 10

Real text: the benchmark corpus's prose documents (``benchmarks.corpus.build_corpus``, fetched
from Debian once and cached), each damaged by ``benchmarks.corrupt.corrupt(doc, "mixed",
seed)`` and joined by blank lines, seed after seed, up to each size (1 MB = 10**6 bytes of
UTF-8). Cost per MB should not grow with size: the target is a 16 MB / 1 MB ratio of at most
1.5. Pathological inputs: one word repeated 300,000 times, 2 million characters without a
space, 500,000 short lines, 100,000 lone separator lines, a phrase looping 100,000 times,
300,000 distinct words on one line; the target is at most 10 times ``ftfy.fix_text`` on the
same input in the same run.

Every case runs in a child process of its own, so that its peak resident memory
is its own: the table gives that peak minus the resident memory of the idle interpreter
(textrepair imported and warmed up, input not yet read), so the input string is included, and
that difference divided by the input's size in UTF-8. On Linux the peak is ``VmHWM``, reset to
the idle size through ``/proc/self/clear_refs``; elsewhere it is ``ru_maxrss``, which may
include the imports' own peak. Each child
times ``clean()`` and then ``ftfy.fix_text()`` on the same string. It is a benchmark, not a
test: nothing here fails on time. Results go to stdout (a markdown table) and to
``benchmarks/scaling-results.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

MB = 1_000_000
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = Path(__file__).resolve().parent / "scaling-results.md"
TARGET_RATIO = 1.5  # cost per MB at 16 MB / cost per MB at 1 MB
TARGET_FTFY = 10.0  # textrepair time / ftfy time on a pathological input

#: Pathological inputs: name -> (description, builder taking the scale factor).
PATHOLOGICAL: dict[str, tuple[str, Callable[[float], str]]] = {
    "word-repeated": (
        "one word repeated 300,000 times",
        lambda k: "word " * int(300_000 * k),
    ),
    "no-space": (
        "2,000,000 characters without a space",
        lambda k: ("Donaudampfschifffahrtsgesellschaft" * int(2_000_000 * k))[: int(2_000_000 * k)],
    ),
    "short-lines": (
        "500,000 short lines",
        lambda k: "\n".join(f"item {i % 997}" for i in range(int(500_000 * k))),
    ),
    "separator-lines": (
        "100,000 lone separator lines",
        lambda k: (
            "Le plan d’OpenAI\n" + ";\n" * int(100_000 * k) + "nécessite des investissements."
        ),
    ),
    "phrase-loop": (
        "a phrase looping 100,000 times",
        lambda k: "une partie de ce capital " * int(100_000 * k),
    ),
    "distinct-words": (
        "300,000 distinct words on one line",
        lambda k: " ".join(_distinct_word(i) for i in range(int(300_000 * k))),
    ),
    "template": (
        "a phrase with a changing number, 30,000 times, wrapped",
        lambda k: "\n".join(f"item {i} and the next one here," for i in range(int(30_000 * k))),
    ),
    "no-blank-lines": (
        "1 MB of damaged prose without a blank line",
        lambda k: re.sub(r"\n\s*\n", "\n", damaged_text(int(1_000_000 * k))),
    ),
}


def _distinct_word(i: int) -> str:
    """A letters-only word unique to ``i`` (base 26)."""
    letters = []
    i += 26**3  # at least four letters
    while i:
        i, r = divmod(i, 26)
        letters.append(chr(ord("a") + r))
    return "".join(letters)


class Measured(TypedDict):
    """What a child reports for one case."""

    chars: int
    bytes: int
    out_chars: int
    textrepair: float
    ftfy: float
    peak_mb: float | None


@dataclass(frozen=True, slots=True)
class Row:
    """One measured case."""

    group: str  # "real" or "pathological"
    name: str
    description: str
    chars: int
    bytes: int
    textrepair: float
    ftfy: float
    peak_mb: float | None

    @property
    def per_mb(self) -> float:
        return self.textrepair / (self.bytes / MB)

    @property
    def vs_ftfy(self) -> float:
        return self.textrepair / self.ftfy if self.ftfy > 0 else float("inf")

    @property
    def peak_per_input(self) -> float | None:
        return None if self.peak_mb is None else self.peak_mb / (self.bytes / MB)


# --------------------------------------------------------------------------------------------
# Inputs


def damaged_text(size: int, seed0: int = 0) -> str:
    """At least ``size`` bytes of real damaged prose, whole documents joined by blank lines."""
    from benchmarks.corpus import build_corpus  # noqa: PLC0415 - only the parent needs it
    from benchmarks.corrupt import corrupt  # noqa: PLC0415

    docs = build_corpus(prose_per_lang=100_000, repetitive_per_lang=0)
    if not docs:
        msg = "the benchmark corpus is empty"
        raise RuntimeError(msg)
    parts: list[str] = []
    total = 0
    seed = seed0
    while total < size:
        for doc in docs:
            damaged = corrupt(doc, "mixed", seed).damaged
            parts.append(damaged)
            total += len(damaged.encode("utf-8")) + 2
            if total >= size:
                break
        seed += 1
    return "\n\n".join(parts)


# --------------------------------------------------------------------------------------------
# The child: one case, one process


def _status_mb(field: str) -> float | None:
    """A memory field of ``/proc/self/status`` (Linux), in MB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) * 1024 / MB  # kB
    except (OSError, ValueError):
        return None
    return None


def _reset_peak() -> bool:
    """Reset the peak resident memory (Linux 4.0+: ``/proc/self/clear_refs``)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mb() -> float | None:
    """The process's peak resident memory, in MB (``None`` where unknown)."""
    peak = _status_mb("VmHWM")
    if peak is not None:
        return peak
    try:
        import resource  # noqa: PLC0415 - not on Windows
    except ImportError:
        return None
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return maxrss / MB if sys.platform == "darwin" else maxrss * 1024 / MB  # bytes vs KiB


def _idle_rss_mb() -> float | None:
    """The resident memory now, with the peak reset to it where the system allows."""
    if _reset_peak():
        return _status_mb("VmRSS")
    return _peak_rss_mb()


def child(spec: str, scale: float) -> Measured:
    """Measure one case in this process: ``file:PATH`` or ``case:NAME``."""
    import ftfy  # noqa: PLC0415

    import textrepair  # noqa: PLC0415

    textrepair.clean("Le\nle mois dernier ;\nmois dernier, de la de la de la de la ville")
    ftfy.fix_text("warm up")
    idle = _idle_rss_mb()
    kind, _, arg = spec.partition(":")
    text = Path(arg).read_text(encoding="utf-8") if kind == "file" else PATHOLOGICAL[arg][1](scale)
    started = time.perf_counter()
    output = textrepair.clean(text)
    cleaned = time.perf_counter() - started
    peak = _peak_rss_mb()
    started = time.perf_counter()
    ftfy.fix_text(text)
    fixed = time.perf_counter() - started
    return Measured(
        chars=len(text),
        bytes=len(text.encode("utf-8", "surrogatepass")),
        out_chars=len(output),
        textrepair=cleaned,
        ftfy=fixed,
        peak_mb=None if peak is None or idle is None else max(peak - idle, 0.0),
    )


def _run_child(spec: str, scale: float, reps: int) -> Measured:
    """Run ``spec`` in ``reps`` fresh children; keep the fastest times and the largest peak."""
    runs: list[Measured] = []
    for _ in range(max(reps, 1)):
        done = subprocess.run(
            [sys.executable, "-m", "benchmarks.scaling", "--child", spec, "--scale", str(scale)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            msg = f"child {spec} failed:\n{done.stderr}"
            raise RuntimeError(msg)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    peaks = [run["peak_mb"] for run in runs if run["peak_mb"] is not None]
    return Measured(
        chars=runs[0]["chars"],
        bytes=runs[0]["bytes"],
        out_chars=runs[0]["out_chars"],
        textrepair=min(run["textrepair"] for run in runs),
        ftfy=min(run["ftfy"] for run in runs),
        peak_mb=max(peaks) if peaks else None,
    )


# --------------------------------------------------------------------------------------------
# Report


def _fmt_mb(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}"


def table(rows: list[Row]) -> str:
    """The markdown table of all rows."""
    lines = [
        "| input | size (MB) | textrepair (s) | s/MB | ftfy (s) | textrepair/ftfy "
        "| peak RSS above idle (MB) | peak/input |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        ratio = row.peak_per_input
        lines.append(
            f"| {row.description} | {row.bytes / MB:.2f} | {row.textrepair:.2f} "
            f"| {row.per_mb:.2f} | {row.ftfy:.2f} | {row.vs_ftfy:.1f}x "
            f"| {_fmt_mb(row.peak_mb)} | {'n/a' if ratio is None else f'{ratio:.0f}x'} |"
        )
    return "\n".join(lines)


def summary(rows: list[Row]) -> str:
    """The verdicts: cost per MB across sizes, pathological inputs against ftfy."""
    real = [row for row in rows if row.group == "real"]
    out: list[str] = []
    if len(real) >= 2:
        first, last = real[0], real[-1]
        ratio = last.per_mb / first.per_mb
        verdict = "meets" if ratio <= TARGET_RATIO else "misses"
        out.append(
            f"- Real damaged text: {first.per_mb:.2f} s/MB at {first.bytes / MB:.2f} MB, "
            f"{last.per_mb:.2f} s/MB at {last.bytes / MB:.2f} MB: ratio {ratio:.2f} "
            f"({verdict} the target ≤ {TARGET_RATIO})."
        )
    slow = [row for row in rows if row.group == "pathological" and row.vs_ftfy > TARGET_FTFY]
    fast = [row for row in rows if row.group == "pathological" and row.vs_ftfy <= TARGET_FTFY]
    if fast:
        out.append(
            f"- Within {TARGET_FTFY:.0f}x of ftfy: "
            + "; ".join(row.description for row in fast)
            + "."
        )
    if slow:
        out.append(
            f"- Slower than {TARGET_FTFY:.0f}x ftfy: "
            + "; ".join(f"{row.description} ({row.vs_ftfy:.0f}x)" for row in slow)
            + "."
        )
    return "\n".join(out)


def _machine() -> str:
    import ftfy  # noqa: PLC0415

    from textrepair.__main__ import _version  # noqa: PLC0415

    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs; {_version()}, ftfy {ftfy.__version__}"
    )


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scaling", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes (0.25, 1, 4 MB)")
    parser.add_argument("--sizes", help="comma-separated sizes in MB (default 1,4,16)")
    parser.add_argument("--reps", type=int, default=1, help="runs per case; the fastest is kept")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="markdown file to write")
    parser.add_argument("--skip-real", action="store_true", help="pathological inputs only")
    parser.add_argument("--skip-pathological", action="store_true", help="real text only")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.scale)))
        return 0

    sizes = [float(s) for s in args.sizes.split(",")] if args.sizes else None
    sizes = sizes or ([0.25, 1.0, 4.0] if args.quick else [1.0, 4.0, 16.0])
    scale = 0.1 if args.quick else 1.0
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="textrepair-scaling-") as tmp:
        if not args.skip_real:
            largest = damaged_text(int(max(sizes) * MB))
            for size in sizes:
                text = _prefix(largest, int(size * MB))
                path = Path(tmp) / f"real-{size}.txt"
                path.write_text(text, encoding="utf-8")
                print(f"real damaged text, {size} MB ...", file=sys.stderr, flush=True)
                description = f"damaged prose, {size:g} MB"
                rows.append(_row("real", path.stem, description, f"file:{path}", 1.0, args.reps))
        if not args.skip_pathological:
            for name, (description, _) in PATHOLOGICAL.items():
                print(f"{description} ...", file=sys.stderr, flush=True)
                shown = description if scale == 1.0 else f"{description} (x{scale:g})"
                rows.append(_row("pathological", name, shown, f"case:{name}", scale, args.reps))
    report = (
        "# textrepair scaling\n\n"
        f"`python -m benchmarks.scaling{' --quick' if args.quick else ''}`; {_machine()}.\n\n"
        + table(rows)
        + "\n\n"
        + summary(rows)
        + "\n"
    )
    print(report)
    args.output.write_text(report, encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


def _prefix(text: str, size: int) -> str:
    """The whole documents of ``text`` that make up at least ``size`` bytes."""
    total = 0
    end = 0
    for part in text.split("\n\n"):
        total += len(part.encode("utf-8")) + 2
        end += len(part) + 2
        if total >= size:
            break
    return text[: end - 2]


def _row(group: str, name: str, description: str, spec: str, scale: float, reps: int) -> Row:
    result = _run_child(spec, scale, reps)
    return Row(
        group,
        name,
        description,
        result["chars"],
        result["bytes"],
        result["textrepair"],
        result["ftfy"],
        result["peak_mb"],
    )


if __name__ == "__main__":
    sys.exit(main())
