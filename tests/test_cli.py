"""The command line: formats, bad input, atomic output, reports, flags, subcommand."""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

import textrepair
from textrepair import Config
from textrepair.__main__ import _parser, main

from .support import COMPILED

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "examples" / "seed_input.txt").read_text(encoding="utf-8")
STUTTER = "Le\nle mois dernier, au centre de la de la de la de la ville"
OVERLAP = "pourrait fournir une partie de ce capital ;\nune partie de ce capital."
CLEAN = "rien à faire"
RECORDS = [
    {"id": 1, "text": STUTTER, "lang": "fr", "meta": {"n": 1.5, "tags": ["a"]}},
    {"id": 2, "text": None},
    {"id": 3},
    {"id": 4, "text": 42},
    {"id": 5, "text": ["a", "b"]},
    {"id": 6, "text": CLEAN},
    {"id": 7, "text": OVERLAP, "lang": "fr"},
]


def write_jsonl(path: Path, records: list[object], *, compact: bool = False) -> Path:
    separators = (",", ":") if compact else None
    lines = [json.dumps(r, ensure_ascii=False, separators=separators) + "\n" for r in records]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def read_jsonl(path: Path) -> list[object]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def expected(records: list[dict[str, object]], field: str = "text") -> list[dict[str, object]]:
    out = []
    for record in records:
        value = record.get(field)
        out.append({**record, field: textrepair.clean(value)} if isinstance(value, str) else record)
    return out


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def no_temporaries(directory: Path) -> bool:
    return not [p for p in directory.iterdir() if p.name.endswith(".tmp")]


# ------------------------------------------------------------------------------ plain text


def test_text_file_to_stdout(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_text(SEED, encoding="utf-8")
    code, out, err = run([str(source)], capsys)
    assert (code, err) == (0, "")
    assert out.rstrip("\n") == textrepair.clean(SEED).rstrip("\n")


def test_stdin_to_output_file(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(OVERLAP.encode())))
    out = tmp_path / "out.txt"
    code, stdout, _ = run(["-o", str(out)], capsys)
    assert (code, stdout) == (0, "")
    assert out.read_text(encoding="utf-8") == textrepair.clean(OVERLAP)


def test_several_text_files_are_documents_in_order(tmp_path: Path, capsys) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(STUTTER + "\n", encoding="utf-8")
    b.write_text(OVERLAP + "\n", encoding="utf-8")
    code, out, _ = run([str(a), str(b), "--jobs", "2"], capsys)
    assert code == 0
    assert out == textrepair.clean(STUTTER + "\n") + textrepair.clean(OVERLAP + "\n")


def test_non_utf8_text_exits_1_with_a_clear_message(tmp_path: Path, capsys) -> None:
    source = tmp_path / "latin.txt"
    source.write_bytes("café Le\nle mois".encode("latin-1"))
    code, out, err = run([str(source)], capsys)
    assert (code, out) == (1, "")
    assert "latin.txt is not valid utf-8 (byte 3)" in err
    assert "--encoding" in err
    code, out, _ = run([str(source), "--encoding", "latin-1"], capsys)
    assert (code, out) == (0, "café Le mois\n")


# -------------------------------------------------------------------------------- JSONL


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_repairs_one_field_and_keeps_the_rest(tmp_path: Path, capsys, jobs: str) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    out = tmp_path / "out.jsonl"
    code, stdout, err = run(
        [str(source), "-o", str(out), "--jobs", jobs, "--chunksize", "2"], capsys
    )
    assert (code, stdout) == (0, "")
    assert read_jsonl(out) == expected(RECORDS)
    assert "4 records passed through untouched (field missing: 1, not a string: 3)" in err


def test_jsonl_unchanged_lines_are_kept_byte_for_byte(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS, compact=True)
    code, out, _ = run([str(source), "-q"], capsys)
    assert code == 0
    before = source.read_text(encoding="utf-8").splitlines()
    after = out.splitlines()
    assert len(before) == len(after)
    for index in (1, 2, 3, 4, 5):  # passed through or not changed
        assert after[index] == before[index]


def test_jsonl_gz_in_and_out(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl.gz"
    with gzip.open(source, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(r) + "\n" for r in RECORDS)
    out = tmp_path / "out.jsonl.gz"
    code, _, _ = run([str(source), "-o", str(out), "-q"], capsys)
    assert code == 0
    with gzip.open(out, "rt", encoding="utf-8") as handle:
        assert [json.loads(line) for line in handle] == expected(RECORDS)


def test_jsonl_from_stdin_with_format(capsys, monkeypatch) -> None:
    data = "".join(json.dumps(r) + "\n" for r in RECORDS[:1])
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode())))
    code, out, _ = run(["--format", "jsonl"], capsys)
    assert code == 0
    assert [json.loads(line) for line in out.splitlines()] == expected(RECORDS[:1])


