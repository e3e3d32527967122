"""Clean real-world documents: how often does ``textrepair`` remove a word from them?

Run from the repository root::

    python -m benchmarks.cleandocs             # full run (a few minutes on 2 cores)
    python -m benchmarks.cleandocs --quick     # a small subset (under a minute)
    python -m benchmarks.cleandocs --dump DIR  # removing edits with context, as JSONL

The documents come from Debian packages that the main benchmark (``benchmarks/corpus.py``)
does not use, fetched with its :func:`~benchmarks.corpus.ensure_packages` into
``benchmarks/.data/`` (gitignored) and never stored in the repository: translated manual pages
in many languages (a fixed sample of pages per language), HTML manuals (Debian Reference in
Japanese and Chinese, the New Maintainers' Guide and the Debian FAQ with their translations),
the reST sources of the Python documentation, fortune cookies in several languages, the licence
texts of ``base-files``, Debian's founding documents (``doc-debian``), and the changelogs and
READMEs that ship with those packages.

Every text is clean as published. It is cut at blank lines into documents of a few hundred to
a few thousand characters (deterministically: no randomness), labelled with a language and a
genre (``man``, ``html-doc``, ``rst``, ``fortune``, ``licence``, ``changelog``, ``readme``,
``plain``), and repaired with ``textrepair.repair``. A document counts as *changed* when at
least one edit removes words, that is any edit whose kind is not ``reflow``, ``whitespace``,
``hyphen`` or ``unicode``. The share of changed documents is the headline figure; it should be
0. The run also checks that ``clean`` is idempotent and that the edits replay on the input, on
every document, and records any exception.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import regex

import textrepair
from benchmarks.corpus import (
    DATA_DIR,
    DataUnavailableError,
    _man_blocks,
    ensure_packages,
    in_language,
    normalize_space,
    stable_hash,
)
from textrepair.__main__ import _version

__all__ = [
    "Document",
    "Outcome",
    "html_to_text",
    "main",
    "roff_to_text",
    "split_documents",
    "summarize",
]

HERE = Path(__file__).resolve().parent
OUTPUT = HERE / "cleandocs-results.md"
CACHE_VERSION = 2  # bump when the extraction changes

#: Edit kinds that do not remove words: joining hard wraps, tidying spaces, dropping a hyphen
#: at a line wrap, and Unicode repairs (mojibake, entities, invisible characters).
NON_REMOVING = frozenset({"reflow", "whitespace", "hyphen", "unicode"})
GENRES = ("man", "html-doc", "rst", "fortune", "licence", "changelog", "readme", "plain")

#: Manual pages: one package per language (its pages sit under ``usr/share/man/<locale>/``).
MAN_PACKAGES = tuple(
    f"manpages-{lang}"
    for lang in (
        "cs da de el es fi fr hu it ja pl pt-br ro ru sv uk vi zh".split()  # noqa: SIM905
    )
)
#: HTML manuals not used by the main benchmark (the language is in each file's name).
HTML_PACKAGES = (
    "debian-reference-ja",
    "debian-reference-zh-cn",
    "maint-guide",
    "maint-guide-ca",
    "maint-guide-de",
    "maint-guide-es",
    "maint-guide-fr",
    "maint-guide-it",
    "maint-guide-ja",
    "maint-guide-ru",
    "maint-guide-zh-cn",
    "debian-faq",
    "debian-faq-de",
    "debian-faq-fr",
    "debian-faq-it",
    "debian-faq-zh-cn",
)
RST_PACKAGES = ("python3.11-doc",)
#: Fortune packages and the language of their cookies.
FORTUNE_PACKAGES = {
    "fortunes-bofh-excuses": "en",
    "fortunes-cs": "cs",
    "fortunes-eo": "eo",
    "fortunes-ga": "ga",
    "fortunes-mario": "pt",
    "fortunes-min": "en",
    "fortunes-pl": "pl",
    "fortunes-ru": "ru",
    "fortunes-zh": "zh-cn",
}
PLAIN_PACKAGES = ("doc-debian", "base-files")
ALL_PACKAGES = (
    *MAN_PACKAGES,
    *HTML_PACKAGES,
    *RST_PACKAGES,
    *FORTUNE_PACKAGES,
    *PLAIN_PACKAGES,
)
#: ``--quick``: a few packages of each genre, fewer documents from each.
QUICK_PACKAGES = (
    "manpages-fr",
    "manpages-ja",
    "manpages-ru",
    "debian-reference-zh-cn",
    "maint-guide-de",
    "fortunes-cs",
    "fortunes-mario",
    "python3.11-doc",
    "doc-debian",
    "base-files",
)


@dataclass(frozen=True, slots=True)
class Limits:
    """How much is taken from each source (all choices by stable hash, so fixed)."""

    man_pages: int = 25  # pages per man locale
    man_docs: int = 8  # documents per page
    html_docs: int = 100  # documents per HTML package
    rst_files: int = 60  # reST files
    rst_docs: int = 300  # documents from those files
    fortune_docs: int = 100  # documents per fortune package
    file_docs: int = 8  # documents per licence, changelog, README or plain file
    changelog_chars: int = 12_000  # the head of each changelog

    def quick(self) -> Limits:
        return Limits(8, 3, 30, 6, 30, 30, 4, 8_000)


# --------------------------------------------------------------------------------------------
# Documents


@dataclass(frozen=True, slots=True)
class Document:
    """One clean document: ``id`` is ``package/file/part``."""

    id: str
    lang: str
    genre: str
    source: str
    text: str


def paragraphs(text: str) -> list[str]:
    """The blank-line separated paragraphs of ``text`` (line structure kept)."""
    parts = regex.split(r"\n[ \t]*\n", text.replace("\r\n", "\n"))
    return [p.strip("\n") for p in parts if p.strip()]


def _cut_long(piece: str, max_chars: int) -> list[str]:
    """Cut a paragraph longer than ``max_chars`` at line ends (a longer line: at spaces)."""
    out: list[str] = []
    buf = ""
    for whole in piece.split("\n"):
        line = whole
        while len(line) > max_chars:  # one very long line: cut at the last space that fits
            cut = line.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            if buf:
                out.append(buf)
                buf = ""
            out.append(line[:cut])
            line = line[cut:].lstrip(" ")
        if buf and len(buf) + 1 + len(line) > max_chars:
            out.append(buf)
            buf = line
        else:
            buf = f"{buf}\n{line}" if buf else line
    if buf.strip():
        out.append(buf)
    return out


def group_pieces(
    pieces: Iterable[str], key: str, *, min_chars: int = 300, max_chars: int = 3000
) -> list[str]:
    """Join consecutive pieces (paragraphs, cookies) with blank lines into documents.

    Each document grows to a target length drawn by a stable hash of ``key`` and its number
    between ``min_chars`` and ``max_chars``; no document passes ``max_chars`` unless a short
    tail (under ``min_chars``) was merged into it. Deterministic.
    """
    docs: list[str] = []
    current: list[str] = []
    size = 0

    def target() -> int:
        return min_chars + stable_hash(f"{key}:{len(docs)}") % max(1, max_chars - min_chars)

    goal = target()
    for piece in pieces:
        for part in _cut_long(piece, max_chars) if len(piece) > max_chars else [piece]:
            if current and size + 2 + len(part) > max_chars:
                docs.append("\n\n".join(current))
                current, size = [], 0
                goal = target()
            current.append(part)
            size += len(part) + (2 if size else 0)
            if size >= goal:
                docs.append("\n\n".join(current))
                current, size = [], 0
                goal = target()
    if current:
        tail = "\n\n".join(current)
        if size < min_chars and docs:
            docs[-1] += "\n\n" + tail
        else:
            docs.append(tail)
    return docs


def split_documents(
    text: str, key: str, *, min_chars: int = 300, max_chars: int = 3000
) -> list[str]:
    """Cut ``text`` at blank lines into documents of ``min_chars`` to ``max_chars``."""
    return group_pieces(paragraphs(text), key, min_chars=min_chars, max_chars=max_chars)


# --------------------------------------------------------------------------------------------
# Extraction


BR = "\x00"  # a <br> inside a paragraph (HTML data holds no NUL)
LISTS = frozenset({"ul", "ol", "dl"})


class _TextParser(HTMLParser):
    """Plain text of an HTML page: a paragraph per block, list items one per line, table rows
    as tab-separated cells, ``<pre>`` verbatim, ``<br>`` as a line break."""

    SKIP_TAGS = frozenset({"script", "style", "head", "noscript"})
    SKIP_CLASSES = frozenset({"navheader", "navfooter", "toc"})
    VOID = frozenset({"br", "img", "hr", "meta", "link", "col", "input", "wbr", "area"})
    BLOCKS = frozenset(
        {
            *("p", "div", "section", "article", "aside", "header", "footer", "nav", "main"),
            *("h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure"),
            *("figcaption", "caption", "address", "center", "body", "html", "form", "fieldset"),
        }
    )
    ITEMS = frozenset({"li", "dt", "dd"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (separator before, text)
        self._stack: list[tuple[str, bool]] = []
        self._skip = 0
        self._inline: list[str] = []
        self._pre: list[str] | None = None
        self._pre_depth = 0
        self._tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None
        self._item_open = False
        self._lists = 0  # depth of open ul/ol/dl

    # -- helpers
    def _flush(self, *, item: bool = False) -> None:
        raw = "".join(self._inline)
        self._inline = []
        lines = [normalize_space(ln) for ln in raw.split(BR)]
        text = "\n".join(ln for ln in lines if ln)
        if text:
            sep = "\n" if item and self._item_open else "\n\n"
            self.blocks.append((sep, text))
            self._item_open = item

    def _end_cell(self) -> None:
        if self._cell is not None and self._tables and self._tables[-1]:
            self._tables[-1][-1].append(normalize_space("".join(self._cell)))
        self._cell = None

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            self.handle_startendtag(tag, attrs)
            return
        classes = set((dict(attrs).get("class") or "").split())
        skipping = tag in self.SKIP_TAGS or bool(classes & self.SKIP_CLASSES)
        self._stack.append((tag, skipping))
        if skipping:
            self._skip += 1
        if self._skip:
            return
        if self._pre is not None:
            if tag == "pre":
                self._pre_depth += 1
            return
        if tag == "pre":
            self._flush()
            self._item_open = False
            self._pre, self._pre_depth = [], 1
        elif tag == "table":
            if not self._tables:
                self._flush()
                self._item_open = False
            self._tables.append([])
        elif tag == "tr" and self._tables:
            self._end_cell()
            self._tables[-1].append([])
        elif tag in {"td", "th"} and self._tables:
            self._end_cell()
            if not self._tables[-1]:
                self._tables[-1].append([])
            self._cell = []
        elif self._tables:
            if self._cell is not None and (tag in self.BLOCKS or tag in self.ITEMS):
                self._cell.append(" ")
        elif tag in self.ITEMS:
            self._flush(item=True)
        elif tag in LISTS:
            self._flush(item=self._lists > 0)
            if not self._lists:
                self._item_open = False
            self._lists += 1
        elif tag in self.BLOCKS:
            self._flush(item=self._lists > 0)
            if not self._lists:
                self._item_open = False

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip or tag != "br":
            return
        if self._pre is not None or self._cell is not None:
            self.handle_data("\n" if self._pre is not None else " ")
        else:
            self._inline.append(BR)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not any(t == tag for t, _ in self._stack):
            return
        while self._stack:
            open_tag, skipping = self._stack.pop()
            if not self._skip:
                self._close(open_tag)
            if skipping:
                self._skip -= 1
            if open_tag == tag:
                break

    def _close(self, tag: str) -> None:
        if self._pre is not None:
            if tag == "pre":
                self._pre_depth -= 1
                if self._pre_depth == 0:
                    text = "\n".join(ln.rstrip() for ln in "".join(self._pre).split("\n"))
                    if text.strip():
                        self.blocks.append(("\n\n", text.strip("\n")))
                    self._pre = None
                    self._item_open = False
            return
        if self._tables:
            if tag in {"td", "th"}:
                self._end_cell()
            elif tag == "table":
                self._end_cell()
                rows = self._tables.pop()
                lines = ["\t".join(c for c in row) for row in rows if any(row)]
                if self._tables and self._cell is not None:  # a table inside a cell
                    self._cell.append(" " + " ".join(lines) + " ")
                elif lines:
                    self.blocks.append(("\n\n", "\n".join(lines)))
                    self._item_open = False
            return
        if tag in self.ITEMS:
            self._flush(item=True)
        elif tag in LISTS:
            self._flush(item=True)
            self._lists = max(0, self._lists - 1)
            if not self._lists:
                self._item_open = False
        elif tag in self.BLOCKS:
            self._flush(item=self._lists > 0)

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        data = data.replace(BR, "")
        if self._pre is not None:
            self._pre.append(data)
        elif self._cell is not None:
            self._cell.append(data)
        elif not self._tables:
            self._inline.append(data)

    def text(self) -> str:
        self._flush()
        return "".join(sep + text for sep, text in self.blocks).lstrip("\n")


def html_to_text(html: str) -> str:
    """Plain text of an HTML page (see :class:`_TextParser`); paragraphs separated by blank
    lines, list items one per line, table rows as tab-separated cells."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


