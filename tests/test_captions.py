"""Roll-up captions: reading, collapsing, writing and the ``textrepair captions`` command.

The fixtures in ``tests/cases/captions/`` are invented text laid out as YouTube lays out its
caption files: modern roll-up with inline timing tags, the older format with colour spans, a
three-line live-stream file made of HLS segments with mid-file headers, a file without header,
the old non-rolling format with overlapping cue times, Japanese and Korean, and an SRT file.
"""

from __future__ import annotations

import io
import json
import random
import sys
from pathlib import Path

import pytest
import webvtt

from textrepair.captions import (
    CaptionError,
    Cue,
    captions_to_text,
    collapse_rollup,
    is_rollup,
    main,
    parse_captions,
    read_captions,
    render,
    to_jsonl,
    to_srt,
    to_vtt,
)

CASES = Path(__file__).parent / "cases" / "captions"

EXPECTED_LINES = {
    "modern_rollup.en.vtt": [
        "[Music]",
        "the lighthouse keeper climbed the stairs",
        "every evening before the sun went down",
        "and lit the lamp with a match",
        "[Applause]",
        "thank you thank you all",
        "[Applause]",
        "the end & goodnight",
        "[Music]",
    ],
    "old_colortags.en.vtt": [
        "my grandmother kept bees",
        "behind the orchard wall",
        "and sold honey on sundays",
    ],
    "live_segments.en.vtt": [
        "Good morning everyone",
        "we will start with",
        "the budget for the parks",
        "and then the library",
    ],
    "headerless.en.vtt": [
        "pack the tent and the stove",
        "then check the weather",
        "twice before leaving",
    ],
    "nonrolling_old.ru.vtt": [
        "нужно",
        "нужно взять муку",
        "и тёплую воду",
        "да",
        "да",
        "потом месить тесто",
    ],
    "rollup.ja.vtt": [
        "今日は朝から雨が降っていて",
        "駅まで歩くのが大変でした。",
        "でも午後には晴れてきたので",
        "公園で少し散歩をしました。",
    ],
    "rollup.ko.vtt": [
        "오늘은 아침부터 비가 와서",
        "역까지 걷는 게 힘들었어요",
        "그래도 오후에는 날이 개서",
        "공원에서 잠깐 산책했어요",
    ],
    "rollup.en.srt": [
        "the bakery opens at six",
        "and the bread is gone by nine",
        "so come early",
    ],
}


def collapsed(name: str) -> list[Cue]:
    return collapse_rollup(read_captions(CASES / name))


def assert_monotone(cues: list[Cue]) -> None:
    assert all(c.start <= c.end for c in cues)
    assert [c.start for c in cues] == sorted(c.start for c in cues)
    assert [c.end for c in cues] == sorted(c.end for c in cues)


# --------------------------------------------------------------------------------------------
# Reading and collapsing the fixtures


@pytest.mark.parametrize("name", sorted(EXPECTED_LINES))
def test_each_line_once(name: str) -> None:
    cues = collapsed(name)
    assert [c.text for c in cues] == EXPECTED_LINES[name]
    assert_monotone(cues)


def test_fixture_list_is_complete() -> None:
    assert sorted(p.name for p in CASES.iterdir()) == sorted(EXPECTED_LINES)


def test_modern_rollup_timing_and_markup() -> None:
    cues = read_captions(CASES / "modern_rollup.en.vtt")
    assert cues[2] == Cue(5.0, 7.49, "the lighthouse keeper climbed the stairs")  # tags gone
    assert cues[1] == Cue(4.99, 5.0, "")  # blank cues are kept: they clear the screen
    lines = collapse_rollup(cues)
    # a line starts with the cue where it first appears and ends with the last one showing it
    assert lines[1] == Cue(5.0, 9.99, "the lighthouse keeper climbed the stairs")
    assert lines[2] == Cue(7.5, 12.49, "every evening before the sun went down")
    # "[Music]" (10 ms blank) "[Music]" is one line; "[Applause]" after a line that scrolled
    # away is a new one
    assert lines[-1] == Cue(22.5, 30.0, "[Music]")
    assert [c.start for c in lines if c.text == "[Applause]"] == [12.5, 17.0]


def test_old_colour_tags_across_lines() -> None:
    cues = read_captions(CASES / "old_colortags.en.vtt")
    assert cues[1].text == "my grandmother kept bees"  # the closing </c> on the next line
    assert collapsed("old_colortags.en.vtt")[0] == Cue(1.0, 6.99, "my grandmother kept bees")


def test_live_stream_segments_three_lines_and_growth() -> None:
    cues = read_captions(CASES / "live_segments.en.vtt")
    assert cues[0] == Cue(10.0, 10.4, "Good")  # sub-word tags joined; MPEGTS 900000 = 10 s
    assert cues[7].start == 15.0  # the second segment restarts at 0, MPEGTS 1350000 = 15 s
    assert len(cues[7].lines) == 3
    lines = collapse_rollup(cues)
    # "Good" grew into "Good morning everyone", and "the budget" into "... for the parks"
    assert lines[0] == Cue(10.0, 16.0, "Good morning everyone")
    assert lines[2] == Cue(14.067, 18.067, "the budget for the parks")


