"""Clean the ``text`` field of a JSONL corpus with textrepair.repair_many, streaming.

    python examples/clean_corpus.py [IN.jsonl] [OUT.jsonl] [--jobs N]

Defaults: ``examples/corpus.jsonl`` to stdout, 2 worker processes. Records whose ``text`` is
missing or not a string are written back untouched; every other field is kept. A summary of
the edits goes to stderr. The command line does the same (and more):
``textrepair examples/corpus.jsonl --jobs 2 --stats``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

from textrepair.batch import repair_many

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", type=Path, default=HERE / "corpus.jsonl")
    parser.add_argument("output", nargs="?", type=Path, help="default: stdout")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    with ExitStack() as stack:
        lines = stack.enter_context(args.input.open(encoding="utf-8"))
        out = sys.stdout
        if args.output is not None:
            out = stack.enter_context(args.output.open("w", encoding="utf-8"))
        # Streaming: one pass over the file; tee keeps only the records in flight.
        records, for_texts = itertools.tee(json.loads(line) for line in lines if line.strip())
        # Records without a string "text" get "" (cheap to repair) and are written back as is.
        texts = (r["text"] if isinstance(r.get("text"), str) else "" for r in for_texts)
        kinds: Counter[str] = Counter()
        changed = total = 0
        for record, result in zip(records, repair_many(texts, jobs=args.jobs)):
            total += 1
            if isinstance(record.get("text"), str) and result.text != record["text"]:
                record["text"] = result.text
                changed += 1
                kinds.update(result.counts)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common())
    print(f"{changed} of {total} records changed; edits: {summary}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
