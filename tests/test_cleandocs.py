"""The clean-documents benchmark's own machinery (``benchmarks/cleandocs.py``) on invented text.

Nothing is downloaded and apt is not used: the document splitter, the HTML and roff extraction,
the fortune reader (on a folder made here) and the counting and report functions.
"""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.cleandocs import (
    Document,
    Limits,
    Outcome,
    check,
    dump,
    fortune_documents,
    group_pieces,
    html_to_text,
    paragraphs,
    render_report,
    roff_to_text,
    split_documents,
    summarize,
)

PARAGRAPH = "The lantern keeper counts the boats that pass the harbour wall at dusk. " * 3


def _invented_text(n: int) -> str:
    return "\n\n".join(f"Part {i}. {PARAGRAPH}\nA second line of part {i}." for i in range(n))


# --------------------------------------------------------------------------------------------
# Splitting


def test_paragraphs_split_at_blank_lines_and_keep_lines() -> None:
    text = "one\ntwo\n\n\nthree\n  \nfour\n"
    assert paragraphs(text) == ["one\ntwo", "three", "four"]


def test_split_documents_is_deterministic_and_keeps_every_paragraph() -> None:
    text = _invented_text(40)
    docs = split_documents(text, "key")
    assert docs == split_documents(text, "key")
    assert len(docs) > 3
    assert "\n\n".join(docs) == "\n\n".join(paragraphs(text))
    for doc in docs:
        assert 300 <= len(doc) <= 3000 + 300


def test_split_documents_depends_on_the_key_only_through_the_lengths() -> None:
    text = _invented_text(40)
    for key in ("a", "b", "c"):
        assert "\n\n".join(split_documents(text, key)) == "\n\n".join(paragraphs(text))


def test_a_short_tail_joins_the_previous_document() -> None:
    docs = group_pieces(["x" * 900, "y" * 900, "z" * 50], "k", min_chars=300, max_chars=1000)
    assert docs[-1].endswith("z" * 50)
    assert all(len(d) >= 300 for d in docs)


def test_a_long_paragraph_is_cut_at_line_ends() -> None:
    lines = [f"line {i} of a long listing that goes on" for i in range(200)]
    docs = group_pieces(["\n".join(lines)], "k", min_chars=300, max_chars=1000)
    assert len(docs) > 1
    assert all(len(d) <= 1000 for d in docs)
    assert "\n".join(docs).split("\n") == lines


def test_a_long_line_is_cut_at_spaces() -> None:
    words = [f"w{i}" for i in range(600)]
    docs = group_pieces([" ".join(words)], "k", min_chars=100, max_chars=500)
    assert all(len(d) <= 500 for d in docs)
    assert " ".join(docs).split() == words


def test_a_short_text_is_one_document() -> None:
    assert split_documents("Just one small paragraph.", "k") == ["Just one small paragraph."]
    assert split_documents("", "k") == []


# --------------------------------------------------------------------------------------------
# HTML


def test_html_paragraphs_lists_tables_and_pre() -> None:
    html = """<html><head><title>Skipped</title><style>p {}</style></head><body>
    <div class="navheader">Prev | Next</div>
    <h1>Harbour   notes</h1>
    <p>The keeper counts <b>boats</b>
       at dusk &amp; at dawn.</p>
    <ul><li>first item</li><li>second <i>item</i></li></ul>
    <table><tr><th>boat</th><th>colour</th></tr>
    <tr><td>Gull</td><td>red</td></tr><tr><td>Tern</td><td><p>blue</p></td></tr></table>
    <pre>$ count --boats
  12 boats
</pre>
    <p>Line one<br>line two</p>
    <script>var x = 1;</script>
    </body></html>"""
    assert html_to_text(html) == (
        "Harbour notes\n\n"
        "The keeper counts boats at dusk & at dawn.\n\n"
        "first item\nsecond item\n\n"
        "boat\tcolour\nGull\tred\nTern\tblue\n\n"
        "$ count --boats\n  12 boats\n\n"
        "Line one\nline two"
    )


def test_html_unclosed_paragraphs_and_definition_lists() -> None:
    html = "<p>First paragraph<p>Second paragraph<dl><dt>term</dt><dd>its meaning</dd></dl>"
    assert html_to_text(html) == "First paragraph\n\nSecond paragraph\n\nterm\nits meaning"


def test_html_nested_lists_and_paragraphs_in_items() -> None:
    html = (
        "<p>Intro</p><ul><li><p>one</p></li><li>two<ul><li>two a</li></ul></li></ul>"
        "<p>after</p><ol><li>again</li></ol>"
    )
    assert html_to_text(html) == "Intro\n\none\ntwo\ntwo a\n\nafter\n\nagain"


# --------------------------------------------------------------------------------------------
# roff