def roff_to_text(roff: str) -> str:
    """Plain text of a manual page without ``man``: section headings, paragraphs (one per
    line) and tagged items (the tag, then its text indented), separated by blank lines."""
    parts: list[str] = []
    for block in _man_blocks(roff):
        if block.kind == "section":
            parts.append(block.text.upper() if block.text.isascii() else block.text)
        elif block.kind == "item" and block.items:
            parts.append(f"{block.items[0]}\n       {block.text}".rstrip())
        elif block.text:
            parts.append(block.text)
    return "\n\n".join(parts)


ANSI = regex.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _tidy(text: str) -> str:
    """Strip trailing spaces and terminal escapes; at most one blank line in a row."""
    text = ANSI.sub("", text.replace("\r\n", "\n"))
    text = "\n".join(ln.rstrip() for ln in text.split("\n"))
    return regex.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _read(path: Path) -> str | None:
    """The text of a file (gunzipped), or ``None`` when it is not UTF-8."""
    raw = path.read_bytes()
    if path.suffix == ".gz":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError):
            return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


def render_man(path: Path) -> str:
    """A manual page as ``man -l FILE | col -bx`` shows it (80 columns), else stripped roff."""
    roff = _read(path)
    if roff is None:
        return ""
    if shutil.which("man") and shutil.which("col"):
        env = {**os.environ, "MANWIDTH": "80", "LC_ALL": "C.UTF-8", "MANPAGER": "cat"}
        env.pop("MANOPT", None)
        shown = subprocess.run(
            ["man", "-l", str(path)], capture_output=True, env=env, check=False, timeout=60
        )
        if shown.returncode == 0 and shown.stdout.strip():
            plain = subprocess.run(
                ["col", "-bx"], input=shown.stdout, capture_output=True, env=env, check=False
            )
            if plain.returncode == 0:
                return _tidy(plain.stdout.decode("utf-8", errors="replace"))
    return _tidy(roff_to_text(roff))


