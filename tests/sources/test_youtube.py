"""YouTube Data API v3 against recorded answers: paging, batching, quota units, every error."""

from __future__ import annotations

import json

import httpx
import pytest

from influent.domain.platforms import Platform, PostKind
from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    RateLimited,
    SourceUnavailable,
    UnexpectedResponse,
)
from influent.sources.http import Quota
from influent.sources.youtube import YouTubeClient, post_from_video, youtube_quota
from influent.sources.youtube.mapping import duration_seconds
from influent_testing import raises_saying, said

from .conftest import NOW, fixture_json, recorded

GOOGLE_DEVS = "UC_x5XG1OV2P6uZZ5FSM9Ttw"


def youtube(make_http, answer, quota=None, **options):
    http, server = make_http(answer, **options)
    client = YouTubeClient(api_key="test-key", http=http, quota=quota, now=lambda: NOW)
    return client, server


def api(request: httpx.Request) -> str:
    return request.url.path.rsplit("/", 1)[-1]


def test_it_searches_channels_following_page_tokens(make_http):
    pages = [
        recorded("youtube", "search_search_channels.json"),
        recorded("youtube", "search_search_by_keywords_p1.json"),
    ]
    client, server = youtube(make_http, pages)
    results = client.search("surf", kind="channel", max_results=30)
    assert len(results) == 30
    first, second = server.params(0), server.params(1)
    assert first["type"] == "channel" and first["q"] == "surf" and first["key"] == "test-key"
    assert first["maxResults"] == "30" and "pageToken" not in first
    assert second["pageToken"] == "CAUQAA" and second["maxResults"] == "25"
    assert client.quota.used == 200  # 100 units per search page


def test_it_stops_paging_when_there_is_no_next_page(make_http):
    client, server = youtube(
        make_http, [recorded("youtube", "playlist_items_playlist_items_paged_2.json")]
    )
    ids = client.recent_video_ids("UU_x5XG1OV2P6uZZ5FSM9Ttw", limit=50)
    assert ids == ["6aSG8SdvkoU", "ECGpZCFUL8s", "Fu2bldybpkA"]
    assert len(server.requests) == 1


