"""Finding ways to reach a creator in a bio, an about page or a show description."""

from __future__ import annotations

import re
import unicodedata

from influent.domain.content import ContactHints

__all__ = ["extract_contacts"]

# "name [at] domain [dot] com", "contact (at) x.fr", "nom [arobase] site [point] fr"
_AT = re.compile(r"\s*[\[\(\{<]\s*(?:at|@|arobase|chez)\s*[\]\)\}>]\s*", re.IGNORECASE)
_DOT = re.compile(r"\s*[\[\(\{<]\s*(?:dot|point|\.)\s*[\]\)\}>]\s*", re.IGNORECASE)
# "name AT domain DOT com": only in capitals, where the intent is unmistakable.
_SHOUTED = re.compile(r"\b([\w.+-]+)\s+AT\s+([\w-]+(?:\s+DOT\s+[\w-]+)+)\b")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b", re.IGNORECASE)
# Things that look like addresses but name image files ("logo@2x.png").
_NOT_TLDS = {"png", "jpg", "jpeg", "gif", "webp", "svg", "js", "css"}
# Addresses nobody reads: replying to them reaches no one.
_NOBODY = re.compile(r"^(?:no-?reply|do-?not-?reply)@", re.IGNORECASE)

_URL = re.compile(r"\bhttps?://[^\s<>\"'()\[\]{}]+", re.IGNORECASE)
# Bare domains only with common endings, so "Node.js" or "etc.)" are not taken for websites.
_BARE = re.compile(
    r"(?<![\w@./-])(?:www\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*"
    r"\.(?:com|fr|net|org|io|co|be|ch|ca|de|uk|eu|es|it|me|tv|ee|ly|gg|bio|link|shop|store|"
    r"blog|app|dev|info|page|site)\b(?:/[^\s<>\"'()\[\]{}]*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?…»\"')]"

# Words that mark a line as the way to reach a creator's business side (English and French).
_AGENT_WORDS = re.compile(
    r"\b(?:management|mgmt|manager|booking|bookings|agent|agency|agence|represented by|"
    r"represente(?:e)? par|contact pro|pro contact|business inquir\w*|business enquir\w*|"
    r"for business|demandes? pro\w*|partenariats?|partnerships?|collabs?|collaborations?|"
    r"sponsoring|sponsorships?|press|presse|relations presse)\b",
    re.IGNORECASE,
)
_LINE_SPLIT = re.compile(r"[\n\r|•·]+")
_MAX_LINE = 200


def _fold(text: str) -> str:
    """Lower-case without accents, so 'Représentée' matches 'representee'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _deobfuscate(text: str) -> str:
    text = _AT.sub("@", text)
    text = _DOT.sub(".", text)
    return _SHOUTED.sub(lambda m: f"{m[1]}@{m[2].replace(' DOT ', '.')}", text)


def _emails(text: str) -> list[str]:
    found = []
    for match in _EMAIL.finditer(_deobfuscate(text)):
        email = match.group(0).rstrip(_TRAILING).lower()
        if email.rsplit(".", 1)[-1] not in _NOT_TLDS and not _NOBODY.match(email):
            found.append(email)
    return found


def _websites(text: str, emails: list[str]) -> list[str]:
    found = [m.group(0).rstrip(_TRAILING) for m in _URL.finditer(text)]
    without_urls = _URL.sub(" ", text)
    for email in emails:
        without_urls = re.sub(re.escape(email), " ", without_urls, flags=re.IGNORECASE)
    for match in _BARE.finditer(without_urls):
        found.append("https://" + match.group(0).rstrip(_TRAILING))
    return found


def _agent_lines(text: str) -> list[str]:
    lines = []
    for line in _LINE_SPLIT.split(text):
        cleaned = " ".join(line.split())
        if cleaned and _AGENT_WORDS.search(_fold(cleaned)):
            lines.append(cleaned[:_MAX_LINE])
    return lines


def _unique(values: list[str]) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for value in values:
        seen.setdefault(value.lower().rstrip("/"), value)
    return tuple(seen.values())


def extract_contacts(*texts: str | None) -> ContactHints:
    """Emails (also '[at]' / '(dot)' forms), websites and business-contact lines in `texts`."""
    emails: list[str] = []
    websites: list[str] = []
    agent_lines: list[str] = []
    for text in texts:
        if not text:
            continue
        found = _emails(text)
        emails += found
        websites += _websites(_deobfuscate(text), found)
        agent_lines += _agent_lines(text)
    return ContactHints(
        emails=_unique(emails), websites=_unique(websites), agent_lines=_unique(agent_lines)
    )
