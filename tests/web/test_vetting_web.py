from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import Response

from influent.domain.quality import WEIGHTS
from influent.services import vetting as vetting_service
from influent.services.accounts import users
from influent.services.core import Influent
from influent.services.creators import CreatorQuery, list_creators
from influent.services.i18n import catalog
from influent.services.imports.creator_import import import_creators
from influent.settings import Settings
from influent.web import create_app
from influent.web.routes import vetting
from influent_testing import PASSWORD, Team, seed_vetted_creator
from web.browsing import serving
from web.conftest import Browser

PNG = b"\x89PNG\r\n\x1a\n"


def with_vetting(app: FastAPI) -> FastAPI:
    """The app with the vetting routes, whether or not create_app includes them yet."""
    if not any(getattr(r, "path", "") == "/creators/{creator_id}/vetting" for r in app.routes):
        app.include_router(vetting.router)
    return app


@pytest.fixture
def client(app_client: Callable[[], Browser], team: Team) -> Browser:
    browser = app_client()
    with_vetting(browser.app)  # type: ignore[arg-type]
    return browser.login(team.owner.email)


@pytest.fixture
def token(influent: Influent, team: Team) -> str:
    with influent.session() as session:
        return users.create_token(session, user_id=team.viewer.user_id, name="tests")


