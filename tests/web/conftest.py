"""Web fixtures: the real app in-process, logged in as each member of the team."""

from __future__ import annotations

import asyncio
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpx import Response
from starlette.exceptions import StarletteDeprecationWarning

from influent_testing import IN_CI, PASSWORD, Team

with warnings.catch_warnings():
    # Starlette's TestClient now prefers httpx2; with httpx installed it still works, and warns
    # once at import. Adding httpx2 to the dev dependencies removes the need for this.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from influent.domain.platforms import Platform
from influent.services import creators as creators
from influent.services.core import Influent
from influent.settings import Settings
from influent.web import create_app
from web.browsing import CHROMIUM, CHROMIUM_ARGS

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Browser(TestClient):
    """A TestClient that knows this session's CSRF token, as the pages would."""

    csrf: str = ""

    def refresh_csrf(self) -> str:
        found = _CSRF.search(self.get("/login").text)
        assert found is not None
        self.csrf = found.group(1)
        return self.csrf

    def login(self, email: str, password: str = PASSWORD) -> Browser:
        self.refresh_csrf()
        response = self.post(
            "/login",
            data={"email": email, "password": password, "csrf_token": self.csrf},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        # Logging in hands out a fresh token.
        found = _CSRF.search(self.get("/creators").text)
        assert found is not None
        self.csrf = found.group(1)
        return self

    def submit(self, url: str, data: dict[str, str] | None = None, **kwargs: Any) -> Response:
        """POST a form the way the page would, hidden CSRF field included."""
        return self.post(url, data={"csrf_token": self.csrf, **(data or {})}, **kwargs)


@pytest.fixture
def app_client(settings: Settings, influent: Influent) -> Callable[[], Browser]:
    def make() -> Browser:
        return Browser(create_app(settings=settings, influent=influent))

    return make


@pytest.fixture
def anonymous(app_client: Callable[[], Browser]) -> Browser:
    return app_client()


@pytest.fixture
def owner(app_client: Callable[[], Browser], team: Team) -> Browser:
    return app_client().login(team.owner.email)


@pytest.fixture
def member(app_client: Callable[[], Browser], team: Team) -> Browser:
    return app_client().login(team.member.email)


@pytest.fixture
def viewer(app_client: Callable[[], Browser], team: Team) -> Browser:
    return app_client().login(team.viewer.email)


@pytest.fixture
def outsider(app_client: Callable[[], Browser], team: Team) -> Browser:
    return app_client().login(team.outsider.email)


def add_creator(
    influent: Influent,
    workspace_id: int,
    handle: str,
    *,
    name: str = "",
    platform: Platform = Platform.INSTAGRAM,
    followers: int | None = None,
    engagement_rate: float | None = None,
    tags: list[str] | None = None,
    **fields: str,
) -> int:
    """A creator made through the services, as the CLI would; returns its id."""
    with influent.session() as session:
        creator = creators.add_creator(
            session,
            workspace_id=workspace_id,
            name=name or handle.title(),
            account=creators.NewAccount(platform, handle, followers, engagement_rate),
            fields=dict(fields) or None,
            tags=tags,
        )
        return creator.id


@pytest.fixture
def make_creator(influent: Influent, team: Team) -> Callable[..., int]:
    def make(handle: str, **kwargs: Any) -> int:
        return add_creator(influent, team.workspace_id, handle, **kwargs)

    return make


@pytest.fixture(scope="session")
def _chromium_once() -> Iterator[tuple[Any, asyncio.AbstractEventLoop]]:
    if not Path(CHROMIUM).exists():
        message = f"no Chromium at {CHROMIUM}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    # Between its calls Playwright's sync API leaves its event loop marked as running in this
    # thread. Unmarked between browser tests, so that the other tests can run their own loop.
    loop = asyncio.get_running_loop()
    asyncio._set_running_loop(None)
    yield browser, loop
    asyncio._set_running_loop(loop)
    browser.close()
    playwright.stop()


@pytest.fixture
def chromium(_chromium_once: tuple[Any, asyncio.AbstractEventLoop]) -> Iterator[Any]:
    """Headless Chromium, launched once for the run; the contexts (and pages) a test opens
    are closed after it, so each test starts with no cookie and no page."""
    browser, loop = _chromium_once
    asyncio._set_running_loop(loop)
    try:
        yield browser
    finally:
        for context in browser.contexts:
            context.close()
        asyncio._set_running_loop(None)
