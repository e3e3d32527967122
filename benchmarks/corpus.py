"""Real clean text in several languages, fetched from Debian packages at run time.

The corpus is never stored in the repository: :func:`ensure_packages` downloads the ``.deb``
files with ``apt-get download`` into ``benchmarks/.data/`` (gitignored) and extracts them with
``dpkg-deb -x``; :func:`build_corpus` turns them into documents.

Sources (each under its Debian package's own licence, see ``benchmarks/README.md``):

* ``debian-reference-{fr,de,it,es,pt,en}``: the Debian Reference in HTML. Paragraphs of prose
  (left untranslated paragraphs out), and, as clean text with genuine repetition, its shell
  sessions (``<pre class="screen">``), its lists whose items share a prefix and its tables.
* ``fortunes``, ``fortunes-de``, ``fortunes-it``, ``fortunes-es``, ``fortunes-br``: fortune
  cookies; those with refrains, anaphora or repeated phrases, keeping their line structure.
* ``manpages-nl``, ``manpages-nl-dev``: Dutch manual pages (roff); paragraphs of prose and
  option lists.

A document is prose (``kind="prose"``: several paragraphs, one paragraph per line, paragraphs
separated by ``"\\n"``) or clean text with genuine repetition (``kind="repetitive"``: poems,
lists, code, tables, option lists, with their own line structure). Documents are split into a
``tune`` and a ``heldout`` set by a stable hash of their id.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path

import regex

__all__ = [
    "LANGS",
    "DataUnavailableError",
    "Document",
    "build_corpus",
    "ensure_packages",
    "split_of",
    "stable_hash",
]

DATA_DIR = Path(__file__).resolve().parent / ".data"
CORPUS_VERSION = 5

#: Languages and the Debian packages each one is built from.
PACKAGES: dict[str, tuple[str, ...]] = {
    "fr": ("debian-reference-fr",),
    "de": ("debian-reference-de", "fortunes-de"),
    "it": ("debian-reference-it", "fortunes-it"),
    "es": ("debian-reference-es", "fortunes-es"),
    "pt": ("debian-reference-pt", "fortunes-br"),
    "en": ("debian-reference-en", "fortunes"),
    "nl": ("manpages-nl", "manpages-nl-dev"),
}
LANGS: tuple[str, ...] = tuple(PACKAGES)

#: A few frequent function words per language: a paragraph counts as written in a language
#: when it holds several of them and no more English ones (untranslated paragraphs are common
#: in the translations of the Debian Reference).
_STOPWORDS = {
    "fr": "le la les des du de un une et est pour dans que qui sur avec par pas sont ou aux ce "
    "cette il vous peut plus être en",
    "de": "der die das und ist nicht mit den dem ein eine für von auf sie zu im wird werden sich "
    "auch oder wenn kann es",
    "it": "il lo la gli le di del della che è per con non sono una un nel dei delle si come può "
    "essere questo anche",
    "es": "el la los las de del que y en es para con por una un se no como más puede su al este "
    "esta son",
    "pt": "o os as de do da dos das que e em é para com por uma um não se como mais pode no na ao "
    "seu sua",
    "en": "the of and to is in for that with this are be it as by on can you or not from an if "
    "which",
    "nl": "de het een en van is dat die niet in op te met voor zijn wordt als door er aan ook bij "
    "naar kan",
}
STOPWORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in _STOPWORDS.items()}

WORD = regex.compile(r"\w+")
SPACES = regex.compile(r"[ \t\r\n]+")  # ASCII whitespace only: no-break spaces are the author's


class DataUnavailableError(RuntimeError):
    """The Debian packages the corpus is built from could not be fetched."""


@dataclass(frozen=True, slots=True)
class Document:
    """One clean document.

    Attributes:
        id: Stable identifier (language/package/file/part).
        lang: ISO 639-1 language code.
        kind: ``"prose"`` or ``"repetitive"`` (clean text with genuine repetition).
        genre: ``prose``, ``poem``, ``list``, ``code``, ``table`` or ``options``.
        source: The Debian package it comes from.
        text: The clean text.
    """

    id: str
    lang: str
    kind: str
    genre: str
    source: str
    text: str

    @property
    def split(self) -> str:
        """``"tune"`` or ``"heldout"``, by a stable hash of the id."""
        return split_of(self.id)


def stable_hash(text: str) -> int:
    """A hash of ``text`` that is the same on every machine and every run."""
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def split_of(doc_id: str) -> str:
    """The set (``tune`` or ``heldout``) a document belongs to, about half and half."""
    return "heldout" if stable_hash("split:" + doc_id) % 2 else "tune"


# --------------------------------------------------------------------------------------------
# Fetching


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)


def ensure_packages(packages: Iterable[str], data_dir: Path = DATA_DIR) -> dict[str, Path]:
    """Download and extract Debian packages into ``data_dir`` (cached).

    Args:
        packages: Debian package names.
        data_dir: The cache folder; ``.deb`` files go to ``debs/``, trees to ``x/<package>/``.

    Returns:
        A mapping from each package that could be fetched to its extracted tree.

    Raises:
        DataUnavailableError: If no package at all could be fetched.
    """
    wanted = list(dict.fromkeys(packages))
    debs = data_dir / "debs"
    trees = data_dir / "x"
    debs.mkdir(parents=True, exist_ok=True)
    trees.mkdir(parents=True, exist_ok=True)
    result: dict[str, Path] = {}
    missing = [p for p in wanted if not (trees / p / ".complete").exists()]
    errors: dict[str, str] = {}
    if missing:
        if shutil.which("dpkg-deb") is None:
            errors = dict.fromkeys(missing, "dpkg-deb not found (a Debian-based system is needed)")
        elif shutil.which("apt-get") is None:
            no_apt = "apt-get not found (a Debian-based system is needed)"
            errors = {p: no_apt for p in missing if _find_deb(debs, p) is None}
        else:
            errors = _download(missing, debs)
        for package in missing:
            if package in errors:
                continue
            deb = _find_deb(debs, package)
            if deb is None:
                errors[package] = "no .deb file after apt-get download"
                continue
            dest = trees / package
            shutil.rmtree(dest, ignore_errors=True)
            dest.mkdir(parents=True)
            done = _run(["dpkg-deb", "-x", str(deb), str(dest)], data_dir)
            if done.returncode != 0:
                errors[package] = f"dpkg-deb -x failed: {done.stderr.strip()}"
                continue
            for pdf in dest.rglob("*.pdf"):  # not used; keeps the cache small
                pdf.unlink()
            (dest / ".complete").write_text(deb.name + "\n", encoding="utf-8")
    for package in wanted:
        if (trees / package / ".complete").exists():
            result[package] = trees / package
    by_reason: dict[str, list[str]] = {}
    for package, error in errors.items():
        by_reason.setdefault(error, []).append(package)
    reasons = "; ".join(f"{', '.join(pkgs)}: {why}" for why, pkgs in by_reason.items())
    if not result:
        msg = (
            f"could not fetch the corpus from Debian ({reasons}). The benchmark downloads its "
            "data with `apt-get download` on a Debian-based machine that reaches the Debian "
            "archive: run `apt-get update` (as root) and retry, or put the packages' .deb files "
            f"in {debs}"
        )
        raise DataUnavailableError(msg)
    if errors:
        print(f"warning: some Debian packages are unavailable ({reasons})", file=sys.stderr)
    return result


def _find_deb(debs: Path, package: str) -> Path | None:
    found = sorted(debs.glob(f"{package}_*.deb"))
    return found[-1] if found else None


def _download(packages: list[str], debs: Path) -> dict[str, str]:
    """``apt-get download`` the packages not yet in ``debs``; returns errors by package."""
    todo = [p for p in packages if _find_deb(debs, p) is None]
    if not todo:
        return {}
    done = _run(["apt-get", "download", *todo], debs)
    if done.returncode != 0 and os.geteuid() == 0:
        # The package lists may be missing or stale on a fresh machine: refresh them once.
        print("apt-get download failed; running apt-get update once", file=sys.stderr)
        _run(["apt-get", "update"], debs)
        todo = [p for p in todo if _find_deb(debs, p) is None]
        done = _run(["apt-get", "download", *todo], debs)
    errors: dict[str, str] = {}
    if done.returncode != 0:
        # Retry one at a time so that one missing package does not sink the others.
        for package in todo:
            if _find_deb(debs, package) is not None:
                continue
            one = _run(["apt-get", "download", package], debs)
            if one.returncode != 0 or _find_deb(debs, package) is None:
                lines = [ln for ln in one.stderr.splitlines() if ln.startswith("E:")]
                errors[package] = (lines[0] if lines else one.stderr.strip())[:300]
    return errors


# --------------------------------------------------------------------------------------------
# Helpers


def normalize_space(text: str) -> str:
    """Collapse runs of ASCII whitespace into one space and strip the ends."""
    return SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Casefolded ``\\w+`` words."""
    return WORD.findall(text.casefold())


