"""Damage on genres the main benchmark never tunes on.

The main benchmark damages translated Debian documentation, fortunes and Dutch manual pages;
this one applies the same generator (:mod:`benchmarks.corrupt`) to the other-genre corpus of
:mod:`benchmarks.cleandocs` (manual pages in many languages as ``man`` renders them, HTML
manuals, reST, licences, changelogs, READMEs, fortunes in other languages) and reports, by
genre, the share of injected words removed and the genuine words lost: how far the engine's
judgement carries to text it was never looked at on.

    python -m benchmarks.othergenres                # writes benchmarks/othergenres-results.md
    python -m benchmarks.othergenres --per-genre 40 # a smaller sample
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import textrepair
from benchmarks import cleandocs
from benchmarks.corpus import Document, stable_hash
from benchmarks.corrupt import corrupt
from benchmarks.metrics import RowScore, score
from textrepair.__main__ import _version

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "othergenres-results.md"
FAMILIES = ("overlap", "mixed")
MIN_CHARS = 400  # shorter documents hold too few seams to damage


def sample(docs: Sequence[cleandocs.Document], per_genre: int) -> list[Document]:
    """Up to ``per_genre`` documents of each genre, the same on every machine.

    Each becomes a benchmark :class:`~benchmarks.corpus.Document` of kind ``prose``.
    """
    by_genre: dict[str, list[cleandocs.Document]] = {}
    for doc in sorted(docs, key=lambda d: stable_hash(d.id)):
        if len(doc.text) >= MIN_CHARS:
            by_genre.setdefault(doc.genre, []).append(doc)
    return [
        Document(d.id, d.lang, "prose", d.genre, d.source, d.text)
        for genre in sorted(by_genre)
        for d in by_genre[genre][:per_genre]
    ]


def evaluate(docs: Sequence[Document], families: Sequence[str]) -> dict[tuple[str, str], RowScore]:
    """Scores by (family, genre), and by (family, ``"all"``).

    Example:
        >>> doc = Document("x", "en", "prose", "readme", "pkg",
        ...                "The build needs a recent compiler and a copy of the sources. " * 8)
        >>> rows = evaluate([doc], ["overlap"])
        >>> rows["overlap", "all"].docs
        1
    """
    rows: dict[tuple[str, str], RowScore] = {}
    for family in families:
        for doc in docs:
            sample_ = corrupt(doc, family, 0)
            output = textrepair.clean(sample_.damaged)
            result = score(sample_.damaged, sample_.reference, output)
            for genre in (doc.genre, "all"):
                rows.setdefault((family, genre), RowScore()).add(result)
    return rows


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}%"


def render(rows: dict[tuple[str, str], RowScore], *, command: str, seconds: float) -> str:
    """The markdown report."""
    now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [
        "# textrepair on damaged documents of other genres",
        "",
        f"`{command}` — {now}; {_version()}, Python "
        f"{platform.python_version()}; run time {seconds:.0f} s.",
        "",
        "The main benchmark's generator (seed 0) applied to documents of the clean-document "
        "corpus (`benchmarks.cleandocs`), whose genres the engine was never tuned on. Columns as "
        "in `results.md`: word error rate before and after, share of the injected extra words "
        "removed, genuine words lost and extra words left per 1,000 reference words.",
    ]
    for family in dict.fromkeys(f for f, _ in rows):
        out += [
            "",
            f"## {family}",
            "",
            "| genre | docs | WER before | WER after | removed | lost /1k | left /1k |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        genres = [*sorted(g for f, g in rows if f == family and g != "all"), "all"]
        for genre in genres:
            r = rows[family, genre]
            name = "**all**" if genre == "all" else genre
            out.append(
                f"| {name} | {r.docs} | {_pct(r.wer_before)} | {_pct(r.wer_after)} "
                f"| {_pct(r.removed)} | {r.lost_per_k:.2f} | {r.extra_per_k:.2f} |"
            )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.othergenres", description=__doc__)
    parser.add_argument("--per-genre", type=int, default=120, help="documents per genre")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="markdown report")
    args = parser.parse_args(argv)
    if args.per_genre < 1:
        parser.error("--per-genre must be at least 1")
    began = time.perf_counter()
    try:
        clean_docs, _, _ = cleandocs.build_documents(cleandocs.ALL_PACKAGES, cleandocs.Limits())
    except cleandocs.DataUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    docs = sample(clean_docs, args.per_genre)
    print(f"{len(docs)} documents; damaging and repairing", file=sys.stderr, flush=True)
    rows = evaluate(docs, FAMILIES)
    shown = sys.argv[1:] if argv is None else list(argv)
    command = "python -m benchmarks.othergenres" + "".join(f" {a}" for a in shown)
    report = render(rows, command=command, seconds=time.perf_counter() - began)
    print(report)
    args.output.write_text(report + "\n", encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
