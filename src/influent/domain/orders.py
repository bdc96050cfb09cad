"""Orders as Influent keeps them: amounts in minor units, the customer as a salted hash.

An order is identified by its source (shopify, woocommerce, stripe, generic) and its id there,
so a replayed webhook, a re-imported file, or both, never count it twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from babel.numbers import get_currency_precision, list_currencies

from influent.domain.messages import MessageError

__all__ = [
    "CANCELLED",
    "OrderIn",
    "OrderProblem",
    "RefundIn",
    "Source",
    "check_currency",
    "customer_hash",
    "to_minor",
]

_CURRENCIES = frozenset(list_currencies())
_PLAIN = re.compile(r"\d+(?:\.\d+)?")
# Ten thousand billion: far above any order, far below what a 64-bit column holds in minor units.
_LARGEST = Decimal(10) ** 13
CANCELLED = frozenset({"cancelled", "canceled", "voided", "failed"})


class Source(StrEnum):
    SHOPIFY = "shopify"
    WOOCOMMERCE = "woocommerce"
    STRIPE = "stripe"
    GENERIC = "generic"


class OrderProblem(MessageError):
    """An order or a refund that cannot be read; `orders.error.*` codes."""


def check_currency(code: str | None) -> str:
    found = (code or "").strip().upper()
    if found not in _CURRENCIES:
        raise OrderProblem("orders.error.currency", currency=code or "")
    return found


def to_minor(amount: str | int | float | Decimal | None, currency: str) -> int:
    """'1,234.50' or '12.5' in EUR -> 123450 / 1250; refuses negatives and words."""
    if amount is None or (isinstance(amount, str) and not amount.strip()):
        return 0
    text = str(amount).strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    text = text.removeprefix("+")
    if text.startswith("-"):
        raise OrderProblem("orders.error.negative", amount=str(amount))
    digits = get_currency_precision(currency)
    if "," in text and "." in text:
        # The last separator is the decimal one: 1,234.50 or 1.234,50.
        if text.rfind(".") > text.rfind(","):
            text = text.replace(",", "")
        else:
            text = text.replace(".", "").replace(",", ".")
    else:
        for mark in (",", "."):
            parts = text.split(mark)
            if len(parts) > 2 or (len(parts) == 2 and len(parts[1]) == 3 and digits != 3):
                text = "".join(parts)  # 1,000 / 1.000.000: thousands, not decimals
            elif len(parts) == 2:
                text = ".".join(parts)
    if not _PLAIN.fullmatch(text):
        raise OrderProblem("orders.error.amount", amount=str(amount))
    value = Decimal(text)
    if value >= _LARGEST:
        raise OrderProblem("orders.error.amount", amount=str(amount))
    return int((value * (10**digits)).to_integral_value())


def customer_hash(email: str | None, salt: str) -> str | None:
    """A salted SHA-256 of the normalised email, for deduplication; the email is not kept."""
    if not email or "@" not in email:
        return None
    return hashlib.sha256(f"{salt}:{email.strip().lower()}".encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class OrderIn:
    source: Source
    source_id: str
    placed_at: datetime
    currency: str
    total_minor: int
    subtotal_minor: int | None = None
    discount_minor: int = 0
    stated_refund_minor: int = 0
    codes: tuple[str, ...] = ()
    status: str = "paid"
    name: str | None = None
    landing_site: str | None = None
    referring_site: str | None = None
    customer: str | None = None  # the salted hash, never the email


@dataclass(frozen=True, slots=True)
class RefundIn:
    source: Source
    source_id: str
    order_source_id: str
    refunded_at: datetime
    currency: str
    amount_minor: int
