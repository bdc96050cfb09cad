"""The web app: `uvicorn influent.web.app:create_app --factory`."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import (
    http_exception_handler,
    request_validation_exception_handler,
)
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from influent.services import accounts
from influent.services.core import Influent
from influent.services.i18n import Translator, choose_locale
from influent.services.links import RedirectApp
from influent.settings import Settings
from influent.web.api_errors import ApiRefusal
from influent.web.csrf import csrf_protect
from influent.web.deps import LoginRequired
from influent.web.routes import (
    account,
    activity_import,
    api,
    auth,
    brandfit,
    brandfit_api,
    brandfit_survey,
    creators,
    deals,
    deals_api,
    discovery,
    handles,
    imports,
    links,
    orders,
    orders_import,
    outreach,
    outreach_api,
    outreach_contact,
    outreach_entry,
    outreach_reports,
    portal,
    reports,
    vetting,
)
from influent.web.routes import settings as settings_routes
from influent.web.templating import is_htmx, render

__all__ = ["create_app", "create_server_app"]

STATIC = Path(__file__).parent / "static"

_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI's stylesheet sets a few inline styles of its own; only its page allows that.
_DOCS_CSP = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class SecurityHeaders:
    """Adds the security headers every response carries."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = _DOCS_CSP if scope["path"] == "/api/docs" else _CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                    (b"content-security-policy", csp.encode()),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class UploadLimit:
    """Stops a request body at the upload limit, counting bytes as they arrive.

    A Content-Length far above the limit is refused before anything is read; a chunked body
    (no Content-Length) is counted chunk by chunk, and the chunk that passes the limit is
    never handed to the app, so nothing beyond it reaches the disk. The import routes check
    the exact size with a translated message; this guard stops a client from streaming
    gigabytes into the temporary folder first.
    """

    def __init__(self, app: ASGIApp, limit_mb: int) -> None:
        self.app = app
        self.limit_mb = limit_mb
        # Multipart framing and the other fields add a little to the file itself.
        self.max_bytes = (limit_mb + 1) * 2**20

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if length.isdigit() and int(length) > self.max_bytes:
            await self._refuse(scope, send)
            return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the app, where the error handlers turn it into a 413.
                    raise StarletteHTTPException(413, self._sentence())
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except StarletteHTTPException as error:
            if error.status_code != 413 or started:
                raise
            await self._refuse(scope, send)

    def _sentence(self) -> str:
        return f"The upload is larger than {self.limit_mb} MB."

    async def _refuse(self, scope: Scope, send: Send) -> None:
        # The API answers in JSON, as its OpenAPI document says; pages get the sentence.
        if scope["path"].startswith("/api/"):
            kind, body = b"application/json", json.dumps({"detail": self._sentence()}).encode()
        else:
            kind, body = b"text/plain; charset=utf-8", self._sentence().encode()
        await send(
            {"type": "http.response.start", "status": 413, "headers": [(b"content-type", kind)]}
        )
        await send({"type": "http.response.body", "body": body})


def create_app(settings: Settings | None = None, influent: Influent | None = None) -> FastAPI:
    """The app for one Influent object (made from `settings` when not given)."""
    influent = influent or Influent(settings)
    settings = influent.settings
    app = FastAPI(
        title="Influent",
        summary="Self-hosted influencer marketing.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.influent = influent
    app.state.login_throttle = accounts.LoginThrottle(max_failures=settings.login_max_failures)
    app.add_middleware(UploadLimit, limit_mb=settings.max_upload_mb)
    app.add_middleware(SecurityHeaders)
    # Added last so it runs first: every route below sees request.session.
    app.add_middleware(
        SessionMiddleware,
        secret_key=accounts.session_secret(settings),
        session_cookie="influent_session",
        max_age=settings.session_max_age,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    protected = [Depends(csrf_protect)]
    for module in (
        auth,
        account,
        creators,
        handles,
        imports,
        activity_import,
        settings_routes,
        discovery,
        links,
        deals,
        outreach_entry,
        outreach,
        outreach_contact,
        brandfit,
        brandfit_survey,
        orders_import,
    ):
        app.include_router(module.router, dependencies=protected)
    app.include_router(api.router)
    # Webhooks are signed by the shop; they carry no session and so no CSRF token.
    app.include_router(orders.router)
    # Creators' private pages: read-only, reached by an unguessable link, no session.
    app.include_router(portal.router)
    app.include_router(links.api_router)
    app.include_router(deals_api.router)
    app.include_router(outreach_api.router)
    # The due list and the funnel only read; the calendar feed is fetched by calendar apps.
    app.include_router(outreach_reports.router)
    # The campaign report only reads.
    app.include_router(reports.router)
    app.include_router(reports.api_router)
    app.include_router(brandfit_api.router)
    # Vetting mixes pages and API routes, so it guards its own forms with csrf_protect.
    app.include_router(vetting.router)
    _add_api_docs(app)
    _add_error_pages(app)
    return app


def create_server_app(
    settings: Settings | None = None, influent: Influent | None = None
) -> RedirectApp:
    """What `influent serve` runs: the short-link redirect (/r/…) in front of the web app.

    The redirect is a plain ASGI app so that a click costs no routing, session or template.
    """
    influent = influent or Influent(settings)
    return RedirectApp(
        influent.settings.database_url,
        fallback=create_app(influent=influent),
        default_locale=influent.settings.default_locale,
    )


def _add_api_docs(app: FastAPI) -> None:
    # Swagger UI from vendored files (static/swagger-ui/), so the docs work offline.
    @app.get("/api/docs", include_in_schema=False, response_class=HTMLResponse)
    def api_docs(request: Request) -> HTMLResponse:
        return render(request, "api_docs.html", tr=_translator(request))


def _translator(request: Request) -> Translator:
    locale = getattr(request.state, "locale", None)
    if locale is None:
        settings: Settings = request.app.state.influent.settings
        saved = request.session.get("locale")
        locale = choose_locale(
            user_locale=None,
            session_locale=saved if isinstance(saved, str) else None,
            accept_language=request.headers.get("accept-language"),
            default=settings.default_locale,
        )
    return Translator(locale)


def _add_error_pages(app: FastAPI) -> None:
    @app.exception_handler(ApiRefusal)
    async def api_refusal(request: Request, exc: ApiRefusal) -> Response:
        return JSONResponse(exc.body(), status_code=exc.status_code)

    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        target = "/login"
        if request.method == "GET" and request.url.path != "/":
            wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            target += "?" + urlencode({"next": wanted})
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        tr = _translator(request)
        messages = {
            403: "errors.forbidden_csrf" if exc.detail == "csrf" else "errors.forbidden",
            404: "errors.not_found",
            405: "errors.generic",
        }
        response = render(
            request,
            "error.html",
            tr=tr,
            status_code=exc.status_code,
            message=tr.t(messages.get(exc.status_code, "errors.generic")),
            code=exc.status_code,
        )
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            return await request_validation_exception_handler(request, exc)
        tr = _translator(request)
        return render(
            request,
            "error.html",
            tr=tr,
            status_code=422,
            message=tr.t("errors.invalid_form"),
            code=422,
        )