# --------------------------------------------------------------------------------------------
# Sources


def _by_hash(items: Iterable[str], key: str, n: int) -> list[str]:
    """A fixed sample of ``n`` items (by stable hash), in sorted order."""
    return sorted(sorted(items, key=lambda s: stable_hash(f"{key}:{s}"))[:n])


def _pick(docs: list[Document], n: int) -> list[Document]:
    """Up to ``n`` documents by stable hash of their ids, in their original order."""
    if len(docs) <= n:
        return docs
    keep = {d.id for d in sorted(docs, key=lambda d: stable_hash(d.id))[:n]}
    return [d for d in docs if d.id in keep]


def _docs(package: str, name: str, lang: str, genre: str, text: str, cap: int) -> list[Document]:
    key = f"{package}/{name}"
    parts = split_documents(text, key)
    docs = [Document(f"{key}/{n}", lang, genre, package, t) for n, t in enumerate(parts)]
    return _pick(docs, cap)


def _locale(name: str) -> str:
    return name.lower().replace("_", "-").split(".")[0]


def man_documents(package: str, tree: Path, limits: Limits) -> Iterator[Document]:
    root = tree / "usr" / "share" / "man"
    pages: dict[str, list[str]] = {}
    for path in root.glob("*/man*/*.gz"):
        if path.is_file() and not path.is_symlink():
            pages.setdefault(path.relative_to(root).parts[0], []).append(
                str(path.relative_to(root))
            )
    for locale in sorted(pages):
        lang = _locale(locale)
        chosen: list[str] = []
        for rel in sorted(pages[locale], key=lambda s: stable_hash(f"{package}:{s}")):
            if len(chosen) == limits.man_pages:
                break
            roff = _read(root / rel)
            if roff is None or roff.lstrip().startswith(".so ") or len(roff) < 400:
                continue  # a redirection to another page, or next to nothing
            chosen.append(rel)
        for rel in sorted(chosen):
            text = render_man(root / rel)
            yield from _docs(package, rel, lang, "man", text, limits.man_docs)


