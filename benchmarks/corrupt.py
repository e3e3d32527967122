"""Deterministic damage generators, one per artifact family of ``artifacts.md``.

Every generator takes a clean document and a seeded :class:`random.Random` and returns a
:class:`Sample`: the damaged text, the clean reference (the document itself) and the list of
damage events it injected (with how many extra words each one added).

Chunked machine translation is imitated: the document is cut into chunks of random size, and
the damage happens at the seams (a chunk's tail re-emitted by the next chunk, a word doubled
across the line break, a stray separator line, ...). Undamaged seams become plain line breaks
some of the time, as chunked output is often one chunk per line.

Conventions that the metrics rely on:

* The reference is always the clean document, unchanged.
* Where the two copies of a re-emitted passage differ (a word substituted, inserted or dropped),
  the earlier (left) copy holds the variant and the later copy is the reference's reading, as
  in ``tests/cases/seed_expected.txt``; where one copy was cut short, the complete one is the
  reference's reading.
"""

from __future__ import annotations

import html.entities
import random
from collections.abc import Callable
from dataclasses import dataclass, field

import regex

from benchmarks.corpus import Document

__all__ = ["FAMILIES", "Event", "Sample", "corrupt", "wrap"]

#: The damage families, in the order of the report. ``mixed-rep`` is ``mixed`` applied to
#: clean documents with genuine repetition (poems, lists, code, tables).
FAMILIES: tuple[str, ...] = (
    "overlap",
    "stutter",
    "separator",
    "restart",
    "loop",
    "wrap",
    "unicode",
    "mixed",
    "mixed-rep",
)

WORD = regex.compile(r"\w+")
TRAILING_PUNCT = regex.compile(r"[^\w\s]+$")
#: Elided article/preposition at the start of a token: ``d’expansion``, ``l'État``, ``dell’arte``.
ELIDED = regex.compile(
    r"^(?P<el>(?i:qu|dell|all|dall|nell|sull|quest|quell|un|[ldnscjmt]))(?P<ap>[’'])(?P<rest>\w.*)$"
)
FULL_FORMS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {
        "l": ("le", "la"),
        "d": ("de",),
        "qu": ("que",),
        "n": ("ne",),
        "s": ("se",),
        "c": ("ce",),
        "j": ("je",),
        "m": ("me",),
        "t": ("te",),
    },
    "it": {
        "l": ("la", "lo"),
        "dell": ("della", "dello"),
        "all": ("alla", "allo"),
        "dall": ("dalla", "dallo"),
        "nell": ("nella", "nello"),
        "sull": ("sulla", "sullo"),
        "un": ("una",),
        "quest": ("questa", "questo"),
        "quell": ("quella", "quello"),
        "d": ("di",),
        "c": ("ci",),
        "s": ("si",),
        "m": ("mi",),
        "t": ("ti",),
        "n": ("ne",),
    },
}

OVERLAP_SEPARATORS: tuple[tuple[str, float], ...] = (
    (" ;\n", 0.24),  # the seed's form: a ";" closes the chunk line
    ("\n;\n", 0.12),  # a lone separator line
    ("\n", 0.14),  # a plain line break
    (" / ", 0.08),
    ("…\n", 0.06),
    ("...\n", 0.03),
    (" … ", 0.05),
    (" - ", 0.06),
    (" -- ", 0.03),
    (" ", 0.10),  # nothing at all
    (" ,\n", 0.05),
    ("\n\n", 0.04),  # chunks joined with a blank line
    (" | ", 0.02),
    ("\n---\n", 0.02),  # a rule between chunks
)
STRAY_SEPARATORS: tuple[tuple[str, float], ...] = (
    (";", 0.4),
    (",", 0.12),
    ("-", 0.12),
    ("…", 0.12),
    ("—", 0.08),
    ("/", 0.08),
    ("·", 0.04),
    ("...", 0.04),
)
RESTART_SEPARATORS: tuple[tuple[str, float], ...] = (
    ("\n", 0.4),
    (" ", 0.2),
    (" — ", 0.1),
    ("... ", 0.1),
    (" -- ", 0.1),
    (" ;\n", 0.1),
)
INVISIBLES = ("\u200b", "\u00ad", "\u200c", "\u2060", "\ufeff", "\u200d")


