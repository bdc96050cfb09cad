"""The creator page's charts are drawn once per content and language, then kept."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from influent.services.core import Influent
from influent.settings import Settings
from influent_testing import Team, seed_vetted_creator
from web.conftest import Browser
from web.test_vetting_web import PNG, with_vetting


@pytest.fixture
def client(app_client: Callable[[], Browser], team: Team) -> Browser:
    browser = app_client()
    with_vetting(browser.app)  # type: ignore[arg-type]
    return browser.login(team.owner.email)


_CHART_URL = re.compile(r'src="(/creators/\d+/(history|tier)\.png\?v=([0-9a-f]{32}))"')


def _chart_urls(client: Browser, creator_id: int) -> dict[str, tuple[str, str]]:
    fragment = client.get(f"/creators/{creator_id}/vetting")
    assert fragment.status_code == 200
    return {kind: (url, key) for url, kind, key in _CHART_URL.findall(fragment.text)}


def test_it_names_each_chart_by_what_it_shows_and_keeps_it(
    client: Browser, influent: Influent, team: Team, settings: Settings
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    urls = _chart_urls(client, creator_id)
    assert sorted(urls) == ["history", "tier"]
    for url, key in urls.values():
        response = client.get(url)
        assert response.status_code == 200 and response.content[:8] == PNG
        assert "immutable" in response.headers["cache-control"]
        kept = settings.data_dir / "charts" / f"{key}.png"
        assert kept.read_bytes() == response.content
    # The same data gives the same names: the page links to the charts already drawn.
    assert _chart_urls(client, creator_id) == urls


def test_it_gives_each_language_its_own_chart(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    english = _chart_urls(client, creator_id)
    client.submit("/settings/language", {"locale": "fr"})
    french = _chart_urls(client, creator_id)
    assert {k: v[1] for k, v in english.items()} != {k: v[1] for k, v in french.items()}


def test_it_draws_a_chart_whose_key_is_unknown_or_malformed(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    for v in ("0" * 32, "../../secret_key", "abc"):
        response = client.get(f"/creators/{creator_id}/history.png", params={"v": v})
        assert response.status_code == 200 and response.content[:8] == PNG
        assert "immutable" not in response.headers["cache-control"]


def test_it_hides_a_kept_chart_from_another_workspace(
    app_client: Callable[[], Browser], client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    url, _ = _chart_urls(client, creator_id)["tier"]
    assert client.get(url).status_code == 200
    outsider = app_client()
    with_vetting(outsider.app)  # type: ignore[arg-type]
    outsider.login(team.outsider.email)
    assert outsider.get(url).status_code == 404
