"""Word-level metrics, computed by aligning word sequences with rapidfuzz.

Words are ``regex.findall(r"\\w+", ftfy.fix_text(text).casefold())`` on every side, so that
Unicode repairs that ftfy would make anyway do not count as word errors.

* WER: word-level Levenshtein distance to the reference, over the reference's word count.
* Extra words: words of a hypothesis not matched in an LCS alignment with the reference. The
  extra words of the damaged input are the injected ones; *removed* is
  ``1 - extra left in the output / extra in the input``.
* Lost words: reference words not matched in the LCS alignment of the output, minus those
  already missing from the damaged input (a repair cannot bring back what was not there).
* Changed (clean documents): output differs from input once every run of ASCII whitespace is
  collapsed to one space (so joining hard-wrapped lines is not a change).
* Exact: output equals reference once ftfy-fixed, casefolded and whitespace-collapsed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

import ftfy
import regex
from rapidfuzz.distance import LCSseq, Levenshtein

__all__ = ["DocScore", "RowScore", "collapse", "differences", "lost_and_extra", "score", "tokens"]

WORD = regex.compile(r"\w+")
SPACES = regex.compile(r"[ \t\n\r\f\v]+")


@lru_cache(maxsize=65536)
def _fixed(text: str) -> str:
    return ftfy.fix_text(text)


def tokens(text: str) -> list[str]:
    """The words of ``text`` as the metrics see them."""
    return WORD.findall(_fixed(text).casefold())


def collapse(text: str) -> str:
    """``text`` with every run of ASCII whitespace collapsed to one space, ends stripped."""
    return SPACES.sub(" ", text).strip()


def _unmatched(hyp: list[str], ref: list[str]) -> tuple[list[int], list[int]]:
    """Positions of ``hyp`` and of ``ref`` left out of an LCS alignment of the two."""
    extra: list[int] = []
    missing: list[int] = []
    for op in LCSseq.editops(hyp, ref):
        if op.tag == "delete":
            extra.append(op.src_pos)
        elif op.tag == "insert":
            missing.append(op.dest_pos)
    return extra, missing


@dataclass(slots=True)
class DocScore:
    """The metrics of one output against its reference."""

    ref_words: int
    dist_before: int
    dist_after: int
    extra_in: int
    extra_out: int
    missing_in: int
    missing_out: int
    lost: int
    exact: bool
    changed: bool

    @property
    def failed(self) -> bool:
        """Whether the output is worth a look (words lost, extra words left, or changed)."""
        return self.lost > 0 or self.extra_out > 0 or not self.exact


def score(damaged: str, reference: str, output: str) -> DocScore:
    """Score ``output`` (a repair of ``damaged``) against ``reference``.

    Example:
        >>> s = score("une partie ;\\nune partie de ce capital.", "une partie de ce capital.",
        ...           "une partie de ce capital.")
        >>> (s.extra_in, s.extra_out, s.lost, s.exact)
        (2, 0, 0, True)
    """
    ref = tokens(reference)
    inp = tokens(damaged)
    out = tokens(output)
    lcs_in = LCSseq.similarity(inp, ref)
    lcs_out = LCSseq.similarity(out, ref) if out != inp else lcs_in
    missing_in = len(ref) - lcs_in
    missing_out = len(ref) - lcs_out
    norm_ref = collapse(_fixed(reference).casefold())
    return DocScore(
        ref_words=len(ref),
        dist_before=Levenshtein.distance(inp, ref),
        dist_after=Levenshtein.distance(out, ref) if out != inp else Levenshtein.distance(inp, ref),
        extra_in=len(inp) - lcs_in,
        extra_out=len(out) - lcs_out,
        missing_in=missing_in,
        missing_out=missing_out,
        lost=max(0, missing_out - missing_in),
        exact=collapse(_fixed(output).casefold()) == norm_ref,
        changed=collapse(output) != collapse(damaged),
    )


def lost_and_extra(
    damaged: str, reference: str, output: str, *, width: int = 8
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """The words lost (with reference context) and the extra words left (with output context).

    Returns:
        ``(lost, extra)``: for each lost reference word, its position, the word and the
        reference words around it (the lost one in brackets); for each extra output word, the
        same in the output.
    """
    ref = tokens(reference)
    out = tokens(output)
    inp = tokens(damaged)
    extra_out, missing_out = _unmatched(out, ref)
    _, missing_in = _unmatched(inp, ref)
    already = set(missing_in)

    def ctx(seq: list[str], pos: int) -> str:
        left = " ".join(seq[max(0, pos - width) : pos])
        right = " ".join(seq[pos + 1 : pos + 1 + width])
        return f"{left} [{seq[pos]}] {right}".strip()

    lost = [
        {"ref_pos": p, "word": ref[p], "context": ctx(ref, p)}
        for p in missing_out
        if p not in already
    ]
    extra = [{"out_pos": p, "word": out[p], "context": ctx(out, p)} for p in extra_out]
    return lost, extra


def differences(reference: str, output: str, *, width: int = 5, limit: int = 40) -> list[str]:
    """Where ``output`` differs from ``reference`` (whitespace-separated tokens, punctuation kept).

    Each difference reads ``left context [reference part -> output part] right context``.

    Example:
        >>> differences("de Nvidia en suivant", "de Nvidia ; en suivant")
        ['de Nvidia [ -> ;] en suivant']
    """
    ref = collapse(reference).split(" ")
    out = collapse(output).split(" ")
    matcher = difflib.SequenceMatcher(None, ref, out, autojunk=False)
    found: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        left = " ".join(ref[max(0, i1 - width) : i1])
        right = " ".join(ref[i2 : i2 + width])
        found.append(f"{left} [{' '.join(ref[i1:i2])} -> {' '.join(out[j1:j2])}] {right}".strip())
        if len(found) >= limit:
            break
    return found


@dataclass(slots=True)
class RowScore:
    """Metrics summed over the documents of one table row."""

    docs: int = 0
    ref_words: int = 0
    dist_before: int = 0
    dist_after: int = 0
    extra_in: int = 0
    extra_out: int = 0
    lost: int = 0
    exact: int = 0
    changed: int = 0
    nbytes: int = 0
    seconds: float = 0.0
    errors: int = 0

    def add(self, s: DocScore) -> None:
        self.docs += 1
        self.ref_words += s.ref_words
        self.dist_before += s.dist_before
        self.dist_after += s.dist_after
        self.extra_in += s.extra_in
        self.extra_out += s.extra_out
        self.lost += s.lost
        self.exact += s.exact
        self.changed += s.changed

    @property
    def wer_before(self) -> float:
        return self.dist_before / max(1, self.ref_words)

    @property
    def wer_after(self) -> float:
        return self.dist_after / max(1, self.ref_words)

    @property
    def removed(self) -> float | None:
        if not self.extra_in:
            return None
        return 1 - self.extra_out / self.extra_in

    @property
    def lost_per_k(self) -> float:
        return 1000 * self.lost / max(1, self.ref_words)

    @property
    def extra_per_k(self) -> float:
        return 1000 * self.extra_out / max(1, self.ref_words)

    @property
    def exact_share(self) -> float:
        return self.exact / max(1, self.docs)

    @property
    def changed_share(self) -> float:
        return self.changed / max(1, self.docs)

    @property
    def mbps(self) -> float | None:
        if self.seconds <= 0:
            return None
        return self.nbytes / 1e6 / self.seconds
