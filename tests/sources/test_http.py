"""The one HTTP wrapper: retries, Retry-After, rate limits, conditional requests, quotas, errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from pydantic import BaseModel

from influent.sources.errors import (
    InvalidCredentials,
    NotFound,
    QuotaExhausted,
    RateLimited,
    SourceError,
    SourceUnavailable,
    UnexpectedResponse,
)
from influent.sources.http import Quota, TokenBucket, parse_retry_after
from influent_testing import raises_saying, said

from .conftest import NOW, FakeClock, recorded

URL = "https://api.example.com/v1/things"


def ok(body: bytes = b'{"ok": true}', **headers: str) -> httpx.Response:
    return httpx.Response(200, content=body, headers=headers)


def test_it_returns_the_body_and_names_itself(make_http):
    http, server = make_http([ok()])
    fetched = http.get(URL, source="youtube", params={"q": "surf"})
    assert fetched.json() == {"ok": True}
    assert server.params() == {"q": "surf"}
    assert server.requests[0].headers["User-Agent"].startswith("Influent/")


def test_it_retries_a_500_then_succeeds(make_http, clock):
    http, server = make_http([httpx.Response(500), ok()])
    assert http.get_json(URL, source="youtube") == {"ok": True}
    assert len(server.requests) == 2
    assert clock.sleeps == [0.5]


def test_it_gives_up_on_a_500_forever_with_source_unavailable(make_http, clock):
    http, server = make_http([httpx.Response(503)], max_attempts=4)
    with pytest.raises(SourceUnavailable) as caught:
        http.get(URL, source="youtube")
    assert len(server.requests) == 4
    assert clock.sleeps == [0.5, 1.0, 2.0]  # exponential back-off between attempts
    assert said(caught.value) == "YouTube kept failing with HTTP 503 after 4 attempts."
    assert caught.value.status == 503


def test_it_caps_the_back_off_at_max_wait(make_http, clock):
    http, _ = make_http([httpx.Response(502)], max_attempts=6, backoff=1.0, max_wait=5.0)
    with pytest.raises(SourceUnavailable):
        http.get(URL, source="rss")
    assert clock.sleeps == [1.0, 2.0, 4.0, 5.0, 5.0]


def test_it_waits_as_long_as_retry_after_says_on_a_429(make_http, clock):
    http, server = make_http([httpx.Response(429, headers={"Retry-After": "7"}), ok()])
    assert http.get_json(URL, source="instagram") == {"ok": True}
    assert clock.sleeps == [7.0]
    assert len(server.requests) == 2


def test_it_reads_retry_after_as_an_http_date(make_http, clock):
    later = (NOW + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    http, _ = make_http([httpx.Response(429, headers={"Retry-After": later}), ok()])
    http.get(URL, source="instagram")
    assert clock.sleeps == [30.0]


def test_it_raises_rate_limited_when_retry_after_is_longer_than_it_will_wait(make_http, clock):
    http, server = make_http([httpx.Response(429, headers={"Retry-After": "3600"})], max_wait=60)
    with pytest.raises(RateLimited) as caught:
        http.get(URL, source="youtube")
    assert len(server.requests) == 1  # no point asking again before the hour is up
    assert clock.sleeps == []
    assert caught.value.retry_after == 3600.0
    assert "YouTube is rate limiting our requests" in said(caught.value)


def test_it_raises_rate_limited_after_repeated_429s(make_http):
    http, server = make_http([httpx.Response(429)], max_attempts=3)
    with pytest.raises(RateLimited):
        http.get(URL, source="youtube")
    assert len(server.requests) == 3


def test_it_turns_timeouts_into_source_unavailable(make_http, clock):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    http, server = make_http(handler, max_attempts=3)
    with pytest.raises(SourceUnavailable) as caught:
        http.get(URL, source="itunes")
    assert len(server.requests) == 3
    assert said(caught.value) == (
        "iTunes Search did not answer in time at api.example.com after 3 attempts."
    )


def test_it_recovers_from_one_timeout(make_http):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        if len(calls) == 1:
            raise httpx.ConnectTimeout("slow", request=request)
        return ok()

    http, _ = make_http(handler)
    assert http.get_json(URL, source="rss") == {"ok": True}


def test_it_turns_connection_errors_into_source_unavailable(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    http, _ = make_http(handler, max_attempts=2)
    with raises_saying(SourceUnavailable, "could not be reached"):
        http.get(URL, source="rss")


def test_it_raises_unexpected_response_on_malformed_json(make_http):
    http, _ = make_http([ok(b'{"items": [')])
    with pytest.raises(UnexpectedResponse) as caught:
        http.get_json(URL, source="youtube")
    assert said(caught.value) == "YouTube answered api.example.com with something that is not JSON."


class Thing(BaseModel):
    id: str
    count: int


def test_it_raises_unexpected_response_when_the_shape_changes(make_http):
    http, _ = make_http([ok(b'{"count": 3}')])
    with pytest.raises(UnexpectedResponse) as caught:
        http.get_model(Thing, URL, source="youtube", what="things.list")
    assert said(caught.value) == (
        "YouTube answered things.list in a shape we do not know (id: field required), "
        "so its API has probably changed."
    )


@pytest.mark.parametrize(
    ("status", "error"),
    [(401, InvalidCredentials), (404, NotFound), (410, NotFound), (400, SourceError)],
)
def test_it_maps_client_errors_to_typed_errors(make_http, status, error):
    http, server = make_http([httpx.Response(status)])
    with pytest.raises(error) as caught:
        http.get(URL, source="instagram")
    assert caught.value.status == status
    assert caught.value.source == "instagram"
    assert said(caught.value).startswith("Instagram ")
    assert len(server.requests) == 1  # client errors are not retried


def test_it_lets_a_source_classify_its_own_errors(make_http):
    def classify(fetched):
        return NotFound(fetched.source, "Nothing by that name.") if fetched.status == 400 else None

    http, _ = make_http([httpx.Response(400)])
    with raises_saying(NotFound, r"Nothing by that name\."):
        http.get(URL, source="instagram", classify=classify)


def test_it_spaces_requests_to_the_source_rate(make_http, clock):
    http, _ = make_http([ok()], rate_limits={"youtube": 2.0, "rss": 1.0})
    for _ in range(5):
        http.get(URL, source="youtube", conditional=False)
    assert clock.sleeps == [0.5, 0.5, 0.5, 0.5]
    http.get(URL, source="rss", conditional=False)  # another source has its own bucket
    assert clock.sleeps == [0.5, 0.5, 0.5, 0.5]
    assert http.slept == 2.0


def test_it_lets_the_bucket_refill_while_time_passes():
    clock = FakeClock()
    bucket = TokenBucket(1.0, burst=3, clock=clock.time, sleep=clock.sleep)
    assert [bucket.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.acquire() == 1.0
    clock.now += 10
    assert [bucket.acquire() for _ in range(3)] == [0.0, 0.0, 0.0]


def test_it_returns_the_cached_body_when_the_etag_still_matches(make_http):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304, headers={"ETag": '"v1"'})
        return ok(b'{"n": 1}', ETag='"v1"')

    http, server = make_http(handler)
    first = http.get(URL, source="rss")
    second = http.get(URL, source="rss")
    assert "If-None-Match" not in server.requests[0].headers
    assert server.requests[1].headers["If-None-Match"] == '"v1"'
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.json() == {"n": 1}


def test_it_sends_if_modified_since_from_last_modified(make_http):
    stamp = "Mon, 06 May 2024 10:00:00 GMT"

    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-Modified-Since") == stamp:
            return httpx.Response(304)
        return ok(b"<rss/>", **{"Last-Modified": stamp})

    http, _ = make_http(handler)
    http.get(URL, source="rss")
    again = http.get(URL, source="rss")
    assert again.from_cache and again.content == b"<rss/>"


def test_it_keeps_a_separate_cache_entry_per_query(make_http):
    http, server = make_http(lambda r: ok(b"{}", ETag='"x"'))
    http.get(URL, source="rss", params={"page": 1})
    http.get(URL, source="rss", params={"page": 2})
    assert "If-None-Match" not in server.requests[1].headers


def test_it_refuses_a_call_that_would_exceed_the_quota_before_sending_it(make_http):
    http, server = make_http([ok()])
    quota = Quota(150)
    http.get(URL, source="youtube", quota=quota, cost=100)
    with pytest.raises(QuotaExhausted) as caught:
        http.get(URL, source="youtube", quota=quota, cost=100)
    assert len(server.requests) == 1
    assert quota.used == 100
    assert said(caught.value) == (
        "YouTube’s daily quota would run out: this call costs 100 units and 50 of 150 remain today."
    )
    http.get(URL, source="youtube", quota=quota, cost=50)  # an exact fit is allowed
    assert quota.remaining == 0


def test_it_counts_every_attempt_against_the_quota(make_http):
    http, _ = make_http([httpx.Response(500), ok()])
    quota = Quota(10)
    http.get(URL, source="youtube", quota=quota, cost=3)
    assert quota.used == 6  # the failed attempt was a request too


def test_it_stops_retrying_when_the_quota_runs_out_mid_retry(make_http):
    http, server = make_http([httpx.Response(500)])
    quota = Quota(5)
    with pytest.raises(QuotaExhausted):
        http.get(URL, source="youtube", quota=quota, cost=2)
    assert len(server.requests) == 2


def test_it_marks_the_quota_spent_when_the_source_says_so(make_http):
    http, server = make_http([httpx.Response(403)])
    quota = Quota(10_000)

    def classify(fetched):
        return QuotaExhausted(fetched.source, "Spent.")

    with pytest.raises(QuotaExhausted):
        http.get(URL, source="youtube", quota=quota, classify=classify)
    assert quota.remaining == 0
    with pytest.raises(QuotaExhausted):
        http.get(URL, source="youtube", quota=quota)
    assert len(server.requests) == 1


def test_it_starts_a_fresh_quota_each_day():
    today = [datetime(2024, 5, 6, 23, 0, tzinfo=UTC)]
    quota = Quota(100, used=90, now=lambda: today[0])
    assert quota.remaining == 10
    today[0] += timedelta(hours=2)
    assert quota.remaining == 100


def test_it_stops_reading_a_body_larger_than_the_limit(make_http):
    http, _ = make_http([ok(b"x" * 2_000)], max_bytes=1_000)
    with raises_saying(UnexpectedResponse, "more than 1,000 bytes"):
        http.get(URL, source="rss")


def test_it_serves_recorded_fixtures_unchanged(make_http):
    http, _ = make_http([recorded("youtube", "channels_info_multiple.json")])
    assert http.get_json(URL, source="youtube")["kind"] == "youtube#channelListResponse"


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("-5", 0.0),
        ("Mon, 06 May 2024 12:01:00 GMT", 60.0),
        ("Mon, 06 May 2024 11:00:00 GMT", 0.0),
        ("soon", None),
        (None, None),
    ],
)
def test_it_parses_retry_after(header, seconds):
    assert parse_retry_after(header, now=NOW) == seconds