def test_headerless_file_is_read_as_webvtt() -> None:
    text = (CASES / "headerless.en.vtt").read_text(encoding="utf-8")
    assert not text.startswith("WEBVTT")
    with pytest.raises(webvtt.errors.MalformedFileError):
        webvtt.from_string(text)  # why the header is added before webvtt-py reads it
    assert len(parse_captions(text)) == 5


def test_non_rolling_file_keeps_every_word() -> None:
    cues = read_captions(CASES / "nonrolling_old.ru.vtt")
    assert not is_rollup(cues)
    naive = " ".join(c.text for c in cues).split()
    assert captions_to_text(collapse_rollup(cues)).split() == naive
    # even forced, cues shown alongside the previous one (overlapping times) carry nothing
    assert captions_to_text(collapse_rollup(cues, rollup=True)).split() == naive


def test_japanese_joins_without_spaces_korean_with() -> None:
    ja = captions_to_text(collapsed("rollup.ja.vtt"))
    assert ja == "".join(EXPECTED_LINES["rollup.ja.vtt"])
    assert " " not in ja
    ko = captions_to_text(collapsed("rollup.ko.vtt"))
    assert ko == " ".join(EXPECTED_LINES["rollup.ko.vtt"])


def test_japanese_compares_characters_not_spaces() -> None:
    # the new line has a space ("でも 午後") that its carried copy has not: still one line
    cues = read_captions(CASES / "rollup.ja.vtt")
    assert "でも 午後には晴れてきたので" in cues[4].lines
    assert len(collapse_rollup(cues)) == 4


def test_srt_markup_removed() -> None:
    cues = read_captions(CASES / "rollup.en.srt")
    assert cues[0] == Cue(1.0, 3.99, "the bakery opens at six")


@pytest.mark.parametrize("seed", range(12))
def test_synthetic_rollups(seed: int) -> None:
    """Random roll-ups of 1 to 3 lines, with and without finalisation cues, come back."""
    rng = random.Random(seed)
    words = ["river", "stone", "light", "north", "bread", "quiet", "paper", "window", "garden"]
    hiragana = "あいうえおかきくけこさしすせそたちつてと"
    cjk = seed % 3 == 0
    lines = [
        "".join(rng.choices(hiragana, k=rng.randint(4, 12)))
        if cjk
        else " ".join(rng.choices(words, k=rng.randint(2, 7)))
        for _ in range(rng.randint(3, 15))
    ]
    height = rng.randint(1, 3)
    flash = rng.random() < 0.5
    cues: list[Cue] = []
    time = 0.0
    for index in range(len(lines)):
        screen = lines[max(0, index - height + 1) : index + 1]
        cues.append(Cue(time, time + 2.0, "\n".join(screen)))
        time += 2.0
        if flash:
            cues.append(Cue(time, time + 0.01, "\n".join(screen[-(height - 1) or len(screen) :])))
            time += 0.01
    out = collapse_rollup(cues, rollup=True)
    assert [c.text for c in out] == lines
    assert_monotone(out)


def test_blank_cue_clears_the_screen() -> None:
    cues = [Cue(0, 2, "la la"), Cue(2, 4, ""), Cue(4, 6, "la la")]
    assert [c.text for c in collapse_rollup(cues, rollup=True)] == ["la la", "la la"]
    flash = [Cue(0, 2, "la la"), Cue(2, 2.01, ""), Cue(2.01, 4, "la la")]
    assert collapse_rollup(flash, rollup=True) == [Cue(0, 4, "la la")]


def test_parse_errors_and_empty_file() -> None:
    with pytest.raises(CaptionError):
        parse_captions("just some prose\nwith two lines")
    with pytest.raises(CaptionError):
        parse_captions("garbage", format="srt")
    assert parse_captions("WEBVTT\n") == []
    assert parse_captions("\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nhi\r\n") == [
        Cue(1.0, 2.0, "hi")
    ]


def test_forced_input_format() -> None:
    srt = (CASES / "rollup.en.srt").read_text(encoding="utf-8")
    assert parse_captions(srt, format="srt") == parse_captions(srt)
    with pytest.raises(CaptionError):
        parse_captions(srt, format="vtt")


def test_unreadable_timestamp_map_is_ignored() -> None:
    text = "WEBVTT\nX-TIMESTAMP-MAP=LOCAL:bad,MPEGTS:x\n\n00:01.000 --> 00:02.000\nhi\n"
    assert parse_captions(text) == [Cue(1.0, 2.0, "hi")]
    text = text.replace("LOCAL:bad,MPEGTS:x", "MPEGTS:180000,LOCAL:00:00:01.000")
    assert parse_captions(text) == [Cue(2.0, 3.0, "hi")]


def test_read_captions_rejects_non_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.vtt"
    path.write_bytes("WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xe9\n".encode("latin-1"))
    with pytest.raises(CaptionError, match="not UTF-8"):
        read_captions(path)


# --------------------------------------------------------------------------------------------
# Writing and round trips


