"""The /r/{key} redirect: 302 with UTM after the click is stored, 404 otherwise, never elsewhere."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.links import RedirectApp, create_link, find_link, link_days
from influent.store.link_models import LinkClick
from influent_testing import seed_link_campaign

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Safari/537.36"
)
SLACK = "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"


@pytest.fixture
def redirect(influent: Influent, workspace_id: int) -> Iterator[RedirectApp]:
    seed_link_campaign(influent, workspace_id)
    with influent.session() as session:
        create_link(
            session,
            workspace_id=workspace_id,
            creator="@lena",
            campaign="serum-launch",
            to="https://maisonverte.fr/serum?color=vert#avis",
        )
    app = RedirectApp(influent.settings.database_url)
    yield app
    app.close()


def _get(
    app: RedirectApp, *paths: str, method: str = "GET", agent: str = CHROME
) -> list[httpx.Response]:
    async def go() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://links.test") as client:
            return list(
                await asyncio.gather(
                    *(client.request(method, p, headers={"user-agent": agent}) for p in paths)
                )
            )

    return asyncio.run(go())


def test_a_known_key_redirects_with_utm_and_the_visitor_id(
    influent: Influent, workspace_id: int, redirect: RedirectApp
) -> None:
    (response,) = _get(redirect, "/r/lena-serum")
    assert response.status_code == 302
    location = response.headers["location"]
    assert location.startswith(
        "https://maisonverte.fr/serum?color=vert&utm_source=instagram&utm_medium=influencer"
        "&utm_campaign=serum-launch&utm_content=lena&inf_vid="
    )
    assert location.endswith("#avis")
    visitor = parse_qs(urlsplit(location).query)["inf_vid"][0]
    assert response.headers["cache-control"] == "no-store"
    with influent.session() as session:
        click = session.scalars(select(LinkClick)).one()
        assert (click.visitor, click.is_bot, click.agent) == (visitor, False, "browser")
        assert "127.0.0.1" not in click.visitor


def test_a_key_in_another_case_redirects_to_the_same_link(redirect: RedirectApp) -> None:
    upper, mixed = _get(redirect, "/r/LENA-SERUM", "/r/Lena-Serum")
    assert upper.status_code == mixed.status_code == 302
    assert urlsplit(upper.headers["location"]).path == "/serum"


@pytest.mark.parametrize(
    "path",
    [
        "/r/nobody",
        "/r/",
        "/r/lena-serum/",
        "/r/lena-serum%0d%0aSet-Cookie:%20a=b",
        "/r/lena-serum%0aLocation:%20https://evil.example",
        "/r//evil.example",
        "/r/https:evil.example",
        "/r/..%2f..%2fetc",
    ],
)
def test_an_unknown_or_forged_key_gets_a_404_page_and_never_a_redirect(
    influent: Influent, redirect: RedirectApp, path: str
) -> None:
    (response,) = _get(redirect, path)
    assert response.status_code == 404
    assert "location" not in response.headers
    assert "set-cookie" not in response.headers
    assert "Link not found" in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(LinkClick)) == 0


def test_the_404_page_speaks_french_to_a_french_browser(redirect: RedirectApp) -> None:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=redirect)
        async with httpx.AsyncClient(transport=transport, base_url="http://links.test") as client:
            return await client.get("/r/personne", headers={"accept-language": "fr-FR,fr;q=0.9"})

    response = asyncio.run(go())
    assert response.status_code == 404 and "Lien introuvable" in response.text


def test_previewers_and_head_requests_are_stored_but_counted_apart(
    influent: Influent, workspace_id: int, redirect: RedirectApp
) -> None:
    _get(redirect, "/r/lena-serum", "/r/lena-serum")  # the same person twice
    _get(redirect, "/r/lena-serum", agent=SLACK)
    _get(redirect, "/r/lena-serum", method="HEAD")
    with influent.session() as session:
        link = find_link(session, workspace_id=workspace_id, ref="lena-serum")
        stats = link_days(session, link=link)
        assert (stats.human, stats.bot, stats.visitors) == (2, 2, 1)
        assert stats.days == [(datetime.now(UTC).date(), 2, 2, 1)]
        agents = sorted(session.scalars(select(LinkClick.agent)))
        assert agents == ["browser", "browser", "head", "slack"]


def test_concurrent_clicks_share_commits_and_none_is_lost(
    influent: Influent, workspace_id: int, redirect: RedirectApp
) -> None:
    responses = _get(redirect, *["/r/lena-serum"] * 300)
    assert all(r.status_code == 302 for r in responses)
    assert redirect.writer.written == 300
    assert redirect.writer.batches < 300
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(LinkClick)) == 300
        link = find_link(session, workspace_id=workspace_id, ref="lena-serum")
        assert link.clicks_human == 300


def test_other_paths_go_to_the_app_behind(influent: Influent) -> None:
    async def behind(scope: dict, receive: object, send: object) -> None:  # type: ignore[type-arg]
        await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
        await send({"type": "http.response.body", "body": b"app"})  # type: ignore[operator]

    app = RedirectApp(influent.settings.database_url, fallback=behind)
    (response,) = _get(app, "/creators")
    assert response.text == "app"
    alone = RedirectApp(influent.settings.database_url)
    (response,) = _get(alone, "/creators")
    assert response.status_code == 404


def test_a_local_proxy_forwarded_address_tells_visitors_apart(
    influent: Influent, workspace_id: int, redirect: RedirectApp
) -> None:
    async def go(forwarded: str) -> httpx.Response:
        transport = httpx.ASGITransport(app=redirect)  # the client is 127.0.0.1, a local proxy
        async with httpx.AsyncClient(transport=transport, base_url="http://links.test") as client:
            return await client.get(
                "/r/lena-serum", headers={"user-agent": CHROME, "x-forwarded-for": forwarded}
            )

    for forwarded in ("203.0.113.7", "198.51.100.1, 203.0.113.8", "203.0.113.7"):
        assert asyncio.run(go(forwarded)).status_code == 302
    with influent.session() as session:
        link = find_link(session, workspace_id=workspace_id, ref="lena-serum")
        assert (link.clicks_human, link.visitors) == (3, 2)