HTML_LANG = regex.compile(r"\.([a-z]{2}(?:-[a-z]{2})?)\.html$")


def html_documents(package: str, tree: Path, limits: Limits) -> Iterator[Document]:
    seen: set[int] = set()
    found: list[Document] = []
    for path in sorted((tree / "usr" / "share").rglob("*.html")):
        if path.is_symlink() or not path.is_file() or path.name.startswith("index"):
            continue
        html = _read(path)
        if html is None:
            continue
        text = _tidy(html_to_text(html))
        digest = stable_hash(text)
        if digest in seen:  # the same page under two names
            continue
        seen.add(digest)
        match = HTML_LANG.search(path.name)
        lang = match.group(1) if match else "en"
        rel = str(path.relative_to(tree / "usr" / "share"))
        found += _docs(package, rel, lang, "html-doc", text, 10**6)
    yield from _pick(found, limits.html_docs)


def rst_documents(package: str, tree: Path, limits: Limits) -> Iterator[Document]:
    files = {str(p.relative_to(tree)): p for p in tree.rglob("_sources/**/*.rst.txt")}
    found: list[Document] = []
    for rel in _by_hash(files, package, limits.rst_files):
        text = _read(files[rel])
        if text is not None:
            found += _docs(package, rel.split("_sources/")[-1], "en", "rst", _tidy(text), 10**6)
    yield from _pick(found, limits.rst_docs)


