"""`GET /r/{key}`: the short-link redirect, as a plain ASGI app in front of the web app.

No routing framework, no session, no template on the way to a 302: the key is looked up in a
small in-process cache (the database on a miss), the click is handed to the group-commit
writer, and the 302 is sent once the click is committed. Anything that is not under /r/ goes
to the app behind (the FastAPI app under `influent serve`, a plain 404 under `influent redirect`).
"""

from __future__ import annotations

import html
import re
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import UTC, date, datetime
from typing import Any

from influent.domain.clicks import classify_agent, visitor_hash
from influent.services.i18n import Translator, choose_locale
from influent.services.links._group_commit import GroupCommitWriter
from influent.store.link_clicks import Click, ClickStore, LinkTarget, open_click_store

__all__ = ["PREFIX", "VISITOR_PARAM", "RedirectApp"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

PREFIX = "/r/"
# The visitor id travels to the destination so that a later order can be tied to its click.
VISITOR_PARAM = "inf_vid"
_KEY = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?")
# A link's destination never changes, but one deleted elsewhere should stop within a minute.
_FOUND_TTL = 60.0
# An unknown key is asked again after a second: a link just created works at once.
_MISSING_TTL = 1.0
_CACHE_MAX = 100_000
_NO_STORE = (b"cache-control", b"no-store")
# Like uvicorn's default: X-Forwarded-For is believed only from a proxy on this machine.
_TRUSTED_PROXIES = frozenset({"127.0.0.1", "::1"})


class RedirectApp:
    """The redirect for one database; `fallback` answers every other path."""

    def __init__(
        self,
        database_url: str,
        *,
        fallback: ASGIApp | None = None,
        default_locale: str = "en",
    ) -> None:
        self.database_url = database_url
        self.fallback = fallback
        self.default_locale = default_locale
        self.writer = GroupCommitWriter(lambda: open_click_store(database_url))
        self._reader: ClickStore | None = None
        self._reader_lock = threading.Lock()
        self._cache: dict[str, tuple[float, LinkTarget | None]] = {}
        self._salt: tuple[date, bytes] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith(PREFIX):
            await self._redirect(scope, send)
        elif self.fallback is not None:
            await self.fallback(scope, receive, send)
        elif scope["type"] == "lifespan":
            await _lifespan(receive, send)
        elif scope["type"] == "http":
            await self._not_found(scope, send)

    def close(self) -> None:
        self.writer.close()
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    async def _redirect(self, scope: Scope, send: Send) -> None:
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await _respond(send, 405, [(b"allow", b"GET, HEAD")], b"")
            return
        key = scope["path"][len(PREFIX) :]
        target = self._target(key) if _KEY.fullmatch(key) else None
        if target is None:
            await self._not_found(scope, send)
            return
        agent = forwarded = None
        for name, value in scope["headers"]:
            if name == b"user-agent":
                agent = value.decode("latin-1")
            elif name == b"x-forwarded-for":
                forwarded = value
        client = scope.get("client")
        ip = client[0] if client else ""
        if forwarded and ip in _TRUSTED_PROXIES:
            # The address the local reverse proxy saw: the last one, the one it added.
            ip = forwarded.rsplit(b",", 1)[-1].strip().decode("latin-1")
        kind = classify_agent(agent, method=method)
        now = datetime.now(UTC)
        visitor = visitor_hash(self._day_salt(now.date()), ip, agent)
        try:
            await self.writer.write(Click(target.link_id, now, visitor, kind.is_bot, kind.label))
        except Exception:
            # No click stored, no redirect: the client may retry, nothing is counted twice.
            await _respond(send, 503, [(b"retry-after", b"1"), _NO_STORE], b"")
            return
        head, sep, fragment = target.url.partition("#")
        location = f"{head}{'&' if '?' in head else '?'}{VISITOR_PARAM}={visitor}{sep}{fragment}"
        await _respond(send, 302, [(b"location", location.encode("ascii")), _NO_STORE], b"")

    def _store(self) -> ClickStore:
        if self._reader is None:
            self._reader = open_click_store(self.database_url)
        return self._reader

    def _target(self, key: str) -> LinkTarget | None:
        lower = key.lower()
        now = time.monotonic()
        cached = self._cache.get(lower)
        if cached is not None and cached[0] > now:
            return cached[1]
        with self._reader_lock:
            try:
                found = self._store().find(lower)
            except Exception:
                if self._reader is not None:
                    self._reader.close()
                    self._reader = None
                raise
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[lower] = (now + (_FOUND_TTL if found else _MISSING_TTL), found)
        return found

    def _day_salt(self, day: date) -> bytes:
        if self._salt is None or self._salt[0] != day:
            with self._reader_lock:
                self._salt = (day, self._store().salt(day))
        return self._salt[1]

    async def _not_found(self, scope: Scope, send: Send) -> None:
        accept = None
        for name, value in scope["headers"]:
            if name == b"accept-language":
                accept = value.decode("latin-1")
        locale = choose_locale(
            user_locale=None,
            session_locale=None,
            accept_language=accept,
            default=self.default_locale,
        )
        tr = Translator(locale)
        body = _PAGE.format(
            lang=locale,
            title=html.escape(tr.t("links.redirect.not_found_title")),
            text=html.escape(tr.t("links.redirect.not_found")),
        ).encode()
        await _respond(send, 404, _PAGE_HEADERS, body)


_PAGE_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    _NO_STORE,
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"referrer-policy", b"same-origin"),
]
_PAGE = (
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>{title}</title></head><body><main><h1>{title}</h1><p>{text}</p></main></body></html>"
)


async def _respond(
    send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes
) -> None:
    headers = [*headers, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _lifespan(receive: Receive, send: Send) -> None:
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return