def in_language(text: str, lang: str) -> bool:
    """Whether ``text`` looks written in ``lang`` (by its function words)."""
    tokens = words(text)
    own = sum(t in STOPWORDS[lang] for t in tokens)
    if lang == "en":
        return own >= 3
    english = sum(t in STOPWORDS["en"] for t in tokens if t not in STOPWORDS[lang])
    return own >= 3 and own > english


def letter_ratio(text: str) -> float:
    """Share of letters and spaces among the characters of ``text``."""
    if not text:
        return 0.0
    return sum(ch.isalpha() or ch == " " for ch in text) / len(text)


def repetition_score(text: str) -> int:
    """How much genuine repetition a clean text holds (repeated lines, anaphora, phrases)."""
    lines = [normalize_space(ln).casefold() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    score = 0
    line_counts = Counter(lines)
    score += 3 * sum(c - 1 for c in line_counts.values() if c > 1)
    firsts = Counter(w[0] for w in (words(ln) for ln in lines) if w)
    score += 2 * sum(c - 1 for c in firsts.values() if c > 1)
    toks = words(text)
    bigrams = Counter(zip(toks, toks[1:], strict=False))
    score += sum(c - 1 for c in bigrams.values() if c > 1)
    return score


# --------------------------------------------------------------------------------------------
# Debian Reference (HTML)


@dataclass(slots=True)
class _Block:
    kind: str  # "p", "pre", "list", "table"
    text: str = ""
    items: list[str] | None = None


class _ReferenceParser(HTMLParser):
    """Collects paragraphs, shell sessions, lists and tables from a DocBook HTML chapter."""

    SKIP_CLASSES = frozenset({"toc", "navheader", "navfooter", "title", "titlepage"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[_Block] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipping)
        self._skip = 0
        self._p: list[str] | None = None
        self._pre: list[str] | None = None
        self._lists: list[list[str]] = []
        self._item: list[list[str]] = []
        self._table: list[list[str]] | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    VOID = frozenset({"br", "img", "hr", "meta", "link", "col", "input"})

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            if tag == "br":
                self.handle_data(" ")
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = bool(classes & self.SKIP_CLASSES) or tag in {"script", "style", "head"}
        self._stack.append((tag, skipping))
        if skipping:
            self._skip += 1
        if self._skip:
            return
        if tag == "pre" and self._table is None:
            self._pre = []
        elif tag == "table":
            self._table = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in {"td", "th"} and self._row is not None:
            self._cell = []
        elif tag in {"ul", "ol"}:
            self._lists.append([])
        elif tag == "li" and self._lists:
            self._item.append([])
        elif tag == "p" and not self._item and self._table is None:
            self._p = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        # Pop up to the matching tag (tolerates unclosed elements).
        while self._stack:
            open_tag, skipping = self._stack.pop()
            if skipping:
                self._skip -= 1
            if not self._skip:
                self._close(open_tag)
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if tag == "pre" and self._pre is not None:
            self.blocks.append(_Block("pre", "".join(self._pre)))
            self._pre = None
        elif tag in {"td", "th"} and self._cell is not None and self._row is not None:
            self._row.append(normalize_space("".join(self._cell)))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self._table.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            rows = [" | ".join(r) for r in self._table if any(r)]
            self.blocks.append(_Block("table", items=rows))
            self._table = None
        elif tag == "li" and self._item:
            text = normalize_space("".join(self._item.pop()))
            if self._lists and text:
                self._lists[-1].append(text)
            if self._item:  # a nested item's text also belongs to its parent item
                self._item[-1].append(" ")
        elif tag in {"ul", "ol"} and self._lists:
            items = self._lists.pop()
            self.blocks.append(_Block("list", items=items))
        elif tag == "p" and self._p is not None:
            self.blocks.append(_Block("p", normalize_space("".join(self._p))))
            self._p = None

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if self._pre is not None:
            self._pre.append(data)
            return
        if self._cell is not None:
            self._cell.append(data)
        elif self._item:
            self._item[-1].append(data)
        elif self._p is not None:
            self._p.append(data)


def _reference_blocks(tree: Path) -> Iterator[tuple[str, list[_Block]]]:
    folder = tree / "usr" / "share" / "debian-reference"
    for path in sorted(folder.glob("ch*.html")) + sorted(folder.glob("pr*.html")):
        parser = _ReferenceParser()
        parser.feed(path.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        yield path.name.split(".")[0], parser.blocks


def _english_paragraphs(trees: dict[str, Path]) -> set[str]:
    tree = trees.get("debian-reference-en")
    if tree is None:
        return set()
    return {b.text for _, blocks in _reference_blocks(tree) for b in blocks if b.kind == "p"}


def _group_paragraphs(
    paragraphs: list[str], key: str, *, min_par: int = 3, max_words: int = 700
) -> Iterator[list[str]]:
    """Cut a run of paragraphs into documents of 3 to 8 paragraphs."""
    group: list[str] = []
    target = 4 + stable_hash(key + ":0") % 5
    count = 0
    for par in paragraphs:
        group.append(par)
        count += len(par.split())
        if len(group) >= target or count >= max_words:
            if len(group) >= min_par:
                yield group
            group, count = [], 0
            target = 4 + stable_hash(f"{key}:{len(group)}:{par[:20]}") % 5
    if len(group) >= min_par:
        yield group


def _without_repeats(paragraphs: list[str]) -> list[str]:
    """``paragraphs`` less any run of one to three said again right after itself.

    Some sources hold such runs (the HTML manuals and translated manual pages, where a
    paragraph was extracted twice): a clean reference must not hold the damage that the
    benchmark injects and scores.
    """
    kept: list[str] = []
    k = 0
    while k < len(paragraphs):
        for size in (1, 2, 3):
            if len(kept) >= size and paragraphs[k : k + size] == kept[-size:]:
                k += size
                break
        else:
            kept.append(paragraphs[k])
            k += 1
    return kept


def _good_paragraph(text: str, lang: str) -> bool:
    """A paragraph of real sentences: 12-220 words, mostly letters, in ``lang``, and not a
    fragment (it does not start with a lower-case letter)."""
    n = len(text.split())
    if not 12 <= n <= 220 or text[0].islower():
        return False
    return letter_ratio(text) >= 0.8 and in_language(text, lang)


def _reference_documents(
    lang: str, package: str, tree: Path, english: set[str]
) -> Iterator[Document]:
    for chapter, blocks in _reference_blocks(tree):
        paragraphs = _without_repeats(
            [
                b.text
                for b in blocks
                if b.kind == "p"
                and _good_paragraph(b.text, lang)
                and (lang == "en" or b.text not in english)
            ]
        )
        for n, group in enumerate(_group_paragraphs(paragraphs, f"{package}/{chapter}")):
            yield Document(
                f"{lang}/{package}/{chapter}/prose{n}",
                lang,
                "prose",
                "prose",
                package,
                "\n".join(group),
            )
        # Shell sessions and program listings: runs of lines sharing prompts and commands.
        pres = [b.text.strip("\n") for b in blocks if b.kind == "pre"]
        pres = [
            p for p in pres if 2 <= p.count("\n") + 1 <= 40 and max(map(len, p.split("\n"))) <= 120
        ]
        part: list[str] = []
        n = 0
        for pre in pres:
            part.append(pre)
            if sum(p.count("\n") + 1 for p in part) >= 10:
                text = "\n\n".join(part)
                if repetition_score(text) >= 4:
                    yield Document(
                        f"{lang}/{package}/{chapter}/code{n}",
                        lang,
                        "repetitive",
                        "code",
                        package,
                        text,
                    )
                    n += 1
                part = []
        # Lists whose items share a prefix, and tables (package lists, commands, paths).
        for n, block in enumerate(b for b in blocks if b.kind == "list" and b.items):
            items = block.items or []
            firsts = Counter(w[0] for w in map(words, items) if w)
            if len(items) >= 3 and max(firsts.values(), default=0) >= 2:
                text = "\n".join("- " + it for it in items[:25])
                if letter_ratio(text) >= 0.6:
                    yield Document(
                        f"{lang}/{package}/{chapter}/list{n}",
                        lang,
                        "repetitive",
                        "list",
                        package,
                        text,
                    )
        for n, block in enumerate(b for b in blocks if b.kind == "table" and b.items):
            rows = (block.items or [])[:25]
            if len(rows) >= 4:
                text = "\n".join(rows)
                if repetition_score(text) >= 4:
                    yield Document(
                        f"{lang}/{package}/{chapter}/table{n}",
                        lang,
                        "repetitive",
                        "table",
                        package,
                        text,
                    )


# --------------------------------------------------------------------------------------------
# Fortunes


FORTUNE_SKIP = frozenset({"asciiart", "ascii-art", "banner", "translate-me", "off"})


def _fortune_files(tree: Path) -> Iterator[Path]:
    root = tree / "usr" / "share" / "games"
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        if path.suffix in {".dat", ".u8", ".gz"} or path.name.endswith("-pre"):
            continue
        if set(path.relative_to(root).parts) & FORTUNE_SKIP or path.stem in FORTUNE_SKIP:
            continue
        yield path


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _fortune_documents(lang: str, package: str, tree: Path) -> Iterator[Document]:
    chosen: list[tuple[int, str, str]] = []
    for path in _fortune_files(tree):
        text = _read_text(path).replace("\r\n", "\n")
        for n, raw in enumerate(regex.split(r"(?m)^%[ \t]*\n", text)):
            cookie = "\n".join(ln.rstrip() for ln in raw.strip("\n").split("\n"))
            lines = [ln for ln in cookie.split("\n") if ln.strip()]
            if len(lines) < 3 or len(words(cookie)) < 20 or len(cookie) > 1500:
                continue
            if letter_ratio(cookie) < 0.75 or max(map(len, lines)) > 100:
                continue
            if not in_language(cookie, lang) or repetition_score(cookie) < 3:
                continue
            key = f"{lang}/{package}/{path.name}/{n}"
            chosen.append((stable_hash(key), key, cookie))
    chosen.sort()
    # Documents of one to three cookies (at least 60 words), separated by a blank line.
    group: list[str] = []
    for _, key, cookie in chosen:
        group.append(cookie)
        if sum(len(words(c)) for c in group) >= 60:
            yield Document(key, lang, "repetitive", "poem", package, "\n\n".join(group))
            group = []


# --------------------------------------------------------------------------------------------
# Manual pages (roff)

ROFF_ESCAPES = (
    (regex.compile(r"\\f(?:\[[^\]]*\]|\(..|.)"), ""),
    (regex.compile(r"\\s[-+]?\d"), ""),
    (regex.compile(r"\\\*?\((aq|cq)|\\\[aq\]"), "'"),
    (regex.compile(r"\\\*?\(lq|\\\[lq\]"), "“"),
    (regex.compile(r"\\\*?\(rq|\\\[rq\]"), "”"),
    (regex.compile(r"\\\(em|\\\[em\]"), "—"),
    (regex.compile(r"\\\(en|\\\[en\]"), "–"),
    (regex.compile(r"\\\(co|\\\[co\]"), "©"),
    (regex.compile(r"\\\(bu|\\\[bu\]"), "•"),
    (regex.compile(r"\\\(dq|\\\[dq\]"), '"'),
    (regex.compile(r"\\\(ha|\\\[ha\]"), "^"),
    (regex.compile(r"\\\(ti|\\\[ti\]"), "~"),
    (regex.compile(r"\\[-]"), "-"),
    (regex.compile(r"\\[e\\]"), "\\\\"),
    (regex.compile(r"\\[&,/:c%]|\\\|\\\^"), ""),
    (regex.compile(r"\\[ ~0]"), " "),
    (regex.compile(r"\\\((..)|\\\[[^\]]*\]"), ""),
)
ROFF_FONT_MACROS = frozenset({"B", "I", "SM", "SB"})
ROFF_ALT_MACROS = frozenset({"BR", "RB", "IR", "RI", "BI", "IB"})


def _roff_text(line: str) -> str:
    for pattern, repl in ROFF_ESCAPES:
        line = pattern.sub(repl, line)
    return line


def _roff_args(rest: str) -> list[str]:
    return [a.strip('"') for a in regex.findall(r'"[^"]*"|\S+', rest)]


def _man_blocks(text: str) -> list[_Block]:
    """Paragraphs (``p``) and tagged option items (``item``) of a manual page."""
    blocks: list[_Block] = []
    buf: list[str] = []
    mode = "p"
    tag_pending = False
    tag = ""
    nofill = False
    skipping = False

    def flush() -> None:
        nonlocal buf, tag
        body = normalize_space(" ".join(buf))
        if mode == "item" and tag:
            blocks.append(_Block("item", body, items=[tag]))
        elif body:
            blocks.append(_Block("p" if not nofill else "pre", body))
        buf = []
        tag = ""

    for raw in text.split("\n"):
        if raw.startswith(('.\\"', "'\\\"", '.\\"')) or raw in {".", "'"}:
            continue
        if skipping:
            if raw.startswith((".TE", "..", ".EE", ".fi")):
                skipping = False
            continue
        if raw.startswith((".", "'")):
            name, _, rest = raw[1:].strip().partition(" ")
            if name in {"TS", "de", "EX"} or (name == "nf"):
                flush()
                skipping = True
                continue
            if name in {"SH", "SS"}:
                flush()
                blocks.append(_Block("section", _roff_text(rest).strip('"')))
                mode = "p"
                continue
            if name in {"PP", "P", "LP", "sp", "RS", "RE", "in", "br"}:
                flush()
                mode = "p"
                continue
            if name == "TP":
                flush()
                mode = "item"
                tag_pending = True
                continue
            if name == "IP":
                flush()
                args = _roff_args(rest)
                mode = "item" if args and args[0] else "p"
                tag = _roff_text(args[0]) if args else ""
                continue
            if name in ROFF_FONT_MACROS:
                line = " ".join(_roff_args(rest))
            elif name in ROFF_ALT_MACROS:
                line = "".join(_roff_args(rest))
            elif name in {"UR", "MT"}:
                line = rest
            else:
                continue  # formatting requests without text
        else:
            line = raw
        line = _roff_text(line)
        if tag_pending:
            tag = normalize_space(line)
            tag_pending = False
            continue
        buf.append(line)
    flush()
    return blocks


def _man_documents(lang: str, package: str, tree: Path) -> Iterator[Document]:
    root = tree / "usr" / "share" / "man"
    paragraphs: list[tuple[str, str]] = []  # (page, paragraph)
    for path in sorted(root.rglob("*.gz")):
        page = path.name.removesuffix(".gz")
        try:
            text = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        except (OSError, EOFError):
            continue
        blocks = _man_blocks(text)
        items: list[str] = []
        n_items = 0

        def emit_items(items: list[str], page: str, n: int) -> Iterator[Document]:
            if len(items) >= 4:
                body = "\n".join(items[:20])
                if in_language(body, lang) and repetition_score(body) >= 4:
                    yield Document(
                        f"{lang}/{package}/{page}/options{n}",
                        lang,
                        "repetitive",
                        "options",
                        package,
                        body,
                    )

        for block in blocks:
            if block.kind == "item" and block.items:
                items.append(f"{block.items[0]}\n       {block.text}".rstrip())
                continue
            if items:
                yield from emit_items(items, page, n_items)
                n_items += 1
                items = []
            if block.kind == "p" and _good_paragraph(block.text, lang):
                paragraphs.append((page, block.text))
        if items:
            yield from emit_items(items, page, n_items)
    # Prose: consecutive paragraphs of a page, or of neighbouring pages when pages are short.
    runs: dict[str, list[str]] = {}
    for page, par in paragraphs:
        runs.setdefault(page, []).append(par)
    pending: list[str] = []
    n = 0
    for page in sorted(runs):
        pending.extend(_without_repeats(runs[page]))
        if len(pending) >= 3:
            for group in _group_paragraphs(pending, f"{package}/{page}"):
                yield Document(
                    f"{lang}/{package}/{page}/prose{n}",
                    lang,
                    "prose",
                    "prose",
                    package,
                    "\n".join(group),
                )
                n += 1
            pending = []


# --------------------------------------------------------------------------------------------
# Corpus


def _documents_for(lang: str, trees: dict[str, Path], english: set[str]) -> Iterator[Document]:
    for package in PACKAGES[lang]:
        tree = trees.get(package)
        if tree is None:
            continue
        if package.startswith("debian-reference"):
            yield from _reference_documents(lang, package, tree, english)
        elif package.startswith("fortunes"):
            yield from _fortune_documents(lang, package, tree)
        elif package.startswith("manpages"):
            yield from _man_documents(lang, package, tree)


#: Relative weight of each genre among the repetitive documents of a language.
GENRE_SHARE = {"poem": 0.5, "code": 0.2, "list": 0.2, "table": 0.15, "options": 0.5}


def _select(docs: list[Document], kind: str, cap: int) -> list[Document]:
    """Up to ``cap`` documents of ``kind`` by stable hash, genres in :data:`GENRE_SHARE`."""
    pool = sorted((d for d in docs if d.kind == kind), key=lambda d: stable_hash(d.id))
    if kind == "prose":
        return pool[:cap]
    by_genre: dict[str, list[Document]] = {}
    for doc in pool:
        by_genre.setdefault(doc.genre, []).append(doc)
    total = sum(GENRE_SHARE.get(g, 0.3) for g in by_genre) or 1.0
    chosen: list[Document] = []
    for genre in sorted(by_genre):
        quota = round(cap * GENRE_SHARE.get(genre, 0.3) / total)
        chosen += by_genre[genre][:quota]
    rest = [d for d in pool if d not in chosen]  # fill up when a genre falls short
    chosen += rest[: max(0, cap - len(chosen))]
    return sorted(chosen[:cap], key=lambda d: stable_hash(d.id))


def build_corpus(
    langs: Iterable[str] = LANGS,
    *,
    prose_per_lang: int = 50,
    repetitive_per_lang: int = 30,
    data_dir: Path = DATA_DIR,
) -> list[Document]:
    """Fetch (if needed) and build the corpus.

    Args:
        langs: Language codes (see :data:`LANGS`).
        prose_per_lang: At most this many prose documents per language.
        repetitive_per_lang: At most this many clean documents with genuine repetition.
        data_dir: Cache folder for the packages and the built corpus.

    Returns:
        Documents, in a deterministic order (language, kind, id).
    """
    langs = [lang for lang in langs if lang in PACKAGES]
    cache = data_dir / f"corpus-v{CORPUS_VERSION}.json"
    everything: dict[str, list[Document]] = {}
    if cache.exists():
        try:
            raw = json.loads(cache.read_text(encoding="utf-8"))
            everything = {k: [Document(**d) for d in v] for k, v in raw.items()}
        except (ValueError, TypeError):
            everything = {}
    todo = [lang for lang in langs if lang not in everything]
    if todo:
        packages = [p for lang in todo for p in PACKAGES[lang]]
        if any(lang != "en" for lang in todo if PACKAGES[lang][0].startswith("debian-ref")):
            packages.append("debian-reference-en")  # to leave untranslated paragraphs out
        trees = ensure_packages(packages, data_dir)
        english = _english_paragraphs(trees)
        for lang in todo:
            docs = list(_documents_for(lang, trees, english))
            if docs:
                everything[lang] = docs
            else:
                print(f"warning: no documents for language {lang}", file=sys.stderr)
        data_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        tmp.write_text(
            json.dumps(
                {k: [asdict(d) for d in v] for k, v in everything.items()}, ensure_ascii=False
            ),
            encoding="utf-8",
        )
        tmp.replace(cache)
    corpus: list[Document] = []
    for lang in langs:
        docs = everything.get(lang, [])
        corpus += _select(docs, "prose", prose_per_lang)
        corpus += _select(docs, "repetitive", repetitive_per_lang)
    return corpus


def describe(corpus: list[Document]) -> str:
    """A one-line-per-language summary of the corpus."""
    rows: dict[str, Counter[str]] = {}
    sources: dict[str, set[str]] = {}
    for doc in corpus:
        rows.setdefault(doc.lang, Counter())[f"{doc.kind}/{doc.split}"] += 1
        rows[doc.lang][f"genre:{doc.genre}"] += 1
        sources.setdefault(doc.lang, set()).add(doc.source)
    lines = []
    for lang, c in rows.items():
        genres = ", ".join(f"{k[6:]} {v}" for k, v in sorted(c.items()) if k.startswith("genre:"))
        lines.append(
            f"{lang}: prose {c['prose/tune']}+{c['prose/heldout']} (tune+heldout), "
            f"repetitive {c['repetitive/tune']}+{c['repetitive/heldout']} [{genres}] "
            f"from {', '.join(sorted(sources[lang]))}"
        )
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover - a manual look at the corpus
    docs = build_corpus()
    print(describe(docs))
    print(sum(len(d.text.encode()) for d in docs), "bytes")