FORTUNE_SKIP = frozenset({"asciiart", "ascii-art", "arteascii", "banner", "translate-me", "off"})


def fortune_documents(package: str, tree: Path, lang: str, limits: Limits) -> Iterator[Document]:
    root = tree / "usr" / "share" / "games" / "fortunes"
    found: list[Document] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.is_symlink() or path.suffix in {".dat", ".gz"}:
            continue
        words = set(regex.split(r"[./]", str(path.relative_to(root))))
        if words & FORTUNE_SKIP:
            continue
        utf8 = path.with_name(path.name + ".u8")
        if utf8.is_file() and not utf8.is_symlink() and utf8.stat().st_size:
            continue  # a legacy encoding; its UTF-8 twin is read instead
        text = _read(path)
        if not text:
            continue  # empty, or not UTF-8
        cookies = [_tidy(c) for c in regex.split(r"(?m)^%[ \t]*\n", text.replace("\r\n", "\n"))]
        rel = str(path.relative_to(root))
        parts = group_pieces([c for c in cookies if c.strip()], f"{package}/{rel}")
        found += [
            Document(f"{package}/{rel}/{n}", lang, "fortune", package, t)
            for n, t in enumerate(parts)
        ]
    yield from _pick(found, limits.fortune_docs)


#: Files under ``usr/share/doc/<package>/`` and their genre.
DOC_FILES = (
    (regex.compile(r"(?i)^changelog(\.debian)?(\.gz)?$"), "changelog"),
    (regex.compile(r"(?i)^(readme|todo|news|notes|info|historie)([.-].*)?$"), "readme"),
)
#: doc-debian's plain texts (older versions of the constitution and social contract are left
#: out: they repeat the current one).
PLAIN_FILE = regex.compile(r"^(?!.*\.\d\.\d\.txt)[\w-]+(\.txt)?(\.gz)?$")


def file_documents(
    package: str, tree: Path, default_lang: str, limits: Limits, seen: set[int]
) -> Iterator[Document]:
    """Changelogs and READMEs of a package; licences (``base-files``); plain texts
    (``doc-debian``). ``seen`` holds the hashes of texts already used (shared changelogs)."""
    files: list[tuple[Path, str]] = []
    docdir = tree / "usr" / "share" / "doc"
    for path in sorted(docdir.glob("*/*")):
        if path.is_symlink() or not path.is_file():
            continue
        for pattern, genre in DOC_FILES:
            if pattern.match(path.name):
                files.append((path, genre))
                break
    if package == "base-files":
        licences = tree / "usr" / "share" / "common-licenses"
        files += [(p, "licence") for p in sorted(licences.glob("*")) if not p.is_symlink()]
    if package == "doc-debian":
        plain = docdir / "debian"
        files += [(p, "plain") for p in sorted(plain.glob("*")) if PLAIN_FILE.match(p.name)]
    for path, genre in files:
        text = _read(path)
        if text is None or len(text.strip()) < 200:
            continue
        if genre == "changelog" and len(text) > limits.changelog_chars:
            cut = text.rfind("\n\n", 0, limits.changelog_chars)
            text = text[: cut if cut > 0 else limits.changelog_chars]
        text = _tidy(text)
        digest = stable_hash(text)
        if digest in seen:
            continue
        seen.add(digest)
        lang = "en" if genre != "readme" or in_language(text, "en") else default_lang
        rel = str(path.relative_to(tree))
        yield from _docs(package, rel, lang, genre, text, limits.file_docs)


def _package_lang(package: str) -> str:
    if package in FORTUNE_PACKAGES:
        return FORTUNE_PACKAGES[package]
    for prefix in ("manpages-", "maint-guide-", "debian-faq-", "debian-reference-"):
        if package.startswith(prefix):
            return package.removeprefix(prefix)
    return "en"


def documents_of(package: str, tree: Path, limits: Limits, seen: set[int]) -> list[Document]:
    """Every document taken from one extracted package."""
    docs: list[Document] = []
    if package in MAN_PACKAGES:
        docs += man_documents(package, tree, limits)
    elif package in HTML_PACKAGES:
        docs += html_documents(package, tree, limits)
    elif package in RST_PACKAGES:
        docs += rst_documents(package, tree, limits)
    elif package in FORTUNE_PACKAGES:
        docs += fortune_documents(package, tree, FORTUNE_PACKAGES[package], limits)
    docs += file_documents(package, tree, _package_lang(package), limits, seen)
    return docs


