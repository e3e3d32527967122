"""Shared Hypothesis strategies: multilingual words, sentences, clean texts, damaged texts.

Clean texts are built so that no word bigram occurs twice: every sentence is made of *content*
words drawn without replacement from per-language vocabularies that share no word, with at most
one *function* word (which may repeat) before each content word. Every bigram therefore holds a
content word that occurs only once in the text, and a clean text cannot contain a repeat that
an engine could mistake for damage. Paragraphs are single lines ending with a sentence end.

Damaged texts take such a clean text and inject one artifact from the families of the README
(overlap, stutter, separator, loop, restart) into one paragraph, so that repairing the artifact
gives the clean text back exactly.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from hypothesis import assume
from hypothesis import strategies as st

from textrepair import Config

__all__ = [
    "CONTENT",
    "DAMAGE_KINDS",
    "FUNCTION",
    "LANGUAGES",
    "SPACED",
    "UNSPACED",
    "Damaged",
    "any_texts",
    "clean_texts",
    "configs",
    "damaged_texts",
    "has_repeated_bigram",
    "noisy_texts",
    "sentences",
    "words",
]

# fmt: off
CONTENT: dict[str, tuple[str, ...]] = {
    "fr": (
        "maison", "jardin", "rivière", "montagne", "voiture", "fenêtre", "soleil", "nuage",
        "livre", "chaise", "village", "marché", "boulanger", "cheval", "forêt", "chemin",
        "lumière", "hiver", "printemps", "musique", "théâtre", "école", "enfant", "médecin",
        "hôpital", "bateau", "plage", "vent", "pluie", "neige", "fromage", "pain", "oiseau",
        "poisson", "étoile", "lune", "mer", "colline", "église", "château", "prairie", "cerise",
        "pomme", "fleur", "ruisseau", "cuisine", "grenier", "horloge",
    ),
    "en": (
        "window", "garden", "river", "mountain", "kitchen", "bridge", "harbour", "lantern",
        "meadow", "orchard", "blanket", "pencil", "ladder", "bottle", "candle", "pillow",
        "thunder", "morning", "evening", "teacher", "farmer", "sailor", "hammer", "basket",
        "shadow", "silver", "copper", "feather", "cottage", "island", "valley", "forest",
        "weather", "picture", "letter", "story", "journey", "castle", "apple", "cherry",
        "cloud", "stone", "field", "wheat", "engine", "library", "saddle", "umbrella",
    ),
    "de": (
        "Haus", "Garten", "Fluss", "Berg", "Fenster", "Sonne", "Wolke", "Buch", "Stuhl", "Dorf",
        "Markt", "Bäcker", "Pferd", "Wald", "Weg", "Licht", "Frühling", "Musik", "Schule",
        "Kind", "Arzt", "Krankenhaus", "Schiff", "Strand", "Wind", "Regen", "Schnee", "Käse",
        "Brot", "Wein", "Vogel", "Fisch", "Stern", "Mond", "Meer", "Hügel", "Kirche", "Schloss",
        "Wiese", "Kirsche", "Apfel", "Blume", "Bach", "Küche", "Brücke", "Straße", "Uhr",
        "Winter",
    ),
    "it": (
        "dimora", "giardino", "fiume", "montagna", "macchina", "finestra", "sole", "nuvola",
        "quaderno", "sedia", "paese", "mercato", "fornaio", "cavallo", "bosco", "sentiero",
        "luce", "inverno", "primavera", "musica", "scuola", "bambino", "medico", "ospedale",
        "barca", "spiaggia", "vento", "pioggia", "formaggio", "pane", "uccello", "pesce",
        "stella", "mare", "collina", "chiesa", "castello", "ciliegia", "mela", "fiore",
        "ruscello", "cucina", "orologio", "strada", "treno", "piazza", "lago", "neve",
    ),
    "es": (
        "ventana", "jardín", "río", "montaña", "coche", "silla", "pueblo", "mercado", "panadero",
        "caballo", "bosque", "camino", "luz", "música", "escuela", "niño", "médico", "playa",
        "viento", "lluvia", "nieve", "queso", "pan", "vino", "pájaro", "pez", "estrella",
        "luna", "mar", "colina", "iglesia", "castillo", "cereza", "manzana", "flor", "arroyo",
        "cocina", "puente", "reloj", "calle", "tren", "plaza", "tejado", "libro", "casa",
        "invierno", "perro", "gato",
    ),
    "pt": (
        "janela", "jardim", "rio", "montanha", "carro", "cadeira", "aldeia", "feira", "padeiro",
        "cavalo", "floresta", "caminho", "escola", "menino", "hospital", "barco", "praia",
        "chuva", "queijo", "pão", "vinho", "pássaro", "peixe", "estrela", "lua", "igreja",
        "castelo", "cereja", "maçã", "laranja", "riacho", "cozinha", "ponte", "relógio", "rua",
        "comboio", "praça", "lagoa", "caderno", "cão", "gata", "neblina", "saudade", "varanda",
        "telhado", "moinho", "quintal", "sino",
    ),
    "nl": (
        "huis", "tuin", "rivier", "raam", "auto", "fiets", "zon", "wolk", "boek", "stoel",
        "dorp", "bakker", "paard", "bos", "lente", "muziek", "dokter", "ziekenhuis", "schip",
        "sneeuw", "kaas", "brood", "wijn", "vis", "ster", "maan", "zee", "heuvel", "kerk",
        "kasteel", "weide", "kers", "appel", "bloem", "beek", "keuken", "brug", "klok",
        "straat", "trein", "plein", "vijver", "molen", "dijk", "sloot", "gracht", "zolder",
        "schaats",
    ),
    "zh": (
        "城市", "公园", "河流", "山峰", "汽车", "窗户", "太阳", "云彩", "书本", "椅子", "村庄",
        "市场", "面包", "马匹", "森林", "道路", "灯光", "冬天", "春天", "音乐", "学校", "孩子",
        "医生", "医院", "小船", "海滩", "大风", "雨水", "雪花", "奶酪", "葡萄", "鸟儿",
    ),
    "ja": (
        "さくら", "みずうみ", "ひこうき", "たまご", "くるま", "やまみち", "かわべ", "そらいろ",
        "ほしぞら", "つきよ", "うみべ", "はなび", "ことり", "ねこじた", "いぬごや", "コーヒー",
        "ラーメン", "テレビ", "カメラ", "ピアノ", "ギター", "バス停", "ホテル", "レストラン",
        "図書館", "新幹線", "富士山", "駅前", "商店街", "温泉", "神社", "お寺",
    ),
}
"""Content words per language; no word (casefolded) belongs to two languages."""

FUNCTION: dict[str, tuple[str, ...]] = {
    "fr": ("le", "la", "les", "de", "du", "des", "un", "une", "et", "avec", "pour", "dans", "sur"),
    "en": ("the", "a", "of", "and", "with", "for", "in", "on", "to", "by", "near"),
    "de": ("der", "die", "das", "und", "mit", "für", "im", "auf", "von", "zu", "ein"),
    "it": ("il", "lo", "la", "di", "del", "e", "con", "per", "nel", "sul", "un"),
    "es": ("el", "la", "los", "de", "del", "y", "con", "para", "en", "sobre", "un"),
    "pt": ("o", "a", "os", "de", "do", "da", "e", "com", "para", "no", "um"),
    "nl": ("de", "het", "een", "van", "en", "met", "voor", "in", "op", "bij", "naar"),
}
"""Function words per Latin-script language: they may repeat, never two in a row."""
# fmt: on

SPACED: tuple[str, ...] = ("fr", "en", "de", "it", "es", "pt", "nl")
UNSPACED: tuple[str, ...] = ("zh", "ja")
LANGUAGES: tuple[str, ...] = SPACED + UNSPACED

_CONTENT_KEYS = frozenset(w.casefold() for ws in CONTENT.values() for w in ws)
_SENTENCE_END = (".", ".", ".", "!", "?")
_CJK_END = ("。", "。", "！", "？")
_WORD = re.compile(r"\w+")


def words(languages: tuple[str, ...] = LANGUAGES) -> st.SearchStrategy[str]:
    """A content or function word of one of ``languages``."""
    pool = sorted({w for lang in languages for w in CONTENT[lang] + FUNCTION.get(lang, ())})
    return st.sampled_from(pool)


@st.composite
def sentences(draw: st.DrawFn, languages: tuple[str, ...] = LANGUAGES) -> str:
    """A sentence in one language; its words may repeat (it is not necessarily clean)."""
    lang = draw(st.sampled_from(languages))
    content = draw(st.lists(st.sampled_from(CONTENT[lang]), min_size=1, max_size=8))
    return _sentence(draw, lang, content)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _sentence(draw: st.DrawFn, lang: str, content: list[str]) -> str:
    if lang in UNSPACED:
        body = "".join(
            word + ("，" if i < len(content) - 1 and draw(st.integers(0, 4)) == 0 else "")
            for i, word in enumerate(content)
        )
        return body + draw(st.sampled_from(_CJK_END))
    tokens: list[str] = []
    for i, word in enumerate(content):
        if draw(st.booleans()):
            tokens.append(draw(st.sampled_from(FUNCTION[lang])))
        tokens.append(word)
        if i < len(content) - 1 and draw(st.integers(0, 5)) == 0:
            tokens[-1] += ","
    tokens[0] = _capitalise(tokens[0])
    end = draw(st.sampled_from(_SENTENCE_END))
    if lang == "fr" and end in "!?":
        end = "\u00a0" + end  # French spacing: a no-break space before ! and ?
    if lang == "es" and end in "!?":
        tokens[0] = {"!": "¡", "?": "¿"}[end] + tokens[0]
    tokens[-1] += end
    return " ".join(tokens)


@st.composite
def clean_texts(
    draw: st.DrawFn,
    languages: tuple[str, ...] = LANGUAGES,
    *,
    max_paragraphs: int = 3,
    min_words: int = 2,
    max_words: int = 7,
) -> str:
    """A clean text: one paragraph per line, no repeated word bigram, maybe blank lines.

    Each paragraph is in one language (drawn per paragraph, so texts may mix languages) and
    holds one to three sentences of ``min_words`` to ``max_words`` content words.
    """
    langs = draw(st.lists(st.sampled_from(languages), min_size=1, max_size=max_paragraphs))
    pools: dict[str, list[str]] = {}
    paragraphs: list[str] = []
    for lang in langs:
        if lang not in pools:
            pools[lang] = list(draw(st.permutations(CONTENT[lang])))
        pool = pools[lang]
        sents: list[str] = []
        for _ in range(draw(st.integers(1, 3))):
            size = draw(st.integers(min_words, max_words))
            if len(pool) < size:
                break
            sents.append(_sentence(draw, lang, [pool.pop() for _ in range(size)]))
        if sents:
            paragraphs.append(("" if lang in UNSPACED else " ").join(sents))
    text = paragraphs[0]
    for paragraph in paragraphs[1:]:
        text += draw(st.sampled_from(["\n", "\n\n"])) + paragraph
    return text + draw(st.sampled_from(["", "", "\n"]))


def has_repeated_bigram(text: str) -> bool:
    """Whether a casefolded ``\\w+`` word bigram (or a doubled word) occurs twice in ``text``."""
    keys = _WORD.findall(text.casefold())
    bigrams = list(zip(keys, keys[1:], strict=False))
    return len(bigrams) != len(set(bigrams)) or any(a == b for a, b in bigrams)


class Damaged(NamedTuple):
    """A clean text and the same text with one artifact injected."""

    clean: str
    damaged: str
    kind: str


DAMAGE_KINDS: tuple[str, ...] = ("overlap", "stutter", "separator", "loop", "restart")
_SEAMS = (" ;\n", "\n;\n", "\n", " / ", "… ")
_STRAY = (";", "/", "…")


def _bare(token: str) -> bool:
    """Whether a token has no punctuation attached at either end."""
    return token[:1].isalnum() and token[-1:].isalnum()


def _content(token: str) -> bool:
    return token.casefold() in _CONTENT_KEYS


def _overlap(draw: st.DrawFn, tokens: list[str]) -> str | None:
    size = min(draw(st.integers(3, 10)), len(tokens) - 1)
    sites = [s for s in range(size, len(tokens)) if _bare(tokens[s - 1])]
    if size < 3 or not sites:
        return None
    s = draw(st.sampled_from(sites))
    seam = draw(st.sampled_from(_SEAMS))
    return " ".join(tokens[:s]) + seam + " ".join(tokens[s - size :])


def _stutter(draw: st.DrawFn, tokens: list[str]) -> str | None:
    sites = [s for s in range(1, len(tokens)) if _bare(tokens[s - 1]) and _content(tokens[s - 1])]
    if not sites:
        return None
    s = draw(st.sampled_from(sites))
    copy = tokens[s - 1]
    if s == 1 and draw(st.booleans()):
        copy = copy.lower()  # "Le\nle mois": the first copy's case is kept
    return " ".join(tokens[:s]) + "\n" + " ".join([copy, *tokens[s:]])


def _separator(draw: st.DrawFn, tokens: list[str]) -> str | None:
    sites = [s for s in range(1, len(tokens)) if _bare(tokens[s - 1]) and tokens[s][:1].islower()]
    if not sites:
        return None
    s = draw(st.sampled_from(sites))
    stray = draw(st.sampled_from(_STRAY))
    return " ".join(tokens[:s]) + f"\n{stray}\n" + " ".join(tokens[s:])


def _loop(draw: st.DrawFn, tokens: list[str]) -> str | None:
    size = draw(st.integers(1, 3))
    sites = [
        s
        for s in range(size, len(tokens))
        if all(_bare(t) for t in tokens[s - size : s]) and any(map(_content, tokens[s - size : s]))
    ]
    if not sites:
        return None
    s = draw(st.sampled_from(sites))
    copies = draw(st.integers(3, 5))
    return " ".join(tokens[:s] + tokens[s - size : s] * copies + tokens[s:])


def _restart(draw: st.DrawFn, tokens: list[str]) -> str | None:
    size = draw(st.integers(2, 4))
    sites = []
    for b in range(1, len(tokens)):  # not at a paragraph start: there it reads as a heading
        if tokens[b - 1][-1] not in ".!?":
            continue
        head = tokens[b : b + size]
        if (
            len(head) == size
            and b + size < len(tokens)
            and head[0][-1] not in ".!?"
            and all(map(_bare, head[1:]))
        ):
            sites.append(b)
    if not sites:
        return None
    b = draw(st.sampled_from(sites))
    return " ".join(tokens[: b + size]) + "\n" + " ".join(tokens[b:])


_INJECT = {
    "overlap": _overlap,
    "stutter": _stutter,
    "separator": _separator,
    "loop": _loop,
    "restart": _restart,
}


@st.composite
def damaged_texts(draw: st.DrawFn, kinds: tuple[str, ...] = DAMAGE_KINDS) -> Damaged:
    """A clean Latin-script text with one artifact of one of ``kinds`` injected in one paragraph.

    The artifacts: a tail of 3-10 words re-emitted after a seam (`` ;`` + line break, a lone
    ``;`` line, a line break, `` / ``, ``…``); a content word doubled across a line wrap; a
    stray separator line between two halves of a sentence; a word or phrase of 1-3 words
    repeated 4-6 times in a row; a sentence start of 2-4 words abandoned and begun again on the
    next line (inside a paragraph: at its start the fragment reads as a heading, which stays).
    Repairing the artifact gives ``clean`` back exactly.
    """
    clean = draw(clean_texts(SPACED, min_words=4))
    lines = clean.split("\n")
    index = draw(st.sampled_from([i for i, line in enumerate(lines) if line]))
    tokens = lines[index].split(" ")
    first = draw(st.sampled_from(kinds))
    for kind in (first, *(k for k in kinds if k != first)):
        line = _INJECT[kind](draw, tokens)
        if line is not None:
            lines[index] = line
            return Damaged(clean, "\n".join(lines), kind)
    assume(False)  # every word carries punctuation: no place to inject anything
    raise AssertionError  # unreachable: assume(False) rejects the example


# fmt: off
_NOISE = (
    "de", "la", "de la", "Le", "le", "the", "The", "ses", "propres", "besoins", "une partie",
    "capital", "die", "Die", "nous", "that", "I think that", "d’", "l’État", "semi-", "inter",
    "national", "international", " ", " ", "  ", "\n", "\n", "\n\n", " ;", " ;\n", "\n;\n",
    " / ", "…", ".", ". ", ",", "!", "?", "\u00a0?", "«", "»", "“", "”", "-", "-\n", "Ã©",
    "&amp;", "\u200b", "\u00ad", "\ufeff", "\t", "10", "二", "日本語", "😀", "👨\u200d👩",
)
# fmt: on


def noisy_texts() -> st.SearchStrategy[str]:
    """Text assembled from a few words, seams and separators: full of repeats of every kind."""
    return st.lists(st.sampled_from(_NOISE), max_size=60).map("".join)


def any_texts() -> st.SearchStrategy[str]:
    """Any of: arbitrary ``str``, clean texts, damaged texts, noisy texts."""
    return st.one_of(
        st.text(),
        clean_texts(),
        damaged_texts().map(lambda d: d.damaged),
        noisy_texts(),
    )


def configs() -> st.SearchStrategy[Config]:
    """Any valid :class:`textrepair.Config`."""
    flag = st.booleans()
    return st.builds(
        Config,
        unicode=flag,
        overlaps=flag,
        stutters=flag,
        separators=flag,
        restarts=flag,
        loops=flag,
        reflow=flag,
        dehyphenate=flag,
        min_score=st.floats(0, 1),
        window=st.integers(4, 200),
        max_copy_words=st.integers(2, 100),
        report_only=flag,
    )
