"""Discovery against recorded answers: saving, deduplication, provenance, ranking, keywords."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from influent.domain.platforms import Platform
from influent.services.core import Influent
from influent.services.discovery.search import DiscoveryError, discover, keywords
from influent.services.enrichment.source_settings import QuotaBook, set_source
from influent.services.i18n import Translator
from influent.services.imports.creator_import import import_creators
from influent.sources.http import HttpClient
from influent.store.models import Creator
from influent.store.source_queries import Discovery, QuotaUsage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sources"
GOOGLE, GOOGLE_DEVS = "UCK8sQmJBp8GCxrOtXWBpyEA", "UC_x5XG1OV2P6uZZ5FSM9Ttw"
FREAKONOMICS_URL = "https://podcasts.apple.com/us/podcast/freakonomics-radio/id354668519"
HOMEPAGE = (
    b'<html><head><link rel="alternate" type="application/rss+xml" title="Posts" '
    b'href="/feed.xml"></head><body>A blog</body></html>'
)


def recorded(source: str, name: str, status: int = 200) -> httpx.Response:
    kind = "application/json" if name.endswith(".json") else "application/xml"
    return httpx.Response(
        status, content=(FIXTURES / source / name).read_bytes(), headers={"Content-Type": kind}
    )


def youtube_search() -> httpx.Response:
    """The recorded channel search, its first two results pointed at the recorded channels."""
    page = json.loads((FIXTURES / "youtube" / "search_search_channels.json").read_bytes())
    page.pop("nextPageToken", None)
    for item, channel_id in zip(page["items"], (GOOGLE, GOOGLE_DEVS), strict=False):
        item["id"]["channelId"] = item["snippet"]["channelId"] = channel_id
    return httpx.Response(200, json=page)


class Server:
    """Routes requests to the recorded answers, and remembers them."""

    def __init__(self, **overrides: Callable[[httpx.Request], httpx.Response]) -> None:
        self.requests: list[httpx.Request] = []
        self.overrides = overrides

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        host, path = request.url.host, request.url.path
        for prefix, answer in self.overrides.items():
            if f"{host}{path}".startswith(prefix.replace("_", ".")):
                return answer(request)
        if host == "www.googleapis.com" and path.endswith("/search"):
            return youtube_search()
        if host == "www.googleapis.com" and path.endswith("/channels"):
            return recorded("youtube", "channels_info_multiple.json")
        if host == "itunes.apple.com":
            return recorded("itunes", "itunes_search_podcast_freakonomics.json")
        if host == "www.omnycontent.com":
            return recorded("feeds", "prx_99percentinvisible.xml")
        if host == "blog.example.com" and path == "/":
            return httpx.Response(200, content=HOMEPAGE, headers={"Content-Type": "text/html"})
        if host == "blog.example.com" and path == "/feed.xml":
            return recorded("feeds", "rssparser_many-links.rss")
        return httpx.Response(404, text="not here")

    def hosts(self) -> list[str]:
        return [r.url.host for r in self.requests]


@pytest.fixture
def server() -> Server:
    return Server()


@pytest.fixture
def http(server: Server) -> Iterator[HttpClient]:
    client = HttpClient(transport=httpx.MockTransport(server), sleep=lambda _: None)
    yield client
    client.close()


def run(influent: Influent, workspace_id: int, http: HttpClient, **options: Any) -> Any:
    options.setdefault("sources", ["podcasts"])
    options.setdefault("queries", ["freakonomics"])
    with influent.session() as session:
        return discover(session, workspace_id=workspace_id, http=http, limit=50, **options)


def count(influent: Influent, model: type[Any]) -> int:
    with influent.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_it_saves_podcast_candidates_ranked_by_relevance(influent, workspace_id, http):
    result = run(influent, workspace_id, http)
    names = [c.name for c in result.candidates]
    assert len(names) == 5 and count(influent, Creator) == 5
    # Shows named after the query come first, in the directory's own order among equals.
    assert names[:3] == [
        "Kroger Brand Freakonomics",
        "Tennis Freakonomics",
        "Michael M’s Freakonomics Question",
    ]
    assert [c.score for c in result.candidates] == sorted(
        (c.score for c in result.candidates), reverse=True
    )
    assert all(c.is_new and c.sources == ["podcasts"] for c in result.candidates)


def test_it_reads_the_feeds_of_found_shows_and_keeps_the_others(influent, workspace_id, http):
    result = run(influent, workspace_id, http)
    show = next(c for c in result.candidates if c.url == FREAKONOMICS_URL)
    # The show's feed (a recorded podcast feed stands in for it) gives its name and email.
    assert show.name == "99% Invisible"
    assert show.email == "roman_mars@yahoo.com"
    # The other feeds answered 404: those shows keep what the directory said, with an error.
    said = result.to_dict()["errors"]
    assert len(said) == 4 and all("404" in e or "nothing" in e for e in said)


def test_it_dedupes_against_creators_already_in_the_workspace(
    influent, workspace_id, http, tmp_path
):
    sheet = tmp_path / "creators.csv"
    sheet.write_text(
        "Name,Platform,Handle,Followers\n"
        f"Freakonomics (imported),podcast,{FREAKONOMICS_URL},\n"
        "Google Devs,YouTube,https://www.youtube.com/@GoogleDevelopers,2M\n",
        encoding="utf-8",
    )
    with influent.session() as session:
        report = import_creators(session, workspace_id=workspace_id, path=sheet)
        assert report.created == 2
        set_source(session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"})
    result = run(influent, workspace_id, http, sources=["podcasts", "youtube"])
    imported = {c.name: c for c in result.candidates if not c.is_new}
    assert set(imported) == {"Freakonomics (imported)", "Google Devs"}
    assert imported["Google Devs"].followers == 2_260_000  # the fresh number replaced 2M
    assert count(influent, Creator) == len(result.candidates)


def test_it_records_one_provenance_row_per_query_that_found_a_creator(influent, workspace_id, http):
    result = run(influent, workspace_id, http, queries=["freakonomics", "economics radio"])
    assert len(result.candidates) == 5
    assert all(c.queries == ["freakonomics", "economics radio"] for c in result.candidates)
    with influent.session() as session:
        rows = list(session.scalars(select(Discovery).order_by(Discovery.id)))
    assert len(rows) == 10
    assert {(r.query, r.source) for r in rows} == {
        ("freakonomics", "podcasts"),
        ("economics radio", "podcasts"),
    }
    assert rows[0].rank == 1 and rows[0].workspace_id == workspace_id


def test_it_suggests_related_keywords_without_the_query_words(influent, workspace_id, http):
    result = run(influent, workspace_id, http)
    found = [k for k, _ in result.related_keywords]
    # The shows' own categories are the adjacent topics here.
    assert {"true crime", "history", "investing"} <= set(found)
    assert not any("freakonomics" in k for k in found)
    assert not {"the", "and", "les", "pour"} & set(found)


def test_it_counts_keywords_once_per_creator_and_keeps_hashtags():
    from influent.domain.content import AccountData

    now = datetime.now(UTC)
    found = [
        AccountData(Platform.BLOG, f"b{n}", "rss", now, name=f"Blog {n}", description=text)
        for n, text in enumerate(
            [
                "Vegan skincare and #zerowaste routines, zerowaste zerowaste",
                "Cosmétiques vegan, fait maison #ZeroWaste",
                "Skincare minimaliste, cosmétiques solides",
            ]
        )
    ]
    related = dict(keywords(found, ["vegan skincare"]))
    assert related["#zerowaste"] == 2
    assert related["cosmétiques"] == 2
    assert "vegan" not in related and "skincare" not in related


def test_it_still_finds_podcasts_and_blogs_without_any_key(influent, workspace_id, http, server):
    result = run(
        influent,
        workspace_id,
        http,
        queries=["freakonomics", "blog.example.com"],
        sources=["youtube", "podcasts", "feeds", "instagram"],
    )
    platforms = {c.platform for c in result.candidates}
    assert platforms == {"podcast", "blog"}
    assert result.skipped == ["youtube", "instagram"]
    notes = result.to_dict()["notes"]
    assert any(n.startswith("YouTube skipped") for n in notes)
    assert any(n.startswith("Instagram skipped") for n in notes)
    french = result.to_dict(Translator("fr"))["notes"]
    assert any(n.startswith("YouTube ignoré") for n in french)
    assert "www.googleapis.com" not in server.hosts()
    blog = next(c for c in result.candidates if c.platform == "blog")
    assert blog.name == "Google Testing Blog" and blog.handle == "testing.googleblog.com"


def test_it_stops_youtube_before_a_search_the_quota_cannot_pay(
    influent, workspace_id, http, server
):
    with influent.session() as session:
        set_source(session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"})
        book = QuotaBook(session, "youtube")
        book.quota.spend(9_950, source="youtube")
        book.save()
    result = run(influent, workspace_id, http, sources=["youtube", "podcasts"])
    assert "www.googleapis.com" not in server.hosts()
    assert any("quota" in n for n in result.to_dict()["notes"])
    assert {c.platform for c in result.candidates} == {"podcast"}


def test_it_remembers_a_quota_youtube_says_is_spent(influent, workspace_id):
    server = Server(
        **{"www_googleapis_com": lambda _: recorded("youtube", "error_quota_exceeded.json", 403)}
    )
    with HttpClient(transport=httpx.MockTransport(server), sleep=lambda _: None) as http:
        with influent.session() as session:
            set_source(
                session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"}
            )
        result = run(influent, workspace_id, http, sources=["youtube"], queries=["a", "b"])
    assert result.candidates == [] and any("quota" in n for n in result.to_dict()["notes"])
    assert len([h for h in server.hosts() if h == "www.googleapis.com"]) == 1
    with influent.session() as session:
        assert session.scalar(select(QuotaUsage.units)) == 10_000


def test_it_counts_quota_units_in_the_database(influent, workspace_id, http):
    with influent.session() as session:
        set_source(session, workspace_id=workspace_id, source="youtube", values={"api_key": "k"})
    result = run(influent, workspace_id, http, sources=["youtube"], queries=["surf"])
    assert len(result.candidates) == 5
    google = result.candidates[0]
    assert google.name == "Google" and google.followers == 10_700_000
    with influent.session() as session:
        assert session.scalar(select(QuotaUsage.units)) == 101  # one search page, one channels


def test_it_refuses_an_unknown_source(influent, workspace_id, http):
    with pytest.raises(DiscoveryError, match=r"discovery\.error\.unknown_source"):
        run(influent, workspace_id, http, sources=["myspace"])
