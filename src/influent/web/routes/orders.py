"""Order webhooks: Shopify's and a generic signed one. No login: the signature is the key."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request

from influent.services import orders
from influent.services.i18n import Translator
from influent.web.deps import SessionDep

router = APIRouter(prefix="/api/v1/webhooks", tags=["api"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body is not JSON or not an order; nothing was written."},
    401: {"description": "The signature is missing or wrong; nothing was written."},
}


def _refuse(status: int, error: orders.OrderProblem | orders.WebhookRefused) -> HTTPException:
    return HTTPException(status, Translator("en").say(error.message))


@router.post("/shopify/{workspace}", responses=_ERRORS)
async def shopify_webhook(
    request: Request,
    session: SessionDep,
    workspace: str,
    x_shopify_topic: Annotated[str, Header()] = "",
    x_shopify_hmac_sha256: Annotated[str | None, Header()] = None,
    x_shopify_webhook_id: Annotated[str | None, Header()] = None,
) -> dict[str, str]:
    """Shopify's orders/create, orders/updated and refunds/create, verified by HMAC-SHA256."""
    body = await request.body()
    try:
        result = orders.receive_shopify(
            session,
            workspace=workspace,
            topic=x_shopify_topic,
            body=body,
            signature=x_shopify_hmac_sha256,
            delivery_id=x_shopify_webhook_id,
        )
    except orders.WebhookRefused as error:
        raise _refuse(401, error) from None
    except orders.OrderProblem as error:
        raise _refuse(400, error) from None
    return {"status": result.status}


@router.post("/orders/{workspace}", responses=_ERRORS)
async def generic_webhook(
    request: Request,
    session: SessionDep,
    workspace: str,
    x_influent_signature: Annotated[str | None, Header()] = None,
    x_influent_delivery: Annotated[str | None, Header()] = None,
) -> dict[str, str]:
    """Any shop: the order as JSON, signed `X-Influent-Signature: sha256=<hex HMAC>`."""
    body = await request.body()
    try:
        result = orders.receive_generic(
            session,
            workspace=workspace,
            body=body,
            signature=x_influent_signature,
            delivery_id=x_influent_delivery,
        )
    except orders.WebhookRefused as error:
        raise _refuse(401, error) from None
    except orders.OrderProblem as error:
        raise _refuse(400, error) from None
    return {"status": result.status}