@pytest.mark.parametrize("name", sorted(EXPECTED_LINES))
@pytest.mark.parametrize("to", ["vtt", "srt"])
def test_round_trip(name: str, to: str) -> None:
    lines = collapsed(name)
    written = to_vtt(lines) if to == "vtt" else to_srt(lines)
    if to == "vtt":
        assert len(webvtt.from_string(written, strict=True)) == len(lines)
    again = read_captions(written)
    assert again == lines  # same text, same times (to the millisecond)
    assert not is_rollup(again)  # each line once: nothing left to collapse
    assert collapse_rollup(again) == lines
    assert_monotone(again)


def test_vtt_escapes_markup_characters() -> None:
    cues = [Cue(0, 1, "a <b> & c"), Cue(1, 2, "x --> y")]
    written = to_vtt(cues)
    assert "a &lt;b&gt; &amp; c" in written
    assert read_captions(written) == cues
    assert "x -> y" in to_srt(cues)


def test_jsonl_and_render() -> None:
    lines = collapsed("headerless.en.vtt")
    rows = [json.loads(line) for line in to_jsonl(lines).splitlines()]
    assert rows[0] == {"start": 0.5, "end": 5.49, "text": "pack the tent and the stove"}
    assert render(lines, "text").endswith("leaving\n")
    assert render([], "text") == ""
    with pytest.raises(ValueError, match="unknown format"):
        render(lines, "docx")
    with pytest.raises(ValueError, match="text output only"):
        render(lines, "vtt", clean=True)


LOOPING = [Cue(0, 1, "we walked to the centre of the"), Cue(1, 2, "of the of the of the town")]


def test_text_clean_option() -> None:
    text = "we walked to the centre of the of the of the of the town"
    assert captions_to_text(LOOPING) == text
    assert captions_to_text(LOOPING, clean=True) == "we walked to the centre of the town"


# --------------------------------------------------------------------------------------------
# Command line


def test_cli_text_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(CASES / "old_colortags.en.vtt")]) == 0
    out = capsys.readouterr().out
    assert out == "my grandmother kept bees behind the orchard wall and sold honey on sundays\n"


@pytest.mark.parametrize("to", ["vtt", "srt", "jsonl", "text"])
def test_cli_output_file(tmp_path: Path, to: str) -> None:
    out = tmp_path / f"clean.{to if to != 'text' else 'txt'}"
    assert main([str(CASES / "live_segments.en.vtt"), "-o", str(out)]) == 0  # from the name
    written = out.read_text(encoding="utf-8")
    if to == "jsonl":
        assert len(written.splitlines()) == 4
    elif to == "text":
        assert written.startswith("Good morning everyone we will")
    else:
        assert [c.text for c in read_captions(out)] == EXPECTED_LINES["live_segments.en.vtt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary left


def test_cli_to_overrides_name(tmp_path: Path) -> None:
    out = tmp_path / "out.txt"
    assert main([str(CASES / "rollup.en.srt"), "--to", "srt", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("1\n00:00:01,000 --> 00:00:06,990\n")


def test_cli_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = (CASES / "rollup.ko.vtt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["-", "--to", "jsonl"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4


def test_cli_clean_flag(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "loop.srt"
    path.write_text(to_srt(LOOPING), encoding="utf-8")
    assert main([str(path), "--clean"]) == 0
    assert capsys.readouterr().out == "we walked to the centre of the town\n"
    assert main([str(path), "--no-clean"]) == 0
    assert capsys.readouterr().out == captions_to_text(LOOPING) + "\n"


def test_cli_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "missing.vtt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("textrepair captions: cannot read") and err.count("\n") == 1


def test_cli_directory_is_unreadable(tmp_path: Path) -> None:
    assert main([str(tmp_path)]) == 2


@pytest.mark.parametrize(
    "content",
    [b"this is not a caption file\n", b"WEBVTT\n\n00:01.000 --> 00:02.000\ncaf\xe9\n"],
    ids=["garbage", "latin-1"],
)
def test_cli_unparsable_file_keeps_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    source = tmp_path / "bad.vtt"
    source.write_bytes(content)
    out = tmp_path / "out.txt"
    out.write_text("previous\n", encoding="utf-8")
    assert main([str(source), "-o", str(out)]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.vtt", "out.txt"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--to", "docx", "x.vtt"],
        ["--bogus", "x.vtt"],
        ["{fixture}", "--to", "vtt", "--clean"],
        ["{fixture}", "-o", "{fixture}"],
        ["{fixture}", "-o", "{tmp}/no/such/dir/out.txt"],
    ],
)
def test_cli_usage_errors(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fixture = tmp_path / "in.vtt"
    fixture.write_bytes((CASES / "headerless.en.vtt").read_bytes())
    args = [a.format(fixture=fixture, tmp=tmp_path) for a in argv]
    assert main(args) == 2
    assert capsys.readouterr().err
    assert fixture.read_bytes() == (CASES / "headerless.en.vtt").read_bytes()


def test_cli_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "textrepair captions" in capsys.readouterr().out
