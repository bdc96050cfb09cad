"""The manual source: snapshots and posts from CSV files, all or nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from influent.domain.values import parse_date
from influent.services.i18n import Translator
from influent.services.imports.creator_import import import_creators
from influent.services.imports.manual_sources import (
    UnreadableFile,
    import_comments,
    import_posts,
    import_snapshots,
)
from influent.store.models import Account, Creator, Post, Snapshot
from influent_testing import raises_saying

english, french = Translator("en").say, Translator("fr").say


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
        assert session.scalar(select(func.count()).select_from(Snapshot)) == 3  # 1 stated


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
        # Only the snapshot the creators import stated.
        assert session.scalar(select(func.count()).select_from(Snapshot)) == 1


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
    with influent.session() as session, raises_saying(UnreadableFile, "handle"):
        import_snapshots(session, workspace_id=workspace_id, path=path)


def test_it_reads_dates_as_people_write_them():
    assert parse_date("31/05/2024").day == 31
    assert parse_date("2024-05-31T10:00:00Z").hour == 10
    assert parse_date("2024-05-31").tzinfo is not None


def _posts(influent, workspace_id, tmp_path, count: int = 2) -> None:
    header = "platform,handle,post id,date,likes,comments\n"
    rows = "".join(f"tiktok,@lea.cooks,v{i},2024-05-0{i + 1},100,5\n" for i in range(count))
    path = tmp_path / "posts.csv"
    path.write_text(header + rows, "utf-8")
    with influent.session() as session:
        assert import_posts(session, workspace_id=workspace_id, path=path).ok


def test_it_imports_comment_samples_and_replaces_them_on_reimport(
    influent, workspace_id, tmp_path, tiktoker
):
    from influent.store.source_models import Comment

    _posts(influent, workspace_id, tmp_path)
    path = write(
        tmp_path,
        "Plateforme,Pseudo,Post ID,Commentaire,Auteur,Date\n"
        "tiktok,@lea.cooks,v0,Tu la fais avec quelle farine ?,marc,2024-05-02\n"
        "tiktok,@lea.cooks,v0,🔥🔥🔥,,\n"
        "tiktok,@lea.cooks,v1,Trop beau,bot_1,\n",
    )
    for _ in range(2):  # the second import replaces the samples it names
        with influent.session() as session:
            report = import_comments(session, workspace_id=workspace_id, path=path)
        assert report.ok and report.written == 3
    with influent.session() as session:
        stored = session.execute(
            select(Post.external_id, Comment.text, Comment.author, Comment.source)
            .join(Post, Post.id == Comment.post_id)
            .order_by(Comment.id)
        ).all()
    assert stored == [
        ("v0", "Tu la fais avec quelle farine ?", "marc", "manual"),
        ("v0", "🔥🔥🔥", None, "manual"),
        ("v1", "Trop beau", "bot_1", "manual"),
    ]


def test_comments_of_unknown_posts_or_without_text_are_refused_whole(
    influent, workspace_id, tmp_path, tiktoker
):
    from influent.store.source_models import Comment

    _posts(influent, workspace_id, tmp_path, count=1)
    path = write(
        tmp_path,
        "platform,handle,post,comment\n"
        "tiktok,@lea.cooks,v0,Bien vu\n"
        "tiktok,@lea.cooks,v9,Jamais vu\n"
        "tiktok,@lea.cooks,v0,\n"
        "tiktok,@nobody,v0,Qui ?\n",
    )
    with influent.session() as session:
        report = import_comments(session, workspace_id=workspace_id, path=path)
    assert not report.ok and report.written == 0
    assert [(p.row, p.column) for p in report.problems] == [(4, "text"), (5, "handle")]
    with influent.session() as session:
        assert session.scalar(select(func.count()).select_from(Comment)) == 0
    # Once the rows are fixed, the post the file names must exist.
    fixed = write(tmp_path, "platform,handle,post,comment\ntiktok,@lea.cooks,v9,Jamais vu\n")
    with influent.session() as session:
        report = import_comments(session, workspace_id=workspace_id, path=fixed)
    assert [(p.row, p.column, p.value) for p in report.problems] == [(2, "post", "v9")]
    assert "import the posts first" in report.problems[0].reason
    with raises_saying(UnreadableFile, "comment"), influent.session() as session:
        import_comments(
            session,
            workspace_id=workspace_id,
            path=write(tmp_path, "platform,handle,post\ntiktok,@lea.cooks,v0\n"),
        )


def test_sampled_comments_feed_the_authenticity_signal(influent, workspace_id, tmp_path, tiktoker):
    from influent.services.vetting.audit import audit_creator

    _posts(influent, workspace_id, tmp_path)
    bots = ["Nice pic!", "🔥🔥", "Trop beau", "Nice pic!", "wow", "😍", "Super !", "Love it"]
    real = ["Tu la fais avec quelle farine ?", "Ma fille a adoré", "Combien de temps au four ?"]
    lines = [f"tiktok,@lea.cooks,v{i % 2},{t}" for i, t in enumerate(bots + real)]
    path = write(tmp_path, "platform,handle,post,comment\n" + "\n".join(lines) + "\n")
    with influent.session() as session:
        assert import_comments(session, workspace_id=workspace_id, path=path).ok
    with influent.session() as session:
        creator_id = session.scalar(select(Creator.id))
        audit = audit_creator(session, workspace_id=workspace_id, creator_id=creator_id)
    quality = audit.accounts[0].quality
    assert "comment_authenticity" not in {m.name for m in quality.missing}
    signal = next(s for s in quality.signals if s.name == "comment_authenticity")
    # 7 generic or emoji-only, plus one copy of "Nice pic!": 8 of 11.
    assert signal.value == pytest.approx(8 / 11)
    assert "of 11 comments" in english(signal.sentence)
    assert "des 11 commentaires" in french(signal.sentence)