def package_version(tree: Path) -> str:
    """The version of an extracted package, from the ``.deb`` file name it came from."""
    try:
        deb = (tree / ".complete").read_text(encoding="utf-8").strip()
    except OSError:
        return "?"
    parts = deb.split("_")
    return unquote(parts[1]) if len(parts) >= 3 else "?"


def build_documents(
    packages: Sequence[str], limits: Limits, data_dir: Path = DATA_DIR
) -> tuple[list[Document], dict[str, str], list[str]]:
    """Fetch (cached) and extract the packages; returns the documents in a fixed order, the
    versions of the packages used, and the packages that could not be fetched."""
    trees = ensure_packages(packages, data_dir)
    missing = [p for p in packages if p not in trees]
    for package in missing:
        print(f"skipping {package}: not available", file=sys.stderr)
    versions = {p: package_version(trees[p]) for p in packages if p in trees}
    renderer = "man" if shutil.which("man") and shutil.which("col") else "roff"
    key = json.dumps([CACHE_VERSION, renderer, asdict(limits), sorted(versions.items())])
    cache = data_dir / f"cleandocs-v{CACHE_VERSION}-{stable_hash(key):016x}.json"
    if cache.exists():
        try:
            raw = json.loads(cache.read_text(encoding="utf-8"))
            return [Document(**d) for d in raw], versions, missing
        except (ValueError, TypeError):
            pass
    docs: list[Document] = []
    seen: set[int] = set()
    for package in packages:
        if package in trees:
            t0 = time.perf_counter()
            got = documents_of(package, trees[package], limits, seen)
            print(
                f"  {package}: {len(got)} documents ({time.perf_counter() - t0:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
            docs += got
    docs.sort(key=lambda d: stable_hash(d.id))
    tmp = cache.with_suffix(".tmp")
    tmp.write_text(json.dumps([asdict(d) for d in docs], ensure_ascii=False), encoding="utf-8")
    tmp.replace(cache)
    return docs, versions, missing


# --------------------------------------------------------------------------------------------
# Checking


@dataclass(slots=True)
class Outcome:
    """What textrepair did to one clean document."""

    removing: list[dict[str, object]] = field(default_factory=list)  # edits that remove words
    kinds: dict[str, int] = field(default_factory=dict)  # all edits by kind
    idempotent: bool = True
    replays: bool = True
    error: str | None = None
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.removing)

    @property
    def words_removed(self) -> int:
        return sum(int(str(e["words"])) for e in self.removing)


WORD = regex.compile(r"\w+")


def check(text: str, context: int = 80) -> Outcome:
    """Repair ``text`` and record the removing edits (with ``context`` characters either
    side), whether ``clean`` is idempotent on it and whether the edits replay."""
    outcome = Outcome()
    t0 = time.perf_counter()
    try:
        result = textrepair.repair(text)
        outcome.seconds = time.perf_counter() - t0
        outcome.kinds = dict(Counter(e.kind for e in result.edits))
        for e in result.edits:
            if e.kind in NON_REMOVING:
                continue
            removed = text[e.start : e.end]
            lost = len(WORD.findall(removed)) - len(WORD.findall(e.replacement))
            if lost <= 0:
                continue  # a stray mark removed: no word lost
            outcome.removing.append(
                {
                    "kind": e.kind,
                    "start": e.start,
                    "end": e.end,
                    "removed": removed,
                    "replacement": e.replacement,
                    "words": lost,
                    "score": e.score,
                    "reason": e.reason,
                    "before": text[max(0, e.start - context) : e.start],
                    "after": text[e.end : e.end + context],
                }
            )
        outcome.replays = textrepair.apply_edits(text, result.edits) == result.text
        outcome.idempotent = textrepair.clean(result.text) == result.text
    except Exception as exc:
        outcome.error = f"{type(exc).__name__}: {exc}"
        outcome.seconds = time.perf_counter() - t0
    return outcome


def run_checks(docs: Sequence[Document], jobs: int) -> list[Outcome]:
    """:func:`check` on every document, in order, over ``jobs`` worker processes."""
    texts = [d.text for d in docs]
    if jobs <= 1:
        return [check(t) for t in texts]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(check, texts, chunksize=8))


# --------------------------------------------------------------------------------------------
# Summary and report


@dataclass(slots=True)
class Row:
    docs: int = 0
    chars: int = 0
    words: int = 0
    changed: int = 0
    any_edit: int = 0
    removing: int = 0
    words_removed: int = 0

    def add(self, doc: Document, out: Outcome) -> None:
        self.docs += 1
        self.chars += len(doc.text)
        self.words += len(WORD.findall(doc.text))
        self.changed += out.changed
        self.any_edit += bool(out.kinds)
        self.removing += len(out.removing)
        self.words_removed += out.words_removed