def test_it_renders_the_vetting_fragment_with_the_score(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    response = client.get(f"/creators/{creator_id}/vetting", headers={"HX-Request": "true"})
    assert response.status_code == 200
    score = re.search(r'id="quality-score" data-score="(\d+)"', response.text)
    assert score is not None and 0 <= int(score.group(1)) <= 100
    assert f"{score.group(1)}/100" in response.text
    assert 'data-signal="engagement_vs_tier"' in response.text
    assert f'src="/creators/{creator_id}/history.png?v=' in response.text
    assert f'src="/creators/{creator_id}/tier.png?v=' in response.text
    # The jump is listed with the post published the day before, linked.
    events = response.text[response.text.index('id="follower-events"') :]
    assert 'href="https://www.instagram.com/p/p9/"' in events[: events.index("</ol>")]
    assert 'id="quality-missing"' in response.text
    caveats = response.text[response.text.index('id="benchmark-caveats"') :]
    assert "published in March 2018" in caveats[: caveats.index("</ul>")]


def test_it_says_why_there_is_no_tier_chart_for_a_platform_without_benchmarks(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id, "nora.tiktok", platform="tiktok")
    response = client.get(f"/creators/{creator_id}/vetting")
    assert response.status_code == 200
    assert 'id="tier-chart"' not in response.text
    missing = response.text.split('id="tier-missing">')[1].split("</p>")[0]
    assert "No engagement benchmark for TikTok yet" in missing
    client.submit("/settings/language", {"locale": "fr", "next": "/creators"})
    french = client.get(f"/creators/{creator_id}/vetting").text
    assert "Pas encore de référence d’engagement pour TikTok" in french


def test_it_writes_the_sentences_in_the_users_language(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    client.submit("/settings/language", {"locale": "fr", "next": "/creators"})
    response = client.get(f"/creators/{creator_id}/vetting")
    assert "centile pour" in response.text and "abonnés" in response.text
    # No follower sample yet: the fake-follower signal is listed as missing, French style.
    missing = response.text.split('id="quality-missing"')[1].split("</ul>")[0]
    assert "Faux abonnés (poids 20)\u00a0: " in missing


def test_it_shows_a_provisional_score_with_its_range_when_little_is_known(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id, posts=False)
    response = client.get(f"/creators/{creator_id}/vetting")
    assert response.status_code == 200
    assert 'data-provisional="true"' in response.text
    found = re.search(
        r'id="quality-provisional">provisional: (\d) of 7 signals, between', response.text
    )
    assert found is not None and int(found.group(1)) <= 4


def _imported(client: Browser, influent: Influent, team: Team, tmp_path: Path, row: str) -> int:
    sheet = tmp_path / "mine.csv"
    sheet.write_text(f"name,platform,handle,followers,engagement\n{row}\n", encoding="utf-8")
    with influent.session() as session:
        import_creators(session, workspace_id=team.workspace_id, path=sheet)
        return (
            list_creators(session, workspace_id=team.workspace_id, query=CreatorQuery()).items[0].id
        )


def test_it_labels_stated_figures_and_says_what_would_measure_them(
    client: Browser, influent: Influent, team: Team, tmp_path: Path
) -> None:
    creator_id = _imported(client, influent, team, tmp_path, 'Marie,instagram,marie,150k,"5,3 %"')
    page = client.get(f"/creators/{creator_id}/vetting").text
    assert 'data-provisional="true"' in page
    assert re.search(
        r'data-figure="followers" data-stated="true">Followers: stated in your file, ', page
    )
    assert 'data-figure="engagement" data-stated="true"' in page
    assert 'data-signal="engagement_vs_tier" data-stated="true"' in page
    # Instagram needs a key that is not set: the page says where to set it.
    assert 'data-measure="set_key"' in page and 'href="/settings/sources"' in page
    # One snapshot makes no chart: a sentence instead of an empty frame.
    assert 'id="history-chart"' not in page and 'id="history-missing"' in page
    client.submit("/settings/language", {"locale": "fr", "next": "/creators"})
    french_page = client.get(f"/creators/{creator_id}/vetting").text
    assert "Abonnés\u00a0: déclaré dans votre fichier" in french_page
    assert "provisoire : 1 signal sur 7" in french_page


def test_it_points_to_a_posts_import_where_no_source_can_measure(
    client: Browser, influent: Influent, team: Team, tmp_path: Path
) -> None:
    creator_id = _imported(client, influent, team, tmp_path, "Léa,tiktok,lea,42k,7%")
    page = client.get(f"/creators/{creator_id}/vetting").text
    assert 'data-measure="import"' in page and '<a href="/import/activity">' in page
    assert client.get("/import/activity").status_code == 200


def test_it_includes_the_vetting_section_on_the_creator_page(
    client: Browser, influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    response = client.get(f"/creators/{creator_id}")
    assert response.status_code == 200
    assert f'hx-get="/creators/{creator_id}/vetting"' in response.text


@pytest.mark.parametrize("chart", ["history.png", "tier.png"])
def test_it_serves_the_charts_as_png(
    client: Browser, influent: Influent, team: Team, chart: str
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    response = client.get(f"/creators/{creator_id}/{chart}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    assert response.content[:8] == PNG
    width, _ = struct.unpack(">II", response.content[16:24])
    assert width == 800


def test_it_hides_another_workspaces_creator(
    app_client: Callable[[], Browser], influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    outsider = app_client()
    with_vetting(outsider.app)  # type: ignore[arg-type]
    outsider.login(team.outsider.email)
    for path in ("vetting", "history.png", "tier.png"):
        assert outsider.get(f"/creators/{creator_id}/{path}").status_code == 404


def test_it_sends_strangers_to_the_login_page(
    app_client: Callable[[], Browser], influent: Influent, team: Team
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    anonymous = app_client()
    with_vetting(anonymous.app)  # type: ignore[arg-type]
    response = anonymous.get(f"/creators/{creator_id}/history.png", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_it_answers_the_audit_api(
    client: Browser, influent: Influent, team: Team, token: str
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    auth = {"Authorization": f"Bearer {token}"}
    response = client.get(f"/api/v1/creators/{creator_id}/audit?locale=fr", headers=auth)
    assert response.status_code == 200
    data = response.json()
    assert data["creator_id"] == creator_id and isinstance(data["score"], int)
    signal = data["main"]["quality"]["signals"][0]
    assert signal["sentence"] == signal["sentence_fr"]
    assert data["main"]["events"][0]["posts"][0]["external_id"] == "p9"
    history = client.get(f"/api/v1/creators/{creator_id}/history", headers=auth).json()
    assert len(history["points"]) == 120 and history["weekly"]
    assert client.get(f"/api/v1/creators/{creator_id}/audit").status_code == 401
    assert client.get("/api/v1/creators/999999/audit", headers=auth).status_code == 404


def test_it_audits_an_uploaded_sample_through_the_api(client: Browser, token: str) -> None:
    sample = "username,followers,following,posts\njean,1200,300,85\nuser84756392,3,7500,0\n"
    response = client.post(
        "/api/v1/audience/audit",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("sample.csv", sample.encode(), "text/csv")},
    )
    assert response.status_code == 200, response.text
    data = response.json()
    assert list(data) == ["accounts", "fake_share", "interval"]
    assert [a["row"] for a in data["accounts"]] == [1, 2]
    empty = client.post(
        "/api/v1/audience/audit",
        headers={"Authorization": f"Bearer {token}"},
        files={"file": ("empty.csv", b"", "text/csv")},
    )
    assert empty.status_code == 422
    assert empty.json()["detail"] == [
        {"loc": ["body", "file"], "msg": "empty.csv is empty.", "type": "value_error"}
    ]


def test_the_api_keeps_a_sample_audit_with_a_creator(
    client: Browser, influent: Influent, team: Team, token: str
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    with influent.session() as session:
        editor = users.create_token(session, user_id=team.member.user_id, name="editor")
    sample = "username,followers,following,posts\njean,1200,300,85\nuser84756392,3,7500,0\n"

    def upload(bearer: str, creator: str) -> Response:
        return client.post(
            "/api/v1/audience/audit",
            headers={"Authorization": f"Bearer {bearer}"},
            data={"creator": creator},
            files={"file": ("sample.csv", sample.encode(), "text/csv")},
        )

    # A read-only token may audit but not keep; an unknown creator is a 404 before any audit.
    assert upload(token, "@marie.cuisine").status_code == 403
    assert upload(editor, "@nobody.here").status_code == 404
    kept = upload(editor, "@marie.cuisine")
    assert kept.status_code == 200, kept.text
    attached = kept.json()["attached"]
    assert attached["creator_id"] == creator_id
    with influent.session() as session:
        stored = vetting_service.latest_follower_audit(
            session, workspace_id=team.workspace_id, creator_id=creator_id
        )
    assert stored is not None and stored.sample_size == 2
    assert stored.fake_share == kept.json()["fake_share"]


def test_it_shows_a_sample_audit_on_the_audience_page(client: Browser) -> None:
    assert 'action="/audience"' in client.get("/audience").text
    sample = "Pseudo;Abonnés;Abonnements\njean;1,2k;300\nuser84756392;3;7 500\n"
    response = client.post(
        "/audience",
        data={"csrf_token": client.csrf},
        files={"file": ("sample.csv", sample.encode("cp1252"), "text/csv")},
    )
    assert response.status_code == 200
    assert 'id="fake-share"' in response.text and 'id="audience-accounts"' in response.text
    assert response.text.count("<tr>") == 3
    # French headers, read as counts: the interval uses the counts-only rates.
    rates = response.text.split('id="audience-rates"')[1].split("</ul>")[0]
    assert "only these columns are known: counts (posts, followers, following)" in rates


def test_it_explains_an_unreadable_sample_on_the_page(client: Browser) -> None:
    response = client.post(
        "/audience",
        data={"csrf_token": client.csrf},
        files={"file": ("notes.csv", b"city\nParis\n", "text/csv")},
    )
    assert response.status_code == 422 and "no row has a column the audit can read" in response.text


def test_it_shows_a_sample_audit_in_french(client: Browser) -> None:
    client.submit("/settings/language", {"locale": "fr", "next": "/audience"})
    sample = "username,followers,following,posts,has_profile_picture\nuser84756392,3,7500,0,0\n"
    response = client.post(
        "/audience",
        data={"csrf_token": client.csrf},
        files={"file": ("sample.csv", sample.encode(), "text/csv")},
    )
    assert response.status_code == 200
    reasons = response.text.split('id="audience-accounts"')[1]
    # The follower's reasons come from the model in English and are shown in French.
    assert "a jamais publié" in reasons or "pas de photo de profil" in reasons, reasons
    for english in ("has never posted", "no profile picture", "digits make up"):
        assert english not in reasons
    unreadable = client.post(
        "/audience",
        data={"csrf_token": client.csrf},
        files={"file": ("notes.csv", b"city\nParis\n", "text/csv")},
    )
    assert unreadable.status_code == 422
    assert "aucune ligne n’a de colonne que l’audit sait lire" in unreadable.text


def test_it_refuses_a_sample_upload_without_the_csrf_token(client: Browser) -> None:
    response = client.post(
        "/audience", files={"file": ("sample.csv", b"followers\n3\n", "text/csv")}
    )
    assert response.status_code == 403


def test_it_has_a_name_for_every_signal_in_both_catalogs() -> None:
    # The fragment builds these msgids from the signal's name, out of reach of a text search.
    for locale in ("en", "fr"):
        missing = sorted(
            f"vetting.signal.{n}" for n in WEIGHTS if f"vetting.signal.{n}" not in catalog(locale)
        )
        assert not missing, f"{locale}.json lacks {missing}"


# --- in a real browser ---------------------------------------------------------------------


@pytest.fixture
def live_url(settings: Settings, influent: Influent) -> Iterator[str]:
    """The app served by uvicorn on a free local port, in a background thread."""
    with serving(with_vetting(create_app(settings=settings, influent=influent))) as url:
        yield url


@pytest.mark.browser
def test_it_shows_the_score_and_the_chart_on_the_creator_page(
    live_url: str, influent: Influent, team: Team, chromium: Any
) -> None:
    creator_id = seed_vetted_creator(influent, team.workspace_id)
    page = chromium.new_page()
    page.goto(f"{live_url}/login")
    page.fill("input[name=email]", team.owner.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("form[action^='/login'] button[type=submit]")
    page.wait_for_url("**/creators**")
    with page.expect_response(lambda r: "/history.png?v=" in r.url) as chart:
        page.goto(f"{live_url}/creators/{creator_id}")
    assert chart.value.status == 200
    assert chart.value.headers["content-type"] == "image/png"
    score = page.locator("#quality-score")
    score.wait_for()
    assert re.fullmatch(r"\d+/100", score.inner_text())
    page.wait_for_load_state("networkidle")
    # naturalWidth is 0 until the browser has decoded the image.
    assert page.locator("#history-chart").evaluate("img => img.naturalWidth") == 800
    assert page.locator("#tier-chart").evaluate("img => img.naturalWidth") == 800


def test_it_refreshes_an_imported_channel_from_its_source_with_the_key_set(
    client: Browser,
    influent: Influent,
    team: Team,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import httpx

    from influent.services.enrichment import source_settings
    from influent.sources.http import HttpClient
    from services.test_enrichment import GOOGLE_DEVS, youtube_api

    row = f"Devs,youtube,youtube.com/channel/{GOOGLE_DEVS},2M,"
    creator_id = _imported(client, influent, team, tmp_path, row)
    with influent.session() as session:
        source_settings.set_source(
            session, workspace_id=team.workspace_id, source="youtube", values={"api_key": "k"}
        )
    recorded = HttpClient(transport=httpx.MockTransport(youtube_api), sleep=lambda _: None)
    monkeypatch.setattr(source_settings, "http_client", lambda settings=None: recorded)
    page = client.get(f"/creators/{creator_id}/vetting").text
    assert 'data-measure="refresh"' in page and f'action="/creators/{creator_id}/refresh"' in page
    response = client.submit(f"/creators/{creator_id}/refresh", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/creators/{creator_id}#vetting"
    page = client.get(f"/creators/{creator_id}/vetting").text
    # The followers now come from the source, measured, and the posts measure engagement.
    assert 'data-figure="followers" data-stated="false"' in page
    assert 'data-figure="engagement" data-stated="false"' in page
    refused = client.post(f"/creators/{creator_id}/refresh", follow_redirects=False)
    assert refused.status_code in (400, 403)