@dataclass(frozen=True, slots=True)
class Event:
    """One injected damage.

    Attributes:
        family: The artifact family (``overlap``, ``stutter``, ...).
        variant: How it was made (``exact``, ``left-sub``, ``right-cut``, ``elision``, ...).
        injected: Extra words (``\\w+`` tokens) it added.
        text: The injected text (or the damaged token).
        at: The reference words around the place (for reading dumps).
    """

    family: str
    variant: str
    injected: int
    text: str
    at: str


@dataclass(frozen=True, slots=True)
class Sample:
    """A damaged document and its clean reference."""

    doc: Document
    family: str
    density: str
    damaged: str
    reference: str
    events: tuple[Event, ...] = field(default=())

    @property
    def injected(self) -> int:
        """Extra words injected by the generator (the metrics measure them by alignment)."""
        return sum(e.injected for e in self.events)

    @property
    def key(self) -> str:
        """A unique id of the sample."""
        return f"{self.family}:{self.doc.id}"


def _choice(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in table], weights=[w for _, w in table])[0]


def _nwords(text: str) -> int:
    return len(WORD.findall(text))


def _core(token: str) -> str:
    """The token without leading and trailing punctuation."""
    return regex.sub(r"^[^\w]+|[^\w]+$", "", token)


def _is_word(token: str) -> bool:
    return bool(regex.fullmatch(r"\w[\w’'\-]*", token))


class _Builder:
    """A document as tokens and gaps, with insertions and replacements at token boundaries."""

    def __init__(self, text: str) -> None:
        self.text = text
        spans = [(m.start(), m.end()) for m in regex.finditer(r"\S+", text)]
        self.tokens = [text[a:b] for a, b in spans]
        self.lead = text[: spans[0][0]] if spans else text
        self.gaps = [text[spans[i][1] : spans[i + 1][0]] for i in range(len(spans) - 1)]
        self.tail = text[spans[-1][1] :] if spans else ""
        self.pre: dict[int, str] = {}
        self.post: dict[int, str] = {}
        self.gap: dict[int, str] = {}
        self.tok: dict[int, str] = {}
        self.locked: set[int] = set()
        self.events: list[Event] = []

    def __len__(self) -> int:
        return len(self.tokens)

    def inline(self, i: int) -> bool:
        """Whether the gap after token ``i`` is inside a line (not a line or paragraph end)."""
        return 0 <= i < len(self.gaps) and "\n" not in self.gaps[i]

    def same_line(self, a: int, b: int) -> bool:
        """Whether tokens ``a..b`` (inclusive) are on one line."""
        return all(self.inline(j) for j in range(a, b))

    def free(self, a: int, b: int) -> bool:
        return (
            a >= 0 and b < len(self.tokens) and not any(j in self.locked for j in range(a, b + 1))
        )

    def lock(self, a: int, b: int) -> None:
        self.locked.update(range(max(a, 0), min(b, len(self.tokens) - 1) + 1))

    def span(self, a: int, b: int) -> str:
        """The original text of tokens ``a..b-1`` with their original gaps."""
        parts: list[str] = []
        for j in range(a, b):
            parts.append(self.tokens[j])
            if j < b - 1:
                parts.append(self.gaps[j])
        return "".join(parts)

    def context(self, i: int, width: int = 6) -> str:
        a, b = max(0, i - width), min(len(self.tokens), i + width)
        return " ".join(self.tokens[a:b])

    def add(
        self, family: str, variant: str, text: str, i: int, injected: int | None = None
    ) -> None:
        n = _nwords(text) if injected is None else injected
        self.events.append(Event(family, variant, n, text, self.context(i)))

    def render(self) -> str:
        out = [self.lead]
        for j, token in enumerate(self.tokens):
            out.append(self.pre.get(j, ""))
            out.append(self.tok.get(j, token))
            out.append(self.post.get(j, ""))
            if j < len(self.gaps):
                out.append(self.gap.get(j, self.gaps[j]))
        out.append(self.tail)
        return "".join(out)