def test_it_fetches_a_channel_with_its_recent_videos(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        if api(request) == "channels":
            return recorded("youtube", "channels_info_multiple.json")
        if api(request) == "playlistItems":
            page = "2" if request.url.params.get("pageToken") == "CAoQAA" else "1"
            return recorded("youtube", f"playlist_items_playlist_items_paged_{page}.json")
        return recorded("youtube", "modeldata_videos_video_api_response.json")

    client, server = youtube(make_http, handler)
    account = client.fetch_account(GOOGLE_DEVS, recent=12)

    assert [api(r) for r in server.requests] == [
        "channels",
        "playlistItems",
        "playlistItems",
        "videos",
    ]
    assert server.params(0)["part"] == "snippet,statistics,contentDetails"
    assert server.params(1)["playlistId"] == "UU_x5XG1OV2P6uZZ5FSM9Ttw"
    assert server.params(2)["maxResults"] == "2"  # 10 from the first page, 2 more wanted
    assert len(server.params(3)["id"].split(",")) == 12
    assert server.params(3)["part"] == "statistics,snippet,contentDetails"
    assert client.quota.used == 4

    assert account.platform is Platform.YOUTUBE
    assert account.source == "youtube" and account.fetched_at == NOW
    assert account.handle == "googledevelopers"
    assert account.url == "https://www.youtube.com/@googledevelopers"
    assert account.external_id == GOOGLE_DEVS
    assert account.name == "Google Developers"
    assert account.snapshot is not None
    assert account.snapshot.source == "youtube" and account.snapshot.taken_at == NOW
    assert account.snapshot.followers == 2_260_000
    assert account.snapshot.posts_count == 5652
    assert account.snapshot.total_views == 208_790_084
    [post] = account.posts
    assert post.external_id == "D-lhorsDlUQ"
    assert (post.views, post.likes, post.comments) == (7920, 190, 32)
    assert post.kind is PostKind.VIDEO
    assert post.url == "https://www.youtube.com/watch?v=D-lhorsDlUQ"
    assert post.published_at.isoformat() == "2019-03-21T20:37:49+00:00"


def test_it_batches_channel_ids_fifty_at_a_time(make_http):
    client, server = youtube(make_http, [recorded("youtube", "channels_info_multiple.json")])
    ids = [f"UC{i:022d}" for i in range(120)]
    client.channels(ids)
    assert [len(server.params(i)["id"].split(",")) for i in range(3)] == [50, 50, 20]
    assert client.quota.used == 3


def test_it_discovers_channels_for_exactly_one_search_and_one_lookup(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        if api(request) == "search":
            return recorded("youtube", "search_search_videos_by_channel.json")
        return recorded("youtube", "channels_info_multiple.json")

    client, server = youtube(make_http, handler)
    accounts = client.discover("flutter", max_results=5, via="video")
    assert client.quota.used == 101
    assert server.params(1)["id"] == GOOGLE_DEVS  # five videos, one channel, asked once
    assert [a.handle for a in accounts] == ["googledevelopers"]
    assert accounts[0].contacts.websites  # its description links to its site


def test_it_stops_before_a_search_would_exceed_the_daily_quota(make_http):
    client, server = youtube(
        make_http,
        [recorded("youtube", "channels_info_multiple.json")],
        quota=Quota(10_000, used=9_950),
    )
    with raises_saying(QuotaExhausted, "this call costs 100 units and 50 of 10,000 remain"):
        client.search("surf")
    assert server.requests == []
    client.channels([GOOGLE_DEVS])  # cheap calls still fit
    assert client.quota.used == 9_951


def test_it_stops_paging_cleanly_when_the_quota_runs_out(make_http):
    client, server = youtube(
        make_http,
        [recorded("youtube", "search_search_channels.json")],
        quota=Quota(10_000, used=9_800),
    )
    with pytest.raises(QuotaExhausted):
        client.search("surf", max_results=500)
    assert len(server.requests) == 2
    assert client.quota.used == 10_000


def test_it_uses_the_documented_default_quota():
    quota = youtube_quota()
    assert quota.daily_limit == 10_000 and quota.used == 0


def test_it_reports_a_bad_api_key(make_http):
    client, server = youtube(make_http, [recorded("youtube", "error_key_invalid.json", 400)])
    with pytest.raises(InvalidCredentials) as caught:
        client.channels([GOOGLE_DEVS])
    assert (
        said(caught.value) == "YouTube refused the API key (keyInvalid); check it in the settings."
    )
    assert len(server.requests) == 1


def test_it_reports_a_refused_permission_as_bad_credentials(make_http):
    client, _ = youtube(make_http, [recorded("youtube", "error_permission.json", 403)])
    with raises_saying(InvalidCredentials, "YouTube refused access"):
        client.videos(["D-lhorsDlUQ"])


def test_it_reports_an_exhausted_quota_and_makes_no_more_calls(make_http):
    client, server = youtube(make_http, [recorded("youtube", "error_quota_exceeded.json", 403)])
    with pytest.raises(QuotaExhausted) as caught:
        client.channels([GOOGLE_DEVS])
    assert said(caught.value) == "YouTube says the project’s daily API quota is used up."
    with pytest.raises(QuotaExhausted):
        client.channels([GOOGLE_DEVS])
    assert len(server.requests) == 1


def test_it_reports_an_unknown_channel(make_http):
    client, _ = youtube(make_http, [recorded("youtube", "channels_info_multiple.json")])
    with raises_saying(NotFound, "no channel with the id UCnope"):
        client.fetch_account("UCnope")


def test_it_reports_a_404(make_http):
    client, _ = youtube(make_http, [httpx.Response(404)])
    with pytest.raises(NotFound):
        client.recent_video_ids("UUgone")


def test_it_waits_out_a_429_then_carries_on(make_http, clock):
    answers = [
        httpx.Response(429, headers={"Retry-After": "2"}),
        recorded("youtube", "channels_info_multiple.json"),
    ]
    client, _ = youtube(make_http, answers)
    assert len(client.channels([GOOGLE_DEVS])) == 2
    assert 2.0 in clock.sleeps
    assert client.quota.used == 2


def test_it_reports_a_rate_limit_reason(make_http):
    body = {"error": {"code": 403, "errors": [{"reason": "rateLimitExceeded"}]}}
    client, _ = youtube(make_http, [httpx.Response(403, json=body)])
    with pytest.raises(RateLimited):
        client.channels([GOOGLE_DEVS])


def test_it_retries_a_500_then_succeeds(make_http):
    answers = [httpx.Response(500), recorded("youtube", "channels_info_multiple.json")]
    client, server = youtube(make_http, answers)
    assert len(client.channels([GOOGLE_DEVS])) == 2
    assert len(server.requests) == 2


def test_it_gives_up_on_a_500_forever(make_http):
    client, server = youtube(make_http, [httpx.Response(500)])
    with raises_saying(SourceUnavailable, "YouTube kept failing with HTTP 500"):
        client.channels([GOOGLE_DEVS])
    assert len(server.requests) == 4


def test_it_gives_up_on_timeouts(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    client, _ = youtube(make_http, handler)
    with raises_saying(SourceUnavailable, "YouTube did not answer in time"):
        client.search("surf")


def test_it_reports_malformed_json(make_http):
    client, _ = youtube(make_http, [httpx.Response(200, content=b"<html>oops</html>")])
    with raises_saying(UnexpectedResponse, "not JSON"):
        client.channels([GOOGLE_DEVS])


def test_it_reports_a_change_of_shape(make_http):
    body = fixture_json("youtube", "channels_info_multiple.json")
    del body["items"][0]["snippet"]["title"]
    client, _ = youtube(make_http, [httpx.Response(200, content=json.dumps(body).encode())])
    with pytest.raises(UnexpectedResponse) as caught:
        client.channels([GOOGLE_DEVS])
    assert "channels.list" in said(caught.value)
    assert "items.0.snippet.title" in said(caught.value)


def test_it_samples_comment_texts(make_http):
    answer = [recorded("youtube", "comment_threads_comment_threads_by_video_paged_1.json")]
    client, server = youtube(make_http, answer)
    texts = client.comment_sample("F1UP7wRCPH8", limit=3)
    assert texts[0] == "Google.com"
    assert len(texts) == 3
    assert server.params()["textFormat"] == "plainText"
    assert client.quota.used == 1


def test_it_returns_no_comments_when_they_are_disabled(make_http):
    body = {"error": {"code": 403, "errors": [{"reason": "commentsDisabled"}]}}
    client, _ = youtube(make_http, [httpx.Response(403, json=body)])
    assert client.comment_sample("D-lhorsDlUQ") == []


@pytest.mark.parametrize(
    ("iso", "seconds"),
    [("PT21M7S", 1267), ("PT45S", 45), ("P1DT1H", 90_000), ("P0D", 0), ("bogus", None)],
)
def test_it_reads_iso_durations(iso, seconds):
    assert duration_seconds(iso) == seconds


def test_it_finds_a_channel_by_its_handle(make_http):
    client, server = youtube(make_http, [recorded("youtube", "channels_info_multiple.json")])
    assert client.channel_for_handle("google").id == "UCK8sQmJBp8GCxrOtXWBpyEA"
    assert server.params()["forHandle"] == "@google"


def test_it_reports_a_handle_nobody_has(make_http):
    empty = {"kind": "youtube#channelListResponse", "pageInfo": {"totalResults": 0}}
    client, _ = youtube(make_http, [httpx.Response(200, json=empty)])
    with raises_saying(NotFound, "no channel with the handle @nobody"):
        client.channel_for_handle("@nobody")


def test_it_marks_very_short_videos_as_shorts(make_http):
    body = fixture_json("youtube", "modeldata_videos_video_api_response.json")
    body["items"][0]["contentDetails"]["duration"] = "PT42S"
    client, _ = youtube(make_http, [httpx.Response(200, json=body)])
    [video] = client.videos(["D-lhorsDlUQ"])
    assert post_from_video(video).kind is PostKind.SHORT
