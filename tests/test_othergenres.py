"""The other-genres benchmark's machinery (``benchmarks/othergenres.py``) on invented text."""

from __future__ import annotations

from benchmarks import cleandocs
from benchmarks.othergenres import MIN_CHARS, evaluate, render, sample

PARAGRAPH = "The lantern keeper counts the boats that pass the harbour wall at dusk. " * 8


def _doc(name: str, genre: str, text: str = PARAGRAPH) -> cleandocs.Document:
    return cleandocs.Document(f"pkg/{name}", "en", genre, "pkg", text)


def test_sample_takes_long_documents_up_to_a_number_per_genre_the_same_every_time() -> None:
    docs = [_doc(f"m{n}", "man") for n in range(5)] + [_doc("r", "rst"), _doc("s", "rst", "x")]
    picked = sample(docs, 3)
    assert [d.genre for d in picked] == ["man", "man", "man", "rst"]
    assert all(len(d.text) >= MIN_CHARS and d.kind == "prose" for d in picked)
    assert picked == sample(list(reversed(docs)), 3)


def test_evaluate_scores_each_genre_and_all_and_the_report_shows_them() -> None:
    docs = sample([_doc("a", "man"), _doc("b", "rst")], 5)
    rows = evaluate(docs, ["overlap"])
    assert rows["overlap", "all"].docs == 2
    assert rows["overlap", "man"].docs == rows["overlap", "rst"].docs == 1
    assert rows["overlap", "all"].extra_in > 0  # the generator damaged them
    report = render(rows, command="python -m benchmarks.othergenres", seconds=1.0)
    assert "| man | 1 |" in report and "| **all** | 2 |" in report
