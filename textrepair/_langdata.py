"""Language data: tables, not code branches.

Each table covers at least fr, en, de, it, es, pt and nl. Keys are casefolded.
"""

from __future__ import annotations

from typing import Final

# fmt: off

__all__ = [
    "CHANTS",
    "CONNECTORS",
    "COORDINATORS",
    "ELIDED_FULL",
    "ELISION_PREFIXES",
    "FUNCTION_WORDS",
    "HYPHEN_PARTS",
    "LEGIT_DOUBLES",
    "NEGATIONS",
    "RELATIVES",
    "SELF_COORDINATED",
    "SYLLABLES",
]

#: Words that are doubled on purpose ("nous nous sommes", "that that", "die die", "piano
#: piano", "bye bye", "very very"): a doubled copy of one of these is never taken for a stutter
#: unless a separator artifact marks the seam.
LEGIT_DOUBLES: Final[frozenset[str]] = frozenset(
    {
        # fr: reflexive pronouns, reduplication, interjections
        "nous", "vous", "si", "non", "oui", "bon", "très", "tout", "tous", "toutes", "toute",
        "fifty", "pique", "cache", "train", "couci", "bling", "tam", "cha", "bonbon", "dodo",
        # en
        "that", "had", "is", "was", "do", "very", "bye", "no", "yes", "so", "really", "far",
        "more", "long", "ha", "ah", "oh", "hey", "well", "go", "knock", "tut", "boo", "bang",
        "ding", "dong", "chop", "goody", "night", "pretty", "there", "now", "come", "again",
        "over", "round", "on", "off", "one", "wait", "whoa", "woah", "wow", "yeah",
        # de
        "die", "der", "das", "dass", "sie", "wir", "ja", "nein", "na", "gut", "sehr", "immer",
        "hin", "schritt", "mal", "bis",
        # it
        "piano", "via", "bene", "così", "sì", "già", "pari", "quasi",
        "zitto", "subito", "forte", "tanto",
        # es
        "poco", "ya", "casi", "muy", "sí", "bien", "pues", "corre", "así", "cada",
        # pt
        "já", "logo", "bem", "pouco", "quase", "muito", "tão", "sim",
        # nl
        "dat", "nee", "heel", "zo", "al", "steeds", "even",
        # hu: a demonstrative before the article ("az az oka", "az az által")
        "az",
        # onomatopoeia common to many languages
        "bla", "blah", "hip", "tic", "tac", "toc", "pum",
    }
)

#: Syllables sung or chanted many times in a row ("la la la la la", "na na na na"): a run of
#: one of these, or of a word doubled on purpose, is not taken for a loop below ten copies.
SYLLABLES: Final[frozenset[str]] = frozenset({
    "la", "na", "da", "ta", "lo", "li", "le", "oh", "ah", "eh", "uh", "hey", "ho", "yo",
    "doo", "dum", "dee", "tra", "lala", "nana", "hu", "ja", "si", "no", "bla", "blah", "ha",
    "hip", "tic", "tac", "toc", "pum", "bye", "yeah", "wow", "boo", "ding", "dong", "tut",
})
CHANTS: Final[frozenset[str]] = LEGIT_DOUBLES | SYLLABLES

#: Short words that join two clauses ("A and A", "A, where A"): a passage said twice around
#: one of these is an oscillation.
CONNECTORS: Final[frozenset[str]] = frozenset({
    "and", "or", "but", "where", "et", "ou", "mais", "où", "und", "oder", "aber", "wo",
    "e", "o", "ma", "dove", "y", "pero", "donde", "mas", "onde", "en", "maar", "waar",
})

#: "and", "or" in each language: an oscillating model writes "enjoyable and enjoyable".
COORDINATORS: Final[frozenset[str]] = frozenset({
    "and", "or", "et", "ou", "und", "oder", "e", "o", "y", "en",
})