# --------------------------------------------------------------------------------------------
# Word variants


def _inflect(word: str, rng: random.Random) -> str:
    """A plausible inflected variant of ``word`` (language-agnostic ending changes)."""
    low = word.casefold()
    options: list[str] = []
    if len(word) >= 4 and low[-1] in "se":
        options.append(word[:-1])
    if low[-1:] in set("aeiouéèàò"):
        options += [word + "s", word[:-1] + rng.choice("aeio")]
    else:
        options += [word + "e", word + "s", word + "en"]
    options = [o for o in options if o.casefold() != low and o]
    return rng.choice(options) if options else word + "s"


def _other_word(b: _Builder, rng: random.Random, avoid: str) -> str:
    for _ in range(20):
        cand = _core(rng.choice(b.tokens))
        if len(cand) >= 3 and cand.isalpha() and cand.casefold() != avoid.casefold():
            return cand
    return "autre"


def _variant_copy(b: _Builder, a: int, i: int, rng: random.Random) -> tuple[list[str], str]:
    """The left copy of tokens ``a..i-1`` as a variant; returns (tokens, variant name)."""
    copy = list(b.tokens[a:i])
    kind = rng.choices(
        ["exact", "left-sub-inflect", "left-sub-word", "left-ins", "left-del", "left-cut"],
        weights=[0.34, 0.16, 0.12, 0.12, 0.12, 0.14],
    )[0]
    words_at = [j for j, t in enumerate(copy) if _core(t) and _core(t).isalpha()]
    if kind.startswith("left-sub") and words_at:
        j = rng.choice(words_at)
        core = _core(copy[j])
        new = _inflect(core, rng) if kind == "left-sub-inflect" else _other_word(b, rng, core)
        copy[j] = copy[j].replace(core, new, 1)
    elif kind == "left-ins":
        j = rng.randrange(0, len(copy) + 1)
        copy.insert(j, _other_word(b, rng, ""))
    elif kind == "left-del" and len(copy) >= 3:
        del copy[rng.randrange(0, len(copy) - 1)]  # not the last word: the seam stays
    elif kind == "left-cut" and _core(copy[-1]) and len(_core(copy[-1])) >= 3:
        last = _core(copy[-1])
        cut = rng.randint(1, len(last) - 1)
        copy[-1] = last[:cut] + rng.choice(["", "", "…", "-"])
    else:
        kind = "exact"
    return copy, kind


# --------------------------------------------------------------------------------------------
# Seam damage


def _seams(b: _Builder, rng: random.Random, lo: int = 8, hi: int = 40) -> list[int]:
    """Chunk boundaries: token indices ``i`` where a new chunk starts (gap ``i-1``)."""
    seams: list[int] = []
    i = rng.randint(lo, hi)
    while i < len(b):
        seams.append(i)
        i += rng.randint(lo, hi)
    return seams


def _overlap(b: _Builder, i: int, rng: random.Random) -> bool:
    """Chunk ``i..`` re-emits the last 2-20 tokens of the chunk before the seam ``i``."""
    k = min(rng.choice([2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20]), i - 1)
    a = i - k
    if k < 2 or not b.free(a - 1, i) or not b.same_line(a, i - 1):
        return False
    if rng.random() < 0.16:
        return _overlap_right_cut(b, a, i, rng)
    sep = _choice(rng, OVERLAP_SEPARATORS)
    copy, variant = _variant_copy(b, a, i, rng)
    if sep.strip():  # "capital ;" - the left copy loses its final punctuation
        copy[-1] = TRAILING_PUNCT.sub("", copy[-1]) or copy[-1]
    left = " ".join(copy)
    b.pre[a] = left + sep
    if "\n" in sep and rng.random() < 0.25:  # the next chunk starts with a capital letter
        b.tok[a] = b.tokens[a][:1].upper() + b.tokens[a][1:]
    b.lock(a - 1, i)
    b.add("overlap", f"{variant}{sep!r}", left, a)
    return True


