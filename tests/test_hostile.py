"""Hostile input: wrong types, invalid configurations, and every kind of strange ``str``.

Anything that is not a ``str`` raises :class:`TypeError` naming its type; an invalid
:class:`~textrepair.Config` raises :class:`ValueError` naming the field and the allowed range
(:class:`TypeError` for a flag that is not a ``bool``). Any ``str`` whatsoever gives a ``str``,
without an exception and in reasonable time, and the reported edits replay to it.
"""

from __future__ import annotations

import array
import dataclasses
import re
import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import textrepair
from textrepair import Config, Repair

from .support import unmatched_words

FUNCS: list[Callable[..., object]] = [textrepair.clean, textrepair.repair]
FUNC_IDS = ["clean", "repair"]
#: A generous bound for one call on a hostile input of at most ~100 kB (linear work: ~0.1 s).
SMALL_BUDGET = 10.0


# ---------------------------------------------------------------- types


class _Stringish:
    """Not a str, though it converts to one."""

    def __str__(self) -> str:
        return "Bonjour."


NON_STR: list[tuple[object, str]] = [
    (None, "NoneType"),
    (b"Le\nle mois", "bytes"),
    (bytearray(b"Le\nle mois"), "bytearray"),
    (memoryview(b"Le\nle mois"), "memoryview"),
    (array.array("b", b"abc"), "array"),
    (0, "int"),
    (3.5, "float"),
    (True, "bool"),
    (Decimal("1"), "Decimal"),
    (Fraction(1, 2), "Fraction"),
    (["Le", "le"], "list"),
    (("Le",), "tuple"),
    ({"text": "Le"}, "dict"),
    ({"Le"}, "set"),
    (iter(["Le"]), "list_iterator"),
    (Path("seed.txt"), "PosixPath" if Path("/").anchor == "/" else "WindowsPath"),
    (_Stringish(), "_Stringish"),
    (str, "type"),
]


@pytest.mark.parametrize("func", FUNCS, ids=FUNC_IDS)
@pytest.mark.parametrize(("value", "type_name"), NON_STR, ids=[name for _, name in NON_STR])
def test_non_str_raises_type_error_naming_the_type(
    func: Callable[..., object], value: object, type_name: str
) -> None:
    with pytest.raises(TypeError, match=rf"\b{re.escape(type_name)}\b") as info:
        func(value)
    assert "str" in str(info.value)


@pytest.mark.parametrize("func", FUNCS, ids=FUNC_IDS)
@pytest.mark.parametrize("value", [b"caf\xc3\xa9", bytearray(b"x")], ids=["bytes", "bytearray"])
def test_bytes_message_says_decode_first(func: Callable[..., object], value: object) -> None:
    with pytest.raises(TypeError, match="decode"):
        func(value)


@pytest.mark.parametrize("func", FUNCS, ids=FUNC_IDS)
@pytest.mark.parametrize("config", [{"reflow": False}, "default", 0.5, Config], ids=repr)
def test_config_of_wrong_type_raises_type_error(func: Callable[..., object], config: Any) -> None:
    with pytest.raises(TypeError, match=type(config).__name__):
        func("Bonjour.", config=config)


# ---------------------------------------------------------------- Config validation

_RANGE = re.compile(r"\[(-?[\d.]+), (-?[\d.]+)\]")
NUMERIC = {"min_score": float, "window": int, "max_copy_words": int}
BOOL_FIELDS = [f.name for f in dataclasses.fields(Config) if f.type in (bool, "bool")]


def _config(**fields: Any) -> Config:
    """``Config(**fields)``, for values of the wrong type on purpose."""
    return Config(**fields)


def _allowed_range(field: str) -> tuple[float, float]:
    """Read the allowed range from the error message of an absurd value."""
    with pytest.raises(ValueError, match=field) as info:
        _config(**{field: 10**9})
    found = _RANGE.search(str(info.value))
    assert found, f"the message names no range: {info.value}"
    return float(found.group(1)), float(found.group(2))


@pytest.mark.parametrize("field", list(NUMERIC))
def test_config_error_names_the_field_and_the_range(field: str) -> None:
    low, high = _allowed_range(field)
    assert low < high
    step = 1 if NUMERIC[field] is int else 0.001
    for bad in (low - step, high + step, -(10**9)):
        with pytest.raises(ValueError, match=rf"Config\.{field}\b.*\[.+, .+\]"):
            _config(**{field: NUMERIC[field](bad)})
    for good in (low, high):  # the bounds themselves are allowed
        value = NUMERIC[field](good)
        assert getattr(_config(**{field: value}), field) == value