def test_field_option_picks_the_field(tmp_path: Path, capsys) -> None:
    records = [{"body": STUTTER, "text": STUTTER}]
    source = write_jsonl(tmp_path / "in.jsonl", records)
    code, out, _ = run([str(source), "--field", "body"], capsys)
    assert code == 0
    assert json.loads(out) == {"body": textrepair.clean(STUTTER), "text": STUTTER}


def test_blank_lines_are_kept(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"text": STUTTER}) + "\n\n" + json.dumps({"text": CLEAN}) + "\n")
    code, out, err = run([str(source)], capsys)
    assert code == 0
    assert out.split("\n")[1] == ""
    assert "passed through" not in err


def test_malformed_jsonl_names_file_and_line_and_exits_1(tmp_path: Path, capsys) -> None:
    lines = [json.dumps({"text": STUTTER}), '{"text": "unterminated', json.dumps({"text": CLEAN})]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    code, _, err = run([str(source), "-o", str(out)], capsys)
    assert code == 1
    assert err.startswith(f"textrepair: {source}:2: not valid JSON")
    assert "--skip-invalid" in err
    assert not out.exists()
    assert no_temporaries(tmp_path)


def test_skip_invalid_passes_bad_lines_through_and_counts_them(tmp_path: Path, capsys) -> None:
    lines = [json.dumps({"text": STUTTER}), "{not json", "[1, 2]", json.dumps({"text": CLEAN})]
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run([str(source), "--skip-invalid", "--stats"], capsys)
    assert code == 0
    assert out.splitlines() == [
        json.dumps({"text": textrepair.clean(STUTTER)}, ensure_ascii=False),
        "{not json",
        "[1, 2]",
        json.dumps({"text": CLEAN}),
    ]
    assert "invalid, skipped: 2" in err


def test_a_json_line_that_is_not_an_object_is_invalid(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": CLEAN}, ["a", "list"]])
    code, _, err = run([str(source)], capsys)
    assert code == 1
    assert f"{source}:2: a JSON list, not an object" in err


def test_invalid_utf8_jsonl_line_names_the_line(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    code, _, err = run([str(source)], capsys)
    assert code == 1
    assert f"{source}:2: not valid utf-8" in err


@pytest.mark.parametrize("value", [None, 3, 2.5, True, ["x"], {"a": "b"}])
def test_non_string_values_pass_through_and_are_counted(tmp_path: Path, capsys, value) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": value}])
    code, out, err = run([str(source), "--stats"], capsys)
    assert code == 0
    assert json.loads(out) == {"id": 1, "text": value}
    assert "not a string: 1" in err


def test_surrogate_escapes_survive(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"text": "Le\\nle mois", "other": "\\ud800"}\n', encoding="utf-8")
    code, out, _ = run([str(source)], capsys)
    assert code == 0
    assert json.loads(out) == {"text": "Le mois", "other": "\ud800"}


# ---------------------------------------------------------------------------------- CSV


def write_csv(path: Path, rows: list[list[str]], newline: str = "\n") -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator=newline).writerows(rows)
    return path


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_csv_repairs_one_column(tmp_path: Path, capsys, newline: str) -> None:
    rows = [["id", "text", "lang"], ["1", STUTTER, "fr"], ["2", CLEAN, "fr"], ["3", OVERLAP, "fr"]]
    source = write_csv(tmp_path / "in.csv", rows, newline)
    out = tmp_path / "out.csv"
    code, _, _ = run([str(source), "-o", str(out), "--jobs", "2"], capsys)
    assert code == 0
    data = out.read_bytes().decode("utf-8")
    assert data.splitlines()[0] == "id,text,lang"
    assert data.endswith(newline)
    with out.open(encoding="utf-8", newline="") as handle:
        got = list(csv.reader(handle))
    assert got == [rows[0]] + [[r[0], textrepair.clean(r[1]), r[2]] for r in rows[1:]]


def test_csv_wrong_field_count_exits_1_or_is_skipped(tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "text"], ["1", STUTTER], ["2", "a", "b"]])
    code, _, err = run([str(source)], capsys)
    assert code == 1
    assert f"{source}:" in err and "3 fields, the header has 2" in err
    code, out, err = run([str(source), "--skip-invalid"], capsys)
    assert code == 0
    assert out.splitlines()[-1] == "2,a,b"
    assert "invalid, skipped: 1" in err


