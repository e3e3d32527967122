"""Determinism across processes: the same input and Config give the same bytes everywhere.

String hashing is salted per process (``PYTHONHASHSEED``), so any dependence on the iteration
order of a ``set`` or on ``hash()`` would show up as different outputs in different processes.
A fixed set of damaged texts (the seed text, every case file's input, the benchmark
generator's damage on the case files' expected texts, and noise) is repaired in child
processes with different hash seeds; their outputs and edit lists, as JSON, must agree byte
for byte, and with this process's.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

import textrepair
from benchmarks.corpus import Document
from benchmarks.corrupt import FAMILIES, corrupt
from fuzz.fuzz_repair import NOISE
from textrepair import Config, Repair

ROOT = Path(textrepair.__file__).resolve().parent.parent
CASES = Path(__file__).parent / "cases"
HASH_SEEDS = ("0", "1", "12345", "random")
CONFIGS = (None, Config(reflow=False, min_score=0.0, window=20))

#: The child: read texts as JSON from stdin, print every report as JSON.
CHILD = """
import json, sys
from tests.test_determinism import CONFIGS, report_json
texts = json.load(sys.stdin)
sys.stdout.write(report_json(texts, CONFIGS))
"""


def report_json(texts: list[str], configs: tuple[Config | None, ...]) -> str:
    """Every text repaired with every configuration, as one JSON document."""
    out = []
    for text in texts:
        for config in configs:
            report = textrepair.repair(text, config=config)
            out.append(
                {
                    "text": report.text,
                    "clean": textrepair.clean(text, config=config),
                    "edits": [_edit(e) for e in report.edits],
                    "proposed": [_edit(e) for e in report.proposed],
                }
            )
    return json.dumps(out, ensure_ascii=True, sort_keys=True)


def _edit(edit: textrepair.Edit) -> list[object]:
    return [edit.start, edit.end, edit.replacement, edit.kind, repr(edit.score), edit.reason]


def _texts() -> list[str]:
    texts = [(CASES / "seed_input.txt").read_text(encoding="utf-8")]
    references = [(CASES / "seed_expected.txt").read_text(encoding="utf-8")]
    for path in sorted(CASES.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            if isinstance(case, dict) and isinstance(case.get("input"), str):
                texts.append(case["input"])
                expected = case.get("expected")
                references.append(expected if isinstance(expected, str) else case["input"])
    for index, reference in enumerate(references):
        if len(reference.split()) < 20:  # the generator needs a few chunks' worth of words
            continue
        doc = Document(f"det/{index}", "fr", "prose", "prose", "tests", reference)
        for family in sorted({"mixed", FAMILIES[index % len(FAMILIES)]}):
            texts.append(corrupt(doc, family, seed=index).damaged)
    rng = random.Random(20261126)
    texts += ["".join(rng.choices(NOISE, k=rng.randint(5, 120))) for _ in range(60)]
    return texts


def _run_child(texts: list[str], hash_seed: str) -> subprocess.Popen[str]:
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": os.pathsep.join(path)}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        cwd=ROOT,
        text=True,
        encoding="utf-8",
    )


def test_same_bytes_whatever_the_hash_seed() -> None:
    texts = _texts()
    assert len(texts) > 200
    payload = json.dumps(texts, ensure_ascii=True)
    children = {seed: _run_child(texts, seed) for seed in HASH_SEEDS}
    outputs: dict[str, str] = {}
    for seed, child in children.items():
        stdout, _ = child.communicate(payload, timeout=300)
        assert child.returncode == 0, f"the child with PYTHONHASHSEED={seed} failed"
        outputs[seed] = stdout
    here = report_json(texts, CONFIGS)
    for seed, output in outputs.items():
        if output != here:
            first = next(
                i for i, (a, b) in enumerate(zip(json.loads(output), json.loads(here))) if a != b
            )
            text = texts[first // len(CONFIGS)]
            pytest.fail(f"PYTHONHASHSEED={seed} differs from this process on {text!r}")


def test_repeated_calls_in_one_process_agree() -> None:
    """No state survives a call: the same input gives an equal report before and after others."""
    texts = _texts()[:80]
    first = [textrepair.repair(text) for text in texts]
    textrepair.repair("\n".join(reversed(texts)))
    second = [textrepair.repair(text) for text in texts]
    assert first == second
    assert all(isinstance(report, Repair) for report in first)
