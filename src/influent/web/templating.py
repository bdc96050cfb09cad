"""Rendering Jinja2 pages with the request's language, user and CSRF token."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from influent.services.accounts import Actor
from influent.services.i18n import LOCALES, Translator
from influent.web.csrf import FIELD, csrf_token

__all__ = ["TEMPLATES", "flash", "is_htmx", "local_path", "render", "url_with"]

TEMPLATES = Path(__file__).parent / "templates"

env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)


def url_with(path: str, params: dict[str, Any], **changes: Any) -> str:
    """`path` with the current query `params`, some changed; empty values are dropped."""
    merged = {**params, **changes}
    query = urlencode({k: v for k, v in merged.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


env.globals["url_with"] = url_with


def local_path(target: str | None, default: str = "/creators") -> str:
    """`target` if it is a path on this site, else `default` (no open redirects)."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return default


def is_htmx(request: Request) -> bool:
    """An htmx swap wants a fragment; a history restore needs the whole page."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def flash(request: Request, message: str, kind: str = "info") -> None:
    """A message shown once, on the next page rendered for this browser."""
    request.session.setdefault("flash", []).append([kind, message])


def render(
    request: Request,
    name: str,
    *,
    tr: Translator,
    actor: Actor | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    flashes = request.session.pop("flash", []) if not name.startswith("_") else []
    html = env.get_template(name).render(
        request=request,
        path=request.url.path,
        actor=actor,
        can_edit=actor is not None and actor.can_edit,
        locale=tr.locale,
        locales=LOCALES,
        t=tr.t,
        say=tr.say,
        label=tr.label,
        problem=tr.problem,
        num=tr.num,
        pct=tr.pct,
        count=tr.count,
        date=tr.date,
        datetime=tr.datetime,
        csrf_field=FIELD,
        csrf_token=csrf_token(request),
        flashes=flashes,
        workspaces=context.pop("workspaces", None) or getattr(request.state, "workspaces", []),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code)
    # The same URL answers with a fragment for htmx and a page otherwise.
    response.headers["Vary"] = "HX-Request, Cookie, Accept-Language"
    return response
