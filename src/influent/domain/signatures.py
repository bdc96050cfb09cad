"""Webhook signatures: HMAC-SHA256 over the raw body, compared in constant time.

- Shopify signs each webhook with the app's shared secret and sends the digest, base64-encoded,
  in `X-Shopify-Hmac-Sha256`.
  Reference: https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook
- Influent's generic webhook, for other shops, expects `X-Influent-Signature: sha256=<hex>`,
  the hex HMAC-SHA256 of the raw body with the workspace's webhook secret (the GitHub style).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

__all__ = ["generic_signature", "shopify_signature", "verify_generic", "verify_shopify"]


def _digest(secret: str | bytes, body: bytes) -> bytes:
    key = secret.encode() if isinstance(secret, str) else secret
    return hmac.new(key, body, hashlib.sha256).digest()


def shopify_signature(secret: str | bytes, body: bytes) -> str:
    return base64.b64encode(_digest(secret, body)).decode("ascii")


def verify_shopify(secret: str | bytes, body: bytes, header: str | None) -> bool:
    """True when `header` is the base64 HMAC-SHA256 of `body` with `secret`."""
    if not header or not secret:
        return False
    try:
        given = base64.b64decode(header.strip(), validate=True)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(given, _digest(secret, body))


def generic_signature(secret: str | bytes, body: bytes) -> str:
    return "sha256=" + _digest(secret, body).hex()


def verify_generic(secret: str | bytes, body: bytes, header: str | None) -> bool:
    """True when `header` is `sha256=` and the hex HMAC-SHA256 of `body` with `secret`."""
    if not header or not secret:
        return False
    scheme, _, value = header.strip().partition("=")
    if scheme.lower() != "sha256":
        return False
    try:
        given = bytes.fromhex(value)
    except ValueError:
        return False
    return hmac.compare_digest(given, _digest(secret, body))