def _overlap_right_cut(b: _Builder, a: int, i: int, rng: random.Random) -> bool:
    """The re-emitted copy stops short: ``... monde entier » ;\\ncette stratégie ... dans le``."""
    k = i - a
    keep = rng.randint(1, k - 1)
    copy = list(b.tokens[a : a + keep])
    nxt = _core(b.tokens[a + keep])
    if len(nxt) >= 4 and rng.random() < 0.4:
        copy.append(nxt[: rng.randint(1, len(nxt) - 1)])
    ends_punct = bool(TRAILING_PUNCT.search(b.tokens[i - 1]))
    sep = "\n" if ends_punct else _choice(rng, OVERLAP_SEPARATORS)
    right = " ".join(copy)
    gap = b.gaps[i - 1] if i - 1 < len(b.gaps) else ""
    b.post[i - 1] = sep + right
    b.gap[i - 1] = gap if "\n" in gap else rng.choice([" ", "\n"])
    b.lock(a, i)
    b.add("overlap", f"right-cut{sep!r}", right, i - 1)
    return True


def _stutter(b: _Builder, i: int, rng: random.Random, lang: str) -> bool:
    """A word doubled across the line break at seam ``i``."""
    forms = FULL_FORMS.get(lang, {})
    if forms and rng.random() < 0.7:  # move the seam before a nearby elided word (de + d’)
        for j in range(i, min(i + 8, len(b))):
            m = ELIDED.match(b.tokens[j])
            if m and m["el"].casefold() in forms:
                i = j
                break
    if not b.free(i - 1, i) or not b.inline(i - 1):
        return False
    m = ELIDED.match(b.tokens[i])
    if m and m["el"].casefold() in forms and rng.random() < 0.8:
        full = rng.choice(forms[m["el"].casefold()])
        if m["el"][0].isupper():
            full = full.capitalize()
        b.post[i - 1] = " " + full
        b.gap[i - 1] = "\n"
        b.lock(i - 1, i)
        b.add("stutter", "elision", full, i)
        return True
    word = _core(b.tokens[i - 1])
    if not word or not word.isalpha() or TRAILING_PUNCT.search(b.tokens[i - 1]):
        return False
    # "ses\nses propres", "Le\nle mois": the second copy starts the next line.
    case = rng.choice(["same", "same", "lower", "capital"])
    dup = {"same": word, "lower": word.lower(), "capital": word.capitalize()}[case]
    b.gap[i - 1] = "\n"
    b.pre[i] = dup + " "
    b.lock(i - 1, i)
    b.add("stutter", case, dup, i)
    return True


def _separator(b: _Builder, i: int, rng: random.Random) -> bool:
    """A stray separator line or a dangling separator at seam ``i``."""
    if not b.free(i - 1, i) or not b.inline(i - 1):
        return False
    if TRAILING_PUNCT.search(b.tokens[i - 1]) or not WORD.match(b.tokens[i]):
        return False
    sep = _choice(rng, STRAY_SEPARATORS)
    form = rng.choices(["line", "end", "start"], weights=[0.5, 0.35, 0.15])[0]
    b.gap[i - 1] = {"line": f"\n{sep}\n", "end": f" {sep}\n", "start": f"\n{sep} "}[form]
    b.lock(i - 1, i)
    b.add("separator", form, sep, i, injected=0)
    return True


def _sentence_starts(b: _Builder) -> list[int]:
    starts = []
    for j, token in enumerate(b.tokens):
        first = token[:1]
        if not (first.isalpha() and first.isupper()):
            continue
        if j == 0 or not b.inline(j - 1) or regex.search(r"[.!?:]$", b.tokens[j - 1]):
            starts.append(j)
    return starts


