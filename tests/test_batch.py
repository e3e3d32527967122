"""textrepair.clean_many / repair_many: order, streaming, eager validation, errors in order."""

from __future__ import annotations

import itertools
import json
import os
import runpy
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import textrepair
from textrepair import Config, clean_many
from textrepair.batch import _Failed, _Ordered, _run_chunk, repair_many

ROOT = Path(__file__).resolve().parent.parent
TEXTS = [
    "Le\nle mois dernier, au centre de la de la de la de la ville",
    "pourrait fournir une partie de ce capital ;\nune partie de ce capital.",
    "Nothing to repair here.",
    "",
    "die Stadt die Stadt die Stadt die Stadt liegt am Fluss",
    "Il gruppo potrebbe fornire una parte del capitale ;\nuna parte del capitale.",
] * 4


def counting(texts: list[str], pulled: list[int]) -> Iterator[str]:
    for text in texts:
        pulled[0] += 1
        yield text


def slow_pid(text: str) -> int:
    """The worker's process id, after a pause that keeps the other worker from taking over."""
    time.sleep(0.2)
    return os.getpid()


def explode(text: str) -> str:
    """Fails on one text (module level, so that worker processes can unpickle it)."""
    if text == "boom":
        raise ValueError("boom inside a worker")
    return text.upper()


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("chunksize", [1, 3, 64])
def test_clean_many_equals_serial_clean_in_order(jobs: int, chunksize: int) -> None:
    expected = [textrepair.clean(text) for text in TEXTS]
    assert list(clean_many(TEXTS, jobs=jobs, chunksize=chunksize)) == expected


def test_repair_many_yields_the_reports_of_repair() -> None:
    config = Config(reflow=False)
    expected = [textrepair.repair(text, config=config) for text in TEXTS]
    assert list(repair_many(iter(TEXTS), config=config, jobs=2, chunksize=2)) == expected


def test_config_reaches_the_workers() -> None:
    config = Config(loops=False)
    text = "au centre de la de la de la de la ville"
    assert list(clean_many([text], config=config, jobs=2)) == [text]


def test_is_lazy_and_reads_a_bounded_window_ahead() -> None:
    pulled = [0]
    results = clean_many(counting(TEXTS, pulled), jobs=1)
    assert pulled == [0]  # nothing read before the first result is asked for
    next(results)
    assert pulled == [1]
    pulled = [0]
    results = clean_many(counting(TEXTS * 10, pulled), jobs=2, chunksize=2)
    next(results)
    assert pulled[0] <= 2 * 2 * 2 + 2  # 2 chunks in flight per worker
    results.close()


def test_a_short_input_is_spread_over_the_workers() -> None:
    pids = list(_Ordered(slow_pid, jobs=2, chunksize=64)(iter(["a"] * 6)))
    assert len(set(pids)) == 2
    assert os.getpid() not in pids


def test_streams_an_endless_input() -> None:
    endless = itertools.cycle(["Le\nle mois", "rien"])
    head = list(itertools.islice(clean_many(endless, jobs=2, chunksize=4), 50))
    assert head[:2] == ["Le mois", "rien"]
    assert len(head) == 50


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"jobs": 0}, ValueError, "jobs to be an int >= 1, got 0"),
        ({"jobs": -2}, ValueError, "jobs"),
        ({"jobs": 1.5}, TypeError, "jobs"),
        ({"jobs": True}, TypeError, "jobs"),
        ({"chunksize": 0}, ValueError, "chunksize"),
        ({"chunksize": "8"}, TypeError, "chunksize"),
        ({"config": {"reflow": False}}, TypeError, "config=Config"),
    ],
)
@pytest.mark.parametrize("function", [clean_many, repair_many])
def test_arguments_are_validated_before_any_work(function, kwargs, error, match) -> None:
    pulled = [0]
    with pytest.raises(error, match=match):
        function(counting(TEXTS, pulled), **kwargs)
    assert pulled == [0]


@pytest.mark.parametrize("texts", ["one text", b"bytes", bytearray(b"x")])
def test_a_single_text_is_refused_at_once(texts) -> None:
    with pytest.raises(TypeError, match="expects an iterable of str, got a single"):
        clean_many(texts)


def test_a_non_iterable_is_refused_at_once() -> None:
    with pytest.raises(TypeError, match="expects an iterable of str, got int"):
        clean_many(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("jobs", [1, 2])
@pytest.mark.parametrize("bad", [None, 3, b"bytes", ["list"]])
def test_a_non_str_item_raises_after_the_results_before_it(jobs: int, bad: object) -> None:
    results = clean_many(["Le\nle mois", "rien", bad, "after"], jobs=jobs, chunksize=1)  # type: ignore[list-item]
    assert next(results) == "Le mois"
    assert next(results) == "rien"
    with pytest.raises(TypeError, match=f"item 2 is {type(bad).__name__}"):
        next(results)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_of_the_input_surfaces_in_order(jobs: int) -> None:
    def failing() -> Iterator[str]:
        yield "Le\nle mois"
        yield "rien"
        raise OSError("disk gone")

    seen: list[str] = []
    with pytest.raises(OSError, match="disk gone"):
        seen.extend(clean_many(failing(), jobs=jobs, chunksize=8))
    assert seen == ["Le mois", "rien"]


def test_an_error_in_a_worker_surfaces_in_order() -> None:
    seen: list[str] = []
    ordered = _Ordered(explode, jobs=2, chunksize=2)
    with pytest.raises(ValueError, match="boom inside a worker"):
        seen.extend(ordered(iter(["a", "b", "c", "boom", "d"])))
    assert seen == ["A", "B", "C"]


def test_run_chunk_keeps_going_after_a_failure() -> None:
    first, failed, last = _run_chunk(explode, ["a", "boom", "b"])
    assert (first, last) == ("A", "B")
    assert isinstance(failed, _Failed)
    assert str(failed.error) == "boom inside a worker"


def test_clean_many_is_public() -> None:
    assert "clean_many" in textrepair.__all__
    assert textrepair.clean_many is clean_many


def test_example_script_cleans_the_example_corpus(tmp_path: Path, capsys, monkeypatch) -> None:
    out = tmp_path / "clean.jsonl"
    script = str(ROOT / "examples" / "clean_corpus.py")
    corpus = str(ROOT / "examples" / "corpus.jsonl")
    monkeypatch.setattr(sys, "argv", [script, corpus, str(out)])
    with pytest.raises(SystemExit) as done:
        runpy.run_path(script, run_name="__main__")
    assert done.value.code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    source = [
        json.loads(line)
        for line in (ROOT / "examples" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["id"] for r in records] == [r["id"] for r in source]
    for before, after in zip(source, records):
        if isinstance(before.get("text"), str):
            assert after["text"] == textrepair.clean(before["text"])
        else:
            assert after == before
    assert "changed" in capsys.readouterr().err