@pytest.mark.parametrize("field", list(NUMERIC))
@pytest.mark.parametrize(
    "value",
    [float("nan"), float("inf"), float("-inf"), "1", None, True, [1], 1j],
    ids=["nan", "inf", "-inf", "str", "None", "bool", "list", "complex"],
)
def test_config_rejects_non_numbers(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=rf"Config\.{field}\b"):
        _config(**{field: value})


@pytest.mark.parametrize("field", ["window", "max_copy_words"])
def test_config_rejects_fractional_counts(field: str) -> None:
    with pytest.raises(ValueError, match=field):
        _config(**{field: 10.5})


@pytest.mark.parametrize("field", BOOL_FIELDS)
@pytest.mark.parametrize("value", [1, 0, 1.0, "True", "", None, [True]], ids=repr)
def test_config_flag_that_is_not_bool_raises_type_error(field: str, value: object) -> None:
    with pytest.raises(TypeError, match=rf"Config\.{field}\b.*True or False"):
        _config(**{field: value})


def test_config_rejects_unknown_fields() -> None:
    with pytest.raises(TypeError, match="min_scor"):
        Config(min_scor=0.5)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("min_scores", "error", "pattern"),
    [
        ({"unicorn": 0.5}, ValueError, "unknown kind 'unicorn'"),
        ({"overlap": 1.5}, ValueError, r"\[0, 1\]"),
        ({"overlap": float("nan")}, ValueError, r"\[0, 1\]"),
        ({"loop": "high"}, ValueError, r"\[0, 1\]"),
        ((("overlap",),), ValueError, "unknown kind"),
        ("overlap", TypeError, "pairs"),
    ],
    ids=["unknown-kind", "above-one", "nan", "str", "short-pair", "not-pairs"],
)
def test_config_min_scores_validation(min_scores: Any, error: type, pattern: str) -> None:
    with pytest.raises(error, match=pattern):
        Config(min_scores=min_scores)


# ---------------------------------------------------------------- any str


def _scripts() -> str:
    return (
        "Le marché de Noël ouvre demain. "
        "Москва — столица России. "
        "اللغة العربية جميلة. "
        "עברית היא שפה שמית. "
        "हिन्दी भारत की भाषा है। "
        "ภาษาไทยไม่มีช่องว่างระหว่างคำ "
        "中文没有空格。日本語もそうです。"
        "한국어는 띄어쓰기를 합니다."
    )


HOSTILE: dict[str, str] = {
    "empty": "",
    "space": " ",
    "whitespace-only": " \t\n\r\x0b\x0c\u00a0\u2028\u2029\u3000\u200b" * 50,
    "newlines-only": "\n" * 2000,
    "crlf-only": "\r\n" * 1000,
    "lone-surrogates": "\ud800 Le\udfff le\ud83d mois \udc00\udbff",
    "surrogate-only": "\udc80\udcff",
    "surrogateescape": b"caf\xe9 au lait \xff\xfe".decode("utf-8", "surrogateescape"),
    "nul": "\x00",
    "nul-and-controls": "Le\x00le\x01 mois\x07\x08\x1b[31m dernier\x7f\x85\x9f",
    "all-c0-c1": "".join(map(chr, range(32))) + "".join(map(chr, range(127, 160))),
    "bidi-overrides": "\u202eevil\u202c \u202dtext\u202c \u2066a\u2069 \u200f\u200e\u061c de la"
    " de la de la de la",
    "bidi-only": "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069" * 20,
    "emoji": "😀😀😀 🇫🇷🇫🇷 🏳\ufe0f\u200d🌈 " + "👍🏽 " * 6 + "\u2764\ufe0f\u200d\U0001f525",
    "zwj-sequences": "👨\u200d👩\u200d👧\u200d👦 " * 8 + "👩🏽\u200d💻\u200d" * 5,
    "combining": "e\u0301\u0301\u0301 a\u0308 Z\u0351\u0352\u0353\u0354\u0355" * 5,
    "zalgo": "le" + "".join(chr(0x300 + k % 112) for k in range(500)) + " le",
    "invisible": "\u200b\u200c\u200d\u2060\ufeff\u00ad" * 30,
    "mixed-scripts": _scripts(),
    "mixed-scripts-doubled": _scripts() + " ;\n" + _scripts(),
    "rtl-damage": "שלום עולם ;\nשלום עולם\nمرحبا مرحبا مرحبا مرحبا مرحبا",
    "cjk-loop": "我们我们我们我们我们" * 20,
    "thai-repeated": "สวัสดีครับ " * 40,
    "private-use-and-noncharacters": "\ue000\uf8ff\U000f0000\ufffe\uffff\U0010ffff",
    "replacement-characters": "\ufffd" * 100,
    "mojibake": "CafÃ© Ã  la franÃ§aise &amp; &lt;b&gt; â€œoui â€\x9d",
    "html-entities": "&amp;amp;amp; &#x1F600; &#0; &#xD800; &nbsp;" * 10,
    "separators-only": ";\n/\n…\n—\n|\n·\n...\n" * 30,
    "punctuation-only": ".,;:!?()[]{}«»“”‘’-–—/\\|" * 40,
    "long-word": "a" * 50_000,
    "long-line-distinct": " ".join(f"w{k}" for k in range(10_000)),
    "many-short-lines": "\n".join(f"ligne {k}" for k in range(5_000)),
    "one-word-looping": "de " * 10_000,
    "nested-loops": ("de la " * 7 + "le ") * 300,
    "hyphen-wraps": "inter-\nnational " * 500,
    "tabs-and-spaces": "\t \t  \t" * 1000 + "mot",
}


