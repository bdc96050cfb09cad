"""The web page that imports posts, comments and daily numbers: all rows or none, every bad row
listed in the reader's language, and the vetting card links to it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from influent.services.core import Influent
from influent.services.imports.creator_import import import_creators
from influent.store.models import Post
from influent.store.source_models import Comment
from influent_testing import Team
from web.conftest import Browser

POSTS = (
    "Plateforme;Pseudo;Publication;Publié le;J aime;Commentaires;Légende\n"
    "TikTok;@lea.cooks;p1;01/11/2026;1 200;45;Tarte aux pommes\n"
    "TikTok;@lea.cooks;p2;08/11/2026;980;30;Soupe de saison\n"
)


@pytest.fixture
def client(
    app_client: Callable[[], Browser], influent: Influent, team: Team, tmp_path: Path
) -> Browser:
    sheet = tmp_path / "creators.csv"
    sheet.write_text("Name,Platform,Handle,Followers\nLéa,TikTok,@lea.cooks,10k\n", "utf-8")
    with influent.session() as session:
        import_creators(session, workspace_id=team.workspace_id, path=sheet)
    return app_client().login(team.owner.email)


def _send(client: Browser, kind: str, name: str, body: bytes) -> str:
    response = client.post(
        "/import/activity",
        data={"csrf_token": client.csrf, "kind": kind},
        files={"file": (name, body, "text/csv")},
    )
    return f"{response.status_code} {response.text}"


def _count(influent: Influent, model: type) -> int:
    with influent.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_it_imports_posts_then_comments_all_or_nothing(client: Browser, influent: Influent) -> None:
    page = client.get("/import/activity")
    assert page.status_code == 200 and 'name="kind" value="comments"' in page.text
    done = _send(client, "posts", "posts.csv", POSTS.encode("cp1252"))
    assert done.startswith("200") and "posts.csv: 2 rows written." in done, done[-3000:]
    assert _count(influent, Post) == 2

    # One comment names a post nobody imported: nothing at all is written, the row is named.
    comments = (
        "platform,handle,post,comment\n"
        "tiktok,lea.cooks,p1,Trop bonne idée !\n"
        "tiktok,lea.cooks,p9,Super\n"
    )
    refused = _send(client, "comments", "comments.csv", comments.encode())
    assert refused.startswith("422")
    assert "Nothing written from comments.csv: 1 row to fix." in refused
    assert "no post “p9” of “lea.cooks”: import the posts first" in refused
    assert _count(influent, Comment) == 0
    fixed = _send(client, "comments", "comments.csv", comments.replace("p9", "p2").encode())
    assert fixed.startswith("200") and "2 rows written" in fixed
    assert _count(influent, Comment) == 2


def test_it_speaks_french_and_refuses_what_is_not_a_table(
    client: Browser, influent: Influent
) -> None:
    client.post("/settings/language", data={"csrf_token": client.csrf, "locale": "fr"})
    page = client.get("/import/activity")
    assert "Importer publications, commentaires ou chiffres du jour" in page.text
    assert _send(client, "posts", "virus.exe", b"MZ\x90\x00").startswith("400")
    unknown = _send(client, "tweets", "posts.csv", POSTS.encode())
    assert unknown.startswith("400") and "Choisissez ce que contient le fichier" in unknown
    empty = _send(client, "posts", "vide.csv", b"")
    assert empty.startswith("422") and "vide.csv" in empty
    assert _count(influent, Post) == 0


def test_viewers_cannot_import(app_client: Callable[[], Browser], team: Team) -> None:
    viewer = app_client().login(team.viewer.email)
    assert viewer.get("/import/activity").status_code == 403
    response = viewer.post(
        "/import/activity",
        data={"csrf_token": viewer.csrf, "kind": "posts"},
        files={"file": ("posts.csv", POSTS.encode(), "text/csv")},
    )
    assert response.status_code == 403
