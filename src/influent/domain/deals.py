"""Deal rules: the status machine, promo-code spelling and generation, code states.

Pure functions; the services store what they decide.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from influent.domain.messages import MessageError

__all__ = [
    "PARTIES",
    "STATUSES",
    "TRANSITIONS",
    "CodeBook",
    "DealRuleError",
    "check_code",
    "check_transition",
    "code_base",
    "code_state",
]

STATUSES = ("proposed", "accepted", "live", "delivered", "paid", "cancelled")
TRANSITIONS: dict[str, frozenset[str]] = {
    "proposed": frozenset({"accepted", "cancelled"}),
    "accepted": frozenset({"live", "cancelled"}),
    "live": frozenset({"delivered", "cancelled"}),
    "delivered": frozenset({"paid"}),
    "paid": frozenset(),
    "cancelled": frozenset(),
}
# Statuses in which the creator has said yes: the deal's price counts as a market price.
AGREED = frozenset({"accepted", "live", "delivered", "paid"})
PARTIES = ("brand", "creator")

_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,39}$")


class DealRuleError(MessageError):
    """A deal rule refused something."""


def check_transition(current: str, target: str) -> None:
    if target not in STATUSES:
        raise DealRuleError("deal.error.status_unknown", status=target, known=", ".join(STATUSES))
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(sorted(TRANSITIONS[current])) or "—"
        raise DealRuleError(
            "deal.error.transition", current=current, target=target, allowed=allowed
        )


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def check_code(text: str) -> str:
    """A code a person typed, upper-cased; no spaces, letters, digits, '-' and '_' only."""
    code = text.strip().upper()
    if not code:
        raise DealRuleError("deal.error.code_empty")
    if any(c.isspace() for c in code):
        raise DealRuleError("deal.error.code_spaces", code=text.strip())
    if not _CODE.match(code):
        raise DealRuleError("deal.error.code_chars", code=text.strip())
    return code


def code_base(name: str, discount: int | None) -> str:
    """'Léna Dupont', 15 -> 'LENA15': the first name, accents folded, then the discount."""
    words = re.findall(r"[A-Za-z0-9]+", _fold(name).replace("ß", "ss").replace("Œ", "OE"))
    first = (words[0] if words else "CODE").upper()[:12]
    if len(first) < 3 and len(words) > 1:
        first = (first + words[1].upper())[:12]
    return f"{first}{discount if discount else ''}"


@dataclass
class CodeBook:
    """Hands out readable codes that are unique among `taken` (LENA15, LENA15-2, …)."""

    taken: set[str] = field(default_factory=set)
    _next: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, codes: Iterable[str]) -> CodeBook:
        return cls({c.upper() for c in codes})

    def issue(self, base: str) -> str:
        base = base.upper()
        if base not in self.taken:
            self.taken.add(base)
            return base
        n = self._next.get(base, 2)
        while f"{base}-{n}" in self.taken:
            n += 1
        self._next[base] = n + 1
        code = f"{base}-{n}"
        self.taken.add(code)
        return code


def code_state(
    *,
    today: date,
    starts_on: date | None,
    ends_on: date | None,
    usage_limit: int | None,
    times_used: int,
) -> str:
    """ "scheduled", "active", "expired" or "exhausted"."""
    if usage_limit is not None and times_used >= usage_limit:
        return "exhausted"
    if ends_on is not None and today > ends_on:
        return "expired"
    if starts_on is not None and today < starts_on:
        return "scheduled"
    return "active"
