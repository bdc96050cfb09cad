"""Handles to confirm on the creator page: search the name, see the candidates, confirm one."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.services.enrichment import source_settings
from influent.services.imports.creator_import import import_creators
from influent.sources.http import HttpClient
from influent.store.models import Account, Creator
from influent_testing import Team

from .conftest import Browser

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources" / "youtube"
GOOGLE_DEVS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"


def youtube_api(request: httpx.Request) -> httpx.Response:
    """Recorded answers: the search finds Google Developers' channel, channels.list its numbers."""
    resource = request.url.path.rsplit("/", 1)[-1]
    name = {
        "search": "search_search_videos_by_channel.json",
        "channels": "channels_info_multiple.json",
    }[resource]
    return httpx.Response(
        200, content=(FIXTURES / name).read_bytes(), headers={"Content-Type": "application/json"}
    )


@pytest.fixture(autouse=True)
def recorded_youtube(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        source_settings,
        "http_client",
        lambda settings=None: HttpClient(
            transport=httpx.MockTransport(youtube_api), sleep=lambda _: None
        ),
    )


def names(influent: Influent, team: Team, tmp_path: Path, text: str) -> tuple[int, int]:
    path = tmp_path / "names.csv"
    path.write_text(text, encoding="utf-8")
    with influent.session() as session:
        report = import_creators(
            session, workspace_id=team.workspace_id, path=path, platform_hint=Platform.YOUTUBE
        )
        assert report.written, report.problems
        source_settings.set_source(
            session, workspace_id=team.workspace_id, source="youtube", values={"api_key": "k"}
        )
        account = session.scalars(select(Account)).one()
        return account.creator_id, account.id


def test_it_shows_candidates_and_attaches_the_confirmed_channel(
    owner: Browser, influent: Influent, team: Team, tmp_path: Path
) -> None:
    creator_id, account_id = names(
        influent, team, tmp_path, "name,subscribers\nGoogle Devs,1000000\n"
    )
    page = owner.get(f"/creators/{creator_id}").text
    assert "handle to confirm" in page and f'id="find-handle-{account_id}"' in page
    assert "handle to confirm" in owner.get("/creators").text
    found = owner.submit(f"/creators/{creator_id}/accounts/{account_id}/find-handle")
    assert found.status_code == 200
    assert "No channel found is named “Google Devs”" in found.text
    assert f'data-channel="{GOOGLE_DEVS}"' in found.text
    done = owner.submit(
        f"/creators/{creator_id}/accounts/{account_id}/confirm-handle",
        {"channel_id": GOOGLE_DEVS},
        follow_redirects=False,
    )
    assert done.status_code == 303
    page = owner.get(f"/creators/{creator_id}").text
    assert "“Google Developers” attached to Google Devs, as you confirmed." in page
    assert "handle to confirm" not in page
    with influent.session() as session:
        account = session.get(Account, account_id)
        assert account is not None and account.external_id == GOOGLE_DEVS
        creator = session.get(Creator, creator_id)
        assert creator is not None and creator.followers == 2_260_000


def test_it_attaches_a_sure_match_at_once_in_french(
    owner: Browser, influent: Influent, team: Team, tmp_path: Path
) -> None:
    creator_id, account_id = names(
        influent, team, tmp_path, "name,subscribers\nGoogle Developers,2.3E+06\n"
    )
    owner.submit("/settings/language", {"locale": "fr", "next": f"/creators/{creator_id}"})
    assert "pseudo à confirmer" in owner.get(f"/creators/{creator_id}").text
    done = owner.submit(
        f"/creators/{creator_id}/accounts/{account_id}/find-handle", follow_redirects=False
    )
    assert done.status_code == 303
    page = owner.get(f"/creators/{creator_id}").text
    assert re.search(r"Rattachée\s:\sle même nom que «\sGoogle Developers\s»", page), page


def test_it_lets_only_editors_search_and_only_accounts_to_confirm(
    viewer: Browser, owner: Browser, influent: Influent, team: Team, tmp_path: Path
) -> None:
    creator_id, account_id = names(influent, team, tmp_path, "name\nGoogle Devs\n")
    url = f"/creators/{creator_id}/accounts/{account_id}/find-handle"
    assert viewer.submit(url, follow_redirects=False).status_code == 403
    assert owner.submit(f"/creators/{creator_id}/accounts/999999/find-handle").status_code == 404