def test_roff_sections_paragraphs_and_items() -> None:
    roff = "\n".join(
        [
            '.\\" an invented page',
            '.TH BOATCOUNT 1 "2024" "invented"',
            ".SH NAME",
            "boatcount \\- count the boats in a harbour",
            ".SH DESCRIPTION",
            ".B boatcount",
            "counts the boats",
            "that pass the wall.",
            ".PP",
            "It prints one line per boat.",
            ".TP",
            ".BR \\-n ",
            "Print the number only.",
            ".SH SEE ALSO",
            ".BR harbour (5)",
        ]
    ).replace(" \n", "\n")
    assert roff_to_text(roff) == (
        "NAME\n\n"
        "boatcount - count the boats in a harbour\n\n"
        "DESCRIPTION\n\n"
        "boatcount counts the boats that pass the wall.\n\n"
        "It prints one line per boat.\n\n"
        "-n\n       Print the number only.\n\n"
        "SEE ALSO\n\n"
        "harbour(5)"
    )


# --------------------------------------------------------------------------------------------
# Fortunes (a folder made here)


def test_fortune_files_prefer_utf8_twins_and_skip_ascii_art(tmp_path: Path) -> None:
    root = tmp_path / "usr" / "share" / "games" / "fortunes"
    root.mkdir(parents=True)
    cookies = [f"Cookie {i}: the gull laughs at the tern.\n\t\t-- Nobody" for i in range(30)]
    (root / "gulls").write_text("\n%\n".join(cookies) + "\n%\n", encoding="utf-8")
    (root / "legacy").write_bytes("Caf\xe9 latin-1\n%\n".encode("latin-1"))
    (root / "legacy.u8").write_text("Café in UTF-8, the twin\n%\n", encoding="utf-8")
    (root / "empty").write_text("Read, since its twin is empty\n%\n", encoding="utf-8")
    (root / "empty.u8").write_text("", encoding="utf-8")
    (root / "asciiart").write_text("(o>\n%\n", encoding="utf-8")
    (root / "gulls.dat").write_bytes(b"\x00\x01")
    docs = list(fortune_documents("fortunes-xx", tmp_path, "en", Limits()))
    text = "\n\n".join(d.text for d in docs)
    assert all(c in text for c in cookies)
    assert "the twin" in text
    assert "its twin is empty" in text
    assert "latin-1" not in text
    assert "(o>" not in text
    assert {d.genre for d in docs} == {"fortune"}
    assert {d.lang for d in docs} == {"en"}
    assert len({d.id for d in docs}) == len(docs)


# --------------------------------------------------------------------------------------------
# Counting and report

CLEAN = (
    "The harbour master keeps a ledger of every boat.\nShe writes each name once and "
    "closes the book at night."
)
DAMAGED = (
    "Le plan d’OpenAI nécessite nécessite nécessite nécessite nécessite des investissements "
    "considérables."
)


def test_check_counts_removing_edits_only() -> None:
    clean = check(CLEAN)
    assert not clean.changed
    assert clean.idempotent and clean.replays and clean.error is None
    damaged = check(DAMAGED, context=10)
    assert damaged.changed
    assert damaged.idempotent and damaged.replays
    edit = damaged.removing[0]
    assert edit["kind"] == "loop"
    assert "nécessite" in str(edit["removed"])
    assert len(str(edit["before"])) <= 10 and len(str(edit["after"])) <= 10
    assert damaged.words_removed == 4


def test_summary_report_and_dump(tmp_path: Path) -> None:
    docs = [
        Document("pkg-a/one/0", "en", "man", "pkg-a", CLEAN),
        Document("pkg-b/two/0", "fr", "fortune", "pkg-b", DAMAGED),
        Document("pkg-b/two/1", "fr", "fortune", "pkg-b", "Broken."),
    ]
    outcomes = [check(docs[0].text), check(docs[1].text), Outcome(error="ValueError: invented")]
    summary = summarize(docs, outcomes)
    assert (summary.total.docs, summary.total.changed) == (3, 1)
    assert summary.by_genre["fortune"].changed == 1
    assert summary.by_genre["man"].changed == 0
    assert summary.by_lang["fr"].docs == 2
    assert summary.by_kind["loop"] == (1, 1, 4)
    assert summary.errors == [("pkg-b/two/1", "ValueError: invented")]
    assert not summary.not_idempotent and not summary.not_replayed

    report = render_report(
        summary,
        command="python -m benchmarks.cleandocs",
        versions={"pkg-a": "1.0", "pkg-b": "2:3.4-1"},
        missing=["pkg-c"],
        seconds=1.5,
        jobs=1,
        quick=False,
    )
    assert "**Clean documents changed: 1 of 3 (33.3%)**" in report
    assert "| fortune | 2 |" in report
    assert "| loop | 1 | 1 | 4 |" in report
    assert "`pkg-b` 2:3.4-1" in report
    assert "`pkg-c`" in report
    assert "exceptions: 1" in report

    assert dump(tmp_path, docs, outcomes) == 1
    edits = [
        json.loads(line)
        for line in (tmp_path / "removing-edits.jsonl").read_text("utf-8").splitlines()
    ]
    assert edits[0]["id"] == "pkg-b/two/0" and edits[0]["kind"] == "loop"
    problems = [
        json.loads(line) for line in (tmp_path / "problems.jsonl").read_text("utf-8").splitlines()
    ]
    assert [p["id"] for p in problems] == ["pkg-b/two/1"]