def _restart(b: _Builder, s: int, rng: random.Random) -> bool:
    """A sentence begun (3-8 words), abandoned, and begun again in full."""
    m = rng.randint(3, 8)
    if not b.free(s - 1 if s else 0, s + m + 1) or not b.same_line(s, s + m + 1):
        return False
    part = [b.tokens[j] for j in range(s, s + m)]
    if any(TRAILING_PUNCT.search(t) and not t.endswith(("’", "'")) for t in part[:-1]):
        return False  # the begun clause stays inside one clause
    part[-1] = TRAILING_PUNCT.sub("", part[-1]) or part[-1]
    nxt = _core(b.tokens[s + m])
    ending = rng.choices(["", "partial", "…", " -", "—"], weights=[0.45, 0.2, 0.15, 0.1, 0.1])[0]
    text = " ".join(part)
    if ending == "partial" and len(nxt) >= 4:
        text += " " + nxt[: rng.randint(2, len(nxt) - 1)]
    elif ending not in {"", "partial"}:
        text += ending
    sep = _choice(rng, RESTART_SEPARATORS)
    b.pre[s] = text + sep
    b.lock(s - 1 if s else 0, s + m)
    b.add("restart", ending or "plain", text, s)
    return True


def _loop(b: _Builder, i: int, rng: random.Random) -> bool:
    """A word or phrase (1-6 words) repeated 3-8 times in a row."""
    n = rng.choices([1, 2, 3, 4, 5, 6], weights=[0.25, 0.25, 0.2, 0.12, 0.1, 0.08])[0]
    if not b.free(i - 1 if i else 0, i + n) or not b.same_line(i, i + n - 1):
        return False
    phrase = [b.tokens[j] for j in range(i, i + n)]
    if any(not _core(t) for t in phrase) or any(TRAILING_PUNCT.search(t) for t in phrase[:-1]):
        return False
    phrase[-1] = TRAILING_PUNCT.sub("", phrase[-1]) or phrase[-1]
    copies = rng.randint(3, 8)
    joiner = rng.choices([" ", ", ", "\n"], weights=[0.75, 0.15, 0.1])[0]
    text = joiner.join([" ".join(phrase)] * (copies - 1)) + joiner
    b.pre[i] = text
    b.lock(i - 1 if i else 0, i + n)
    b.add("loop", f"{n}x{copies}", text, i)
    return True


# --------------------------------------------------------------------------------------------
# Unicode damage


