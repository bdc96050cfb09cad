"""Signed order webhooks: verified before anything is read, idempotent per delivery and order.

A bad or missing signature writes nothing. A delivery seen before is acknowledged and ignored;
a new delivery of an order already known updates it, never counts it twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from influent.domain.messages import MessageError
from influent.domain.orders import (
    OrderIn,
    OrderProblem,
    RefundIn,
    Source,
    check_currency,
    customer_hash,
    to_minor,
)
from influent.domain.signatures import verify_generic, verify_shopify
from influent.services.accounts import session_secret
from influent.services.core import settings_of
from influent.services.orders._ingest import AttributionData, IngestReport, record
from influent.services.orders._shopify import (
    ORDER_TOPICS,
    REFUND_TOPICS,
    order_from_webhook,
    refunds_from_webhook,
)
from influent.store.models import Workspace
from influent.store.order_models import Order, WebhookDelivery

__all__ = ["WebhookRefused", "WebhookResult", "receive_generic", "receive_shopify"]


class WebhookRefused(MessageError):
    """The webhook is not signed by the shop this install trusts (HTTP 401)."""


@dataclass(frozen=True, slots=True)
class WebhookResult:
    status: str  # "recorded", "replayed" or "ignored"
    report: IngestReport | None = None


def _workspace(session: Session, slug: str) -> int:
    found = session.scalar(select(Workspace.id).where(Workspace.slug == slug))
    if found is None:
        raise OrderProblem("orders.error.workspace", workspace=slug)
    return found


def _seen(session: Session, workspace_id: int, source: str, delivery_id: str | None) -> bool:
    if not delivery_id:
        return False
    return (
        session.scalar(
            select(WebhookDelivery.id).where(
                WebhookDelivery.workspace_id == workspace_id,
                WebhookDelivery.source == source,
                WebhookDelivery.delivery_id == delivery_id[:200],
            )
        )
        is not None
    )


def _remember(
    session: Session, workspace_id: int, source: str, delivery_id: str | None, topic: str
) -> None:
    if delivery_id:
        session.add(
            WebhookDelivery(
                workspace_id=workspace_id,
                source=source,
                delivery_id=delivery_id[:200],
                topic=topic[:60],
            )
        )
        session.flush()


def _is_json(body: bytes) -> None:
    try:
        json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise OrderProblem("orders.error.not_json") from None


def receive_shopify(
    session: Session,
    *,
    workspace: str,
    topic: str,
    body: bytes,
    signature: str | None,
    delivery_id: str | None,
    data: AttributionData | None = None,
) -> WebhookResult:
    """One Shopify webhook (orders/create, orders/updated, refunds/create…)."""
    settings = settings_of(session)
    if not settings.shopify_webhook_secret or not verify_shopify(
        settings.shopify_webhook_secret, body, signature
    ):
        raise WebhookRefused("orders.error.signature")
    workspace_id = _workspace(session, workspace)
    _is_json(body)
    if _seen(session, workspace_id, Source.SHOPIFY.value, delivery_id):
        return WebhookResult("replayed")
    if topic in ORDER_TOPICS:
        order = order_from_webhook(body, salt=session_secret(settings))
        report = record(session, workspace_id=workspace_id, orders=[order], data=data)
    elif topic in REFUND_TOPICS:
        known = session.scalar(
            select(Order.currency).where(
                Order.workspace_id == workspace_id,
                Order.source == Source.SHOPIFY.value,
                Order.source_id == str(json.loads(body).get("order_id", "")),
            )
        )
        refunds = refunds_from_webhook(body, order_currency=known)
        report = record(session, workspace_id=workspace_id, refunds=refunds, data=data)
    else:
        _remember(session, workspace_id, Source.SHOPIFY.value, delivery_id, topic)
        return WebhookResult("ignored")
    _remember(session, workspace_id, Source.SHOPIFY.value, delivery_id, topic)
    return WebhookResult("recorded", report)


class _GenericRefund(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    amount: str
    created_at: datetime


class _GenericOrder(BaseModel):
    """Influent's generic order webhook body (docs/orders.md)."""

    model_config = ConfigDict(extra="ignore")
    id: str
    created_at: datetime
    currency: str
    total: str
    status: str = "paid"
    codes: list[str] = []
    landing_site: str | None = None
    referring_site: str | None = None
    email: str | None = None
    refunds: list[_GenericRefund] = []


def receive_generic(
    session: Session,
    *,
    workspace: str,
    body: bytes,
    signature: str | None,
    delivery_id: str | None,
    data: AttributionData | None = None,
) -> WebhookResult:
    settings = settings_of(session)
    if not settings.webhook_secret or not verify_generic(settings.webhook_secret, body, signature):
        raise WebhookRefused("orders.error.signature")
    workspace_id = _workspace(session, workspace)
    _is_json(body)
    if _seen(session, workspace_id, Source.GENERIC.value, delivery_id):
        return WebhookResult("replayed")
    try:
        found = _GenericOrder.model_validate_json(body)
    except ValidationError as error:
        where = ".".join(str(p) for p in error.errors()[0].get("loc", ())) or "body"
        raise OrderProblem("orders.error.payload", where=where) from None
    currency = check_currency(found.currency)
    order = OrderIn(
        source=Source.GENERIC,
        source_id=found.id,
        placed_at=found.created_at,
        currency=currency,
        total_minor=to_minor(found.total, currency),
        status=found.status,
        codes=tuple(found.codes),
        landing_site=found.landing_site,
        referring_site=found.referring_site,
        customer=customer_hash(found.email, session_secret(settings)),
    )
    refunds = [
        RefundIn(
            Source.GENERIC, r.id, found.id, r.created_at, currency, to_minor(r.amount, currency)
        )
        for r in found.refunds
    ]
    report = record(session, workspace_id=workspace_id, orders=[order], refunds=refunds, data=data)
    _remember(session, workspace_id, Source.GENERIC.value, delivery_id, "order")
    return WebhookResult("recorded", report)