#: Words that negate a clause: a clause said again with one of these added or dropped
#: (``si le fichier existe … ; si le fichier n’existe pas …``) sets two cases side by side.
NEGATIONS: Final[frozenset[str]] = frozenset({
    "not", "no", "never", "nor", "n't", "cannot", "without",
    "ne", "n'", "pas", "jamais", "non", "sans", "aucun", "aucune",
    "nicht", "kein", "keine", "keinen", "keiner", "keines", "keinem", "nie", "niemals", "ohne",
    "nessun", "nessuno", "nessuna", "mai", "senza", "né",
    "nunca", "ningún", "ninguno", "ninguna", "sin", "ni",
    "não", "nenhum", "nenhuma", "sem", "nem",
    "niet", "geen", "nooit", "zonder",
})

#: Relative pronouns and adverbs: after ``A and A,`` one of these qualifies the second copy
#: (``Leere Zeilen und Zeilen, die mit # beginnen``) and the phrase goes on on purpose.
RELATIVES: Final[frozenset[str]] = frozenset({
    "which", "that", "who", "whom", "whose", "where",
    "qui", "que", "dont", "où", "lequel", "laquelle", "lesquels", "lesquelles",
    "der", "die", "das", "welche", "welcher", "welches", "deren", "dessen", "denen",
    "che", "cui", "quale", "quali", "quien", "quienes", "cuyo", "cuya", "cuyos", "cuyas",
    "donde", "quem", "cujo", "cuja", "cujos", "cujas", "onde", "dat", "welke", "wie", "waar",
})

#: Words that are coordinated with themselves on purpose: "again and again", "more and
#: more", "over and over", "encore et encore", "immer und immer", "sempre e sempre".
SELF_COORDINATED: Final[frozenset[str]] = frozenset({
    "again", "over", "more", "less", "round", "through", "time", "back", "forth", "away",
    "on", "out", "up", "down", "by", "far", "wide", "near", "here", "there", "now", "then",
    "encore", "plus", "moins", "toujours", "jamais", "immer", "wieder", "mehr", "weniger",
    "sempre", "ancora", "più", "meno", "más", "menos", "siempre", "mais", "meer",
    "minder", "steeds", "weer", "nog", "bien", "mal", "poco",
})

#: Elided articles and pronouns written with an apostrophe before a vowel (fr, it, ca, pt).
#: A token such as ``d’expansion`` is split into ``d’`` and ``expansion``.
ELISION_PREFIXES: Final[frozenset[str]] = frozenset(
    {
        # fr
        "l", "d", "j", "m", "n", "s", "t", "c", "ç", "qu", "jusqu", "lorsqu", "puisqu",
        "quoiqu", "presqu", "quelqu",
        # it
        "dell", "all", "dall", "nell", "sull", "coll", "un", "quell", "bell", "quest", "sant",
        "v", "ch",
    }
)

#: The full forms an elided prefix stands for: ``de`` and ``d’`` are the same word doubled.
ELIDED_FULL: Final[dict[str, frozenset[str]]] = {
    "l": frozenset({"le", "la", "lo"}),
    "d": frozenset({"de", "di"}),
    "j": frozenset({"je"}),
    "m": frozenset({"me", "mi"}),
    "n": frozenset({"ne"}),
    "s": frozenset({"se", "si"}),
    "t": frozenset({"te", "ti"}),
    "c": frozenset({"ce", "ci"}),
    "ç": frozenset({"ça"}),
    "qu": frozenset({"que"}),
    "jusqu": frozenset({"jusque"}),
    "lorsqu": frozenset({"lorsque"}),
    "puisqu": frozenset({"puisque"}),
    "quoiqu": frozenset({"quoique"}),
    "presqu": frozenset({"presque"}),
    "quelqu": frozenset({"quelque"}),
    "dell": frozenset({"della", "dello"}),
    "all": frozenset({"alla", "allo"}),
    "dall": frozenset({"dalla", "dallo"}),
    "nell": frozenset({"nella", "nello"}),
    "sull": frozenset({"sulla", "sullo"}),
    "coll": frozenset({"colla", "collo"}),
    "un": frozenset({"una"}),
    "quell": frozenset({"quella", "quello"}),
    "bell": frozenset({"bella", "bello"}),
    "quest": frozenset({"questa", "questo"}),
    "sant": frozenset({"santa", "santo"}),
}

