"""Roll-up captions on real YouTube files: ``python -m benchmarks.captions [--data DIR]``.

Reads the third-party evaluation set (raw ``.vtt`` files and ``derived/*.json`` pairs with a
``reference_text``; see its ``SOURCE.md``) from ``--data``, the ``TEXTREPAIR_CAPTIONS_DATA``
environment variable, or a ``youtube-rolling-vtt`` folder beside the repository. The files are
read where they are, never copied into the repository.

For every raw file with a derived pair it prints the word error rate (WER) to
``reference_text`` of the naive text of all cues (the ``input_all_cues`` of the pair) and of
the transcript after :func:`textrepair.captions.collapse_rollup`, plus the transcript after
``--clean`` (:func:`textrepair.clean` on it). Japanese and Korean are scored on characters,
white space left out. WER is the Levenshtein distance between token lists (rapidfuzz) over
the number of reference tokens. For files that do not roll up it also counts the words kept.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz.distance import Levenshtein

import textrepair
from textrepair.captions import captions_to_text, collapse_rollup, is_rollup, read_captions

__all__ = ["main"]

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "youtube-rolling-vtt"
CHARACTER_LANGS = frozenset({"ja", "ko", "zh"})


@dataclass(slots=True)
class Row:
    name: str
    lang: str
    cues: int
    rollup: bool
    lines: int
    reference_lines: int
    naive: float
    after: float
    cleaned: float
    milliseconds: float
    note: str


def tokens(text: str, characters: bool) -> list[str]:
    return [c for c in text if not c.isspace()] if characters else text.split()


def wer(reference: str, hypothesis: str, characters: bool) -> float:
    ref = tokens(reference, characters)
    return Levenshtein.distance(ref, tokens(hypothesis, characters)) / max(1, len(ref))


def evaluate(pair: Path, data: Path) -> tuple[Row, str, str]:
    derived = json.loads(pair.read_text(encoding="utf-8"))
    raw = data / derived["source_file"]
    name = raw.name
    lang = name.split("_", 1)[0]
    characters = lang in CHARACTER_LANGS
    cues = read_captions(raw)
    note = ""
    if derived["n_cues"] < len(cues):
        # la-council: the reference covers the first HLS segment only
        note = f"first {derived['n_cues']} of {len(cues)} cues (the reference's span)"
        cues = cues[: derived["n_cues"]]
    started = time.perf_counter()
    lines = collapse_rollup(cues)
    elapsed = (time.perf_counter() - started) * 1000
    text = captions_to_text(lines)
    reference = derived["reference_text"]
    row = Row(
        name=name,
        lang=lang,
        cues=len(cues),
        rollup=is_rollup(cues),
        lines=len(lines),
        reference_lines=len(derived["reference_lines"]),
        naive=wer(reference, derived["input_all_cues"], characters),
        after=wer(reference, text, characters),
        cleaned=wer(reference, captions_to_text(lines, clean=True), characters),
        milliseconds=elapsed,
        note=note,
    )
    return row, " ".join(c.text for c in cues), text


def table(rows: Sequence[Row]) -> str:
    out = [
        "| file | lang | cues | roll-up | lines out / reference | WER naive all-cues text "
        "| WER after | WER after --clean | collapse ms |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        unit = " (chars)" if r.lang in CHARACTER_LANGS else ""
        out.append(
            f"| {r.name} | {r.lang}{unit} | {r.cues} | {'yes' if r.rollup else 'no'} "
            f"| {r.lines} / {r.reference_lines} | {r.naive:.3f} | {r.after:.4f} "
            f"| {r.cleaned:.4f} | {r.milliseconds:.1f} |"
        )
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.captions", description=__doc__)
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(os.environ.get("TEXTREPAIR_CAPTIONS_DATA", DEFAULT_DATA)),
        help=f"the youtube-rolling-vtt folder (default: {DEFAULT_DATA})",
    )
    args = parser.parse_args(argv)
    data: Path = args.data
    pairs = sorted((data / "derived").glob("*.json"))
    if not pairs:
        print(f"no derived/*.json pairs under {data} (use --data)", file=sys.stderr)
        return 2
    rows: list[Row] = []
    kept: list[str] = []
    for pair in pairs:
        row, naive, text = evaluate(pair, data)
        rows.append(row)
        if not row.rollup:
            before, after = naive.split(), text.split()
            same = "identical, in order" if before == after else "NOT identical"
            kept.append(f"- {row.name}: {len(after)} of {len(before)} words kept ({same})")
    print(table(rows))
    notes = [f"- {r.name}: {r.note}" for r in rows if r.note]
    if notes:
        print("\nNotes:\n" + "\n".join(notes))
    if kept:
        print("\nFiles that do not roll up:\n" + "\n".join(kept))
    target = data / "raw" / "en_lattifai_fastcharging_TARGET.en.vtt"
    source = data / "raw" / "en_lattifai_fastcharging_raw.en.vtt"
    if target.exists() and source.exists():
        ours = captions_to_text(collapse_rollup(read_captions(source))).split()
        theirs = captions_to_text(read_captions(target)).split()
        verdict = (
            "identical words"
            if ours == theirs
            else f"WER {wer(' '.join(theirs), ' '.join(ours), False):.4f}"
        )
        print(f"\nlattifai's own de-rolled file (independent reference): {verdict}")
    print("\n" + flat_table(pairs))
    return 0


def flat_table(pairs: Sequence[Path]) -> str:
    """``textrepair.clean()`` on caption text whose line structure was lost.

    The derived pairs hold ``input_flat_all_cues`` (the text of every cue run together, as
    scrapers produce) and ``input_flat_srt_style`` (each line twice); plain ``clean()``, with
    no caption-specific option, should bring them back to ``reference_text``.
    """
    out = [
        "Flattened captions through plain `clean()` (word error rate to the reference):",
        "",
        "| file | lang | all cues: before | after | srt style: before | after |",
        "|---|---|---|---|---|---|",
    ]
    for pair in pairs:
        record = json.loads(pair.read_text(encoding="utf-8"))
        lang = pair.name.split("_", 1)[0]
        characters = lang in CHARACTER_LANGS
        reference = record["reference_text"]
        cells = []
        for key in ("input_flat_all_cues", "input_flat_srt_style"):
            text = record[key]
            cells.append(f"{wer(reference, text, characters):.1%}")
            cells.append(f"{wer(reference, textrepair.clean(text), characters):.1%}")
        out.append(f"| {pair.stem} | {lang} | " + " | ".join(cells) + " |")
    return "\n".join(out)


if __name__ == "__main__":
    sys.exit(main())
