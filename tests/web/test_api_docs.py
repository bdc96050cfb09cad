"""The API docs work offline: vendored Swagger UI, linked from every page's footer."""

from __future__ import annotations

from typing import Any

import pytest

from web.conftest import Browser
from web.test_browser import server

__all__ = ["server"]  # the fixture, imported for this module's tests


def test_the_docs_page_loads_only_local_files(anonymous: Browser) -> None:
    page = anonymous.get("/api/docs")
    assert page.status_code == 200
    assert "/static/swagger-ui/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # no CDN, no absolute URL
    assert "'unsafe-inline'" not in page.headers["content-security-policy"].split("script-src")[1]
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "start.js"):
        assert anonymous.get(f"/static/swagger-ui/{asset}").status_code == 200


def test_every_page_links_to_the_api_docs(owner: Browser) -> None:
    assert 'href="/api/docs"' in owner.get("/creators").text


@pytest.mark.browser
def test_the_docs_render_in_chromium_with_the_network_blocked(server: str, chromium: Any) -> None:
    from playwright.sync_api import expect

    outside: list[str] = []

    def only_local(route, request) -> None:  # type: ignore[no-untyped-def]
        if request.url.startswith(server):
            route.continue_()
        else:
            outside.append(request.url)
            route.abort()

    page = chromium.new_page()
    page.set_default_timeout(20_000)
    page.route("**/*", only_local)
    page.goto(f"{server}/api/docs")
    expect(page.locator(".swagger-ui .title").first).to_contain_text("Influent")
    expect(page.get_by_text("/api/v1/creators", exact=True).first).to_be_visible()
    assert outside == []
