"""The manual source: snapshots and posts from CSV files, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from influent.services.importing import import_creators
from influent.services.manual_sources import (
    UnreadableFile,
    import_posts,
    import_snapshots,
    parse_date,
)
from influent.store.models import Account, Creator, Post, Snapshot


@pytest.fixture
def tiktoker(influent, workspace_id, tmp_path):
    sheet = tmp_path / "creators.csv"
    sheet.write_text("Name,Platform,Handle,Followers\nLéa,TikTok,@lea.cooks,10k\n", "utf-8")
    with influent.session() as session:
        import_creators(session, workspace_id=workspace_id, path=sheet)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, "utf-8")
    return path


def test_it_imports_snapshots_and_keeps_the_newest_numbers(
    influent, workspace_id, tmp_path, tiktoker
):
    path = write(
        tmp_path,
        "platform,handle,date,followers,following,posts,views\n"
        "tiktok,@lea.cooks,2024-05-01,12 000,80,40,1.2M\n"
        f"TikTok,https://www.tiktok.com/@Lea.Cooks,{datetime.now(UTC):%d/%m/%Y},12.5k,81,42,\n",
    )
    with influent.session() as session:
        report = import_snapshots(session, workspace_id=workspace_id, path=path)
    assert report.ok and report.written == 2
    with influent.session() as session:
        account = session.scalars(select(Account)).one()
        assert (account.followers, account.stats_source) == (12_500, "manual")
        assert session.scalar(select(Creator.followers)) == 12_500
        assert session.scalar(select(func.count()).select_from(Snapshot)) == 2


def test_it_reports_every_bad_row_and_writes_nothing(influent, workspace_id, tmp_path, tiktoker):
    path = write(
        tmp_path,
        "platform,handle,date,followers\n"
        "tiktok,@lea.cooks,2024-05-01,12k\n"
        "tiktok,@nobody,2024-05-01,1k\n"
        "tiktok,@lea.cooks,yesterday,1k\n"
        "tiktok,@lea.cooks,2024-05-02,lots\n",
    )
    with influent.session() as session:
        report = import_snapshots(session, workspace_id=workspace_id, path=path)
    assert not report.ok and report.written == 0
    assert [(p.row, p.column) for p in report.problems] == [
        (3, "handle"),
        (4, "date"),
        (5, "followers"),
    ]
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Snapshot)) == 0


def test_it_imports_posts_and_updates_them_by_id(influent, workspace_id, tmp_path, tiktoker):
    header = "platform,handle,post url,date,kind,caption,likes,comments,views,shares\n"
    url = "https://www.tiktok.com/@lea.cooks/video/73"
    first = write(tmp_path, header + f"tiktok,@lea.cooks,{url},2024-05-01,video,Tarte,100,5,2k,3\n")
    with influent.session() as session:
        assert import_posts(session, workspace_id=workspace_id, path=first).written == 1
    again = write(tmp_path, header + f"tiktok,@lea.cooks,{url},2024-05-01,video,Tarte,150,6,3k,4\n")
    with influent.session() as session:
        assert import_posts(session, workspace_id=workspace_id, path=again).ok
    with influent.session() as session:
        post = session.scalars(select(Post)).one()
    assert (post.likes, post.views, post.kind, post.url, post.source) == (
        150,
        3_000,
        "video",
        url,
        "manual",
    )


def test_it_names_a_missing_column(influent, workspace_id, tmp_path):
    path = write(tmp_path, "platform,followers\ntiktok,1k\n")
    with influent.session() as session, pytest.raises(UnreadableFile, match="handle"):
        import_snapshots(session, workspace_id=workspace_id, path=path)


def test_it_reads_dates_as_people_write_them():
    assert parse_date("31/05/2024").day == 31
    assert parse_date("2024-05-31T10:00:00Z").hour == 10
    assert parse_date("2024-05-31").tzinfo is not None
