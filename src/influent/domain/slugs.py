"""Readable, URL-safe slugs: accents folded, lower case, words joined by hyphens."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["slugify"]


def slugify(text: str, *, fallback: str = "item", max_length: int = 60) -> str:
    """'Lancement Sérum — été 2027' -> 'lancement-serum-ete-2027'."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    return slug[:max_length].strip("-") or fallback
