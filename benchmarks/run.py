"""Run the benchmark: corpus -> damage -> systems -> metrics -> report (and dumps)."""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import rapidfuzz
import regex

import textrepair
from benchmarks.baselines import SYSTEMS
from benchmarks.corpus import LANGS, DataUnavailableError, Document, build_corpus, describe
from benchmarks.corrupt import FAMILIES, Sample, clean_sample, corrupt
from benchmarks.metrics import DocScore, RowScore, differences, lost_and_extra, score
from textrepair.__main__ import _version

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
SETS = ("heldout", "tune")
CLEAN_ROWS = ("clean prose", "clean repetitive")


@dataclass(slots=True)
class RunResult:
    samples: list[tuple[str, str, Sample]]  # (set, row, sample)
    outputs: dict[str, list[str]]
    seconds: dict[str, list[list[float]]]  # system -> rep -> sample
    scores: dict[str, list[DocScore]]
    errors: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    nondeterministic: dict[str, int] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# Building and running


def build_samples(
    docs: list[Document], families: Sequence[str], seed: int
) -> list[tuple[str, str, Sample]]:
    """Every (set, row, sample) of the run, in a deterministic order."""
    samples: list[tuple[str, str, Sample]] = []
    for family in families:
        for doc in docs:
            wanted = "repetitive" if family == "mixed-rep" else "prose"
            if doc.kind == wanted:
                samples.append((doc.split, family, corrupt(doc, family, seed)))
    for doc in docs:
        row = "clean prose" if doc.kind == "prose" else "clean repetitive"
        samples.append((doc.split, row, clean_sample(doc)))
    return samples


def run_systems(
    samples: list[tuple[str, str, Sample]],
    systems: dict[str, Callable[[str], str]],
    reps: int,
) -> RunResult:
    """Run every system on every sample ``reps`` times, interleaved, timing each call."""
    outputs: dict[str, list[str]] = {name: [] for name in systems}
    seconds: dict[str, list[list[float]]] = {name: [] for name in systems}
    errors: dict[str, list[tuple[int, str]]] = {name: [] for name in systems}
    nondet: dict[str, int] = dict.fromkeys(systems, 0)
    clock = time.perf_counter
    for rep in range(reps):
        for name, fn in systems.items():
            times: list[float] = []
            start = clock()
            for idx, (_, _, sample) in enumerate(samples):
                text = sample.damaged
                t0 = clock()
                try:
                    out = fn(text)
                except Exception as exc:
                    out = text
                    if rep == 0:
                        errors[name].append((idx, f"{type(exc).__name__}: {exc}"))
                times.append(clock() - t0)
                if rep == 0:
                    outputs[name].append(out)
                elif out != outputs[name][idx]:
                    nondet[name] += 1
            seconds[name].append(times)
            print(
                f"  rep {rep + 1}/{reps} {name:<11} {clock() - start:6.1f} s",
                file=sys.stderr,
                flush=True,
            )
    scores: dict[str, list[DocScore]] = {}
    for name in systems:
        scores[name] = [
            score(sample.damaged, sample.reference, out)
            for (_, _, sample), out in zip(samples, outputs[name], strict=True)
        ]
    return RunResult(samples, outputs, seconds, scores, errors, nondet)


def aggregate(result: RunResult) -> dict[tuple[str, str, str], RowScore]:
    """Rows keyed by (set, row, system); timing is the best repetition of each row."""
    rows: dict[tuple[str, str, str], RowScore] = {}
    members: dict[tuple[str, str], list[int]] = {}
    for idx, (split, row, _) in enumerate(result.samples):
        members.setdefault((split, row), []).append(idx)
    for (split, row), idxs in members.items():
        for name, scores in result.scores.items():
            agg = RowScore()
            for idx in idxs:
                agg.add(scores[idx])
            agg.nbytes = sum(len(result.samples[i][2].damaged.encode("utf-8")) for i in idxs)
            agg.seconds = min(sum(rep[i] for i in idxs) for rep in result.seconds[name])
            members_set = set(idxs)
            agg.errors = sum(1 for i, _ in result.errors.get(name, []) if i in members_set)
            rows[(split, row, name)] = agg
    return rows


def throughput(result: RunResult, name: str, *, clean: bool) -> float:
    """MB/s of a system on all damaged (or all clean) samples, best repetition."""
    idxs = [i for i, (_, row, _) in enumerate(result.samples) if row.startswith("clean") == clean]
    nbytes = sum(len(result.samples[i][2].damaged.encode("utf-8")) for i in idxs)
    best = min(sum(rep[i] for i in idxs) for rep in result.seconds[name])
    return nbytes / 1e6 / best if best > 0 else float("inf")


# --------------------------------------------------------------------------------------------
# Report


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


