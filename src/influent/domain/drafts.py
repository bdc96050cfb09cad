"""What makes a first message read like a person: short, no price, no attachment, calm.

The checks run on the default drafts and again whenever the user edits one, so a message
grown long or pushy gets a warning before it leaves.
"""

from __future__ import annotations

import re

from influent.domain.messages import Message

__all__ = ["MAX_WORDS", "draft_language", "draft_warnings", "split_subject", "word_count"]

MAX_WORDS = 120
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
# Amounts of money, and the words that announce one (English and French).
_PRICE = re.compile(
    r"(?:[€$£]\s?\d|\d[\d\s.,]*\s?(?:€|\$|£|eur\b|euros?\b|usd\b|k€))|\b(?:rate card|our budget|"
    r"fee of|per post|tarifs?|notre budget|rémunération de)\b",
    re.IGNORECASE,
)
_ATTACHMENT = re.compile(
    r"\b(?:attached|attachment|enclosed|pdf|deck|brochure|ci-joint|ci-jointe|pièce jointe|"
    r"en pj|plaquette)\b",
    re.IGNORECASE,
)
_PUSHY = re.compile(
    r"\b(?:urgent|asap|act now|limited time|last chance|dernière chance|vite|immédiatement)\b",
    re.IGNORECASE,
)
_SHOUT = re.compile(r"\b[A-ZÀ-Ý]{4,}\b")
# Languages written as people do: "fr", "French", "français", "fr-BE"...
_FRENCH = re.compile(r"^(?:fr\b|fran[cç]ais|french)", re.IGNORECASE)
_FRENCH_COUNTRIES = {"fr", "france", "be", "belgique", "belgium", "lu", "mc", "sn", "ci"}


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def split_subject(text: str) -> tuple[str, str]:
    """A rendered template's 'Subject: …' first line and the body after it."""
    first, _, rest = text.strip().partition("\n")
    for prefix in ("subject:", "objet :", "objet:", "objet\u202f:"):
        if first.lower().startswith(prefix):
            return first[len(prefix) :].strip(), rest.strip()
    return "", text.strip()


def draft_language(language: str | None, country: str | None) -> str:
    """fr for a French-speaking creator (by language, else by country), en otherwise."""
    if language:
        return "fr" if _FRENCH.match(language.strip()) else "en"
    if country and country.strip().lower() in _FRENCH_COUNTRIES:
        return "fr"
    return "en"


def draft_warnings(subject: str, body: str) -> list[Message]:
    """Why this first message may not read like a person writing to a person."""
    text = f"{subject}\n{body}"
    found = []
    words = word_count(body)
    if words > MAX_WORDS:
        found.append(
            Message("outreach.draft.too_long", {"words": words, "max": MAX_WORDS, "count": words})
        )
    if _PRICE.search(text):
        found.append(Message("outreach.draft.price", {}))
    if _ATTACHMENT.search(text):
        found.append(Message("outreach.draft.attachment", {}))
    if text.count("!") > 2 or _PUSHY.search(text) or len(_SHOUT.findall(text)) >= 2:
        found.append(Message("outreach.draft.tone", {}))
    return found
