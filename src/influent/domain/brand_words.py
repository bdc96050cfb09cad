"""Words as brand fit compares them: folded (case, accents), split, lightly stemmed.

French and English share one rule set, so "Cosmétiques" and "cosmetics" both become
"cosmet", and "végétale" and "vegetal" both become "veget". The stemmer only strips common
plural and derivational endings (a light stemmer in the spirit of Savoy's French light
stemmer and the English S-stemmer); it never needs to know which language a text is in.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "phrase_pattern", "stem", "words"]

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_ELISION = re.compile(r"^(?:l|d|j|m|n|s|t|c|qu)'")

# Longest first; an ending is removed only when at least three letters remain.
_ENDINGS = (
    "issements",
    "issement",
    "atrices",
    "ements",
    "ations",
    "atrice",
    "ateurs",
    "ement",
    "ation",
    "ateur",
    "iques",
    "ities",
    "ments",
    "ique",
    "ment",
    "ness",
    "ings",
    "ales",
    "aux",
    "ity",
    "ing",
    "ies",
    "ics",
    "ale",
    "eux",
    "elles",
    "elle",
    "euse",
    "ees",
    "ic",
    "al",
    "el",
    "es",
    "ee",
    "ed",
    "er",
    "ly",
    "s",
    "x",
    "e",
)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "how",
        "i",
        "in",
        "is",
        "it",
        "its",
        "my",
        "of",
        "on",
        "or",
        "our",
        "so",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "what",
        "when",
        "with",
        "you",
        "your",
        "au",
        "aux",
        "avec",
        "ce",
        "ces",
        "dans",
        "de",
        "des",
        "du",
        "elle",
        "en",
        "est",
        "et",
        "il",
        "ils",
        "je",
        "la",
        "le",
        "les",
        "leur",
        "mais",
        "mes",
        "mon",
        "ne",
        "nos",
        "notre",
        "nous",
        "on",
        "ou",
        "par",
        "pas",
        "pour",
        "qu",
        "que",
        "qui",
        "sa",
        "se",
        "ses",
        "son",
        "sur",
        "ta",
        "te",
        "tes",
        "ton",
        "tu",
        "un",
        "une",
        "vos",
        "votre",
        "vous",
        "y",
    ]
)


def fold(text: str) -> str:
    """Lower case without accents or ligatures: "Œuf Végétal" reads "oeuf vegetal"."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    text = text.replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def stem(word: str) -> str:
    """A folded word without its common French or English ending."""
    word = _ELISION.sub("", word)
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def words(text: str) -> list[str]:
    """The stems of a text's words, stop words left out, in order."""
    out: list[str] = []
    for raw in _WORD.findall(fold(text)):
        if raw in STOPWORDS or len(raw) < 2:
            continue
        out.append(stem(raw))
    return [w for w in out if w not in STOPWORDS]


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """A pattern finding a phrase in folded text as whole words ("pub" is not in "public")."""
    folded = [re.escape(w) for w in _WORD.findall(fold(phrase))]
    if not folded:
        return None
    return re.compile(r"(?<![a-z0-9])" + r"\W+".join(folded) + r"(?:s|x|es)?(?![a-z0-9])")