def _mojibake(text: str) -> str:
    """``text`` encoded as UTF-8 and read as Windows-1252 (Latin-1 for its holes)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def _entity(ch: str, rng: random.Random) -> str:
    name = html.entities.codepoint2name.get(ord(ch))
    if name and ch not in "<>" and rng.random() < 0.6:
        return f"&{name};"
    return f"&#{ord(ch)};" if rng.random() < 0.6 else f"&#x{ord(ch):x};"


def _unicode(b: _Builder, j: int, rng: random.Random) -> bool:
    token = b.tok.get(j, b.tokens[j])
    if j in b.locked or not _core(token):
        return False
    non_ascii = [c for c in token if ord(c) > 127]
    kind = rng.choices(["mojibake", "entity", "invisible"], weights=[0.4, 0.3, 0.3])[0]
    if kind == "mojibake" and non_ascii:
        new = _mojibake(token)
    elif kind == "entity" and (non_ascii or regex.search(r"[&'\"]", token)):
        targets = [k for k, c in enumerate(token) if ord(c) > 127 or c in "&'\""]
        k = rng.choice(targets)
        new = token[:k] + _entity(token[k], rng) + token[k + 1 :]
    else:
        core = _core(token)
        if len(core) < 5 or not core.isalpha():
            return False
        kind = "invisible"
        start = token.index(core)
        k = start + rng.randint(2, len(core) - 2)
        new = token[:k] + rng.choice(INVISIBLES) + token[k:]
    b.tok[j] = new
    b.locked.add(j)
    b.add("unicode", kind, new, j, injected=0)
    return True


def _unicode_damage(b: _Builder, rng: random.Random, count: int) -> None:
    candidates = [j for j in range(len(b)) if j not in b.locked]
    rng.shuffle(candidates)
    # Prefer words with non-ASCII characters (mojibake needs them), keep some others.
    candidates.sort(key=lambda j: (all(ord(c) < 128 for c in b.tokens[j]), rng.random() < 0.3))
    done = 0
    for j in candidates:
        if done >= count:
            break
        done += _unicode(b, j, rng)


# --------------------------------------------------------------------------------------------
# Hard wraps


def wrap(text: str, width: int, rng: random.Random, *, hyphenate: float = 0.25) -> str:
    """Hard-wrap every line of ``text`` at ``width``, sometimes hyphenating long words.

    Args:
        text: The text; each line is wrapped on its own.
        width: The line width.
        rng: Random source.
        hyphenate: Probability that a long word at a line end is split with ``-``.

    Returns:
        The wrapped text.
    """
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            if not current:
                current = word
                continue
            if len(current) + 1 + len(word) <= width:
                current += " " + word
                continue
            room = width - len(current) - 2  # room for " " and "-"
            core = _core(word)
            if "-" in word[1:-1] and rng.random() < 0.5:  # a genuine hyphen at the break
                k = word.index("-", 1) + 1
                if k <= room + 1:
                    out.append(current + " " + word[:k])
                    current = word[k:]
                    continue
            if (
                room >= 3
                and len(core) >= 8
                and core.isalpha()
                and word.startswith(core[:3])
                and rng.random() < hyphenate
            ):
                k = rng.randint(3, min(room, len(core) - 3))
                out.append(current + " " + word[:k] + "-")
                current = word[k:]
                continue
            out.append(current)
            current = word
        out.append(current)
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Families

DENSITIES: dict[str, float] = {"low": 0.15, "mid": 0.3, "high": 0.5}


def _seam_family(
    b: _Builder,
    rng: random.Random,
    density: float,
    action: Callable[[int], bool],
    *,
    breaks: float = 0.4,
) -> None:
    seams = _seams(b, rng)
    before = len(b.events)
    for i in seams:
        if rng.random() < density and action(i):
            continue
        if b.inline(i - 1) and i - 1 not in b.gap and i - 1 not in b.post and rng.random() < breaks:
            b.gap[i - 1] = "\n"  # an undamaged seam: the chunk ends its line
    if len(b.events) == before and len(b) > 12:  # every damaged document holds some damage
        for _ in range(20):
            i = rng.randrange(4, len(b) - 1)
            if i - 1 not in b.gap and action(i):
                break


def corrupt(doc: Document, family: str, seed: int = 0) -> Sample:
    """Damage ``doc`` with one family (or ``mixed``), deterministically.

    Args:
        doc: A clean document.
        family: One of :data:`FAMILIES`.
        seed: The run's seed; the sample depends only on it, the family and the document id.

    Returns:
        The damaged sample, with the document's text as reference.
    """
    rng = random.Random(f"{seed}:{family}:{doc.id}")
    density_name = rng.choice(list(DENSITIES))
    density = DENSITIES[density_name]
    b = _Builder(doc.text)
    if not len(b):
        return _sample(doc, family, density_name, doc.text, [])  # no word to damage
    wrapped = False
    if family == "overlap":
        _seam_family(b, rng, density + 0.1, lambda i: _overlap(b, i, rng))
    elif family == "stutter":
        _seam_family(b, rng, density + 0.1, lambda i: _stutter(b, i, rng, doc.lang))
    elif family == "separator":
        _seam_family(b, rng, density + 0.1, lambda i: _separator(b, i, rng))
    elif family == "restart":
        starts = _sentence_starts(b)
        rng.shuffle(starts)
        for s in starts[: max(1, round(len(starts) * (density + 0.1)))]:
            _restart(b, s, rng)
        _seam_family(b, rng, 0.0, lambda i: False)
    elif family == "loop":
        for _ in range(rng.randint(1, 2 + round(6 * density))):
            for _attempt in range(10):
                if _loop(b, rng.randrange(len(b)), rng):
                    break
    elif family == "unicode":
        _unicode_damage(b, rng, rng.randint(3, 10))
        if rng.random() < 0.2:  # a whole line decoded with the wrong codec
            lines = b.render().split("\n")
            k = rng.randrange(len(lines))
            if any(ord(c) > 127 for c in lines[k]):
                b.add("unicode", "mojibake-line", lines[k][:60], 0, injected=0)
                lines[k] = _mojibake(lines[k])
            return _sample(doc, family, density_name, "\n".join(lines), b.events)
    elif family == "wrap":
        width = rng.randint(40, 100)
        hyphenate = rng.choice([0.0, 0.2, 0.5])
        joiner = "\n\n" if rng.random() < 0.4 else "\n"  # blank lines between paragraphs?
        text = joiner.join(wrap(p, width, rng, hyphenate=hyphenate) for p in doc.text.split("\n"))
        b.add("wrap", f"width {width}", "", 0, injected=0)
        return _sample(doc, family, density_name, text, b.events)
    elif family in {"mixed", "mixed-rep"}:
        lang = doc.lang
        weights = [0.45, 0.15, 0.25, 0.15] if family == "mixed" else [0.55, 0.2, 0.25, 0.0]

        def action(i: int) -> bool:
            which = rng.choices(["overlap", "stutter", "separator", "none"], weights=weights)[0]
            if which == "overlap":
                return _overlap(b, i, rng)
            if which == "stutter":
                return _stutter(b, i, rng, lang)
            if which == "separator":
                return _separator(b, i, rng)
            return False

        breaks = 0.4 if family == "mixed" else 0.0
        _seam_family(b, rng, density + 0.15, action, breaks=breaks)
        starts = _sentence_starts(b)
        rng.shuffle(starts)
        for s in starts[: rng.randint(0, 2)]:
            _restart(b, s, rng)
        for _ in range(rng.randint(0, 2)):
            for _attempt in range(10):
                if _loop(b, rng.randrange(len(b)), rng):
                    break
        _unicode_damage(b, rng, rng.randint(0, 5))
        wrapped = family == "mixed" and rng.random() < 0.5
    else:
        msg = f"unknown family {family!r}; expected one of {', '.join(FAMILIES)}"
        raise ValueError(msg)
    damaged = b.render()
    if wrapped:
        width = rng.randint(40, 100)
        damaged = wrap(damaged, width, rng, hyphenate=rng.choice([0.0, 0.3]))
        b.add("wrap", f"width {width}", "", 0, injected=0)
        if rng.random() < 0.5:
            damaged = _tiles(b, damaged, rng)
    return _sample(doc, family, density_name, damaged, b.events)


def _tiles(b: _Builder, text: str, rng: random.Random) -> str:
    """Scanned tiles that overlap: one or two wrapped lines read twice in a row."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 2)):
        if len(lines) < 4:
            break
        k = rng.randrange(1, len(lines) - 2)
        tile = lines[k : k + rng.choice([1, 1, 2])]
        if all(line.strip() for line in tile) and lines[k - 1].strip():
            lines[k + len(tile) : k + len(tile)] = tile
            b.add("overlap", f"tile-{len(tile)}-line", "\n".join(tile), 0)
    return "\n".join(lines)


def _sample(doc: Document, family: str, density: str, damaged: str, events: list[Event]) -> Sample:
    return Sample(doc, family, density, damaged, doc.text, tuple(events))


def clean_sample(doc: Document) -> Sample:
    """The undamaged document as a sample (family ``clean``)."""
    return Sample(doc, "clean", "none", doc.text, doc.text, ())
