"""Handles to confirm: a YouTube search of the creator's name, recorded answers, confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from influent.domain.handle_matching import Candidate, match_candidate
from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.services.enrichment.handle_search import (
    HandleError,
    confirm_handle,
    find_handle,
    pending_accounts,
)
from influent.services.enrichment.refresh import enrich
from influent.services.enrichment.source_settings import set_source
from influent.services.imports.creator_import import import_creators
from influent.services.imports.export import export_creators
from influent.sources.http import HttpClient
from influent.store.models import Account

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources" / "youtube"
GOOGLE_DEVS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"


def youtube_api(request: httpx.Request) -> httpx.Response:
    """Recorded answers: the search finds Google Developers' channel, channels.list its numbers
    (then a refresh reads its uploads, videos and comments)."""
    resource = request.url.path.rsplit("/", 1)[-1]
    name = {
        "search": "search_search_videos_by_channel.json",
        "channels": "channels_info_multiple.json",
        "playlistItems": "playlist_items_playlist_items_paged_1.json",
        "videos": "modeldata_videos_video_api_response.json",
        "commentThreads": "comment_threads_comment_threads_by_video_paged_1.json",
    }[resource]
    return httpx.Response(
        200, content=(FIXTURES / name).read_bytes(), headers={"Content-Type": "application/json"}
    )


@pytest.fixture
def http() -> Iterator[HttpClient]:
    client = HttpClient(transport=httpx.MockTransport(youtube_api), sleep=lambda _: None)
    yield client
    client.close()


def names(influent: Influent, workspace_id: int, tmp_path: Path, text: str) -> None:
    path = tmp_path / "names.csv"
    path.write_text(text, encoding="utf-8")
    with influent.session() as session:
        report = import_creators(
            session, workspace_id=workspace_id, path=path, platform_hint=Platform.YOUTUBE
        )
        assert report.written, report.problems
        set_source(session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"})
        session.commit()


def account_of(influent: Influent, name: str) -> Account:
    with influent.session() as session:
        account = next(a for a in session.scalars(select(Account)) if a.creator.name == name)
        session.expunge(account)
        return account


def test_it_decides_a_match_by_name_and_audience_within_ten_percent() -> None:
    devs = Candidate(GOOGLE_DEVS, "Google Developers", "googledevelopers", "u", 2_260_000)
    other = Candidate("x", "Google Devs", "devs", "u", 2_260_000)
    assert match_candidate("google  DEVELOPERS", 2_300_000, [other, devs]).chosen == devs
    assert match_candidate("Google Developers", 3_000_000, [devs]).chosen is None
    assert match_candidate("Google Developers", None, [devs]).chosen is None
    assert match_candidate("Google Developers", 2_300_000, [devs, devs]).chosen is None
    assert match_candidate("Google Developers", 2_300_000, []).reason.code == (
        "handles.match.none_found"
    )


def test_it_attaches_the_channel_of_the_same_name_and_audience_on_enrich(
    influent: Influent, workspace_id: int, tmp_path: Path, http: HttpClient
) -> None:
    names(influent, workspace_id, tmp_path, "name,subscribers\nGoogle Developers,2.3E+06\n")
    with influent.session() as session:
        report = enrich(session, workspace_id=workspace_id, all_accounts=True, http=http)
        session.commit()
    [resolution] = report.resolutions
    assert resolution.attached is not None and resolution.attached.external_id == GOOGLE_DEVS
    assert resolution.reason is not None
    assert resolution.reason.code == "handles.match.same_name_and_audience"
    account = account_of(influent, "Google Developers")
    assert (account.external_id, account.followers) == (GOOGLE_DEVS, 2_260_000)
    assert account.handle and not account.handle_key.startswith("?")
    assert report.refreshed == 1


def test_it_shows_candidates_and_attaches_only_the_one_the_user_confirms(
    influent: Influent, workspace_id: int, tmp_path: Path, http: HttpClient
) -> None:
    names(influent, workspace_id, tmp_path, "name,subscribers\nGoogle Devs,1000000\n")
    pending = account_of(influent, "Google Devs")
    with influent.session() as session:
        found = find_handle(session, workspace_id=workspace_id, account_id=pending.id, http=http)
        session.commit()
    assert found.attached is None and found.reason is not None
    assert found.reason.code == "handles.match.no_same_name"
    assert [c.external_id for c in found.candidates] == [GOOGLE_DEVS]
    assert account_of(influent, "Google Devs").handle == ""
    with influent.session() as session:
        done = confirm_handle(
            session,
            workspace_id=workspace_id,
            account_id=pending.id,
            channel_id=GOOGLE_DEVS,
            http=http,
        )
        session.commit()
    assert done.attached is not None
    account = account_of(influent, "Google Devs")
    assert account.external_id == GOOGLE_DEVS and account.followers == 2_260_000
    with influent.session() as session:
        assert pending_accounts(session, workspace_id=workspace_id) == []
        with pytest.raises(HandleError) as again:
            confirm_handle(
                session,
                workspace_id=workspace_id,
                account_id=pending.id,
                channel_id=GOOGLE_DEVS,
                http=http,
            )
    assert again.value.code == "handles.error.already_confirmed"


def test_it_refuses_a_channel_that_belongs_to_another_creator(
    influent: Influent, workspace_id: int, tmp_path: Path, http: HttpClient
) -> None:
    names(
        influent,
        workspace_id,
        tmp_path,
        "name,url\nDevs,https://www.youtube.com/channel/UC_x5XG1OV2P6uZZ5FSM9Ttw\nOther,\n",
    )
    other = account_of(influent, "Other")
    with influent.session() as session, pytest.raises(HandleError) as refused:
        confirm_handle(
            session,
            workspace_id=workspace_id,
            account_id=other.id,
            channel_id=GOOGLE_DEVS,
            http=http,
        )
    assert refused.value.code == "handles.error.taken"


def test_the_export_says_which_handles_are_to_confirm(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    names(influent, workspace_id, tmp_path, "name,subscribers\nGoogle Devs,1000000\n")
    out = tmp_path / "out.csv"
    with influent.session() as session:
        export_creators(session, workspace_id=workspace_id, path=out)
    header, row = out.read_text(encoding="utf-8-sig").splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=False))
    assert (cells["handle"], cells["handle_status"]) == ("", "to_confirm")
    # The export reads back into the same account.
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=out)
    assert (report.created, report.rejected) == (0, 0), report.problems


def test_it_confirms_a_podcast_found_in_apples_directory(
    influent: Influent, workspace_id: int, tmp_path: Path
) -> None:
    def itunes(request: httpx.Request) -> httpx.Response:
        assert request.url.host == "itunes.apple.com"
        body = (FIXTURES.parent / "itunes" / "itunes_search_podcast_freakonomics.json").read_bytes()
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})

    path = tmp_path / "shows.csv"
    path.write_text(
        "name,platform,followers\nFreakonomics Radio,podcast,500000\n", encoding="utf-8"
    )
    with influent.session() as session:
        assert import_creators(session, workspace_id=workspace_id, path=path).written
    pending = account_of(influent, "Freakonomics Radio")
    client = HttpClient(transport=httpx.MockTransport(itunes), sleep=lambda _: None)
    try:
        with influent.session() as session:
            found = find_handle(
                session, workspace_id=workspace_id, account_id=pending.id, http=client
            )
        # The directory gives no audience: a show of the same name is only ever confirmed.
        assert found.attached is None and found.reason is not None
        assert found.reason.code == "handles.match.audience_unknown"
        assert found.candidates[0].external_id == "id354668519"
        with influent.session() as session:
            confirm_handle(
                session,
                workspace_id=workspace_id,
                account_id=pending.id,
                channel_id="id354668519",
                http=client,
            )
    finally:
        client.close()
    account = account_of(influent, "Freakonomics Radio")
    assert account.handle == "id354668519" and account.url is not None
    assert "podcasts.apple.com" in account.url