#: Articles, prepositions and conjunctions: a line that ends with one of these was broken in
#: the middle of a sentence (evidence for hard-wrap reflow).
FUNCTION_WORDS: Final[frozenset[str]] = frozenset(
    {
        # fr
        "le", "la", "les", "de", "des", "du", "un", "une", "et", "à", "au", "aux", "en", "dans",
        "par", "pour", "sur", "avec", "ou", "que", "qui", "ne", "se", "sa", "son", "ses",
        "sans", "sous", "entre", "vers", "chez",
        "leur", "leurs", "ce", "cette", "ces", "d’", "l’", "d'", "l'", "qu’", "qu'",
        # en
        "the", "a", "an", "of", "to", "in", "and", "or", "for", "with", "on", "at", "by",
        "from", "into", "is", "are", "was", "were", "be", "its", "their", "this", "these",
        "about", "onto", "upon", "than",
        # de
        "der", "die", "das", "den", "dem", "ein", "eine", "einen", "einem", "einer", "und",
        "oder", "zu", "mit", "von", "im", "für", "auf", "aus", "bei", "nach", "über",
        "beim", "durch", "gegen", "ohne",
        # it
        "il", "lo", "gli", "di", "del", "della", "dei", "delle", "e", "o", "con", "per", "su",
        "da", "nel", "nella", "che", "al", "alla", "dello", "degli", "dalla", "dallo",
        "dagli", "dalle", "allo", "agli", "alle", "sullo", "sulla", "sugli",
        "sulle", "nello", "negli", "nelle",
        # es
        "el", "los", "las", "y", "por", "para", "unos", "unas",
        # pt
        "os", "as", "do", "dos", "um", "uma", "em", "no", "na", "com", "ao", "pela",
        "pelo", "pelas", "pelos", "numa", "umas",
        # nl
        "het", "een", "van", "op", "met", "voor", "aan", "te", "bij", "naar",
        # short pronouns, auxiliaries and particles (three letters): not content words
        "but", "not", "you", "she", "his", "her", "our", "has", "had", "can", "may", "all",
        "any", "who", "how", "why", "est", "mes", "tes", "nos", "vos", "pas", "ont", "ils",
        "ist", "war", "hat", "sie", "wir", "ihr", "man", "nur", "wie", "wer", "uns", "non",
        "uno", "sul", "dal", "sei", "sin", "sus", "muy", "fue", "hay", "sem", "não", "seu",
        "sua", "dat", "wat", "ook", "nog", "uit", "tot", "zij", "jij",
    }
)


#: Words that make compounds with a hyphen, before or after it (``rendez-vous``,
#: ``lui-même``, ``après-midi``, ``semi-conducteurs``, ``anti-virus``, ``self-made``): a
#: piece at a wrap's hyphen that is one of these may be a compound's, not a syllable's.
HYPHEN_PARTS: Final[frozenset[str]] = frozenset(
    {
        # prefixes of compounds (most languages), points of the compass
        "anti", "auto", "bi", "co", "contre", "counter", "cross", "demi", "ex", "extra",
        "hyper", "hypo", "infra", "inter", "intra", "macro", "maxi", "meta", "méta", "mi",
        "micro", "mini", "mono", "multi", "neo", "néo", "non", "out", "over", "poly", "post",
        "pre", "pro", "pseudo", "quasi", "re", "self", "semi", "sous", "sub", "super", "sur",
        "trans", "tri", "ultra", "under", "vice", "nord", "sud", "ouest", "north", "south",
        # fr: pronouns and particles after a verb or a pronoun, first parts of compounds
        "vous", "nous", "moi", "toi", "lui", "elle", "elles", "eux", "ils", "même", "mêmes",
        "ci", "là", "après", "avant", "arrière", "grand", "grande", "peut", "être", "porte",
        "garde", "entre", "sans", "vis",
        # en: particles of phrasal compounds
        "up", "down", "off", "like", "based", "free", "well", "long", "high", "low",
        # es, it, pt: clitic pronouns after a hyphen (pt), parts of compounds
        "se", "lhe", "lhes", "nos", "vos", "los", "las", "la", "lo", "le",
        # de, nl
        "und", "oder", "en", "of",
    }
)
# fmt: on