@dataclass(slots=True)
class Summary:
    total: Row
    by_genre: dict[str, Row]
    by_lang: dict[str, Row]
    by_kind: dict[str, tuple[int, int, int]]  # kind -> (edits, documents, words removed)
    not_idempotent: list[str]
    not_replayed: list[str]
    errors: list[tuple[str, str]]
    seconds: float


def summarize(docs: Sequence[Document], outcomes: Sequence[Outcome]) -> Summary:
    """Count the documents with a word removed, overall, by genre, language and edit kind."""
    total = Row()
    by_genre: dict[str, Row] = {}
    by_lang: dict[str, Row] = {}
    kinds: dict[str, list[int]] = {}
    for doc, out in zip(docs, outcomes, strict=True):
        total.add(doc, out)
        by_genre.setdefault(doc.genre, Row()).add(doc, out)
        by_lang.setdefault(doc.lang, Row()).add(doc, out)
        in_doc: set[str] = set()
        for e in out.removing:
            kind = str(e["kind"])
            row = kinds.setdefault(kind, [0, 0, 0])
            row[0] += 1
            row[2] += int(str(e["words"]))
            if kind not in in_doc:
                row[1] += 1
                in_doc.add(kind)
    order = {g: i for i, g in enumerate(GENRES)}
    return Summary(
        total=total,
        by_genre=dict(sorted(by_genre.items(), key=lambda kv: (order.get(kv[0], 99), kv[0]))),
        by_lang=dict(sorted(by_lang.items())),
        by_kind={k: (v[0], v[1], v[2]) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1][0])},
        not_idempotent=[
            d.id for d, o in zip(docs, outcomes) if o.error is None and not o.idempotent
        ],
        not_replayed=[d.id for d, o in zip(docs, outcomes) if o.error is None and not o.replays],
        errors=[(d.id, o.error) for d, o in zip(docs, outcomes) if o.error is not None],
        seconds=sum(o.seconds for o in outcomes),
    )


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "–"


