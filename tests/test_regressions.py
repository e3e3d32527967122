"""Engine bugs found by the hostile-input tests, the fuzzers and the scaling benchmark.

Each test holds the smallest input found. An open bug is a strict xfail: when it starts
passing, pytest reports XPASS(strict), a failure, and its marker comes off; a fixed bug stays
here as a plain test, so that it does not come back.

The cost tests run the call in a child process with a time limit, so a quadratic engine fails
them in seconds instead of hanging the suite; the limit is many times the linear cost (the
interpreter's start included).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import textrepair

ROOT = Path(textrepair.__file__).resolve().parent.parent
#: Seconds for a child process that imports textrepair and cleans a few hundred kB (linear
#: cost: under a second, even with the other children on the same cores).
BUDGET = 6.0
#: The inputs of the cost tests, as Python expressions; all of them run at once, in children.
COSTLY = {
    "spaces": '"a" + " " * 200_000 + "b"',
    "blank-lines": '" \\n" * 100_000',
    "tabs": '"\\t " * 100_000 + "mot."',
    "line-breaks": '"a" + "\\n" * 200_000 + "b"',
    "separator-lines": '"a b c\\n" + ";\\n" * 100_000 + "d e f"',
    "linear-control": '"Le mois dernier. " * 20_000',
    "long-compound-at-a-wrap": (
        '"Le texte continue ici sur une ligne assez longue pour la\\nmise en page de "'
        ' + "a-" * 20_000 + "b x-\\nsuite du texte ici, avec des mots ordinaires."'
    ),
}

Children = tuple[dict[str, "subprocess.Popen[bytes]"], float]


@pytest.fixture(scope="module")
def children() -> Iterator[Children]:
    """Start one child per :data:`COSTLY` input, all at once; kill those still running."""
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    started = time.monotonic()
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import textrepair\ntextrepair.clean({expression})\n"],
            env=env,
        )
        for name, expression in COSTLY.items()
    }
    yield procs, started
    for proc in procs.values():
        if proc.poll() is None:
            proc.kill()
        proc.wait()


def _within_budget(children: Children, name: str) -> bool:
    """Whether ``textrepair.clean(COSTLY[name])`` finished within :data:`BUDGET` seconds."""
    procs, started = children
    try:
        returncode = procs[name].wait(timeout=max(0.0, started + BUDGET - time.monotonic()))
    except subprocess.TimeoutExpired:
        return False
    assert returncode == 0, f"the child cleaning {name} failed"
    return True


def _run_within_budget(code: str) -> None:
    """Run ``code`` in a child process with this checkout first on its path; fail past BUDGET."""
    path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=BUDGET)


def _idempotent(text: str) -> bool:
    once = textrepair.clean(text)
    return textrepair.clean(once) == once


# ---------------------------------------------------------------- the report


@pytest.mark.parametrize("text", [";\rÃ©\r;", ";\r\udc8d\r;"], ids=["mojibake", "surrogate"])
def test_separator_lines_at_bare_carriage_returns_replay(text: str) -> None:
    report = textrepair.repair(text)
    for first, second in zip(report.edits, report.edits[1:]):
        assert first.end <= second.start, f"{first} overlaps {second}"
    assert report.replay(text) == report.text


# ---------------------------------------------------------------- idempotence


def test_reflow_is_idempotent() -> None:
    text = (
        "library Engine, the wheat, field.\nwheat, fie\n"
        "Stone, cloud, cherry. Apple, castle, journey, story, letter, picture, weather"
    )
    # first pass joins only the first wrap; the second pass joins the other one
    assert _idempotent(text)


def test_dehyphenation_then_overlap_is_idempotent() -> None:
    text = (
        "We saw the international trade council ; inter-\nnational trade council meeting in Geneva."
    )
    # pass 1: "... trade council ; international trade council meeting in Geneva."
    # pass 2: "We saw the international trade council meeting in Geneva."
    assert _idempotent(text)


def test_restart_repeated_on_five_lines_is_idempotent() -> None:
    """Found by atheris: five copies of a line came out as two (four or six as one)."""
    text = "La banque\n" * 4 + "La banque finance le projet."
    assert textrepair.clean(text) == "La banque finance le projet."


@pytest.mark.parametrize("copies", [10, 100, 10_000])
def test_long_phrase_loop_keeps_one_copy(copies: int) -> None:
    """A phrase of nine or more words looping was halved by each overlap round (1 in 8 left)."""
    phrase = "alpha bravo charlie delta echo foxtrot golf hotel india "
    text = phrase * copies
    assert textrepair.clean(text).strip() == phrase.strip()
    assert _idempotent(text)


@pytest.mark.parametrize("text", ["Zu\u200d\u00adcker", "Zu\u00ad\u200ccker"], ids=["zwj", "zwnj"])
def test_invisible_characters_side_by_side_go_at_once(text: str) -> None:
    assert textrepair.clean(text) == "Zucker"


def test_loop_on_wrapped_lines_is_idempotent() -> None:
    text = (
        "Winter, Uhr, und Straße\nund Straße\nund Straße\nund Straße\nund Straße, Brücke. "
        "Küche, Bach, Blume. Apfel, Kirsche, Wiese."
    )
    # pass 1: "Winter, Uhr, und Straße und Straße, Brücke. ..."
    assert textrepair.clean(text).startswith("Winter, Uhr, und Straße, Brücke.")
    assert _idempotent(text)


#: Smallest forms of what the fuzzers found (Hypothesis on tests/test_fuzz.py's inputs, atheris
#: on fuzz/fuzz_repair.py's soups), default Config: the edits of the last stages (separator
#: lines, reflow, stutters after a false sentence end) make new neighbours that only a second
#: clean() repairs.
FUZZ_FOUND = {
    "separator-then-stutter": (
        "bosque estrella\nbosqu estre.bosque estrella. para bosque ; Niño jardín, bosqu para "
        "bosque para bosque estrella.\nestrella\n;"
    ),
    "separator-then-overlap": (
        "irsche mit\nmit Meer.Meer.Meer.Meer.Meer.Meer\nmit Licht von Kirsche mitmitmit\n;\n"
        "Schloss mit Licht von mit Licht von Kirsche mit"
    ),
    "loop-then-stutter": (
        "PourPourboulangerPourboulanger.Pour.boulanger.boulanger.Pour boulanger.Pour "
        "boulanger.Pour boulanger.\n;\nboulanger"
    ),
    "loop-then-reflow": (
        ",delPerro panad cocin panaderoel cocina panadero\npanadero;?Per montagna?\n;\n"
        "deldeldeldeldeldel\nPer montagna?Per montagna?, montagna"
    ),
}


@pytest.mark.parametrize("name", list(FUZZ_FOUND))
def test_fuzz_found_inputs_are_idempotent(name: str) -> None:
    assert _idempotent(FUZZ_FOUND[name])


def test_chained_copies_are_idempotent() -> None:
    """Found by atheris: three detection rounds were not enough for these chained copies."""
    assert _idempotent("I think thatI thi - think thatik think thatI think think thatI think thatI")


# ---------------------------------------------------------------- cost


@pytest.mark.parametrize("name", ["spaces", "blank-lines", "tabs"])
def test_long_whitespace_run_is_linear(children: Children, name: str) -> None:
    """Was quadratic: a pattern starting with ``[\\s...]*`` tried at every position of the run."""
    assert _within_budget(children, name)


@pytest.mark.parametrize("name", ["line-breaks", "separator-lines"])
def test_many_line_breaks_between_two_words_is_linear(children: Children, name: str) -> None:
    """Was quadratic: every line break counted the line breaks of the whole gap around it."""
    assert _within_budget(children, name)


def test_lines_said_again_and_again_are_read_in_linear_time() -> None:
    """Was quadratic: each copy of a line said 50,000 times in a row walked the whole run
    back to its first copy, looking for tiles of a scan."""
    _run_within_budget(
        "from textrepair.detect import _line_repeats\n"
        "from textrepair.segment import segment\n"
        "_line_repeats(segment('the quick brown fox jumps over the lazy dog and runs far\\n'"
        " * 50_000))\n"
    )


def test_long_compound_before_a_wrap_is_linear(children: Children) -> None:
    """Was quadratic: the word before a hyphen at a wrap was looked for from every part of a
    compound of thousands of parts."""
    assert _within_budget(children, "long-compound-at-a-wrap")


def test_an_indented_line_of_words_is_read_in_linear_time() -> None:
    """Was quadratic: an indented line of words ending in a mark of code was tried as prose
    from every one of its words (the test asked for six words or more, not for six)."""
    _run_within_budget(
        "from textrepair.segment import structured_line, structured_lines\n"
        "line = '    ' + 'word ' * 100_000 + '= x'\n"
        "assert structured_line(line) and structured_lines(line + '\\n') == (0, 1, 1)\n"
    )


def test_a_justified_line_of_many_wide_gaps_is_judged_once() -> None:
    """Each wide gap of a line would judge its whole line again: a line of 100,000 words
    three spaces apart, justified prose, is judged once (and is no columns)."""
    _run_within_budget(
        "from textrepair.segment import structured_lines\n"
        "line = 'x' + '   word' * 100_000\n"
        "assert structured_lines(line + '\\n') == (0, 0, 0)\n"
    )


def test_budget_lets_linear_work_through(children: Children) -> None:
    """The cost tests fail on time, not on their own overhead."""
    assert _within_budget(children, "linear-control")


def test_overlapping_proposals_after_a_reflow_are_reported() -> None:
    """Found by the long fuzz run: proposed (below-threshold) edits that overlap each other
    could not be carried back onto the input together through the edits before them. (Its
    clauses ``, le maison`` lost their commas: clauses that open alike are a correlative's
    now, and make no proposal.)"""
    text = (
        "Maison,\r\n;\r\nMaison.\nmaison, maison le maison, lemaison, maison, maison le "
        "maison ;\nmaison, lemaison le maison le maison, lemaison, maison, maison le maison, "
        "lemaison, maison, maison le maison lemaison, lem le maison, lem\r\nla suite du texte "
        ";\nMaison.\nMaison.\n\n"
    )
    config = textrepair.Config(
        stutters=False, separators=False, restarts=False, loops=False,
        min_score=1.0, window=4, max_copy_words=28,
    )  # fmt: skip
    report = textrepair.repair(text, config=config)
    assert textrepair.apply_edits(text, report.edits) == report.text
    assert {edit.kind for edit in report.edits} <= {"reflow", "unicode"}
    proposed = sorted(report.proposed, key=lambda edit: edit.start)
    assert any(a.end > b.start for a, b in zip(proposed, proposed[1:]))  # they overlap


def test_nested_copies_needing_six_rounds_are_idempotent() -> None:
    """Found by the long fuzz run: a soup of nested copies still had one after five rounds."""
    text = (
        "Maison, maison, rivière, maison, le maison jardin, le maison, ;\nmaison, le ;\n"
        "Maison,\n" + "Maison, maison, rivière, maison, le maison" * 6 + " ;\n"
        "Maison, maison, rivière, maison, le ;\nMaison, ;\n"
    )
    assert _idempotent(text)


def test_a_word_said_on_line_after_line_is_removed_before_the_lines_are_joined() -> None:
    # each round removes one copy; had the lines been joined after the first round, the
    # copies left would stand inside one line, where a doubled word is no wrap
    text = (
        "The tracer shows the calls between the client and the server\nserver\nserver\n"
        "server\nserver of the display, with the options that the\nthe manual page lists "
        "for each of them\nand for the other programs that the system offers to its users."
    )
    assert textrepair.clean(text) == (
        "The tracer shows the calls between the client and the server of the display, with "
        "the options that the manual page lists for each of them and for the other programs "
        "that the system offers to its users."
    )


def test_an_earlier_copy_is_not_widened_into_the_sentence_before() -> None:
    # "groupe" and "Groupes" share a stem: widened across the sentence end, the earlier copy
    # took in "groupe concerné." and the later copy's removal of it lost three words
    text = (
        "Il faudra rendre cet utilisateur membre du groupe concerné.\n"
        "Certains importants fournis ;\n"
        "Groupes importants fournis par le système permettent l’accès à des fichiers."
    )
    assert "membre du groupe concerné." in textrepair.clean(text)


def test_a_copy_at_a_line_break_inside_an_earlier_copy_is_still_judged() -> None:
    """Found by the property tests: a copy at a line break lay inside a copy found before it
    inside the line, and was skipped; the inner copy won and the sentence lost its capital."""
    text = "Sul pioggia musica con giardino sul\npioggia musica con giardino sul formaggio!\n"
    assert textrepair.clean(text) == "Sul pioggia musica con giardino sul formaggio!\n"


def test_a_paragraph_repaired_into_a_copy_of_the_next_is_removed_at_once() -> None:
    """Found while adding repeated paragraphs: a later round read the paragraph before a
    repaired one but not the one after, so a paragraph that a stutter's removal made equal
    to the next one was left for a second call (not idempotent)."""
    tram = (
        "The committee met on Tuesday to review the budget proposal submitted by the finance "
        "department, which asks for a ten percent increase in spending on public transport. "
        "Several members objected to the plan, arguing that the city should first repair the "
        "roads it already has before building new tram lines, and that the consultants who "
        "prepared the study last year had underestimated the costs. The mayor replied that the "
        "investment would pay for itself within a decade, because fewer cars in the centre "
        "would mean lower maintenance costs and cleaner air for everyone who works there."
    )
    others = [
        f"Paragraph {n} says something else entirely, about {topic}, and it is long enough to "
        "stand as a paragraph of prose of its own in this text."
        for n, topic in enumerate(["the weather", "the river", "the town hall", "its clock"])
    ]
    damaged = tram.replace("the budget", "the\nthe budget")
    text = "\n\n".join([*others[:2], damaged, tram, *others[2:]])
    once = textrepair.clean(text)
    assert once.count("The committee met") == 1
    assert _idempotent(text)


def test_a_loose_copy_over_two_lines_at_a_separator_line_keeps_parallel_clauses() -> None:
    """Found in the benchmark's damaged fortunes: at a separator line, an earlier copy that
    spans a line break and is only 0.67 alike took the genuine words of a parallel clause
    (``de lo que existe … de lo que no existe``); such a copy must now be exact."""
    reference = (
        "El hombre es la medida de todas cosas: de lo que existe para decidir que\n"
        "existe, de lo que no existe para decidir que no existe."
    )
    damaged = reference.replace("existe, de lo que no", "existe, de lo ;\nexiste, que no")
    kept = textrepair.clean(damaged).split()
    assert all(kept.count(word) >= reference.split().count(word) for word in reference.split())


def test_a_long_litany_begun_a_third_time_keeps_both_copies() -> None:
    """Found while measuring the litany test on longer clauses: a clause said twice and begun
    a third time between commas was kept when its copies were read as exact (``Happy birthday
    to you, …``), but a reading from a word further on, 6 of 7 words alike, took one; the
    litany test now asks any reading whether two whole copies stand around it."""
    text = (
        "We will fight them on the beaches, we will fight them on the beaches, "
        "we will fight them in the hills.\n"
    )
    assert textrepair.clean(text) == text


def test_listing_lines_alike_but_for_their_first_word_keep_their_words() -> None:
    """Found in the clean documents: the lines of a dependency listing, indented with
    no-break spaces, are joined by the reflow; read inside one line, the second line's copy
    ends on a content word the first lacks, like an earlier copy with a word added at its end.
    The later copy ends its line there, as no chunk seam's does, so both lines keep their
    words."""
    indent = "\n" + "\xa0 " * 5
    text = (
        "\xa0 # rpm -e arts --test\n\xa0 błąd: Niespełnione zależności:"
        f"{indent}libartsc.so.0 jest wymagany przez (zainstalowany) mplayer-1.0-0.pre4.2"
        f"{indent}arts jest wymagany przez (zainstalowany) mplayer-1.0-0.pre4.2\n\n"
        "Hmm, ale mplayer *jest* zainstalowany.\n"
    )
    assert sorted(textrepair.clean(text).split()) == sorted(text.split())