def _num(x: float | None, fmt: str = "{:.2f}") -> str:
    return "–" if x is None else fmt.format(x)


def table(rows: dict[tuple[str, str, str], RowScore], split: str, systems: list[str]) -> str:
    """The markdown table of one set."""
    head = (
        "| family | system | docs | WER before | WER after | injected removed | lost /1k "
        "| extra left /1k | exact | clean changed | MB/s |"
    )
    lines = [head, "|" + "---|" * 11]
    order = [*FAMILIES, *CLEAN_ROWS]
    for row in order:
        for name in systems:
            r = rows.get((split, row, name))
            if r is None:
                continue
            is_clean = row.startswith("clean")
            err = f" ({r.errors} errors)" if r.errors else ""
            lines.append(
                f"| {row} | {name}{err} | {r.docs} | {_pct(r.wer_before)} | {_pct(r.wer_after)} "
                f"| {'–' if is_clean else _pct(r.removed)} | {r.lost_per_k:.2f} "
                f"| {r.extra_per_k:.2f} | {'–' if is_clean else _pct(r.exact_share)} "
                f"| {_pct(r.changed_share) if is_clean else '–'} | {_num(r.mbps, '{:.2f}')} |"
            )
    return "\n".join(lines)


def targets(
    rows: dict[tuple[str, str, str], RowScore], ratio_damaged: float, ratio_clean: float
) -> list[tuple[str, dict[str, tuple[bool, str]]]]:
    """Each target with its verdict per set, for textrepair."""
    out: list[tuple[str, dict[str, tuple[bool, str]]]] = []

    def removal(family: str, floor: float) -> None:
        verdicts: dict[str, tuple[bool, str]] = {}
        for split in SETS:
            r = rows.get((split, family, "textrepair"))
            if r is None:
                continue
            removed = r.removed or 0.0
            ok = removed >= floor and r.lost_per_k <= 1.0
            verdicts[split] = (ok, f"{100 * removed:.1f}% removed, {r.lost_per_k:.2f} lost/1k")
        if verdicts:
            out.append((f"{family}: ≥{100 * floor:.0f}% removed and ≤1 lost/1k", verdicts))

    def unchanged(row: str, ceiling: float) -> None:
        verdicts: dict[str, tuple[bool, str]] = {}
        for split in SETS:
            r = rows.get((split, row, "textrepair"))
            if r is None:
                continue
            verdicts[split] = (
                r.changed_share <= ceiling,
                f"{100 * r.changed_share:.1f}% changed ({r.changed}/{r.docs})",
            )
        if verdicts:
            out.append((f"{row}: ≤{100 * ceiling:.0f}% changed", verdicts))

    removal("overlap", 0.95)
    removal("mixed", 0.90)
    unchanged("clean prose", 0.01)
    unchanged("clean repetitive", 0.02)
    both = {"all": (ratio_damaged >= 0.5, f"{ratio_damaged:.2f}× ftfy")}
    out.append(("throughput on damaged text: ≥0.5× ftfy.fix_text", both))
    both = {"all": (ratio_clean >= 0.7, f"{ratio_clean:.2f}× ftfy")}
    out.append(("throughput on clean text: ≥0.7× ftfy.fix_text", both))
    return out


def render_targets(checks: list[tuple[str, dict[str, tuple[bool, str]]]]) -> str:
    lines = ["| target | heldout | tune |", "|---|---|---|"]
    for name, verdicts in checks:
        cells = []
        for split in SETS:
            ok, text = verdicts.get(split, verdicts.get("all", (False, "–")))
            cells.append(f"{'PASS' if ok else 'FAIL'} ({text})")
        if "all" in verdicts:
            cells[1] = "(same run)"
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Dumps


def _safe(name: str) -> str:
    return regex.sub(r"[^\w.-]+", "_", name)


def _edits(text: str) -> list[dict[str, object]]:
    """textrepair's edits on ``text``, if its API provides them."""
    try:
        report = textrepair.repair(text)
    except Exception as exc:
        return [{"error": f"{type(exc).__name__}: {exc}"}]
    edits = []
    for e in getattr(report, "edits", ()):
        start, end = getattr(e, "start", 0), getattr(e, "end", 0)
        edits.append(
            {
                "start": start,
                "end": end,
                "removed": text[start:end],
                "replacement": getattr(e, "replacement", None),
                "kind": getattr(e, "kind", None),
                "score": getattr(e, "score", None),
                "reason": getattr(e, "reason", None),
            }
        )
    return edits


