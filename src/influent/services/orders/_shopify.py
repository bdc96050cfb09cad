"""Shopify's order and refund webhooks, read by strict models into Influent's orders.

Reference: https://shopify.dev/docs/api/admin-rest/latest/resources/webhook (topics
orders/create, orders/updated, refunds/create) and the Order and Refund resources.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from influent.domain.orders import (
    CANCELLED,
    OrderIn,
    OrderProblem,
    RefundIn,
    Source,
    check_currency,
    customer_hash,
    to_minor,
)

__all__ = ["ORDER_TOPICS", "REFUND_TOPICS", "order_from_webhook", "refunds_from_webhook"]

ORDER_TOPICS = frozenset({"orders/create", "orders/updated", "orders/paid", "orders/cancelled"})
REFUND_TOPICS = frozenset({"refunds/create"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


M = TypeVar("M", bound=_Model)


class _DiscountCode(_Model):
    code: str


class _Order(_Model):
    id: int
    name: str | None = None
    created_at: datetime
    currency: str
    total_price: str
    subtotal_price: str | None = None
    total_discounts: str | None = None
    discount_codes: list[_DiscountCode] = []
    financial_status: str | None = None
    cancelled_at: datetime | None = None
    landing_site: str | None = None
    referring_site: str | None = None
    email: str | None = None


class _Transaction(_Model):
    id: int | None = None
    amount: str
    currency: str | None = None
    kind: str | None = None
    status: str | None = None


class _Refund(_Model):
    id: int
    order_id: int
    created_at: datetime
    transactions: list[_Transaction] = []


def _parse(model: type[M], body: bytes) -> M:
    try:
        return model.model_validate_json(body)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise OrderProblem("orders.error.payload", where=where) from None


def order_from_webhook(body: bytes, *, salt: str) -> OrderIn:
    found = _parse(_Order, body)
    currency = check_currency(found.currency)
    status = "cancelled" if found.cancelled_at else (found.financial_status or "pending")
    return OrderIn(
        source=Source.SHOPIFY,
        source_id=str(found.id),
        name=found.name,
        placed_at=found.created_at,
        currency=currency,
        total_minor=to_minor(found.total_price, currency),
        subtotal_minor=to_minor(found.subtotal_price, currency) if found.subtotal_price else None,
        discount_minor=to_minor(found.total_discounts, currency),
        codes=tuple(d.code for d in found.discount_codes),
        status="cancelled" if status in CANCELLED else status,
        landing_site=found.landing_site,
        referring_site=found.referring_site,
        customer=customer_hash(found.email, salt),
    )


def refunds_from_webhook(body: bytes, *, order_currency: str | None = None) -> list[RefundIn]:
    """One refund record per refund: the sum of its successful refund transactions."""
    found = _parse(_Refund, body)
    paid = [
        t
        for t in found.transactions
        if (t.kind or "refund") == "refund" and (t.status or "success") == "success"
    ]
    currency = check_currency(next((t.currency for t in paid if t.currency), order_currency))
    amount = sum(to_minor(t.amount, currency) for t in paid)
    return [
        RefundIn(
            source=Source.SHOPIFY,
            source_id=str(found.id),
            order_source_id=str(found.order_id),
            refunded_at=found.created_at,
            currency=currency,
            amount_minor=amount,
        )
    ]
