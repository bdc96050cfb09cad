"""Enrichment and tracking: numbers, posts and daily snapshots from recorded answers and from
a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update

from influent.domain.content import STATED_SNAPSHOT
from influent.services.core import Influent
from influent.services.discovery.search import discover
from influent.services.enrichment.refresh import EnrichmentError, enrich, resolve_accounts
from influent.services.enrichment.source_settings import QuotaBook, set_source
from influent.services.enrichment.tracking import track
from influent.services.i18n import Translator
from influent.services.imports.creator_import import import_creators
from influent.sources.http import HttpClient
from influent.store.models import Account, Creator, Post, Snapshot
from influent.store.source_models import Comment
from influent.store.source_queries import day_start

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources"
GOOGLE_DEVS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"


def recorded(source: str, name: str, status: int = 200) -> httpx.Response:
    kind = "application/json" if name.endswith(".json") else "application/xml"
    return httpx.Response(
        status, content=(FIXTURES / source / name).read_bytes(), headers={"Content-Type": kind}
    )


def youtube_api(request: httpx.Request) -> httpx.Response:
    resource = request.url.path.rsplit("/", 1)[-1]
    if resource == "channels":
        return recorded("youtube", "channels_info_multiple.json")
    if resource == "playlistItems":
        page = "2" if request.url.params.get("pageToken") == "CAoQAA" else "1"
        return recorded("youtube", f"playlist_items_playlist_items_paged_{page}.json")
    if resource == "commentThreads":
        return recorded("youtube", "comment_threads_comment_threads_by_video_paged_1.json")
    return recorded("youtube", "modeldata_videos_video_api_response.json")


def instagram_api(request: httpx.Request) -> httpx.Response:
    if "username(ghost)" in request.url.params.get("fields", ""):
        return recorded("instagram", "error_unknown_user.json", 400)
    return recorded("instagram", "base_discovery_medias_p1.json")


class Recorder:
    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.answer, self.requests = answer, []  # type: ignore[var-annotated]

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)


@pytest.fixture
def http_for() -> Iterator[Callable[..., tuple[HttpClient, Recorder]]]:
    clients: list[HttpClient] = []

    def make(answer: Callable[[httpx.Request], httpx.Response]) -> tuple[HttpClient, Recorder]:
        recorder = Recorder(answer)
        client = HttpClient(transport=httpx.MockTransport(recorder), sleep=lambda _: None)
        clients.append(client)
        return client, recorder

    yield make
    for client in clients:
        client.close()


def load(influent: Influent, workspace_id: int, tmp_path: Path, *rows: str) -> None:
    sheet = tmp_path / "creators.csv"
    sheet.write_text("Name,Platform,Handle,Followers\n" + "\n".join(rows) + "\n", "utf-8")
    with influent.session() as session:
        assert import_creators(session, workspace_id=workspace_id, path=sheet).written


def with_key(influent: Influent, workspace_id: int, source: str, **values: str) -> None:
    with influent.session() as session:
        set_source(session, workspace_id=workspace_id, source=source, values=values)


def run_enrich(influent: Influent, workspace_id: int, http: HttpClient, **options: Any) -> Any:
    options.setdefault("all_accounts", True)
    with influent.session() as session:
        return enrich(session, workspace_id=workspace_id, http=http, **options)


def total(influent: Influent, model: type[Any]) -> int:
    with influent.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_it_refreshes_a_channel_its_videos_and_todays_snapshot(
    influent, workspace_id, tmp_path, http_for
):
    load(influent, workspace_id, tmp_path, f"Devs,youtube,youtube.com/channel/{GOOGLE_DEVS},2M")
    with_key(influent, workspace_id, "youtube", api_key="k")
    http, _ = http_for(youtube_api)
    report = run_enrich(influent, workspace_id, http)
    assert (report.refreshed, report.snapshots, report.errors) == (1, 1, [])
    assert report.posts > 0
    with influent.session() as session:
        account = session.scalars(select(Account)).one()
        assert (account.followers, account.stats_source) == (2_260_000, "youtube")
        assert account.engagement_rate is not None
        # The import's stated snapshot aside, the source's snapshot of today.
        snapshot = session.scalars(select(Snapshot).where(Snapshot.source != STATED_SNAPSHOT)).one()
        assert snapshot.taken_at == day_start(datetime.now(UTC))
        assert session.scalars(select(Creator.followers)).one() == 2_260_000
    # The newest videos (one in the recorded answer) get a sample: the recorded page has 5.
    assert report.comments == 5 and total(influent, Comment) == 5
    # Again the same day: the posts and the day's snapshot are updated, not duplicated,
    # and the comment samples are replaced.
    posts = total(influent, Post)
    again = run_enrich(influent, workspace_id, http)
    assert (again.refreshed, again.snapshots, again.posts, again.errors) == (1, 0, 0, [])
    assert (total(influent, Post), total(influent, Snapshot)) == (posts, 2)
    assert total(influent, Comment) == 5


def test_it_skips_platforms_without_an_open_api_as_manual_source(
    influent, workspace_id, tmp_path, http_for
):
    load(influent, workspace_id, tmp_path, "Tik,tiktok,@tik,10k", "Ex,x,@ex,5k")
    http, server = http_for(lambda r: httpx.Response(500))
    report = run_enrich(influent, workspace_id, http)
    assert [reason for _, _, reason in report.to_dict()["skipped"]] == ["manual source"] * 2
    assert server.requests == []


def test_it_skips_youtube_without_a_key_and_reads_blogs_anyway(
    influent, workspace_id, tmp_path, http_for
):
    load(
        influent,
        workspace_id,
        tmp_path,
        "Chan,youtube,@chan,",
        "Blog,blog,https://blog.example.com,",
    )

    def site(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/":
            page = b'<link rel="alternate" type="application/atom+xml" href="/atom">'
            return httpx.Response(200, content=page, headers={"Content-Type": "text/html"})
        return recorded("feeds", "rssparser_feedburner.atom")

    http, server = http_for(site)
    report = run_enrich(influent, workspace_id, http)
    assert report.refreshed == 1 and report.posts == 25
    assert report.to_dict()["skipped"][0][2].startswith("no YouTube API key")
    # The feed found on the homepage is remembered: next time it is read directly.
    run_enrich(influent, workspace_id, http)
    assert [r.url.path for r in server.requests] == ["/", "/atom", "/atom"]


def test_it_collects_errors_per_account_and_goes_on(influent, workspace_id, tmp_path, http_for):
    load(influent, workspace_id, tmp_path, "Ghost,instagram,@ghost,", "Real,instagram,@real,")
    with_key(influent, workspace_id, "instagram", access_token="t", ig_user_id="1784")
    http, _ = http_for(instagram_api)
    report = run_enrich(influent, workspace_id, http)
    assert report.refreshed == 1
    assert len(report.errors) == 1 and report.errors[0][1] == "instagram:ghost"
    assert "no professional account" in report.to_dict()["errors"][0][2]


def test_it_stops_a_source_whose_quota_is_spent(influent, workspace_id, tmp_path, http_for):
    load(influent, workspace_id, tmp_path, "A,youtube,@a,", "B,youtube,@b,")
    with_key(influent, workspace_id, "youtube", api_key="k")
    with influent.session() as session:
        book = QuotaBook(session, "youtube")
        book.quota.exhaust()
        book.save()
    http, server = http_for(youtube_api)
    report = run_enrich(influent, workspace_id, http)
    assert server.requests == [] and report.refreshed == 0
    said = report.to_dict()
    assert len(report.errors) == 1 and "quota" in said["errors"][0][2]
    assert len(report.skipped) == 1 and "quota" in said["skipped"][0][2]
    assert said["stopped"] and said["stopped"][0].startswith("YouTube")
    french = report.to_dict(Translator("fr"))
    assert "quota" in french["stopped"][0] and "’" in french["stopped"][0]


def test_it_picks_stale_accounts_and_references(influent, workspace_id, tmp_path, http_for):
    load(influent, workspace_id, tmp_path, "Old,tiktok,@old,1k", "New,tiktok,@new,1k")
    with influent.session() as session:
        session.execute(
            update(Account)
            .where(Account.handle == "old")
            .values(stats_updated_at=datetime.now(UTC) - timedelta(days=30))
        )
    http, _ = http_for(lambda r: httpx.Response(500))
    stale = run_enrich(influent, workspace_id, http, all_accounts=False, stale_days=7)
    assert [label for _, label, _ in stale.skipped] == ["tiktok:old"]
    with influent.session() as session:
        ids = resolve_accounts(session, workspace_id=workspace_id, refs=["@new"])
    picked = run_enrich(influent, workspace_id, http, all_accounts=False, account_ids=ids)
    assert [label for _, label, _ in picked.skipped] == ["tiktok:new"]
    with pytest.raises(EnrichmentError):
        run_enrich(influent, workspace_id, http, all_accounts=False)


def test_it_tracks_once_a_day_with_one_call_for_many_channels(
    influent, workspace_id, tmp_path, http_for
):
    load(
        influent,
        workspace_id,
        tmp_path,
        f"Devs,youtube,youtube.com/channel/{GOOGLE_DEVS},",
        "Google,youtube,youtube.com/channel/UCK8sQmJBp8GCxrOtXWBpyEA,",
        "Manual,tiktok,@manual,5k",
    )
    with_key(influent, workspace_id, "youtube", api_key="k")
    http, server = http_for(youtube_api)
    with influent.session() as session:
        # Imported numbers are not tracked until a source has fed the account once.
        assert track(session, workspace_id=workspace_id, http=http).accounts == 0
    run_enrich(influent, workspace_id, http)
    server.requests.clear()
    with influent.session() as session:
        session.execute(Snapshot.__table__.delete())
    with influent.session() as session:
        report = track(session, workspace_id=workspace_id, http=http)
    assert (report.refreshed, report.snapshots) == (2, 2)
    assert [r.url.path.rsplit("/", 1)[-1] for r in server.requests] == ["channels"]
    with influent.session() as session:
        again = track(session, workspace_id=workspace_id, http=http)
    assert again.accounts == 0 and total(influent, Snapshot) == 2


# End to end over real HTTP: a blog on 127.0.0.1 with an announced feed.
BLOG_FEED = (FIXTURES / "feeds" / "rssparser_many-links.rss").read_bytes()
BLOG_HOME = b"""<!doctype html><html><head><title>A blog</title>
<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">
<link rel="alternate" type="application/rss+xml" title="Comments Feed" href="/comments/feed">
</head><body>Hello</body></html>"""


class _Blog(BaseHTTPRequestHandler):
    hits: list[str] = []  # noqa: RUF012 - shared by the server's threads, read by the test

    def do_GET(self) -> None:
        type(self).hits.append(self.path)
        if self.path == "/":
            body, kind = BLOG_HOME, "text/html; charset=utf-8"
        elif self.path == "/feed.xml":
            body, kind = BLOG_FEED, "application/rss+xml"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return None


@pytest.fixture
def blog() -> Iterator[str]:
    _Blog.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Blog)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


def test_it_discovers_and_enriches_a_blog_over_real_http(influent, workspace_id, blog):
    # The test server is on loopback, which only an allowed host may reach.
    with HttpClient(rate_limits={"rss": 100.0}, allowed_hosts=["127.0.0.1"]) as http:
        with influent.session() as session:
            found = discover(
                session, workspace_id=workspace_id, queries=[blog], sources=["feeds"], http=http
            )
        assert [c.name for c in found.candidates] == ["Google Testing Blog"]
        assert found.candidates[0].is_new and found.errors == []
        with influent.session() as session:
            report = enrich(session, workspace_id=workspace_id, all_accounts=True, http=http)
    assert (report.refreshed, report.errors) == (1, [])
    assert _Blog.hits == ["/", "/feed.xml", "/feed.xml"]
    with influent.session() as session:
        account = session.scalars(select(Account)).one()
        assert account.platform == "blog" and account.stats_source == "rss"
        assert session.scalar(select(func.count()).select_from(Post)) == 25
