"""Shop webhooks through the real app: verified, idempotent, refunds before orders."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from influent.domain.signatures import generic_signature, shopify_signature
from influent.services.core import Influent
from influent.settings import Settings
from influent.store.order_models import Order, OrderRollup
from influent.web import create_app
from influent_testing import Team
from web.conftest import Browser

SECRET = "shpss_test_secret"
GENERIC = "generic-secret"


@pytest.fixture
def shop(settings: Settings, team: Team) -> Iterator[tuple[Browser, Influent, str]]:
    configured = settings.model_copy(
        update={"shopify_webhook_secret": SECRET, "webhook_secret": GENERIC}
    )
    app = Influent(configured)
    with app.session() as session:
        from influent.store.models import Workspace

        slug = session.get(Workspace, team.workspace_id).slug  # type: ignore[union-attr]
    yield Browser(create_app(influent=app)), app, slug
    app.close()


# Fields as Shopify documents them for the Order resource; values made up.
ORDER = {
    "id": 820982911946154508,
    "name": "#9999",
    "email": "jon@example.com",
    "created_at": "2027-03-01T12:00:00-05:00",
    "currency": "EUR",
    "total_price": "59.90",
    "subtotal_price": "54.90",
    "total_discounts": "9.69",
    "discount_codes": [{"code": "LENA15", "amount": "9.69", "type": "percentage"}],
    "financial_status": "paid",
    "cancelled_at": None,
    "landing_site": "/products/serum?utm_source=instagram&inf_vid=abc",
    "referring_site": "https://l.instagram.com/",
    "line_items": [{"id": 1, "title": "Sérum", "quantity": 1, "price": "54.90"}],
}
REFUND = {
    "id": 509562969,
    "order_id": 820982911946154508,
    "created_at": "2027-03-02T10:00:00-05:00",
    "transactions": [
        {"id": 1, "amount": "20.00", "currency": "EUR", "kind": "refund", "status": "success"}
    ],
}


def post(
    client: Browser,
    slug: str,
    topic: str,
    payload: object,
    *,
    sign: str | None = None,
    delivery: str = "d1",
) -> int:
    body = json.dumps(payload).encode()
    headers = {
        "X-Shopify-Topic": topic,
        "X-Shopify-Webhook-Id": delivery,
        "Content-Type": "application/json",
    }
    headers["X-Shopify-Hmac-Sha256"] = sign if sign is not None else shopify_signature(SECRET, body)
    return client.post(
        f"/api/v1/webhooks/shopify/{slug}", content=body, headers=headers
    ).status_code


def _orders(app: Influent) -> tuple[int, int, int]:
    with app.session() as session:
        count = session.scalar(select(func.count()).select_from(Order)) or 0
        revenue, refunded = session.execute(
            select(
                func.coalesce(func.sum(OrderRollup.revenue_minor), 0),
                func.coalesce(func.sum(OrderRollup.refunded_minor), 0),
            )
        ).one()
    return int(count), int(revenue), int(refunded)


def test_it_refuses_a_bad_or_missing_signature_and_writes_nothing(
    shop: tuple[Browser, Influent, str],
) -> None:
    client, app, slug = shop
    assert post(client, slug, "orders/create", ORDER, sign="bm90IHRoZSBkaWdlc3Q=") == 401
    body = json.dumps(ORDER).encode()
    missing = client.post(
        f"/api/v1/webhooks/shopify/{slug}",
        content=body,
        headers={"X-Shopify-Topic": "orders/create"},
    )
    assert missing.status_code == 401 and "signature" in missing.json()["detail"]
    assert _orders(app) == (0, 0, 0)


def test_it_counts_a_replayed_order_once_and_a_refund_that_came_first(
    shop: tuple[Browser, Influent, str],
) -> None:
    client, app, slug = shop
    assert post(client, slug, "refunds/create", REFUND, delivery="r1") == 200
    assert post(client, slug, "orders/create", ORDER, delivery="o1") == 200
    assert post(client, slug, "orders/create", ORDER, delivery="o1") == 200  # replayed delivery
    assert post(client, slug, "orders/updated", ORDER, delivery="o2") == 200  # same order again
    assert _orders(app) == (1, 5_990, 2_000)
    with app.session() as session:
        order = session.scalar(select(Order))
        assert order is not None
        assert order.codes == ["LENA15"] and order.customer and "@" not in order.customer


def test_it_says_what_is_wrong_with_a_body_that_is_not_json_or_not_an_order(
    shop: tuple[Browser, Influent, str],
) -> None:
    client, app, slug = shop
    body = b"not json"
    response = client.post(
        f"/api/v1/webhooks/shopify/{slug}",
        content=body,
        headers={
            "X-Shopify-Topic": "orders/create",
            "X-Shopify-Hmac-Sha256": shopify_signature(SECRET, body),
        },
    )
    assert response.status_code == 400 and "not JSON" in response.json()["detail"]
    assert post(client, slug, "orders/create", {**ORDER, "currency": "ZZZ"}) == 400
    assert post(client, slug, "orders/create", {**ORDER, "total_price": "-5"}) == 400
    assert _orders(app) == (0, 0, 0)


def test_the_generic_webhook_is_signed_and_idempotent(shop: tuple[Browser, Influent, str]) -> None:
    client, app, slug = shop
    payload = {
        "id": "A-1",
        "created_at": "2027-03-01T12:00:00Z",
        "currency": "EUR",
        "total": "30,00",
        "refunds": [{"id": "R-1", "amount": "5", "created_at": "2027-03-02T12:00:00Z"}],
    }
    body = json.dumps(payload).encode()
    url = f"/api/v1/webhooks/orders/{slug}"
    bad = client.post(url, content=body, headers={"X-Influent-Signature": "sha256=00"})
    assert bad.status_code == 401
    for _ in range(2):
        ok = client.post(
            url, content=body, headers={"X-Influent-Signature": generic_signature(GENERIC, body)}
        )
        assert ok.status_code == 200
    assert _orders(app) == (1, 3_000, 500)