Reports = dict[str, tuple[Repair, float]]


@pytest.fixture(scope="module")
def reports() -> Reports:
    """Each hostile input repaired once (shared by the checks below)."""
    results: Reports = {}
    for name, text in HOSTILE.items():
        started = time.perf_counter()
        results[name] = (textrepair.repair(text), time.perf_counter() - started)
    return results


@pytest.mark.parametrize("name", list(HOSTILE))
def test_any_str_gives_str_that_replays(name: str, reports: Reports) -> None:
    text = HOSTILE[name]
    report, seconds = reports[name]
    assert type(report.text) is str
    assert report.replay(text) == report.text
    assert textrepair.clean(text) == report.text
    assert seconds < SMALL_BUDGET, f"{name}: {seconds:.1f} s for {len(text)} characters"


@pytest.mark.parametrize("name", list(HOSTILE))
def test_any_str_is_idempotent(name: str, reports: Reports) -> None:
    once = reports[name][0].text
    assert textrepair.clean(once) == once


@pytest.mark.parametrize("name", list(HOSTILE))
def test_any_str_only_loses_words(name: str, reports: Reports) -> None:
    """Every output word is an input word, in the same order (tests/support.py)."""
    assert unmatched_words(HOSTILE[name], reports[name][0].text) == []


@pytest.mark.parametrize("name", ["empty", "space", "nul", "surrogate-only", "bidi-only"])
@pytest.mark.parametrize(
    "config",
    [Config(unicode=False), Config(reflow=False), Config(min_score=0.0), Config.audit()],
    ids=["no-unicode", "no-reflow", "min-score-0", "audit"],
)
def test_any_str_with_any_config(name: str, config: Config) -> None:
    text = HOSTILE[name]
    report = textrepair.repair(text, config=config)
    assert type(report.text) is str
    assert report.replay(text) == report.text


def test_surrogates_are_not_left_alone_unless_asked() -> None:
    """A lone surrogate cannot be encoded; the output of the default configuration can."""
    text = HOSTILE["lone-surrogates"]
    textrepair.clean(text).encode("utf-8")
    assert textrepair.clean(text, config=Config(unicode=False)) == text


def test_str_subclass_gives_plain_str() -> None:
    class Text(str):
        __slots__ = ()

    result = textrepair.clean(Text("Le\nle mois dernier"))
    assert type(result) is str
    assert result == "Le mois dernier"


def test_ten_megabyte_single_line() -> None:
    """The issue's size: a 10 MB line of a few words looping comes back as one copy.

    About 6 s on one core: the loop detector sees each word once.
    """
    phrase = "the quick brown fox jumps "
    text = phrase * (10_000_000 // len(phrase) + 1)
    assert len(text) >= 10_000_000
    assert "\n" not in text
    report = textrepair.repair(text)
    assert type(report.text) is str
    assert report.text.strip() == phrase.strip()
    assert report.replay(text) == report.text
    assert textrepair.clean(report.text) == report.text
