"""Orders exports, read from their documented columns: Shopify, WooCommerce, Stripe, generic.

- Shopify's orders export writes one line per line item; the order's own fields (totals,
  discount code, refunded amount) are on its first line only, the others repeat its Name.
  Reference: https://help.shopify.com/en/manual/fulfillment/managing-orders/exporting-orders
- WooCommerce's "Customer / Order / Coupon Export" default orders format: order_id,
  order_date, status, order_total, order_currency, refunded_total, coupon_items
  ("code:LENA15|amount:9.00;code:…"), billing_email.
- Stripe's payments export (unified payments): id, Created date (UTC), Amount, Amount
  Refunded, Currency, Status, Customer Email; a promo code in a "promo_code (metadata)" column.
- Generic: any other shop, read by the `ORDERS` schema (`domain/tabular/orders.py`), in English
  or French ("Commande;Date;Devise;Montant;Code promo;Remboursé;Statut"); `read_generic`
  gets its rows keyed by the schema's fields.

Each reader gets rows as {header: text}, and returns orders, refunds and problems by row and
column, never a half-read order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from influent.domain.messages import Message
from influent.domain.orders import (
    OrderIn,
    OrderProblem,
    Source,
    check_currency,
    customer_hash,
    to_minor,
)

__all__ = ["FORMATS", "OrderFile", "detect_format", "read_generic", "read_orders"]

Row = Mapping[str, str]

# The columns that identify each format (lower case); the first format whose columns are all
# present wins.
FORMATS: dict[Source, frozenset[str]] = {
    Source.SHOPIFY: frozenset({"name", "financial status", "lineitem quantity", "total"}),
    Source.WOOCOMMERCE: frozenset({"order_id", "order_total", "order_currency"}),
    Source.STRIPE: frozenset({"id", "created date (utc)", "amount", "amount refunded"}),
}


@dataclass(slots=True)
class OrderFile:
    source: Source
    orders: list[OrderIn] = field(default_factory=list)
    problems: list[tuple[int, str, Message]] = field(default_factory=list)


def detect_format(headers: Sequence[str]) -> Source | None:
    present = {h.strip().lower() for h in headers}
    return next((source for source, need in FORMATS.items() if need <= present), None)


def _get(row: Row, name: str) -> str:
    for key, value in row.items():
        if key.strip().lower() == name:
            return (value or "").strip()
    return ""


def _when(text: str) -> datetime:
    cleaned = text.strip().replace(" UTC", "+00:00")
    for candidate in (cleaned, cleaned.replace(" ", "T", 1)):
        try:
            moment = datetime.fromisoformat(candidate)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    patterns = (
        "%Y-%m-%d %H:%M:%S %z",
        "%m/%d/%Y %H:%M",
        "%d/%m/%Y %H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y",
        "%d.%m.%Y",
        "%Y-%m-%d",
    )
    for pattern in patterns:
        try:
            moment = datetime.strptime(text.strip(), pattern)
        except ValueError:
            continue
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    raise OrderProblem("orders.error.date", value=text)


def _order(
    source: Source,
    *,
    source_id: str,
    name: str | None,
    when: str,
    currency: str,
    total: str,
    subtotal: str = "",
    discount: str = "",
    refunded: str = "",
    codes: Sequence[str] = (),
    status: str = "paid",
    email: str = "",
    landing: str = "",
    referring: str = "",
    salt: str,
) -> OrderIn:
    if not source_id:
        raise OrderProblem("orders.error.no_id")
    money = check_currency(currency)
    return OrderIn(
        source=source,
        source_id=source_id,
        name=name,
        placed_at=_when(when),
        currency=money,
        total_minor=to_minor(total, money),
        subtotal_minor=to_minor(subtotal, money) if subtotal else None,
        discount_minor=to_minor(discount, money),
        stated_refund_minor=to_minor(refunded, money),
        codes=tuple(c.strip() for c in codes if c.strip()),
        status=(status or "paid").strip().lower(),
        landing_site=landing or None,
        referring_site=referring or None,
        customer=customer_hash(email, salt),
    )


Fields = dict[str, object]


def _shopify(rows: Sequence[tuple[int, Row]]) -> list[tuple[int, Fields]]:
    found: list[tuple[int, Fields]] = []
    seen: set[str] = set()
    for number, row in rows:
        name = _get(row, "name")
        if not name or name in seen:
            continue  # a further line item of an order already read
        seen.add(name)
        cancelled = bool(_get(row, "cancelled at"))
        fields: Fields = {
            "source_id": _get(row, "id") or name,
            "name": name,
            "when": _get(row, "created at"),
            "currency": _get(row, "currency"),
            "total": _get(row, "total"),
            "subtotal": _get(row, "subtotal"),
            "discount": _get(row, "discount amount"),
            "refunded": _get(row, "refunded amount"),
            "codes": _get(row, "discount code").split(","),
            "status": "cancelled" if cancelled else _get(row, "financial status"),
            "email": _get(row, "email"),
            "landing": _get(row, "landing site"),
            "referring": _get(row, "referring site"),
        }
        found.append((number, fields))
    return found


def _woocommerce(rows: Sequence[tuple[int, Row]]) -> list[tuple[int, Fields]]:
    found: list[tuple[int, Fields]] = []
    for number, row in rows:
        coupons = [
            part.split("code:", 1)[1].split("|", 1)[0]
            for part in _get(row, "coupon_items").split(";")
            if "code:" in part
        ]
        fields: Fields = {
            "source_id": _get(row, "order_id"),
            "name": _get(row, "order_number") or None,
            "when": _get(row, "order_date"),
            "currency": _get(row, "order_currency"),
            "total": _get(row, "order_total"),
            "discount": _get(row, "discount_total"),
            "refunded": _get(row, "refunded_total"),
            "codes": coupons,
            "status": _get(row, "status"),
            "email": _get(row, "billing_email"),
        }
        found.append((number, fields))
    return found


def _stripe(rows: Sequence[tuple[int, Row]]) -> list[tuple[int, Fields]]:
    found: list[tuple[int, Fields]] = []
    for number, row in rows:
        fields: Fields = {
            "source_id": _get(row, "id"),
            "name": None,
            "when": _get(row, "created date (utc)"),
            "currency": _get(row, "currency"),
            "total": _get(row, "amount"),
            "refunded": _get(row, "amount refunded"),
            "codes": [_get(row, "promo_code (metadata)")],
            "status": "failed" if _get(row, "status").lower() == "failed" else "paid",
            "email": _get(row, "customer email"),
        }
        found.append((number, fields))
    return found


# Statuses as French shops write them, and a "refunded" cell that says yes rather than how much.
_STATUSES = {
    "payee": "paid",
    "paye": "paid",
    "payée": "paid",
    "réglée": "paid",
    "reglee": "paid",
    "annulee": "cancelled",
    "annulée": "cancelled",
    "annule": "cancelled",
    "annulé": "cancelled",
    "echouee": "failed",
    "échouée": "failed",
    "remboursee": "refunded",
    "remboursée": "refunded",
    "remboursé": "refunded",
}
_YES = frozenset({"yes", "y", "oui", "o", "true", "vrai", "x"})
_NO = frozenset({"no", "n", "non", "false", "faux"})


def _generic(rows: Sequence[tuple[int, Row]]) -> list[tuple[int, Fields]]:
    found: list[tuple[int, Fields]] = []
    for number, row in rows:
        total = row.get("total", "") or ""
        status = (row.get("status", "") or "").strip().lower()
        refunded = (row.get("refunded", "") or "").strip()
        if refunded.lower() in _YES:
            refunded = total
        elif refunded.lower() in _NO:
            refunded = ""
        status = _STATUSES.get(status, status)
        if status == "refunded" and not refunded:
            refunded = total
        fields: Fields = {
            "source_id": (row.get("order_id", "") or "").strip(),
            "name": None,
            "when": row.get("created_at", "") or "",
            "currency": row.get("currency", "") or "",
            "total": total,
            "refunded": refunded,
            "codes": (row.get("code", "") or "").split(","),
            "status": status or "paid",
            "email": row.get("email", "") or "",
            "landing": (row.get("landing_site", "") or "").strip(),
            "referring": (row.get("referring_site", "") or "").strip(),
        }
        found.append((number, fields))
    return found


# The column a problem names, by its code.
_COLUMN = {
    "orders.error.currency": "currency",
    "orders.error.amount": "total",
    "orders.error.negative": "total",
    "orders.error.date": "date",
    "orders.error.no_id": "id",
}


# The same, as the generic schema's fields.
_FIELD = {
    "orders.error.currency": "currency",
    "orders.error.amount": "total",
    "orders.error.negative": "total",
    "orders.error.date": "created_at",
    "orders.error.no_id": "order_id",
}


_READERS = {
    Source.SHOPIFY: _shopify,
    Source.WOOCOMMERCE: _woocommerce,
    Source.STRIPE: _stripe,
}


def read_orders(
    headers: Sequence[str],
    rows: Sequence[tuple[int, Row]],
    *,
    salt: str,
    source: Source | None = None,
) -> OrderFile:
    """Orders of an export; OrderProblem("orders.error.format") when it is no orders export."""
    found = source or detect_format(headers)
    if found is None or found is Source.GENERIC:
        raise OrderProblem("orders.error.format", columns=", ".join(headers[:8]))
    return _read(found, _READERS[found](rows), salt, _COLUMN)


def read_generic(rows: Sequence[tuple[int, Row]], *, salt: str) -> OrderFile:
    """Orders of a generic export whose rows are keyed by the `ORDERS` schema's fields;
    each problem names the field it is about."""
    return _read(Source.GENERIC, _generic(rows), salt, _FIELD)


def _read(
    source: Source, rows: list[tuple[int, Fields]], salt: str, columns: Mapping[str, str]
) -> OrderFile:
    out = OrderFile(source)
    for number, fields in rows:
        try:
            out.orders.append(_order(source, salt=salt, **fields))  # type: ignore[arg-type]
        except OrderProblem as problem:
            out.problems.append((number, columns.get(problem.code, ""), problem.message))
    return out