def test_csv_missing_column_passes_rows_through(tmp_path: Path, capsys) -> None:
    source = write_csv(tmp_path / "in.csv", [["id", "body"], ["1", STUTTER]])
    code, _, err = run([str(source)], capsys)
    assert code == 0
    assert "field missing: 1" in err


def test_csv_headers_must_agree(tmp_path: Path, capsys) -> None:
    a = write_csv(tmp_path / "a.csv", [["id", "text"], ["1", CLEAN]])
    b = write_csv(tmp_path / "b.csv", [["text", "id"], [CLEAN, "1"]])
    code, _, err = run([str(a), str(b), "-o", str(tmp_path / "out.csv")], capsys)
    assert code == 2
    assert "header differs" in err
    assert not (tmp_path / "out.csv").exists()


def test_empty_csv_gives_an_empty_output(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,text\n", encoding="utf-8")
    code, out, _ = run([str(source)], capsys)
    assert (code, out) == (0, "id,text\n")


# ------------------------------------------------------------------------------- Parquet


def test_parquet_keeps_schema_and_other_columns(tmp_path: Path, capsys) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    texts = [STUTTER, None, CLEAN, OVERLAP] * 700  # several batches
    table = pa.table(
        {
            "id": pa.array(range(len(texts)), pa.int32()),
            "text": pa.array(texts, pa.large_string()),
            "score": [0.5] * len(texts),
        }
    )
    source, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(table, source)
    code, _, err = run([str(source), "-o", str(out), "--jobs", "2", "--stats"], capsys)
    assert code == 0
    result = pq.read_table(out)
    assert result.schema.equals(table.schema)
    assert result.column("id").to_pylist() == table.column("id").to_pylist()
    assert result.column("score").to_pylist() == table.column("score").to_pylist()
    assert result.column("text").to_pylist() == [
        textrepair.clean(t) if t is not None else None for t in texts
    ]
    assert "not a string: 700" in err


def test_parquet_non_string_column_passes_through(tmp_path: Path, capsys) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source, out = tmp_path / "in.parquet", tmp_path / "out.parquet"
    pq.write_table(pa.table({"text": [1, 2]}), source)
    code, _, err = run([str(source), "-o", str(out)], capsys)
    assert code == 0
    assert pq.read_table(out).column("text").to_pylist() == [1, 2]
    assert "not a string: 2" in err


def test_parquet_needs_an_output_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.parquet"
    source.write_bytes(b"PAR1")
    code, _, err = run([str(source)], capsys)
    assert code == 2
    assert "parquet output needs -o FILE" in err


# ------------------------------------------------------------------ atomic output, refusals


def test_a_failure_midway_leaves_the_previous_output_intact(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", [{"text": f"{CLEAN} {i}"} for i in range(50)])
    out = tmp_path / "out.jsonl"
    out.write_text("previous run\n", encoding="utf-8")
    explain = tmp_path / "edits.jsonl"
    real = textrepair.batch.repair
    seen = []

    def failing(text: str, *, config: Config | None = None) -> textrepair.Repair:
        seen.append(text)
        if len(seen) == 30:
            raise RuntimeError("simulated crash")
        return real(text, config=config)

    monkeypatch.setattr(textrepair.batch, "repair", failing)
    code, _, err = run([str(source), "-o", str(out), "--explain", str(explain)], capsys)
    assert code == 1
    assert "failed while repairing" in err and "record 29" in err and "simulated crash" in err
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert not explain.exists()
    assert no_temporaries(tmp_path)


def test_refuses_to_overwrite_its_input(tmp_path: Path, capsys, monkeypatch) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    before = source.read_bytes()
    monkeypatch.chdir(tmp_path)
    for argv in (
        [str(source), "-o", "in.jsonl"],
        ["in.jsonl", "-o", str(tmp_path / "." / "in.jsonl")],
        [str(source), "--explain", "./in.jsonl"],
    ):
        code, _, err = run(argv, capsys)
        assert code == 2
        assert "refusing to overwrite the input" in err
    link = tmp_path / "link.jsonl"
    link.symlink_to(source)
    code, _, _ = run([str(source), "-o", str(link)], capsys)
    assert code == 2
    assert source.read_bytes() == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--bogus"], "unrecognized arguments: --bogus"),
        (["--min-score", "2"], "Config.min_score must be a number in [0, 1]"),
        (["--window", "1"], "Config.window must be an integer"),
        (["--jobs", "-1"], "--jobs must be"),
        (["--jobs", "x"], "invalid int value"),
        (["--chunksize", "0"], "--chunksize must be"),
        (["--color", "pink"], "invalid choice"),
        (["--encoding", "klingon"], "unknown encoding"),
        (["--min-scores", "overlap"], "expected KIND=X"),
        (["--min-scores", "nothing=0.5"], "unknown kind 'nothing'"),
        (["-", "-"], "stdin (-) can be read only once"),
    ],
)
def test_bad_flags_exit_2_with_one_line(capsys, argv, message) -> None:
    code, out, err = run(argv, capsys)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith("textrepair: ")
    assert message in err


