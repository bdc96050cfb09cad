"""Podcasts: Apple's directory through the iTunes Search API, then each show's RSS feed."""

from __future__ import annotations

import json

import httpx

from influent.domain.platforms import Platform, PostKind
from influent.sources.errors import NotFound, SourceUnavailable, UnexpectedResponse
from influent.sources.podcasts import ITunesClient
from influent_testing import raises_saying

from .conftest import NOW, fixture_json, recorded

FEED = "https://feeds.example.org/99percentinvisible.xml"


def itunes(make_http, answer, **options):
    http, server = make_http(answer, **options)
    return ITunesClient(http=http, now=lambda: NOW), server


def test_it_searches_podcast_shows_by_keyword(make_http):
    client, server = itunes(
        make_http, [recorded("itunes", "itunes_search_podcast_freakonomics.json")]
    )
    shows = client.search_shows("freakonomics", country="fr", limit=5)

    assert str(server.requests[0].url).startswith("https://itunes.apple.com/search?")
    assert server.params() == {
        "term": "freakonomics",
        "media": "podcast",
        "entity": "podcast",
        "country": "FR",
        "limit": "5",
    }
    assert len(shows) == 5
    first = shows[0]
    assert first.feed_url is not None and first.feed_url.endswith("/podcast.rss")
    account = first.account
    assert account.platform is Platform.PODCAST
    assert account.source == "itunes" and account.fetched_at == NOW
    assert account.handle == account.external_id == "id354668519"
    assert account.name == "Freakonomics Radio"
    assert account.url == "https://podcasts.apple.com/us/podcast/freakonomics-radio/id354668519"
    assert account.categories == ("Documentary", "Society & Culture")
    assert account.snapshot is not None
    assert account.snapshot.source == "itunes" and account.snapshot.posts_count == 34


def test_it_reads_a_shows_feed_for_episodes_categories_and_owner(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "itunes.apple.com":
            body = fixture_json("itunes", "itunes_search_podcast_freakonomics.json")
            body["results"][0]["feedUrl"] = FEED
            return httpx.Response(200, content=json.dumps(body).encode())
        return recorded("feeds", "prx_99percentinvisible.xml")

    client, server = itunes(make_http, handler)
    show = client.search_shows("design")[0]
    account = client.fetch_show(show)

    assert str(server.requests[1].url) == FEED
    assert account.source == "rss" and account.fetched_at == NOW
    assert account.snapshot is not None and account.snapshot.source == "rss"
    # Apple's identity is kept so the show merges with the directory entry.
    assert (account.handle, account.external_id) == ("id354668519", "id354668519")
    assert account.categories == ("Arts", "Painting", "Design", "Music", "Technology")
    assert account.contacts.emails == ("roman_mars@yahoo.com",)
    assert account.language == "en"
    assert len(account.posts) == 91
    assert all(p.kind is PostKind.EPISODE for p in account.posts)
    dates = [p.published_at for p in account.posts]
    assert dates == sorted(dates, reverse=True)  # newest first: cadence reads from here
    assert dates[0].isoformat() == "2013-07-15T19:22:29+00:00"


def test_it_reads_a_feed_by_its_address(make_http):
    client, _ = itunes(make_http, [recorded("feeds", "rssparser_itunes-missing-image.rss")])
    account = client.fetch_show("https://www.taverncast.com/feed.rss")
    assert account.platform is Platform.PODCAST
    assert account.handle == "taverncast.com"
    assert account.contacts.emails == ("taverncast@taverncast.com",)
    assert account.categories[:2] == ("Society & Culture", "Games & Hobbies")


def test_it_explains_a_show_listed_without_a_feed(make_http):
    body = fixture_json("itunes", "itunes_search_podcast_freakonomics.json")
    del body["results"][0]["feedUrl"]
    client, _ = itunes(make_http, [httpx.Response(200, json=body)])
    show = client.search_shows("freakonomics")[0]
    with raises_saying(NotFound, "without a feed address"):
        client.fetch_show(show)


def test_it_reports_malformed_json(make_http):
    client, _ = itunes(make_http, [httpx.Response(200, content=b"\n\n\n<html>")])
    with raises_saying(UnexpectedResponse, r"iTunes Search answered .* not JSON"):
        client.search_shows("design")


def test_it_reports_a_change_of_shape(make_http):
    body = fixture_json("itunes", "itunes_search_podcast_freakonomics.json")
    del body["results"][2]["collectionName"]
    client, _ = itunes(make_http, [httpx.Response(200, json=body)])
    with raises_saying(UnexpectedResponse, r"results\.2\.collectionName"):
        client.search_shows("design")


def test_it_gives_up_when_the_directory_keeps_failing(make_http):
    client, server = itunes(make_http, [httpx.Response(503)], max_attempts=2)
    with raises_saying(SourceUnavailable, "iTunes Search kept failing with HTTP 503"):
        client.search_shows("design")
    assert len(server.requests) == 2
