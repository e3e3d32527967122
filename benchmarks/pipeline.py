"""Pipeline benchmark: ``clean_many`` throughput with worker processes, and the CLI's memory.

    python -m benchmarks.pipeline                   # ~6 minutes on 2 cores
    python -m benchmarks.pipeline --mb 5 --jsonl-mb 20   # a quick look (~30 s)

1. **Throughput.** A corpus of at least ``--mb`` MB (default 20) is made from the real clean
   documents of :func:`benchmarks.corpus.build_corpus`, each damaged by
   :func:`benchmarks.corrupt.corrupt` with every family and a new seed per round (plus the
   clean documents themselves), until it is big enough. ``clean_many(texts, jobs=1)`` and
   ``clean_many(texts, jobs=N)`` are timed on it, interleaved (best of ``--reps``, default 2),
   and their outputs must be equal. Target: a speedup of at least 1.6x with 2 workers on 2 cores.
2. **Memory.** A JSONL file of at least ``--jsonl-mb`` MB (default 200) is written to a
   temporary folder (records with an id, a language, a source and the damaged text, the
   corpus repeated with new ids), and ``python -m textrepair FILE -o OUT --jobs N`` is run on
   it as a subprocess. Its process tree (the main process, the forkserver and the workers) is
   sampled from ``/proc`` every 50 ms: the peak of the sum of their resident set sizes
   (``VmRSS``), and each process's own peak (``VmHWM``: the main process's, the largest, and
   their sum, an upper bound of the tree's peak). Target: under 300 MB for the whole tree.

The table is printed and written to ``benchmarks/pipeline-results.md`` (``--output``).
Generated data lives only in the temporary folder and is deleted afterwards.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import textrepair
from benchmarks.corpus import DataUnavailableError, Document, build_corpus
from benchmarks.corrupt import FAMILIES, corrupt
from textrepair.__main__ import _version

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "pipeline-results.md"
SPEEDUP_TARGET = 1.6
MEMORY_TARGET_MB = 300.0


def samples(docs: Sequence[Document]) -> Iterator[tuple[Document, str]]:
    """Endless (document, damaged text) pairs: every family, a new seed per round."""
    seed = 0
    while True:
        for doc in docs:
            yield doc, doc.text  # clean text must pass through too
            for family in FAMILIES:
                if (family == "mixed-rep") != (doc.kind == "repetitive"):
                    continue
                yield doc, corrupt(doc, family, seed=seed).damaged
        seed += 1


def build_texts(docs: Sequence[Document], megabytes: float) -> list[tuple[Document, str]]:
    """Damaged and clean texts totalling at least ``megabytes`` MB of UTF-8."""
    out: list[tuple[Document, str]] = []
    size = 0
    for doc, text in samples(docs):
        out.append((doc, text))
        size += len(text.encode("utf-8"))
        if size >= megabytes * 1e6:
            break
    return out


def timed(texts: list[str], jobs: int) -> tuple[float, list[str]]:
    start = time.perf_counter()
    result = list(textrepair.clean_many(texts, jobs=jobs))
    return time.perf_counter() - start, result


def write_jsonl(path: Path, texts: list[tuple[Document, str]], megabytes: float) -> int:
    """Write records until the file holds ``megabytes`` MB; return the number of records."""
    count = 0
    size = 0
    with path.open("w", encoding="utf-8") as out:
        while size < megabytes * 1e6:
            for doc, text in texts:
                record = {"id": count, "lang": doc.lang, "source": doc.source, "text": text}
                line = json.dumps(record, ensure_ascii=False) + "\n"
                out.write(line)
                size += len(line.encode("utf-8"))
                count += 1
                if size >= megabytes * 1e6:
                    break
    return count


def _memory_kb(pid: int) -> tuple[int, int]:
    """The current and the peak resident set size of ``pid`` (VmRSS, VmHWM), in KiB."""
    rss = hwm = 0
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
                elif line.startswith("VmHWM:"):
                    hwm = int(line.split()[1])
    except OSError:
        pass
    return rss, hwm


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[int]:
    tree = _children()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(tree.get(current, []))
    return found


@dataclass
class MemoryRun:
    seconds: float
    peak_tree_mb: float  # the peak of the summed VmRSS of the process tree
    peak_main_mb: float  # the main process's VmHWM
    peak_processes: int
    largest_mb: float  # the largest VmHWM of any process of the tree
    hwm_sum_mb: float  # the sum of every process's VmHWM: an upper bound of the tree's peak
    returncode: int
    stderr: str


def run_cli(source: Path, output: Path, jobs: int) -> MemoryRun:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "textrepair", str(source), "-o", str(output)]
    command += ["--jobs", str(jobs), "--quiet", "--stats"]
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    peak_processes = 0
    hwm: dict[int, int] = {}
    while process.poll() is None:
        pids = _descendants(process.pid)
        sizes = {pid: _memory_kb(pid) for pid in pids}
        peak_tree = max(peak_tree, sum(rss for rss, _ in sizes.values()))
        peak_processes = max(peak_processes, sum(1 for rss, _ in sizes.values() if rss))
        for pid, (_, high) in sizes.items():
            hwm[pid] = max(hwm.get(pid, 0), high)
        time.sleep(0.05)
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    return MemoryRun(
        seconds,
        peak_tree / 1024,
        hwm.get(process.pid, 0) / 1024,
        peak_processes,
        max(hwm.values(), default=0) / 1024,
        sum(hwm.values()) / 1024,
        process.returncode,
        stderr,
    )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pipeline", description=__doc__)
    parser.add_argument("--mb", type=float, default=20.0, help="throughput corpus size (MB)")
    parser.add_argument("--jsonl-mb", type=float, default=200.0, help="JSONL file size (MB)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--reps", type=int, default=2, help="timing repetitions, interleaved (best of; default 2)"
    )
    parser.add_argument("--skip-memory", action="store_true", help="throughput only")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--tmp", type=Path, default=None, help="folder for the JSONL file")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    try:
        docs = build_corpus()
    except DataUnavailableError as error:
        print(f"benchmark data unavailable: {error}", file=sys.stderr)
        return 2
    print("building the corpus ...", file=sys.stderr)
    pairs = build_texts(docs, args.mb)
    texts = [text for _, text in pairs]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    serial_s = parallel_s = float("inf")
    for rep in range(args.reps):  # interleaved, so that a busy spell hits both alike
        print(f"[{rep + 1}/{args.reps}] serial: {megabytes:.1f} MB ...", file=sys.stderr)
        seconds, serial_out = timed(texts, 1)
        serial_s = min(serial_s, seconds)
        print(f"[{rep + 1}/{args.reps}] jobs={args.jobs} ...", file=sys.stderr)
        seconds, parallel_out = timed(texts, args.jobs)
        parallel_s = min(parallel_s, seconds)
        if parallel_out != serial_out:
            print("error: clean_many with workers differs from the serial one", file=sys.stderr)
            return 1
    speedup = serial_s / parallel_s

    rows = [
        ("corpus", f"{len(texts):,} texts, {megabytes:.1f} MB (UTF-8)"),
        (
            "clean_many(jobs=1), best of " + str(args.reps),
            f"{serial_s:.1f} s, {megabytes / serial_s:.2f} MB/s",
        ),
        (
            f"clean_many(jobs={args.jobs}), best of {args.reps}",
            f"{parallel_s:.1f} s, {megabytes / parallel_s:.2f} MB/s",
        ),
        (
            "speedup",
            f"**{speedup:.2f}×** (target ≥ {SPEEDUP_TARGET}×: "
            f"{'PASS' if speedup >= SPEEDUP_TARGET else 'FAIL'})",
        ),
    ]
    memory_ok = True
    if not args.skip_memory:
        with tempfile.TemporaryDirectory(dir=args.tmp, prefix="textrepair-bench-") as folder:
            source = Path(folder) / "corpus.jsonl"
            print(f"writing {args.jsonl_mb:.0f} MB of JSONL to {folder} ...", file=sys.stderr)
            records = write_jsonl(source, pairs, args.jsonl_mb)
            size = source.stat().st_size / 1e6
            print(f"textrepair --jobs {args.jobs} on {size:.0f} MB ...", file=sys.stderr)
            run = run_cli(source, Path(folder) / "clean.jsonl", args.jobs)
            if run.returncode != 0:
                print(f"error: the CLI failed:\n{run.stderr}", file=sys.stderr)
                return 1
        memory_ok = run.peak_tree_mb < MEMORY_TARGET_MB
        rows += [
            ("CLI input", f"{records:,} JSONL records, {size:.0f} MB"),
            (
                f"CLI time (--jobs {args.jobs})",
                f"{run.seconds:.0f} s, {size / run.seconds:.2f} MB/s",
            ),
            (
                f"CLI peak RSS, all {run.peak_processes} processes",
                f"**{run.peak_tree_mb:.0f} MB** (target < {MEMORY_TARGET_MB:.0f} MB: "
                f"{'PASS' if memory_ok else 'FAIL'})",
            ),
            ("CLI peak RSS, main process (VmHWM)", f"{run.peak_main_mb:.0f} MB"),
            ("CLI peak RSS, largest single process (VmHWM)", f"{run.largest_mb:.0f} MB"),
            (
                "CLI sum of every process's own peak (upper bound)",
                f"{run.hwm_sum_mb:.0f} MB",
            ),
        ]
    rows.append(("load average (1 min) at the end", f"{os.getloadavg()[0]:.2f}"))
    command = "python -m benchmarks.pipeline " + " ".join(argv or sys.argv[1:])
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    table = "\n".join(
        ["| measure | result |", "|---|---|"] + [f"| {name} | {value} |" for name, value in rows]
    )
    report = (
        "# textrepair pipeline benchmark\n\n"
        f"`{command.strip()}` — {now}; {_version()}, Python "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}; "
        f"load average (1 min) at the start {load:.2f}. Timings on a shared machine are only as "
        "steady as its load.\n\n"
        f"{table}\n"
    )
    print(report)
    args.output.write_text(report, encoding="utf-8")
    return 0 if speedup >= SPEEDUP_TARGET and memory_ok else 1


if __name__ == "__main__":
    sys.exit(main())