def test_unreadable_inputs_exit_2_with_one_line(tmp_path: Path, capsys) -> None:
    code, _, err = run([str(tmp_path / "missing.txt")], capsys)
    assert code == 2
    assert err == f"textrepair: cannot read {tmp_path / 'missing.txt'}: No such file or directory\n"
    code, _, err = run([str(tmp_path)], capsys)
    assert code == 2
    assert "is a directory" in err
    locked = tmp_path / "locked.txt"
    locked.write_text("x")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads everything
            pytest.skip("running as root")
        code, _, err = run([str(locked)], capsys)
        assert code == 2
        assert "Permission denied" in err
    finally:
        locked.chmod(0o644)


def test_unwritable_output_exits_2(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    code, _, err = run([str(source), "-o", str(tmp_path / "no" / "such" / "out.jsonl")], capsys)
    assert code == 2
    assert "cannot write" in err
    code, _, err = run([str(source), "-o", str(tmp_path)], capsys)
    assert code == 2
    assert "it is a directory" in err


@pytest.mark.parametrize(
    ("names", "extra", "message"),
    [
        (["a.jsonl", "b.csv"], [], "inputs of different formats"),
        (["a.jsonl"], ["-o", "out.csv"], "names format csv but the input is jsonl"),
        (["a.txt"], ["--field", "body"], "--field applies to"),
        (["a.parquet"], ["-o", "out.parquet.gz"], "cannot be gzipped"),
    ],
)
def test_conflicting_options_exit_2(tmp_path: Path, capsys, monkeypatch, names, extra, message):
    monkeypatch.chdir(tmp_path)
    for name in names:
        Path(name).write_text("")
    code, _, err = run([*names, *extra], capsys)
    assert code == 2
    assert message in err


# ------------------------------------------------------------------------------- reports


def test_explain_writes_every_edit(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    explain = tmp_path / "edits.jsonl"
    code, _, _ = run([str(source), "--explain", str(explain), "-q"], capsys)
    assert code == 0
    entries = read_jsonl(explain)
    by_record = {0: STUTTER, 6: OVERLAP}
    for record, text in by_record.items():
        repaired = textrepair.repair(text)
        mine = [e for e in entries if e["record"] == record]
        assert [(e["kind"], e["start"], e["end"]) for e in mine] == [
            (e.kind, e.start, e.end) for e in repaired.edits
        ]
        for entry in mine:
            assert entry["removed"] == text[entry["start"] : entry["end"]]
            assert entry["file"] == str(source)
            assert entry["line"] == record + 1
            assert entry["applied"] is True
            assert set(entry) >= {"replacement", "score", "reason"}
    assert {e["record"] for e in entries} == set(by_record)


def test_explain_for_plain_text_has_no_record(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_text(STUTTER, encoding="utf-8")
    explain = tmp_path / "edits.jsonl"
    assert main([str(source), "--explain", str(explain)]) == 0
    capsys.readouterr()
    entries = read_jsonl(explain)
    assert entries and all(e["record"] is None and e["file"] == str(source) for e in entries)


def test_report_only_changes_nothing_and_reports_all(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    explain = tmp_path / "edits.jsonl"
    code, out, err = run(
        [str(source), "--report-only", "--explain", str(explain), "--stats"], capsys
    )
    assert code == 0
    assert out == source.read_text(encoding="utf-8")
    entries = read_jsonl(explain)
    assert entries and not any(e["applied"] for e in entries)
    assert "2 would change" in err


def test_stats_counts_kinds_documents_and_characters(tmp_path: Path, capsys) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    code, _, err = run([str(source), "--stats"], capsys)
    assert code == 0
    counts = textrepair.repair(STUTTER).counts
    removed = sum(len(t) - len(textrepair.clean(t)) for t in (STUTTER, CLEAN, OVERLAP))
    assert "textrepair: 3 documents, 2 changed" in err
    assert f"{removed} removed" in err
    for kind, count in counts.items():
        assert f"  {kind:<11} {count}" in err or kind == "overlap"


def test_diff_shows_what_is_removed_without_colour_off_a_terminal(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_text(OVERLAP, encoding="utf-8")
    code, out, _ = run([str(source), "--diff"], capsys)
    assert code == 0
    assert "\x1b[" not in out
    assert f"--- {source}: 1 edit" in out
    assert "[-une partie de ce capital ;↵-]" in out
    assert "@@ " in out and "overlap" in out


def test_diff_colour_always_and_output_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_text(OVERLAP, encoding="utf-8")
    out_file = tmp_path / "out.txt"
    code, out, _ = run([str(source), "--diff", "--color", "always", "-o", str(out_file)], capsys)
    assert code == 0
    assert "\x1b[31mune partie de ce capital ;↵\x1b[0m" in out
    assert out_file.read_text(encoding="utf-8") == textrepair.clean(OVERLAP)
    code, out, _ = run([str(source), "--diff", "--color", "never"], capsys)
    assert "\x1b[" not in out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_on_a_terminal_and_not_with_quiet(tmp_path: Path, monkeypatch) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    out = str(tmp_path / "out.jsonl")
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([str(source), "-o", out]) == 0
    assert "textrepair" in terminal.getvalue()
    quiet = _Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert main([str(source), "-o", out, "--quiet"]) == 0
    assert quiet.getvalue() == ""
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert main([str(source), "-o", out]) == 0
    assert "\r" not in piped.getvalue()


def test_progress_falls_back_without_tqdm(tmp_path: Path, monkeypatch) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    monkeypatch.setitem(sys.modules, "tqdm", None)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([str(source), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "textrepair: " in terminal.getvalue()


# ---------------------------------------------------------------------- flags and commands


def test_every_config_field_has_a_flag() -> None:
    parser = _parser()
    dests = {action.dest for action in parser._actions}
    assert {f.name for f in dataclasses.fields(Config)} <= dests
    changed = {}
    argv = []
    for f in dataclasses.fields(Config):
        default = getattr(Config(), f.name)
        flag = f.name.replace("_", "-")
        if isinstance(default, tuple):
            argv += [f"--{flag}", "overlap=0.8,stutter=0.9", f"--{flag}", "loop=0.7"]
            changed[f.name] = (("overlap", 0.8), ("stutter", 0.9), ("loop", 0.7))
        elif default is True:
            argv.append(f"--no-{flag}")
            changed[f.name] = False
        elif default is False:
            argv.append(f"--{flag}")
            changed[f.name] = True
        else:
            value = default + 1 if isinstance(default, int) else 0.75
            argv += [f"--{flag}", str(value)]
            changed[f.name] = value
    args = parser.parse_args(argv)
    values = {name: getattr(args, name) for name in changed}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
    assert Config(**values) == Config(**changed)


def test_flags_reach_the_repair(tmp_path: Path, capsys) -> None:
    source = tmp_path / "in.txt"
    source.write_text(STUTTER, encoding="utf-8")
    config = Config(loops=False, reflow=False)
    code, out, _ = run([str(source), "--no-loops", "--no-reflow"], capsys)
    assert code == 0
    assert out.rstrip("\n") == textrepair.clean(STUTTER, config=config)


def test_version_and_help(capsys) -> None:
    code, out, _ = run(["--version"], capsys)
    compiled = "yes" if COMPILED else "no"
    assert (code, out) == (0, f"textrepair {textrepair.__version__} (compiled: {compiled})\n")
    code, out, _ = run(["--help"], capsys)
    assert code == 0
    assert "examples:" in out and "--jobs" in out and "--no-reflow" in out
    assert "textrepair captions" in out


def test_captions_dispatches_to_its_module(monkeypatch) -> None:
    calls = []
    fake = types.ModuleType("textrepair.captions")
    fake.main = lambda argv: calls.append(argv) or 7  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "textrepair.captions", fake)
    assert main(["captions", "talk.vtt", "--to", "text"]) == 7
    assert calls == [["talk.vtt", "--to", "text"]]


def test_captions_missing_module_exits_2(monkeypatch, capsys) -> None:
    monkeypatch.setitem(sys.modules, "textrepair.captions", None)
    code, _, err = run(["captions", "talk.vtt"], capsys)
    assert code == 2
    assert "captions subcommand is not available" in err


def test_python_dash_m_with_workers(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "in.jsonl", RECORDS)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "textrepair", str(source), "--jobs", "2", "--chunksize", "1"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert [json.loads(line) for line in done.stdout.splitlines()] == expected(RECORDS)
