"""Cross-site request forgery protection for the cookie-authenticated pages.

Each browser session holds one random token. Every form renders it as a hidden input and
htmx sends it as an `X-CSRF-Token` header (set once with hx-headers on <body>). Any unsafe
request to a page route must carry the same token, or it gets a 403.

Why not a library: starlette-csrf uses the double-submit-cookie pattern and has not been
maintained since 2023. Our sessions are already signed server-side-secret cookies, so the
synchronizer-token pattern is a few lines and has nothing left to configure wrongly.
The JSON API is exempt: it authenticates with Bearer tokens, which a browser never adds on
its own, so a forged cross-site request cannot carry them.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, status

__all__ = ["FIELD", "HEADER", "csrf_protect", "csrf_token", "rotate_csrf_token"]

FIELD = "csrf_token"
HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def csrf_token(request: Request) -> str:
    """This session's token, created on first use."""
    token = request.session.get(FIELD)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        request.session[FIELD] = token
    return token


def rotate_csrf_token(request: Request) -> str:
    """A fresh token, for when the session changes hands (login, logout)."""
    request.session.pop(FIELD, None)
    return csrf_token(request)


async def csrf_protect(request: Request) -> None:
    """Router dependency: refuse an unsafe request without this session's token."""
    if request.method in SAFE_METHODS:
        return
    expected = request.session.get(FIELD)
    given = request.headers.get(HEADER)
    if not given and request.headers.get("content-type", "").startswith(_FORM_TYPES):
        # Starlette caches the parsed form, so the route's own Form() fields still read it.
        value = (await request.form()).get(FIELD)
        given = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not given or not secrets.compare_digest(expected, given):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "csrf")