def dump(result: RunResult, directory: Path, system: str, limit: int) -> int:
    """Write failing examples of ``system`` as JSON; returns how many were written."""
    directory.mkdir(parents=True, exist_ok=True)
    failing: dict[tuple[str, str], list[int]] = {}
    for idx, (split, row, _) in enumerate(result.samples):
        s = result.scores[system][idx]
        bad = s.changed if row.startswith("clean") else s.failed
        if bad:
            failing.setdefault((split, row), []).append(idx)
    index: list[dict[str, object]] = []
    written = 0
    for (split, row), idxs in sorted(failing.items()):
        idxs.sort(
            key=lambda i: (-result.scores[system][i].lost, -result.scores[system][i].extra_out)
        )
        folder = directory / _safe(row)
        folder.mkdir(exist_ok=True)
        for idx in idxs[:limit]:
            _, _, sample = result.samples[idx]
            s = result.scores[system][idx]
            output = result.outputs[system][idx]
            lost, extra = lost_and_extra(sample.damaged, sample.reference, output)
            record: dict[str, object] = {
                "id": sample.doc.id,
                "set": split,
                "family": row,
                "lang": sample.doc.lang,
                "genre": sample.doc.genre,
                "density": sample.density,
                "system": system,
                "metrics": {
                    "ref_words": s.ref_words,
                    "extra_in": s.extra_in,
                    "extra_left": s.extra_out,
                    "lost": s.lost,
                    "wer_before": round(s.dist_before / max(1, s.ref_words), 4),
                    "wer_after": round(s.dist_after / max(1, s.ref_words), 4),
                    "exact": s.exact,
                    "changed": s.changed,
                },
                "lost_words": lost,
                "extra_words_left": extra,
                "differences": differences(sample.reference, output),
                "injected": [
                    {
                        "family": e.family,
                        "variant": e.variant,
                        "words": e.injected,
                        "text": e.text,
                        "at": e.at,
                    }
                    for e in sample.events
                ],
                "input": sample.damaged,
                "reference": sample.reference,
                "output": output,
            }
            if system == "textrepair":
                record["edits"] = _edits(sample.damaged)
            if row.startswith("clean"):
                record["diff"] = list(
                    difflib.unified_diff(
                        sample.damaged.split("\n"),
                        output.split("\n"),
                        "input",
                        "output",
                        lineterm="",
                        n=1,
                    )
                )[:80]
            name = f"{split}__{_safe(sample.doc.id)}.json"
            (folder / name).write_text(
                json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            index.append(
                {
                    "file": f"{folder.name}/{name}",
                    "set": split,
                    "family": row,
                    "lost": s.lost,
                    "extra_left": s.extra_out,
                    "extra_in": s.extra_in,
                    "changed": s.changed,
                }
            )
            written += 1
    errors = [
        {
            "id": result.samples[i][2].doc.id,
            "family": result.samples[i][1],
            "error": msg,
            "input": result.samples[i][2].damaged,
        }
        for i, msg in result.errors.get(system, [])
    ]
    (directory / "index.json").write_text(
        json.dumps(
            {"system": system, "examples": index, "errors": errors}, ensure_ascii=False, indent=1
        ),
        encoding="utf-8",
    )
    return written


# --------------------------------------------------------------------------------------------
# Command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Benchmark textrepair against ftfy and a naive dedup on real text "
        "(Debian packages, fetched at run time) with generated damage.",
    )
    parser.add_argument("--quick", action="store_true", help="a small subset (< 1 minute)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the damage (default 0)")
    parser.add_argument(
        "--langs", default=",".join(LANGS), help=f"comma-separated (default {','.join(LANGS)})"
    )
    parser.add_argument(
        "--families", default=",".join(FAMILIES), help="comma-separated damage families"
    )
    parser.add_argument("--prose", type=int, help="prose documents per language (default 50)")
    parser.add_argument(
        "--repetitive", type=int, help="clean repetitive documents per language (default 30)"
    )
    parser.add_argument("--reps", type=int, help="timing repetitions (default 3, quick 2)")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="write failing examples here")
    parser.add_argument("--dump-system", default="textrepair", choices=list(SYSTEMS))
    parser.add_argument("--dump-max", type=int, default=25, help="examples per set and family")
    parser.add_argument(
        "--output",
        type=Path,
        help="markdown report (default benchmarks/results.md; quick: results-quick.md)",
    )
    parser.add_argument("--strict", action="store_true", help="exit 1 if a heldout target fails")
    args = parser.parse_args(argv)
    args.langs = [x.strip() for x in args.langs.split(",") if x.strip()]
    bad = [x for x in args.langs if x not in LANGS]
    if bad:
        parser.error(f"unknown language(s) {', '.join(bad)}; choose from {', '.join(LANGS)}")
    args.families = [x.strip() for x in args.families.split(",") if x.strip()]
    bad = [x for x in args.families if x not in FAMILIES]
    if bad:
        parser.error(f"unknown family(ies) {', '.join(bad)}; choose from {', '.join(FAMILIES)}")
    if args.prose is None:
        args.prose = 6 if args.quick else 50
    if args.repetitive is None:
        args.repetitive = 4 if args.quick else 30
    if args.reps is None:
        args.reps = 2 if args.quick else 3
    if args.reps < 1:
        parser.error("--reps must be at least 1")
    if args.output is None:
        args.output = HERE / ("results-quick.md" if args.quick else "results.md")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    args = parse_args(argv)
    began = time.perf_counter()
    try:
        docs = build_corpus(
            args.langs, prose_per_lang=args.prose, repetitive_per_lang=args.repetitive
        )
    except DataUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not docs:
        print("error: the corpus is empty", file=sys.stderr)
        return 2
    try:
        systems = {name: factory() for name, factory in SYSTEMS.items()}
    except ImportError as exc:
        print(
            f"error: cannot import a system: {exc} (run from the repository root)", file=sys.stderr
        )
        return 2
    print(f"corpus: {len(docs)} documents\n{describe(docs)}", file=sys.stderr)
    samples = build_samples(docs, args.families, args.seed)
    nbytes = sum(len(s.damaged.encode("utf-8")) for _, _, s in samples)
    print(
        f"{len(samples)} samples, {nbytes / 1e6:.2f} MB per system and repetition", file=sys.stderr
    )
    result = run_systems(samples, systems, args.reps)
    rows = aggregate(result)
    ratio_damaged = throughput(result, "textrepair", clean=False) / throughput(
        result, "ftfy", clean=False
    )
    ratio_clean = throughput(result, "textrepair", clean=True) / throughput(
        result, "ftfy", clean=True
    )
    checks = targets(rows, ratio_damaged, ratio_clean)
    names = list(systems)
    report = render_report(args, docs, rows, names, checks, result, ratio_damaged, ratio_clean)
    print(report)
    args.output.write_text(report + "\n", encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    if args.dump:
        n = dump(result, args.dump, args.dump_system, args.dump_max)
        print(f"{n} failing examples of {args.dump_system} written to {args.dump}", file=sys.stderr)
    print(f"total {time.perf_counter() - began:.1f} s", file=sys.stderr)
    failed = any(not ok for _, v in checks for k, (ok, _) in v.items() if k in {"heldout", "all"})
    return 1 if args.strict and failed else 0


def render_report(
    args: argparse.Namespace,
    docs: list[Document],
    rows: dict[tuple[str, str, str], RowScore],
    names: list[str],
    checks: list[tuple[str, dict[str, tuple[bool, str]]]],
    result: RunResult,
    ratio_damaged: float,
    ratio_clean: float,
) -> str:
    version = _version().removeprefix("textrepair ")  # and whether the engine is compiled
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = "python -m benchmarks" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    parts = [
        "# textrepair benchmark",
        "",
        f"`{command}` — {when}; seed {args.seed}; {'quick subset; ' if args.quick else ''}"
        f"timing: best of {args.reps}. textrepair {version}, ftfy {ftfy.__version__}, "
        f"rapidfuzz {rapidfuzz.__version__}, Python {platform.python_version()}.",
        "",
        "Corpus (documents; prose and repetitive as tune+heldout):",
        "",
        *[f"- {line}" for line in describe(docs).split("\n")],
        "",
        "Columns: word error rate of the damaged input and of the output against the clean "
        "reference; share of the injected extra words removed; genuine words lost and extra "
        "words left per 1,000 reference words; share of documents repaired exactly (casefolded, "
        "whitespace collapsed); share of clean documents changed; throughput.",
        "",
    ]
    for split in SETS:
        parts += [f"## {split}", "", table(rows, split, names), ""]
    tr_damaged = throughput(result, "textrepair", clean=False)
    ftfy_damaged = throughput(result, "ftfy", clean=False)
    tr_clean = throughput(result, "textrepair", clean=True)
    ftfy_clean = throughput(result, "ftfy", clean=True)
    parts += [
        "## Targets (textrepair)",
        "",
        render_targets(checks),
        "",
        f"Throughput on all damaged text: textrepair {tr_damaged:.2f} MB/s, ftfy "
        f"{ftfy_damaged:.2f} MB/s (ratio {ratio_damaged:.2f}); on clean text: textrepair "
        f"{tr_clean:.2f} MB/s, ftfy {ftfy_clean:.2f} MB/s (ratio {ratio_clean:.2f}).",
    ]
    problems = [
        f"{name}: {len(errs)} crashes (first: {errs[0][1]})"
        for name, errs in result.errors.items()
        if errs
    ] + [
        f"{name}: {n} outputs differ between repetitions"
        for name, n in result.nondeterministic.items()
        if n
    ]
    if problems:
        parts += ["", "Problems:", "", *[f"- {p}" for p in problems]]
    return "\n".join(parts)