def _table(first: str, rows: dict[str, Row]) -> str:
    lines = [
        f"| {first} | docs | chars | with a word removed | share | removing edits "
        "| words removed /1k words | any edit |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows.items():
        per_k = 1000 * r.words_removed / r.words if r.words else 0.0
        lines.append(
            f"| {name} | {r.docs} | {r.chars:,} | {r.changed} | {_pct(r.changed, r.docs)} "
            f"| {r.removing} | {per_k:.2f} | {_pct(r.any_edit, r.docs)} |"
        )
    return "\n".join(lines)


def render_report(
    summary: Summary,
    *,
    command: str,
    versions: dict[str, str],
    missing: Sequence[str],
    seconds: float,
    jobs: int,
    quick: bool,
) -> str:
    """The markdown report."""
    t = summary.total
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    version = _version().removeprefix("textrepair ")  # and whether the engine is compiled
    n_ok = t.docs - len(summary.errors)
    parts = [
        "# textrepair on clean documents",
        "",
        f"`{command}` — {when}; {'quick subset; ' if quick else ''}textrepair {version}, "
        f"Python {platform.python_version()}; run time {seconds:.0f} s with {jobs} worker(s) "
        f"(repair alone: {summary.seconds:.0f} s of CPU).",
        "",
        "Every document is clean text as published. A document counts as changed when "
        "`textrepair.repair` makes at least one edit that removes a word (any kind but "
        f"{', '.join(f'`{k}`' for k in sorted(NON_REMOVING))}, with fewer words in its "
        "replacement than in what it replaces).",
        "",
        f"**Clean documents changed: {t.changed} of {t.docs} ({_pct(t.changed, t.docs)})**; "
        f"{t.removing} removing edits, {t.words_removed} words removed of {t.words:,} "
        f"({1000 * t.words_removed / max(1, t.words):.2f} per 1,000); "
        f"{_pct(t.any_edit, t.docs)} of the documents got an edit of any kind.",
        "",
        f"- `clean(clean(x)) == clean(x)`: {n_ok - len(summary.not_idempotent)} of {n_ok}"
        + (
            f" (fails on {', '.join(summary.not_idempotent[:10])})"
            if summary.not_idempotent
            else ""
        ),
        f"- `apply_edits(x, repair(x).edits) == repair(x).text`: "
        f"{n_ok - len(summary.not_replayed)} of {n_ok}"
        + (f" (fails on {', '.join(summary.not_replayed[:10])})" if summary.not_replayed else ""),
        f"- exceptions: {len(summary.errors)}"
        + "".join(f"\n  - {i}: {e}" for i, e in summary.errors[:10]),
        "",
        "## By genre",
        "",
        _table("genre", summary.by_genre),
        "",
        "## By language",
        "",
        _table("language", summary.by_lang),
        "",
        "## Removing edits by kind",
        "",
        "| kind | edits | documents | words removed |",
        "|---|---:|---:|---:|",
        *[f"| {k} | {e} | {d} | {w} |" for k, (e, d, w) in summary.by_kind.items()],
        *(["| (none) | 0 | 0 | 0 |"] if not summary.by_kind else []),
        "",
        "## Totals",
        "",
        f"{t.docs} documents, {t.chars:,} characters, {t.words:,} words; "
        f"{t.changed} with a word removed ({_pct(t.changed, t.docs)}).",
        "",
        "## Packages",
        "",
        "Fetched from Debian at run time (not stored in the repository); each keeps its own "
        "licence (`usr/share/doc/<package>/copyright` in the extracted tree).",
        "",
        ", ".join(f"`{p}` {v}" for p, v in versions.items()) + ".",
    ]
    if missing:
        parts += ["", f"Not available, skipped: {', '.join(f'`{p}`' for p in missing)}."]
    return "\n".join(parts)


def dump(directory: Path, docs: Sequence[Document], outcomes: Sequence[Outcome]) -> int:
    """Write every removing edit (with its context) to ``DIR/removing-edits.jsonl`` and the
    idempotence, replay and exception failures to ``DIR/problems.jsonl``."""
    directory.mkdir(parents=True, exist_ok=True)
    n = 0
    with (directory / "removing-edits.jsonl").open("w", encoding="utf-8") as fh:
        for doc, out in zip(docs, outcomes, strict=True):
            for edit in out.removing:
                record = {"id": doc.id, "lang": doc.lang, "genre": doc.genre, **edit}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
                n += 1
    with (directory / "problems.jsonl").open("w", encoding="utf-8") as fh:
        for doc, out in zip(docs, outcomes, strict=True):
            problems = [
                name
                for name, bad in (
                    ("not idempotent", out.error is None and not out.idempotent),
                    ("edits do not replay", out.error is None and not out.replays),
                    (f"exception: {out.error}", out.error is not None),
                )
                if bad
            ]
            if problems:
                record = {"id": doc.id, "problems": problems, "input": doc.text}
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return n


# --------------------------------------------------------------------------------------------
# Command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.cleandocs",
        description="How often textrepair removes words from clean real-world documents "
        "(Debian packages of many genres and languages, fetched at run time).",
    )
    parser.add_argument("--quick", action="store_true", help="a small subset (< 1 minute)")
    parser.add_argument("--limit", type=int, metavar="N", help="at most N documents")
    parser.add_argument("--jobs", type=int, help="worker processes (default: up to 2)")
    parser.add_argument("--dump", type=Path, metavar="DIR", help="write removing edits here")
    parser.add_argument(
        "--output",
        type=Path,
        help="markdown report (default benchmarks/cleandocs-results.md; quick: "
        "cleandocs-results-quick.md)",
    )
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.jobs is None:
        args.jobs = min(2, os.cpu_count() or 1)
    if args.output is None:
        args.output = HERE / ("cleandocs-results-quick.md" if args.quick else OUTPUT.name)
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; returns the exit status."""
    args = parse_args(argv)
    began = time.perf_counter()
    limits = Limits().quick() if args.quick else Limits()
    packages = QUICK_PACKAGES if args.quick else ALL_PACKAGES
    try:
        docs, versions, missing = build_documents(packages, limits)
    except DataUnavailableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.limit is not None:
        docs = docs[: args.limit]
    if not docs:
        print("error: no documents", file=sys.stderr)
        return 2
    size = sum(len(d.text.encode("utf-8")) for d in docs)
    print(f"{len(docs)} documents, {size / 1e6:.2f} MB; repairing", file=sys.stderr, flush=True)
    outcomes = run_checks(docs, args.jobs)
    summary = summarize(docs, outcomes)
    argv_shown = sys.argv[1:] if argv is None else list(argv)
    command = "python -m benchmarks.cleandocs" + "".join(f" {a}" for a in argv_shown)
    report = render_report(
        summary,
        command=command,
        versions=versions,
        missing=missing,
        seconds=time.perf_counter() - began,
        jobs=args.jobs,
        quick=args.quick,
    )
    print(report)
    args.output.write_text(report + "\n", encoding="utf-8")
    print(f"written to {args.output}", file=sys.stderr)
    if args.dump:
        n = dump(args.dump, docs, outcomes)
        print(f"{n} removing edits written to {args.dump}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
